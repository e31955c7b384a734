import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import command, { parseSimArgs } from '../../cli/commands/sim.js';
import { UsageError } from '../../cli/command.js';

const passing = `
name: tiny
networks:
  internet: {}
hosts:
  gw:
    addresses: { internet: 203.0.113.1 }
    gost: -L tcp://:8000/203.0.113.2:80
  web:
    addresses: { internet: 203.0.113.2 }
    apps:
      echo: { listen: tcp/80 }
  client:
    addresses: { internet: 203.0.113.9 }
expect:
  - name: through the forward
    from: client
    connect: tcp 203.0.113.1:8000
    arrives: web/echo
    via: [gw]
`;

const failing = passing.replace('arrives: web/echo\n    via: [gw]', 'fails: refused');

const broken = passing.replace('-L tcp://:8000/203.0.113.2:80', '-L tcp://:8000/203.0.113.2:81');

async function run(text: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'topo-sim-'));
  writeFileSync(join(dir, 'topology.yaml'), text);
  let stdout = '';
  let stderr = '';
  const code = await command.run({
    argv: ['topology.yaml', ...args],
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    env: {},
    cwd: dir,
    color: false,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe('topo sim', () => {
  it('exits 0 and prints the table when every expectation holds', async () => {
    const { code, stdout, stderr } = await run(passing);
    expect(code).toBe(0);
    expect(stdout).toContain('through the forward');
    expect(stdout).toContain('client > gw > web');
    expect(stdout).toContain('all 1 flows hold');
    expect(stderr).toBe('');
  });

  it('exits 1 on a failing flow, prints its trace and the seed to reproduce it', async () => {
    const { code, stdout } = await run(failing, '--seed', '42');
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL through the forward');
    expect(stdout).toContain('expected: fails refused');
    expect(stdout).toContain('observed: DELIVERED web/echo');
    expect(stdout).toContain('topo sim topology.yaml --seed 42');
  });

  it('prints JSON with the seed and every flow', async () => {
    const { code, stdout } = await run(failing, '--format', 'json', '--seed', '9');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.seed).toBe(9);
    expect(json.flows).toHaveLength(1);
    expect(json.flows[0]).toMatchObject({
      name: 'through the forward',
      ok: false,
      expected: { fails: 'refused' },
      observed: { disposition: 'DELIVERED', arrivedAt: 'web/echo', path: ['client', 'gw', 'web'] },
    });
    expect(json.flows[0].trace.length).toBeGreaterThan(3);
  });

  it('prints one JUnit test case per expectation, failures naming the seed', async () => {
    const { stdout } = await run(failing, '--format', 'junit', '--seed', '7');
    expect(stdout).toContain('<testcase name="through the forward"');
    expect(stdout).toMatch(/<failure message="expected fails refused, observed DELIVERED web\/echo"/);
    expect(stdout).toContain('--seed 7');
  });

  it('prints one flow hop by hop with --trace', async () => {
    const { code, stdout } = await run(passing, '--trace', 'through the forward');
    expect(code).toBe(0);
    expect(stdout).toContain('PASS through the forward');
    expect(stdout).toMatch(/gw\s+service-0 handler\s+forward/);
  });

  it('refuses a topology with errors unless --force is given', async () => {
    const refused = await run(broken);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('nothing was simulated');
    const forced = await run(broken, '--force');
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain('REFUSED');
  });

  it('rejects wrong command lines as usage errors', async () => {
    expect(() => parseSimArgs([])).toThrow(UsageError);
    expect(() => parseSimArgs(['a.yaml', '--format', 'xml'])).toThrow(/unknown format 'xml'/);
    expect(() => parseSimArgs(['a.yaml', '--seed', 'abc'])).toThrow(/--seed/);
    expect(() => parseSimArgs(['a.yaml', 'b.yaml'])).toThrow(/one topology file/);
    expect(parseSimArgs(['a.yaml', '-s', '5', '-f', 'json'])).toEqual({
      file: 'a.yaml',
      format: 'json',
      seed: 5,
      force: false,
    });
    await expect(run(passing, '--trace', 'through the froward')).rejects.toThrow(
      /did you mean 'through the forward'/,
    );
  });
});
