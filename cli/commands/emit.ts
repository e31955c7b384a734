/**
 * `topo emit FILE --out DIR`: checks the topology, then writes each host's gost config(s) and its
 * `gost ...` command line, all at once.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EmittedHost, emitHosts } from '../../compiler/emit/hosts.js';
import { writeAtomically, type PlannedFile } from '../atomic-write.js';
import { type Command, ExitCode, UsageError } from '../command.js';
import { loadTopology } from '../load-topology.js';
import { maskText, maskValue } from '../secrets.js';

const help = `Usage: topo emit FILE --out DIR [--format text|json] [--force] [--show-secrets]

Checks the topology and writes, for every host that runs gost:
  DIR/<host>/gost.yaml   the gost v3 config, as gost itself prints it (gost -C gost.yaml)
  DIR/<host>/gost.cmd    the equivalent command line (gost -L ... -F ...), when one exists
A host that runs several gost processes gets gost-1.yaml, gost-2.yaml, ... and one command line
with ' -- ' between the process groups.

All files are written at once: if anything fails, DIR is left as it was. Files topo did not write
are never touched. Files are created with mode 0600, since they hold credentials.

Options:
  -o, --out DIR        the output folder (required unless --format json)
      --format FORMAT  text (default): list what was written; json: print
                       { hosts: { <host>: { config, cli, cliUnavailable? } } } on stdout
      --force          write even when the topology has errors
      --show-secrets   print values that came from \${VAR} (masked by default)
  -h, --help           show this help

Exit status: 0 written, 1 the topology has errors, 2 wrong command line or unreadable input.

Examples:
  topo emit topology.yaml --out build/
  topo emit topology.yaml --format json | jq '.hosts.relay.cli'
`;

interface EmitArgs {
  file?: string;
  out?: string;
  format: 'text' | 'json';
  force: boolean;
  showSecrets: boolean;
  help: boolean;
}

function parseEmitArgs(argv: readonly string[]): EmitArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>;
  const options = {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    force: { type: 'boolean' },
    'show-secrets': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`unknown format '${format}'; use text or json`);
  if (positionals.length > 1) throw new UsageError('give one topology file');
  return {
    ...(positionals[0] !== undefined ? { file: positionals[0] } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    format,
    force: values.force === true,
    showSecrets: values['show-secrets'] === true,
    help: values.help === true,
  };
}

function plannedFiles(hosts: readonly EmittedHost[]): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const h of hosts) {
    for (const p of h.processes) files.push({ path: join(h.host, p.file), content: p.yaml, mode: 0o600 });
    const cmd = h.cli
      ? `${h.cli}\n`
      : `# no single gost command line reproduces this host's config:\n# ${h.cliUnavailable}\n# run: ${h.processes.map((p) => `gost -C ${p.file}`).join(' & ')}\n`;
    files.push({ path: join(h.host, 'gost.cmd'), content: cmd, mode: 0o600 });
  }
  return files;
}

const command: Command = {
  name: 'emit',
  summary: "write each host's gost config and command line",
  help,
  async run(ctx) {
    const args = parseEmitArgs(ctx.argv);
    if (args.help) {
      ctx.stdout.write(help);
      return ExitCode.ok;
    }
    if (!args.file)
      throw new UsageError('no topology file given (for example: topo emit topology.yaml --out build/)');
    if (!args.out && args.format === 'text')
      throw new UsageError('--out DIR is required (or use --format json)');
    const loaded = await loadTopology(args.file, ctx, { command: 'emit', force: args.force });
    if (!loaded.ok) return loaded.exitCode;
    const { plan } = loaded.result;
    const hosts = emitHosts(plan);
    const secrets = args.showSecrets ? new Set<string>() : plan.secrets;
    if (args.out) {
      ctx.signal.throwIfAborted();
      const files = plannedFiles(hosts);
      try {
        await writeAtomically(resolve(ctx.cwd, args.out), files, process.pid);
      } catch (error) {
        ctx.stderr.write(
          `topo emit: cannot write ${args.out}: ${(error as Error).message}; nothing was changed\n`,
        );
        return ExitCode.usage;
      }
      if (args.format === 'text') {
        for (const h of hosts) {
          ctx.stdout.write(
            `${h.host}: ${h.processes.map((p) => join(args.out!, h.host, p.file)).join(', ')}, ${join(args.out, h.host, 'gost.cmd')}\n`,
          );
          ctx.stdout.write(
            h.cli ? `  ${maskText(h.cli, secrets)}\n` : `  no command line: ${h.cliUnavailable}\n`,
          );
        }
      }
    }
    if (args.format === 'json') {
      const out: Record<string, unknown> = {};
      for (const h of hosts) {
        out[h.host] = {
          config: maskValue(
            h.processes.length === 1 ? h.processes[0]!.config : h.processes.map((p) => p.config),
            secrets,
          ),
          ...(h.cli ? { cli: maskText(h.cli, secrets) } : {}),
          ...(h.cliUnavailable ? { cliUnavailable: h.cliUnavailable } : {}),
        };
      }
      ctx.stdout.write(`${JSON.stringify({ hosts: out }, null, 2)}\n`);
    }
    return ExitCode.ok;
  },
};

export default command;
