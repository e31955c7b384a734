/**
 * `topo check FILE...`: read each topology, run the compiler's checks, print the diagnostics in the
 * chosen format. Exit 0 without errors (warnings allowed), 1 with errors, 2 when the command line
 * is wrong or a file cannot be read.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Diagnostic, sortAndDedupe } from '../../compiler/diagnostics.js';
import { SourceFile } from '../../compiler/source.js';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command.js';
import {
  type FormatName,
  formatNames,
  formatters,
  isFormatName,
  type RuleInfo,
} from '../formatters/index.js';
import { packageInfo } from '../package-info.js';
import { readInput } from '../read-input.js';
import { closestMatch } from '../../compiler/suggest.js';

/** What `topo check` needs from the compiler (compiler/index.ts provides it). */
export interface CheckCompiler {
  checkSource(
    file: string,
    text: string,
    env: Readonly<Record<string, string | undefined>>,
  ): { sources: Map<string, SourceFile>; diagnostics: Diagnostic[] };
  allRules: readonly RuleInfo[];
}

/** Problems found before the compiler sees the text; reported like any rule. */
export const inputRules: readonly RuleInfo[] = [
  {
    id: 'encoding',
    severity: 'error',
    docs: {
      summary: 'A topology file must be UTF-8 text.',
      why:
        'A NUL byte or a byte sequence that is not UTF-8 means the file is binary, in another encoding, ' +
        'or damaged; none of it can be read as YAML.',
      fix: 'Check that the right file was given, and save it as UTF-8.',
    },
  },
];

const help = `Usage: topo check FILE... [--format pretty|json|sarif|github]

Checks topology files without starting anything: YAML syntax, the schema, and the rules that
need the whole deployment (which host dials which service, remote binds, UDP, authentication,
...). \${VAR} references in the file are filled from the environment.

Options:
  -f, --format FORMAT  how to print the diagnostics:
                         pretty  file:line:col, message, rule id and the source line (default)
                         json    { diagnostics: [...], summary: { errors, warnings } }
                         sarif   SARIF 2.1.0, for code-scanning uploads
                         github  GitHub Actions annotations (::error file=...::message)
  -h, --help           show this help
      --color, --no-color
                       force colour on or off (default: on for a terminal, unless NO_COLOR)

Exit status:
  0  no errors (warnings allowed)
  1  at least one error
  2  wrong command line, or a file that cannot be read
  3  internal error

Examples:
  topo check topology.yaml
  topo check examples/*.yaml
  topo check --format json topology.yaml | jq .summary
  topo check --format sarif topology.yaml > topo.sarif
  topo check --format github topology.yaml     # in a GitHub Actions step
`;

export function createCheckCommand(loadCompiler: () => Promise<CheckCompiler>): Command {
  return {
    name: 'check',
    summary: 'check topology files and report problems with their place in the file',
    help,
    async run(ctx) {
      const { files, format, showHelp } = parseCheckArgs(ctx.argv);
      if (showHelp) {
        ctx.stdout.write(help);
        return ExitCode.ok;
      }
      return check(files, format, ctx, loadCompiler);
    },
  };
}

export default createCheckCommand(() => import('../../compiler/index.js'));

interface CheckArgs {
  files: string[];
  format: FormatName;
  showHelp: boolean;
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'pretty';
  if (!isFormatName(format)) {
    const suggestion = closestMatch(format, formatNames);
    const hint = suggestion ? `; did you mean '${suggestion}'?` : `; use one of ${formatNames.join(', ')}`;
    throw new UsageError(`unknown format '${format}'${hint}`);
  }
  const showHelp = values.help === true;
  if (positionals.length === 0 && !showHelp) {
    throw new UsageError('no topology file given (for example: topo check topology.yaml)');
  }
  return { files: positionals, format, showHelp };
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** parseArgs explains itself at length; a usage line needs the option and what is wrong with it. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.includes('--format')) {
    return `--format needs a value: ${formatNames.join(', ')}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${option} takes no value`;
  return message;
}

async function check(
  files: readonly string[],
  format: FormatName,
  ctx: CommandContext,
  loadCompiler: () => Promise<CheckCompiler>,
): Promise<number> {
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  let compiler: CheckCompiler | undefined;
  let unreadable = 0;
  let checked = 0;

  for (const file of uniqueFiles(files, ctx.cwd)) {
    const input = await readInput(file, ctx.cwd);
    // An interrupt can cut a read short; what was read is then not the file.
    ctx.signal.throwIfAborted();
    if (input.kind === 'unreadable') {
      ctx.stderr.write(`topo check: ${file}: ${input.problem}\n`);
      unreadable++;
      continue;
    }
    checked++;
    if (input.kind === 'not-text') {
      const source = new SourceFile(file, input.text);
      sources.set(file, source);
      diagnostics.push({
        rule: 'encoding',
        severity: 'error',
        message: input.problem,
        span: source.span(input.offset, input.offset + 1),
        related: [],
      });
      continue;
    }
    compiler ??= await loadCompiler();
    const result = compiler.checkSource(file, input.text, ctx.env);
    for (const [name, source] of result.sources) sources.set(name, source);
    diagnostics.push(...result.diagnostics);
  }

  // With nothing read there is nothing to report on stdout; the reasons are already on stderr.
  if (checked > 0) {
    if (format === 'sarif') compiler ??= await loadCompiler();
    const sorted = sortAndDedupe(diagnostics);
    const { version, homepage } = packageInfo();
    ctx.stdout.write(
      formatters[format](sorted, sources, {
        color: ctx.color,
        cwd: ctx.cwd,
        rules: mergeRules(compiler?.allRules ?? [], inputRules),
        toolVersion: version,
        ...(homepage !== undefined ? { informationUri: homepage } : {}),
      }),
    );
    if (unreadable === 0) return sorted.some((d) => d.severity === 'error') ? ExitCode.findings : ExitCode.ok;
  }
  return ExitCode.usage;
}

/** The same file named twice (even spelled differently) is checked once. */
function uniqueFiles(files: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = resolve(cwd, file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeRules(...lists: (readonly RuleInfo[])[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of lists.flat()) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()];
}
