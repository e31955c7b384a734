/**
 * `topo sim FILE`: compile the topology, run every host's gost configs in the simulator, drive the
 * expectations and print what happened. Exit 0 when every expectation holds, 1 when one does not
 * (or the topology has errors and --force was not given), 2 on a wrong command line or an
 * unreadable file.
 */
import { parseArgs } from 'node:util';
import type { SimResult } from '../../sim/index.js';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';
import { formatters } from '../formatters/index.js';
import { packageInfo } from '../package-info.js';
import { readInput } from '../read-input.js';
import { createStyle } from '../style.js';
import { closestMatch } from '../../compiler/suggest.js';

const formats = ['pretty', 'json', 'junit'] as const;
type SimFormat = (typeof formats)[number];

const defaultSeed = 1;

const help = `Usage: topo sim FILE [--format pretty|json|junit] [--seed N] [--trace NAME] [--force]

Runs the gost configs of every host of a topology against each other in a simulated network
(virtual time, the topology's networks, NAT and names, its apps and faults) and checks each
expectation of its 'expect:' list: the flow must arrive at an app (through the hosts in 'via:')
or fail the way 'fails:' says. Without expectations, every listening service is probed.
The same file and seed always give the same result.

Options:
  -f, --format FORMAT  pretty  a table of flows, then the hop-by-hop trace of each failing one
                               (default)
                       json    { seed, flows: [{ name, ok, expected, observed, trace }] }
                       junit   JUnit XML, one test case per expectation
  -s, --seed N         seed of the simulation's randomness (default ${defaultSeed})
  -t, --trace NAME     print the flow called NAME hop by hop
      --force          simulate even when the topology has errors
  -h, --help           show this help
      --color, --no-color
                       force colour on or off (default: on for a terminal, unless NO_COLOR)

Exit status:
  0  every expectation holds
  1  an expectation does not hold, or the topology has errors (without --force)
  2  wrong command line, or a file that cannot be read
  3  internal error

Examples:
  topo sim topology.yaml
  topo sim topology.yaml --trace 'laptop reaches the office ssh'
  topo sim topology.yaml --format junit > sim.xml
  topo sim topology.yaml --format json --seed 42 | jq '.flows[] | select(.ok | not)'
`;

interface SimArgs {
  file: string;
  format: SimFormat;
  seed: number;
  trace?: string;
  force: boolean;
}

export function parseSimArgs(argv: readonly string[]): SimArgs | 'help' {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
      throw new UsageError(`unknown option '${option}'`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
      throw new UsageError(`${option} needs a value`);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format ?? 'pretty';
  if (!(formats as readonly string[]).includes(format)) {
    const suggestion = closestMatch(format, formats);
    throw new UsageError(
      `unknown format '${format}'${suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${formats.join(', ')}`}`,
    );
  }
  let seed = defaultSeed;
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed) || Number(values.seed) > 0xffffffff) {
      throw new UsageError(`--seed takes a whole number from 0 to 4294967295, not '${values.seed}'`);
    }
    seed = Number(values.seed);
  }
  if (positionals.length === 0)
    throw new UsageError('no topology file given (for example: topo sim topology.yaml)');
  if (positionals.length > 1) throw new UsageError(`one topology file at a time (got ${positionals.length})`);
  return {
    file: positionals[0] as string,
    format: format as SimFormat,
    seed,
    ...(values.trace !== undefined ? { trace: values.trace } : {}),
    force: values.force === true,
  };
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string', short: 'f' },
      seed: { type: 'string', short: 's' },
      trace: { type: 'string', short: 't' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** Values that came from the environment are secrets: never printed. */
function maskSecrets(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

async function run(ctx: CommandContext): Promise<number> {
  const args = parseSimArgs(ctx.argv);
  if (args === 'help') {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const input = await readInput(args.file, ctx.cwd);
  ctx.signal.throwIfAborted();
  if (input.kind !== 'text') {
    ctx.stderr.write(`topo sim: ${args.file}: ${input.problem}\n`);
    return ExitCode.usage;
  }
  const { compileTopology } = await import('../../compiler/index.js');
  const compiled = compileTopology(args.file, input.text, ctx.env);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.plan || (errors.length > 0 && !args.force)) {
    const { version } = packageInfo();
    ctx.stderr.write(
      formatters.pretty(compiled.diagnostics, new Map([[args.file, compiled.source]]), {
        color: ctx.color && ctx.stderr.isTTY,
        cwd: ctx.cwd,
        rules: [],
        toolVersion: version,
      }),
    );
    const why = compiled.plan ? ' (use --force to simulate anyway)' : '';
    ctx.stderr.write(
      `topo sim: ${args.file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was simulated${why}\n`,
    );
    return ExitCode.findings;
  }
  const plan = compiled.plan;
  if (args.trace !== undefined && !plan.expectations.some((e) => e.name === args.trace)) {
    const names = plan.expectations.map((e) => e.name);
    const suggestion = closestMatch(args.trace, names);
    throw new UsageError(
      `no flow named '${args.trace}'${suggestion ? `; did you mean '${suggestion}'?` : names.length > 0 ? `; the flows are: ${names.join(', ')}` : ''}`,
    );
  }

  const sim = await import('../../sim/index.js');
  const report = await import('../../sim/report.js');
  const progress = ctx.stderr.isTTY;
  if (progress) ctx.stderr.write(`topo sim: simulating ${args.file} (seed ${args.seed})...`);
  let result: SimResult;
  try {
    result = await sim.simulate(plan, { seed: args.seed });
  } finally {
    if (progress) ctx.stderr.write('\r\x1b[K');
  }
  ctx.signal.throwIfAborted();

  let text: string;
  if (args.format === 'json') text = report.formatJson(result, args.trace);
  else if (args.format === 'junit') text = report.formatJunit(result, args.file, plan.name);
  else {
    const style = createStyle(ctx.color);
    text = report.formatPretty(result, {
      file: args.file,
      paint: (t, token) => style(t, token),
      ...(args.trace !== undefined ? { traceFlow: args.trace } : {}),
    });
  }
  ctx.stdout.write(maskSecrets(text, plan.secrets));
  const failing =
    result.flows.some((f) => !f.ok) || (plan.expectations.length === 0 && result.startErrors.length > 0);
  return failing ? ExitCode.findings : ExitCode.ok;
}

const command: Command = {
  name: 'sim',
  summary: 'simulate the deployment and check its expected flows',
  help,
  run,
};

export default command;
