import { describe, expect, it } from 'vitest';
import { type Command, type CommandContext, UsageError } from '../../cli/command.js';
import type { CommandEntry } from '../../cli/commands/index.js';
import { commands } from '../../cli/commands/index.js';
import { packageInfo } from '../../cli/package-info.js';
import { type CliEnvironment, runCli } from '../../cli/run-cli.js';
import { recordingOutput } from './fake-context.js';

function environment(overrides: Partial<CliEnvironment> = {}) {
  const stdout = recordingOutput(false);
  const stderr = recordingOutput(false);
  const io: CliEnvironment = {
    stdout,
    stderr,
    env: {},
    cwd: '/tmp',
    signal: new AbortController().signal,
    ...overrides,
  };
  return { io, stdout, stderr };
}

/** A command list with one command whose behaviour the test chooses; `seen` records its context. */
function fakeCommands(run: (ctx: CommandContext) => Promise<number>) {
  const seen: CommandContext[] = [];
  const command: Command = {
    name: 'probe',
    summary: 'a command for tests',
    help: 'Usage: topo probe [ARG...]',
    run: (ctx) => {
      seen.push(ctx);
      return run(ctx);
    },
  };
  const entries: CommandEntry[] = [
    { name: 'probe', summary: command.summary, load: async () => ({ default: command }) },
    {
      name: 'broken',
      summary: 'fails to load',
      load: () => Promise.reject(new Error('module exploded\n    at somewhere (file.js:1:1)')),
    },
  ];
  return { entries, seen };
}

describe('runCli', () => {
  it('prints the command list for --help, -h, help and no arguments, without loading any command', async () => {
    const unloadable: CommandEntry[] = [
      { name: 'check', summary: 'check things', load: () => Promise.reject(new Error('must not load')) },
      { name: 'convert', summary: 'convert things', load: () => Promise.reject(new Error('must not load')) },
    ];
    for (const argv of [['--help'], ['-h'], ['help'], []]) {
      const { io, stdout, stderr } = environment();
      expect(await runCli(argv, io, unloadable)).toBe(0);
      expect(stdout.text).toContain('Usage: topo <command> [options]');
      expect(stdout.text).toMatch(/\n {2}check +check things\n {2}convert +convert things\n/);
      expect(stderr.text).toBe('');
    }
  });

  it('lists the real commands', async () => {
    const { io, stdout } = environment();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const entry of commands) expect(stdout.text).toContain(entry.summary);
  });

  it('prints the version from package.json', async () => {
    const { io, stdout } = environment();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(stdout.text).toBe(`topo ${packageInfo().version}\n`);
    expect(packageInfo().version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('suggests the closest command for an unknown one, exit 2', async () => {
    const { io, stdout, stderr } = environment();
    expect(await runCli(['chekc', 'x.yaml'], io)).toBe(2);
    expect(stderr.text).toBe(
      "topo: unknown command 'chekc'; did you mean 'check'?\nrun 'topo --help' for the list of commands\n",
    );
    expect(stdout.text).toBe('');
  });

  it('reports an unknown command without a suggestion when nothing is close', async () => {
    const { io, stderr } = environment();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(stderr.text).toBe(
      "topo: unknown command 'frobnicate'\nrun 'topo --help' for the list of commands\n",
    );
  });

  it('rejects an unknown global option, exit 2', async () => {
    const { io, stderr } = environment();
    expect(await runCli(['--frobnicate'], io)).toBe(2);
    expect(stderr.text).toContain("topo: unknown option '--frobnicate'");
  });

  it("prints a command's help for `topo <cmd> --help` and `topo help <cmd>` without running it", async () => {
    const { entries, seen } = fakeCommands(async () => 0);
    for (const argv of [
      ['probe', '--help'],
      ['probe', 'file', '-h'],
      ['help', 'probe'],
    ]) {
      const { io, stdout } = environment();
      expect(await runCli(argv, io, entries)).toBe(0);
      expect(stdout.text).toBe('Usage: topo probe [ARG...]\n');
    }
    expect(seen).toEqual([]);
  });

  it('passes arguments after the command, keeping everything after -- verbatim', async () => {
    const { entries, seen } = fakeCommands(async () => 0);
    const { io } = environment();
    expect(await runCli(['probe', 'a', '--', '-L', '--help', '--no-color'], io, entries)).toBe(0);
    expect(seen[0]!.argv).toEqual(['a', '--', '-L', '--help', '--no-color']);
  });

  it('returns the exit code of the command', async () => {
    const { entries } = fakeCommands(async (ctx) => {
      ctx.stdout.write('done\n');
      return 1;
    });
    const { io, stdout } = environment();
    expect(await runCli(['probe'], io, entries)).toBe(1);
    expect(stdout.text).toBe('done\n');
  });

  it('decides colour from the terminal, NO_COLOR, TERM and the --color/--no-color flags', async () => {
    const { entries, seen } = fakeCommands(async () => 0);
    const tty = () => recordingOutput(true);
    await runCli(['probe'], environment({ stdout: tty() }).io, entries);
    await runCli(['probe'], environment({ stdout: tty(), env: { NO_COLOR: '1' } }).io, entries);
    await runCli(['probe'], environment({ stdout: tty(), env: { TERM: 'dumb' } }).io, entries);
    await runCli(['probe'], environment().io, entries);
    await runCli(['--color', 'probe'], environment().io, entries);
    await runCli(['probe', 'x', '--no-color'], environment({ stdout: tty() }).io, entries);
    expect(seen.map((ctx) => ctx.color)).toEqual([true, false, false, false, true, false]);
    expect(seen.at(-1)!.argv).toEqual(['x']);
  });

  it('turns a UsageError into `topo <cmd>: message` and a hint, exit 2', async () => {
    const { entries } = fakeCommands(async () => {
      throw new UsageError("unknown format 'xml'");
    });
    const { io, stderr } = environment();
    expect(await runCli(['probe'], io, entries)).toBe(2);
    expect(stderr.text).toBe("topo probe: unknown format 'xml'\nrun 'topo probe --help' for usage\n");
  });

  it('turns any other exception into one line without a stack, exit 3', async () => {
    const { entries } = fakeCommands(async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const { io, stdout, stderr } = environment();
    expect(await runCli(['probe'], io, entries)).toBe(3);
    expect(stderr.text).toBe(
      'topo: internal error: cannot read properties of undefined (set TOPO_DEBUG=1 for the stack trace)\n',
    );
    expect(stdout.text).toBe('');
  });

  it('keeps a multi-line error message on one line, and reports a command that fails to load', async () => {
    const { entries } = fakeCommands(async () => 0);
    const { io, stderr } = environment();
    expect(await runCli(['broken'], io, entries)).toBe(3);
    expect(stderr.text).toBe(
      'topo: internal error: module exploded at somewhere (file.js:1:1) (set TOPO_DEBUG=1 for the stack trace)\n',
    );
  });

  it('reports thrown non-errors too', async () => {
    const { entries } = fakeCommands(() => Promise.reject('a bare string'));
    const { io, stderr } = environment();
    expect(await runCli(['probe'], io, entries)).toBe(3);
    expect(stderr.text).toContain('topo: internal error: a bare string');
  });

  it('adds the stack when TOPO_DEBUG=1', async () => {
    const { entries } = fakeCommands(async () => {
      throw new Error('boom');
    });
    const { io, stderr } = environment({ env: { TOPO_DEBUG: '1' } });
    expect(await runCli(['probe'], io, entries)).toBe(3);
    const [first, second] = stderr.text.split('\n');
    expect(first).toBe('topo: internal error: boom');
    expect(second).toBe('Error: boom');
    expect(stderr.text).toMatch(/\n {4}at /);
  });

  it('reports a command stopped by the abort signal as interrupted, not as a bug', async () => {
    const controller = new AbortController();
    const { entries } = fakeCommands(async (ctx) => {
      controller.abort(new Error('interrupted by SIGINT'));
      ctx.signal.throwIfAborted();
      return 0;
    });
    const { io, stderr } = environment({ signal: controller.signal });
    expect(await runCli(['probe'], io, entries)).toBe(130);
    expect(stderr.text).toBe('topo: interrupted\n');
  });

  it('gives the command the abort signal, environment and working directory', async () => {
    const { entries, seen } = fakeCommands(async () => 0);
    const controller = new AbortController();
    const { io } = environment({ signal: controller.signal, env: { A: 'b' }, cwd: '/somewhere' });
    await runCli(['probe'], io, entries);
    controller.abort();
    expect(seen[0]!.signal.aborted).toBe(true);
    expect(seen[0]!.env).toEqual({ A: 'b' });
    expect(seen[0]!.cwd).toBe('/somewhere');
  });
});
