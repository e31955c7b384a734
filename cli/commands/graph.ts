/**
 * `topo graph FILE [--format mermaid|dot|json] [--out FILE]`: the topology's flow graph (hosts
 * grouped by network, services inside their hosts, chain hops, forward targets and rtcp/rudp binds
 * as edges, diagnostics marked where they are) for markdown, graphviz or other tools.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';
import { renderDot } from '../graph/dot.js';
import { flowGraphOf } from '../graph/compiled-graph.js';
import { graphToJson } from '../graph/json.js';
import { renderMermaid } from '../graph/mermaid.js';
import { loadTopology } from '../load-topology.js';
import { closestMatch } from '../../compiler/suggest.js';

const formats = ['mermaid', 'dot', 'json'] as const;
type GraphFormat = (typeof formats)[number];

const help = `Usage: topo graph FILE [--format mermaid|dot|json] [--out FILE]

Draws the topology's flow graph: every network as a group of its hosts (NAT'd and isolated
networks say so), every host with the gost services, apps and remote ports it holds, and an
edge for every connection the configs make:
  a chain hop          the service (or the previous hop's server) to the server the node
                       reaches, labelled connector+dialer (relay+wss)
  a forward target     whoever dials it to the app or service it reaches (fwd 10.0.0.3:22)
  an rtcp/rudp bind    dashed, to the port it opens on the remote host (rtcp bind :2222@relay)
Problems the checker finds are marked on the nodes and edges they concern. The diagnostics
themselves are printed on stderr as 'topo check' prints them.

Options:
  -f, --format FORMAT  mermaid  a flowchart for markdown (GitHub renders it) (default)
                       dot      graphviz: topo graph FILE --format dot | dot -Tsvg > graph.svg
                       json     { name, networks, hosts, nodes, edges, diagnostics }
  -o, --out FILE       write to FILE instead of stdout
  -h, --help           show this help

Exit status: 0 drawn, 1 drawn but the topology has errors (or it could not be read as a
topology), 2 wrong command line or unreadable input.

Examples:
  topo graph topology.yaml > graph.mmd
  topo graph topology.yaml --format dot | dot -Tsvg -o graph.svg
  topo graph topology.yaml --format json | jq '.edges[] | select(.diagnostics != [])'
`;

interface GraphArgs {
  file: string;
  format: GraphFormat;
  out?: string;
}

function parseGraphArgs(argv: readonly string[]): GraphArgs | 'help' {
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
    throw new UsageError(message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format ?? 'mermaid';
  if (!(formats as readonly string[]).includes(format)) {
    const suggestion = closestMatch(format, formats);
    throw new UsageError(
      `unknown format '${format}'${suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${formats.join(', ')}`}`,
    );
  }
  if (positionals.length === 0)
    throw new UsageError('no topology file given (for example: topo graph topology.yaml)');
  if (positionals.length > 1) throw new UsageError(`one topology file at a time (got ${positionals.length})`);
  if (values.out === '') throw new UsageError('--out needs a file name');
  return {
    file: positionals[0]!,
    format: format as GraphFormat,
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** Written beside the target and renamed over it, so a reader never sees half a graph. */
async function writeFileWhole(path: string, content: string): Promise<void> {
  const staged = `${path}.topo-${process.pid}.tmp`;
  try {
    await writeFile(staged, content, { mode: 0o644 });
    await rename(staged, path);
  } catch (error) {
    await rm(staged, { force: true });
    throw error;
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const args = parseGraphArgs(ctx.argv);
  if (args === 'help') {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const loaded = await loadTopology(args.file, ctx, { command: 'graph', force: true });
  if (!loaded.ok) return loaded.exitCode;
  ctx.signal.throwIfAborted();
  const { diagnostics } = loaded.result;
  const graph = flowGraphOf(loaded.result, ctx.env);
  const text =
    args.format === 'mermaid'
      ? renderMermaid(graph)
      : args.format === 'dot'
        ? renderDot(graph)
        : `${JSON.stringify(graphToJson(graph), null, 2)}\n`;
  if (args.out !== undefined) {
    try {
      await writeFileWhole(resolve(ctx.cwd, args.out), text);
    } catch (error) {
      ctx.stderr.write(`topo graph: cannot write ${args.out}: ${(error as Error).message}\n`);
      return ExitCode.usage;
    }
  } else {
    ctx.stdout.write(text);
  }
  return diagnostics.some((d) => d.severity === 'error') ? ExitCode.findings : ExitCode.ok;
}

const command: Command = {
  name: 'graph',
  summary: 'draw the flow graph as mermaid, graphviz dot or json',
  help,
  run,
};

export default command;
