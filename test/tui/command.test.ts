import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/command.js';
import tui, { inContinuousIntegration } from '../../cli/commands/tui.js';
import { fakeContext } from '../cli/fake-context.js';
import { repoRoot } from './helpers.js';

async function runTui(argv: string[], env: Record<string, string> = {}) {
  const ctx = fakeContext(argv, { cwd: repoRoot, env });
  const code = await tui.run(ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text };
}

describe('topo tui', () => {
  it('prints one static frame when stdout is not a terminal', async () => {
    const { code, stdout, stderr } = await runTui(['examples/relay-remote-forwarding.yaml'], {
      COLUMNS: '120',
      LINES: '36',
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(36);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(120);
    expect(stdout).toContain('─ flow graph ');
    expect(stdout).toContain('relay+tls');
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it('prints the frame of a topology that does not compile, with its errors', async () => {
    const { code, stdout } = await runTui(['test/fixtures/broken/transport-mismatch.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('relay+wss ✖');
    expect(stdout).toContain('transport-mismatch');
  });

  it('rejects a wrong command line', async () => {
    await expect(runTui([])).rejects.toThrow(UsageError);
    await expect(runTui(['a.yaml', '--wach'])).rejects.toThrow(
      "unknown option '--wach'; did you mean '--watch'?",
    );
    await expect(runTui(['a.yaml', '--seed', 'x'])).rejects.toThrow(
      "--seed takes a whole number from 0 to 4294967295, not 'x'",
    );
    await expect(runTui(['a.yaml', 'b.yaml'])).rejects.toThrow('one topology file at a time (got 2)');
  });

  it('prints its help', async () => {
    const { code, stdout } = await runTui(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(tui.help);
  });

  it('knows a CI environment the way Ink does', () => {
    expect(inContinuousIntegration({})).toBe(false);
    expect(inContinuousIntegration({ CI: 'true' })).toBe(true);
    expect(inContinuousIntegration({ CI: '' })).toBe(true);
    expect(inContinuousIntegration({ CI: 'false' })).toBe(false);
    expect(inContinuousIntegration({ CI: '0' })).toBe(false);
    expect(inContinuousIntegration({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
    expect(inContinuousIntegration({ CI_PIPELINE_ID: '7' })).toBe(true);
  });
});
