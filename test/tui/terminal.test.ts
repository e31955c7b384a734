/**
 * `topo tui` as a user runs it, from the built CLI (dist/, which the test run builds first): in a
 * real terminal under tmux (keys, the flow stepped hop by hop, a clean terminal after `q`), and
 * printing one frame when it is not on a terminal or CI is set. Every wait is bounded and every
 * tmux server started here is killed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyBox, repoRoot, waitFor } from './helpers.js';

const cli = join(repoRoot, 'dist', 'cli', 'main.js');
const example = 'examples/relay-remote-forwarding.yaml';
const hosts = ['laptop', 'relay', 'office-gw', 'db', 'intranet', 'dns'];

function requireBuild(): void {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' before these tests`);
}

describe('topo tui off a terminal', () => {
  beforeAll(requireBuild);

  it('prints one frame and exits 0 when stdout is a pipe', () => {
    const result = spawnSync(process.execPath, [cli, 'tui', example], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, COLUMNS: '100', LINES: '30' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const host of hosts) expect(result.stdout).toContain(`─ ${host} `);
    expect(result.stdout).toContain('relay+tls');
    expect(result.stdout).not.toContain('\x1b[?1049h');
    expect(result.stdout.split('\n').length).toBeLessThanOrEqual(31);
  });

  it('exits 2 for a file it cannot read', () => {
    const result = spawnSync(process.execPath, [cli, 'tui', 'no/such/topology.yaml'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^topo tui: no\/such\/topology\.yaml: /);
  });
});

const socket = `topo-test-${process.pid}`;
const session = 'tui';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {
    encoding: 'utf8',
    timeout: 10_000,
  });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

function send(...keys: string[]): void {
  tmux('send-keys', '-t', session, ...keys);
}

const prompt = 'topo-test$ ';
/** capture-pane drops trailing spaces, the prompt's included. */
const shownPrompt = prompt.trimEnd();

describe('topo tui in a terminal (tmux)', () => {
  beforeAll(async () => {
    requireBuild();
    // A clean environment: no CI variables (Ink only draws a last frame under CI), a known prompt.
    const shell = `env -i PATH='${process.env.PATH}' HOME='${process.env.HOME}' TERM=xterm-256color PS1='${prompt}' bash --norc --noprofile`;
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', session, '-c', repoRoot, shell);
    await waitFor(screen, (s) => s.includes(shownPrompt));
  }, 30_000);

  afterAll(() => {
    let socketPath: string | undefined;
    try {
      socketPath = tmux('display', '-p', '#{socket_path}').trim();
      tmux('kill-server');
    } catch {
      // The server is already gone.
    }
    // tmux can leave its socket file behind after kill-server.
    if (socketPath) rmSync(socketPath, { force: true });
  });

  it('draws the graph, steps a flow hop by hop and leaves the terminal clean', async () => {
    send('clear', 'Enter');
    send(`node ${cli} tui ${example}; echo "exit=$?"`, 'Enter');
    const first = await waitFor(screen, (s) => s.includes('─ flow graph ') && s.includes('─ office-gw '));
    for (const host of hosts) expect(first).toContain(`─ ${host} `);
    expect(first).toMatch(/─relay\+tls▶/);
    expect(tmux('display', '-p', '-t', session, '#{alternate_on}').trim()).toBe('1');

    send('r');
    const running = await waitFor(screen, (s) => heavyBox(s) !== undefined);
    expect(heavyBox(running)).toBe('laptop');
    const order = [heavyBox(running)];
    for (const next of ['relay', 'office-gw', 'intranet']) {
      send('n');
      order.push(heavyBox(await waitFor(screen, (s) => heavyBox(s) === next)));
    }
    expect(order).toEqual(['laptop', 'relay', 'office-gw', 'intranet']);
    expect(screen()).toContain('hop 4/4: intranet');

    send('q');
    const after = await waitFor(screen, (s) => /exit=\d/.test(s) && s.trimEnd().endsWith(shownPrompt));
    expect(after).toContain('exit=0');
    expect(after).not.toContain('─ flow graph ');
    expect(tmux('display', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    expect(tmux('display', '-p', '-t', session, '#{cursor_flag}').trim()).toBe('1');
  });

  it('prints one frame and returns to the prompt when CI is set', async () => {
    send('clear', 'Enter');
    await waitFor(screen, (s) => s.trim() === shownPrompt);
    send(`CI=1 COLUMNS=100 LINES=20 node ${cli} tui ${example}; echo "exit=$?"`, 'Enter');
    const after = await waitFor(screen, (s) => /exit=\d/.test(s) && s.trimEnd().endsWith(shownPrompt));
    expect(after).toContain('exit=0');
    expect(after).toContain('─ relay ');
    expect(tmux('display', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
  });
});
