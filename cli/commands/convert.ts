/**
 * `topo convert`: between gost command lines and gost's config files, in both directions. From a
 * command line it prints what `gost ARGS -O yaml|json` prints (or the command line normalised);
 * from a config file it prints the equivalent command line, which gost itself cannot do, or the
 * config as gost would print it.
 */
import { parseArgs } from 'node:util';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { argvSource } from '../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../compiler/cmd/parse-gost-args.js';
import { shellQuote } from '../../compiler/cmd/shell-words.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import { emitCommandLine } from '../../compiler/emit/cmdline.js';
import { decodeGoConfig } from '../../compiler/emit/go-decode.js';
import { writeGostJson, writeGostYaml } from '../../compiler/emit/gost-yaml.js';
import type { GostConfig } from '../../compiler/gost/config.js';
import type { SourceFile } from '../../compiler/source.js';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';
import { formatPretty } from '../formatters/pretty.js';
import { packageInfo } from '../package-info.js';
import { readInput } from '../read-input.js';
import { closestMatch } from '../../compiler/suggest.js';

const targets = ['yaml', 'json', 'cli'] as const;
type Target = (typeof targets)[number];

const help = `Usage: topo convert [--to yaml|json|cli] -- GOST_ARGUMENT...
       topo convert [--to cli|yaml|json] FILE

From a gost command line (the arguments after --, exactly as you would give them to gost):
prints the config gost builds from it, as \`gost GOST_ARGUMENT... -O yaml\` (or json) prints it,
or with --to cli the shortest command line gost reads back into the same config. Arguments
split into process groups by -- print one config per group (YAML documents separated by ---).

From a gost config file (YAML or JSON, read as gost reads it): prints the gost command line that
runs the same services (the default), or the config normalised as gost would print it. Services
that use different chains become separate process groups joined by --.

Options:
  -t, --to FORMAT  yaml, json or cli; default yaml for a command line (or its -O value) and cli
                   for a file
      --single-process
                   with --to cli: the result must run as one gost process; a config whose
                   services need different chains is refused instead of split with --
  -h, --help       show this help

Exit status:
  0  converted (warnings, if any, are printed on stderr)
  1  the command line has errors, or the config cannot be read or has no command-line form
  2  wrong usage, or a file that cannot be read
  3  internal error

Examples:
  topo convert -- -L rtcp://:2222/:22 -F 'relay+wss://u:p@relay.example.com:8443?nodelay=true'
  topo convert --to json -- -L socks5://:1080 -L http://:8080
  topo convert --to cli -- -L tcp://:8080/192.168.1.1:80?strategy=round
  topo convert gost.yaml
  topo convert --to yaml gost.json
`;

interface ConvertArgs {
  to?: Target;
  file?: string;
  gostArgs?: string[];
  /** Refuse ` -- ` process groups: the config must run as one gost process. */
  singleProcess?: boolean;
}

export function parseConvertArgs(argv: readonly string[]): ConvertArgs {
  const cut = argv.indexOf('--');
  const own = cut < 0 ? [...argv] : argv.slice(0, cut);
  let parsed: ReturnType<typeof parseOwn>;
  try {
    parsed = parseOwn(own);
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  let to: Target | undefined;
  if (values.to !== undefined) {
    if (!(targets as readonly string[]).includes(values.to)) {
      const suggestion = closestMatch(values.to, [...targets]);
      throw new UsageError(
        `unknown target format '${values.to}'${suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${targets.join(', ')}`}`,
      );
    }
    to = values.to as Target;
  }
  if (cut >= 0) {
    if (positionals.length > 0) {
      throw new UsageError(
        `give either a config file or gost arguments after --, not both (got '${positionals[0]}')`,
      );
    }
    const gostArgs = argv.slice(cut + 1);
    if (gostArgs.length === 0)
      throw new UsageError('no gost arguments after -- (for example: -- -L socks5://:1080)');
    return { ...(to ? { to } : {}), ...(values['single-process'] ? { singleProcess: true } : {}), gostArgs };
  }
  if (positionals.length === 0) {
    throw new UsageError("nothing to convert: give a config file, or gost arguments after '--'");
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `one config file at a time (got ${positionals.length}); to convert gost arguments put them after '--'`,
    );
  }
  return {
    ...(to ? { to } : {}),
    ...(values['single-process'] ? { singleProcess: true } : {}),
    file: positionals[0]!,
  };
}

function parseOwn(args: string[]) {
  return parseArgs({
    args,
    options: {
      to: { type: 'string', short: 't' },
      'single-process': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `unknown option '${option}' (gost arguments go after '--')`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option '${option}' needs a value`;
  return message.split('\n')[0] ?? message;
}

function printDiagnostics(
  ctx: CommandContext,
  diagnostics: readonly Diagnostic[],
  sources: Map<string, SourceFile>,
): void {
  if (diagnostics.length === 0) return;
  ctx.stderr.write(
    formatPretty(diagnostics, sources, {
      color: ctx.color && ctx.stderr.isTTY,
      cwd: ctx.cwd,
      rules: [],
      toolVersion: packageInfo().version,
    }),
  );
}

function writeConfig(config: GostConfig, to: 'yaml' | 'json'): string {
  return to === 'json' ? writeGostJson(config).text : writeGostYaml(config).text;
}

function convertCommandLine(
  ctx: CommandContext,
  gostArgs: string[],
  to: Target | undefined,
  singleProcess = false,
): number {
  const { source, args } = argvSource(gostArgs);
  const result = parseGostArgs(args, { purpose: 'print' });
  printDiagnostics(ctx, result.diagnostics, new Map([[source.path, source]]));
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    ctx.stderr.write('topo convert: gost would not start with this command line; nothing converted\n');
    return ExitCode.findings;
  }
  const requested = result.groups[0]?.outputFormat;
  const target: Target = to ?? (requested === 'json' ? 'json' : 'yaml');
  if (target === 'cli') {
    const parts: string[][] = [];
    for (const [i, group] of result.groups.entries()) {
      const emitted = emitCommandLine(group.config, { allowGroups: !singleProcess });
      if (!emitted.ok) {
        ctx.stderr.write(
          `topo convert: process group ${i + 1} has no shorter command line: ${emitted.reason}\n`,
        );
        return ExitCode.findings;
      }
      parts.push(...emitted.groups);
    }
    ctx.stdout.write(`${quoteGroups(parts)}\n`);
    return ExitCode.ok;
  }
  const texts = result.groups.map((g) => writeConfig(g.config, target));
  ctx.stdout.write(target === 'yaml' ? texts.join('---\n') : texts.join(''));
  return ExitCode.ok;
}

/** One `gost …` line, quoted for a POSIX shell, with ` -- ` between process groups. */
function quoteGroups(groups: string[][]): string {
  const argv = groups.flatMap((g, i) => (i === 0 ? g : ['--', ...g]));
  return ['gost', ...argv].map(shellQuote).join(' ');
}

async function convertFile(
  ctx: CommandContext,
  file: string,
  to: Target | undefined,
  singleProcess = false,
): Promise<number> {
  const input = await readInput(file, ctx.cwd);
  if (input.kind === 'unreadable') throw new UsageError(`cannot read ${file}: ${input.problem}`);
  if (input.kind === 'not-text') {
    ctx.stderr.write(`topo convert: ${file} is not a text file: ${input.problem}\n`);
    return ExitCode.findings;
  }
  let value: unknown;
  try {
    value = parseYaml(input.text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    ctx.stderr.write(`topo convert: ${file} is not valid YAML or JSON: ${detail}\n`);
    return ExitCode.findings;
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    ctx.stderr.write(
      `topo convert: ${file} does not hold a gost config (expected a mapping with services, chains, ...)\n`,
    );
    return ExitCode.findings;
  }
  const decoded = decodeGoConfig(value, 'yaml');
  for (const p of decoded.problems) {
    ctx.stderr.write(`${file}: warning: ${p.path.join('.')}: ${p.message}\n`);
  }
  const target: Target = to ?? 'cli';
  if (target !== 'cli') {
    ctx.stdout.write(writeConfig(decoded.config, target));
    return ExitCode.ok;
  }
  const emitted = emitCommandLine(decoded.config, { allowGroups: !singleProcess });
  if (!emitted.ok) {
    ctx.stderr.write(`topo convert: ${file} has no gost command-line form: ${emitted.reason}\n`);
    return ExitCode.findings;
  }
  ctx.stdout.write(`${emitted.line}\n`);
  return ExitCode.ok;
}

const command: Command = {
  name: 'convert',
  summary: "convert between gost command lines and gost's YAML/JSON config",
  help,
  async run(ctx) {
    const cut = ctx.argv.indexOf('--');
    const own = cut < 0 ? ctx.argv : ctx.argv.slice(0, cut);
    if (own.includes('--help') || own.includes('-h')) {
      ctx.stdout.write(help);
      return ExitCode.ok;
    }
    const args = parseConvertArgs(ctx.argv);
    if (args.gostArgs) return convertCommandLine(ctx, args.gostArgs, args.to, args.singleProcess);
    return convertFile(ctx, args.file!, args.to, args.singleProcess);
  },
};

export default command;
