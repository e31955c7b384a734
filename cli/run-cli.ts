/**
 * `topo <command> [args]`: global options, dispatch to a lazily loaded command, and the one place
 * that turns errors into exit codes. Kept free of process globals so it can be tested in-process;
 * main.ts wires it to the real process.
 */
import { type Command, type CommandContext, ExitCode, UsageError } from './command.js';
import { type CommandEntry, commands as builtinCommands } from './commands/index.js';
import { packageInfo } from './package-info.js';
import { closestMatch } from '../compiler/suggest.js';
import { colorEnabled, createStyle, type Style } from './style.js';

/** Exit status after an interrupt (128 + SIGINT); main.ts reports the actual signal's. */
export const interruptedExitCode = 130;

/** What a run of the CLI gets from its process: everything in a command context but its arguments. */
export type CliEnvironment = Omit<CommandContext, 'argv' | 'color'>;

export async function runCli(
  argv: readonly string[],
  io: CliEnvironment,
  entries: readonly CommandEntry[] = builtinCommands,
): Promise<number> {
  const { args, colorFlag } = takeColorFlags(argv);
  const color = colorEnabled(colorFlag, io.stdout.isTTY, io.env);
  const style = createStyle(color);
  const [first, ...rest] = args;

  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(topLevelHelp(entries, style));
    return ExitCode.ok;
  }
  if (first === '--version') {
    io.stdout.write(`topo ${packageInfo().version}\n`);
    return ExitCode.ok;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(topLevelHelp(entries, style));
      return ExitCode.ok;
    }
    const entry = findEntry(topic, entries, io);
    if (!entry) return ExitCode.usage;
    return withCommand(entry, io, async (command) => {
      io.stdout.write(withNewline(command.help));
      return ExitCode.ok;
    });
  }
  if (first.startsWith('-')) {
    io.stderr.write(
      `topo: unknown option '${first}'\nrun 'topo --help' for the list of commands and options\n`,
    );
    return ExitCode.usage;
  }

  const entry = findEntry(first, entries, io);
  if (!entry) return ExitCode.usage;
  return withCommand(entry, io, async (command) => {
    if (beforeTerminator(rest).some((arg) => arg === '--help' || arg === '-h')) {
      io.stdout.write(withNewline(command.help));
      return ExitCode.ok;
    }
    try {
      return await command.run({ ...io, argv: rest, color });
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr.write(`topo ${entry.name}: ${error.message}\nrun 'topo ${entry.name} --help' for usage\n`);
        return ExitCode.usage;
      }
      throw error;
    }
  });
}

/** Loads the command and runs `body`; anything unexpected on the way becomes exit 3, one line. */
async function withCommand(
  entry: CommandEntry,
  io: CliEnvironment,
  body: (command: Command) => Promise<number>,
): Promise<number> {
  try {
    const command = (await entry.load()).default;
    return await body(command);
  } catch (error) {
    // A command may stop with signal.throwIfAborted(): being interrupted is not a bug.
    if (io.signal.aborted) {
      io.stderr.write('topo: interrupted\n');
      return interruptedExitCode;
    }
    io.stderr.write(internalErrorReport(error, io.env.TOPO_DEBUG === '1'));
    return ExitCode.internal;
  }
}

export function internalErrorReport(error: unknown, withStack: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `topo: internal error: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
  if (withStack && error instanceof Error && error.stack) return `${line}\n${error.stack}\n`;
  return `${line} (set TOPO_DEBUG=1 for the stack trace)\n`;
}

function findEntry(
  name: string,
  entries: readonly CommandEntry[],
  io: CliEnvironment,
): CommandEntry | undefined {
  const entry = entries.find((candidate) => candidate.name === name);
  if (entry) return entry;
  const suggestion = closestMatch(
    name,
    entries.map((candidate) => candidate.name),
  );
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  io.stderr.write(`topo: unknown command '${name}'${hint}\nrun 'topo --help' for the list of commands\n`);
  return undefined;
}

/**
 * --color/--no-color may appear anywhere before a `--` terminator (after it, arguments belong to
 * the command verbatim, e.g. a gost command line given to `topo convert`). The last one wins.
 */
function takeColorFlags(argv: readonly string[]): { args: string[]; colorFlag: boolean | undefined } {
  const args: string[] = [];
  let colorFlag: boolean | undefined;
  let terminated = false;
  for (const arg of argv) {
    if (!terminated && arg === '--') terminated = true;
    if (!terminated && arg === '--color') colorFlag = true;
    else if (!terminated && arg === '--no-color') colorFlag = false;
    else args.push(arg);
  }
  return { args, colorFlag };
}

function beforeTerminator(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function topLevelHelp(entries: readonly CommandEntry[], style: Style): string {
  const width = Math.max(...entries.map((entry) => entry.name.length), 0) + 2;
  const commandLines = entries.map(
    (entry) => `  ${style(entry.name.padEnd(width), 'emphasis')}${entry.summary}`,
  );
  return [
    'topo: check, compile and simulate gost v3 deployments that span several hosts',
    '',
    `${style('Usage:', 'heading')} topo <command> [options]`,
    '',
    style('Commands:', 'heading'),
    ...commandLines,
    '',
    style('Options:', 'heading'),
    '  -h, --help      show this help; `topo <command> --help` shows a command',
    '  --version       print the version',
    '  --color         colour the output even when it is not a terminal',
    '  --no-color      never colour the output (NO_COLOR=1 and TERM=dumb do the same)',
    '',
    style('Exit status:', 'heading'),
    '  0 success, 1 problems found, 2 usage or input error, 3 internal error',
    '',
  ].join('\n');
}
