/**
 * `topo up FILE`: run every host of a topology for real on this machine's loopback — the emitted
 * gost configs on real sockets, one 127.x address per host, the topology's names and reachability
 * enforced when hosts dial — and print where to connect. Runs until SIGINT/SIGTERM, or with
 * --run-expectations drives the topology's expectations over the real sockets and exits.
 */
import { parseArgs } from 'node:util';
import { parseGoDuration } from '../../compiler/duration.js';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';
import { loadTopology } from '../load-topology.js';
import { closestMatch } from '../../compiler/suggest.js';
import { defaultFirstAddress, type ExternalAddress, parseExternal } from '../up/addresses.js';
import { defaultFlowDeadlineMs } from '../up/expectations.js';
import { type LogFormat, type LogLevel, logFormats, logLevels } from '../up/log.js';
import type { UpSettings } from '../up/session.js';

const formats = ['pretty', 'json'] as const;
const defaultReadyTimeoutMs = 10_000;

const help = `Usage: topo up FILE [--host NAME]... [--port-offset N] [--run-expectations] [options]

Runs the gost configs of every host of a topology for real, on this machine's loopback, exactly as
'topo emit' writes them. Each host gets its own address in 127.0.0.0/8 (in topology order from
127.0.1.1: 127.0.1.1, 127.0.1.2, ...; Linux routes the whole /8 to loopback). Names and
reachability are the topology's: a dial to a host's name or address goes to that host's loopback
address, a dial the topology forbids (into a network behind NAT from outside it, to an address no
host has) fails as it would in the deployment, and nothing outside this machine is ever dialled.
A service on ':8443' or '0.0.0.0:8443' listens on its host's address; one on '127.0.0.1:p' too,
but only its own host may dial it. Apps declared in the topology run as small real servers (tcp
echo, banner, udp echo, http hello).

On start it prints the hosts with their addresses and a table of entry points with a command to
try each one, then 'ready' once every listener is bound and every rtcp/rudp port is acknowledged
by its relay. Ctrl-C (SIGINT) or SIGTERM closes every listener and connection and prints what
each service did. A port in use, a bind the relay refused or a crashed service is reported with
its host and service; the other hosts keep running.

Options:
      --host NAME         run only this host (repeat, or NAME,NAME); the others stay down
      --port-offset N     shift every listening port, and every dial to one, by N
                          (default 0; when a port below 1024 cannot be bound without root, an
                          offset of 10000 or more is chosen and said)
      --first-address IP  the first host's address (default ${defaultFirstAddress}); run two
                          topologies at once with different ones
      --allow-external ADDR
                          let hosts dial something on this machine outside the topology:
                          127.0.0.1:5432 (dialled by that address) or
                          api.example.com:443=127.0.0.1:8443 (a destination the topology does not
                          know, answered on this machine); loopback only; repeatable
      --no-apps           do not start the topology's apps
      --run-expectations  after start, drive the topology's expectations over the real sockets
                          with the same client and judgement as 'topo sim', print the results
                          and exit; they run one at a time in the order of their 'at:', faults
                          in between (the time between them is not waited out)
      --flow-deadline D   how long each expectation's client waits for its answer
                          (default ${defaultFlowDeadlineMs / 1000}s; time is real here, so a stalled flow costs this long)
      --ready-timeout D   how long to wait for rtcp/rudp ports to be bound before running
                          expectations, and again after a host comes back up (default ${defaultReadyTimeoutMs / 1000}s)
  -f, --format FORMAT     pretty (default), or json: the tables as one JSON object on a line,
                          then one JSON object per event (ready, notice, expectations, stopped)
      --log-format FORMAT text (default) or json: gost-like log lines on stderr
      --log-level LEVEL   error, warn, info (default: one line per connection and per failure)
                          or debug (every step of every connection)
      --force             run even when the topology has errors
  -h, --help              show this help

Exit status:
  0  stopped cleanly; with --run-expectations, every expectation holds
  1  the topology has errors (without --force), nothing could start, or an expectation failed
  2  wrong command line, or a file that cannot be read
  130, 143  stopped by SIGINT or SIGTERM, the normal way to end a session (the shell's convention)

Examples:
  topo up examples/http-proxy-over-relay-wss.yaml
  topo up examples/relay-remote-forwarding.yaml --port-offset 10000
  topo up examples/relay-proxy-auth.yaml --host relay --host web --log-level debug
  topo up examples/relay-tcp-udp-forwarding.yaml --run-expectations --port-offset 20000
  topo up topology.yaml --format json | jq -c 'select(.event == "ready")'
`;

interface UpArgs {
  file: string;
  force: boolean;
  settings: UpSettings;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = closestMatch(value, allowed);
  throw new UsageError(
    `unknown ${option} '${value}'${suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${allowed.join(', ')}`}`,
  );
}

function duration(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseGoDuration(value);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`${option} takes a duration such as 5s or 1m30s, not '${value}'`);
  return ms;
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string', multiple: true },
      'port-offset': { type: 'string' },
      'first-address': { type: 'string' },
      'allow-external': { type: 'string', multiple: true },
      'no-apps': { type: 'boolean' },
      'run-expectations': { type: 'boolean' },
      'flow-deadline': { type: 'string' },
      'ready-timeout': { type: 'string' },
      format: { type: 'string', short: 'f' },
      'log-format': { type: 'string' },
      'log-level': { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

export function parseUpArgs(argv: readonly string[]): UpArgs | 'help' {
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
  if (positionals.length === 0)
    throw new UsageError('no topology file given (for example: topo up topology.yaml)');
  if (positionals.length > 1) throw new UsageError(`one topology file at a time (got ${positionals.length})`);

  let portOffset: number | undefined;
  if (values['port-offset'] !== undefined) {
    const text = values['port-offset'];
    if (!/^\d+$/.test(text) || Number(text) > 65535) {
      throw new UsageError(`--port-offset takes a whole number from 0 to 65535, not '${text}'`);
    }
    portOffset = Number(text);
  }
  const externals: ExternalAddress[] = [];
  for (const text of values['allow-external'] ?? []) {
    try {
      externals.push(parseExternal(text));
    } catch (error) {
      throw new UsageError(`--allow-external ${(error as Error).message}`);
    }
  }
  const hosts = (values.host ?? []).flatMap((h) => h.split(',')).filter((h) => h !== '');
  const settings: UpSettings = {
    file: positionals[0] as string,
    ...(hosts.length > 0 ? { hosts } : {}),
    ...(portOffset !== undefined ? { portOffset } : {}),
    firstAddress: values['first-address'] ?? defaultFirstAddress,
    externals,
    apps: values['no-apps'] !== true,
    format: oneOf(values.format ?? 'pretty', formats, 'format'),
    logFormat: oneOf<LogFormat>(values['log-format'] ?? 'text', logFormats, 'log format'),
    logLevel: oneOf<LogLevel>(values['log-level'] ?? 'info', logLevels, 'log level'),
    runExpectations: values['run-expectations'] === true,
    flowDeadlineMs: duration(values['flow-deadline'], '--flow-deadline', defaultFlowDeadlineMs),
    readyTimeoutMs: duration(values['ready-timeout'], '--ready-timeout', defaultReadyTimeoutMs),
  };
  return { file: settings.file, force: values.force === true, settings };
}

async function run(ctx: CommandContext): Promise<number> {
  const args = parseUpArgs(ctx.argv);
  if (args === 'help') {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const loaded = await loadTopology(args.file, ctx, { command: 'up', force: args.force });
  if (!loaded.ok) return loaded.exitCode;
  const plan = loaded.result.plan;
  const names = plan.hosts.map((h) => h.name);
  for (const host of args.settings.hosts ?? []) {
    if (names.includes(host)) continue;
    const suggestion = closestMatch(host, names);
    throw new UsageError(
      `no host named '${host}' in ${args.file}${suggestion ? `; did you mean '${suggestion}'?` : `; the hosts are: ${names.join(', ')}`}`,
    );
  }
  const { runUp, SettingError } = await import('../up/session.js');
  try {
    return await runUp(plan, args.settings, ctx);
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(error.message);
    throw error;
  }
}

const command: Command = {
  name: 'up',
  summary: 'run the deployment for real on loopback addresses of this machine',
  help,
  run,
};

export default command;
