import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built executable, as `npm test` builds it before the tests run.
const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function topo(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(main)) throw new Error(`${main} is missing: run 'npm run build' first`);
  const { NO_COLOR: _, FORCE_COLOR: __, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/cli/main.js', () => {
  it('starts with a node shebang', () => {
    expect(readFileSync(main, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints the command list for --help, exit 0', () => {
    const result = topo(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: topo <command> [options]');
    expect(result.stdout).toContain('check');
    expect(result.stdout).not.toContain('\x1b');
    expect(result.stderr).toBe('');
  });

  it('prints the version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(topo(['--version'])).toEqual({ status: 0, stdout: `topo ${pkg.version}\n`, stderr: '' });
  });

  it('exits 2 for an unknown command, with a suggestion', () => {
    const result = topo(['chek']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("did you mean 'check'?");
  });

  it('exits 2 with one line for a file that does not exist', () => {
    const result = topo(['check', 'no-such-topology.yaml']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'topo check: no-such-topology.yaml: no such file; check the path\n',
    });
  });

  it('colours output only when asked, and NO_COLOR does not override --color', () => {
    expect(topo(['--color', '--help'], { NO_COLOR: '1' }).stdout).toContain('\x1b[1m');
    expect(topo(['--help', '--no-color']).stdout).not.toContain('\x1b');
  });
});
