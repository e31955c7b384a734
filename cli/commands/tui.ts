/**
 * `topo tui FILE [--watch] [--seed N]`: the topology's flow graph in the terminal, its hosts,
 * services, flows and diagnostics, and the expected flows run in the simulator and stepped through
 * hop by hop. Not on a terminal (or in CI) it prints one frame and exits.
 */
import { parseArgs } from 'node:util';
import { closestMatch } from '../../compiler/suggest.js';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';

const defaultSeed = 1;

const help = `Usage: topo tui FILE [--watch] [--seed N]

Shows the topology in the terminal: its flow graph (hosts as boxes with their services, apps and
remote ports, edges for chain hops, forward targets and rtcp/rudp binds, laid out in the order
traffic flows), a list of hosts, services and expected flows, the details of what is selected
(a host's emitted gost config and command line, an edge's session check) and the checker's
diagnostics, each highlighted on the graph when selected. 'r' runs the simulator on the
expected flows; 'n' and 'p' step through a flow hop by hop on the graph.

Keys: arrows or h j k l move, tab switches pane, enter shows details, / filters, r runs,
n/p step, ? shows all keys, q quits.

On something other than a terminal, or when CI is set, it prints one frame and exits.

Options:
  -w, --watch     check the file again whenever it changes; while it does not compile, the
                  last version that did stays on screen with the errors
  -s, --seed N    seed of the simulation's randomness (default ${defaultSeed})
  -h, --help      show this help
      --color, --no-color
                  force colour on or off (default: on for a terminal, unless NO_COLOR)

Exit status: 0 after quitting (or printing the frame), 2 wrong command line or unreadable file.

Examples:
  topo tui topology.yaml
  topo tui topology.yaml --watch
`;

interface TuiArgs {
  file: string;
  watch: boolean;
  seed: number;
}

function parseTuiArgs(argv: readonly string[]): TuiArgs | 'help' {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
      const suggestion = closestMatch(option.replace(/^-+/, ''), ['watch', 'seed', 'help']);
      throw new UsageError(
        `unknown option '${option}'${suggestion ? `; did you mean '--${suggestion}'?` : ''}`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
      throw new UsageError(`${option} needs a value`);
    throw new UsageError(message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  let seed = defaultSeed;
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed) || Number(values.seed) > 0xffffffff)
      throw new UsageError(`--seed takes a whole number from 0 to 4294967295, not '${values.seed}'`);
    seed = Number(values.seed);
  }
  if (positionals.length === 0)
    throw new UsageError('no topology file given (for example: topo tui topology.yaml)');
  if (positionals.length > 1) throw new UsageError(`one topology file at a time (got ${positionals.length})`);
  return { file: positionals[0]!, watch: values.watch === true, seed };
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      watch: { type: 'boolean', short: 'w' },
      seed: { type: 'string', short: 's' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The same test Ink applies: a CI environment only ever gets the last frame, so give it one. */
export function inContinuousIntegration(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.CI === '0' || env.CI === 'false') return false;
  return (
    'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((key) => key.startsWith('CI_'))
  );
}

function sizeFromEnv(env: Readonly<Record<string, string | undefined>>): { columns: number; rows: number } {
  const number = (value: string | undefined, fallback: number) =>
    value !== undefined && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback;
  return { columns: number(env.COLUMNS, 100), rows: number(env.LINES, 30) };
}

async function run(ctx: CommandContext): Promise<number> {
  const args = parseTuiArgs(ctx.argv);
  if (args === 'help') {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const tui = await import('../tui/run-tui.js');
  const options = { file: args.file, cwd: ctx.cwd, env: ctx.env, seed: args.seed, color: ctx.color };
  const interactive = ctx.stdout.isTTY && process.stdin.isTTY === true && !inContinuousIntegration(ctx.env);
  if (!interactive) return tui.printStaticFrame(options, sizeFromEnv(ctx.env), ctx.stdout, ctx.stderr);
  return tui.runInteractive({ ...options, watch: args.watch, signal: ctx.signal });
}

const command: Command = {
  name: 'tui',
  summary: 'explore the flow graph in the terminal and step through flows hop by hop',
  help,
  run,
};

export default command;
