/**
 * Reading and compiling one topology file for the commands that act on it (emit, sim, graph, up,
 * tui): unreadable input and checker errors are printed the way `topo check` prints them, and the
 * caller gets either the compiled topology or the exit code to return.
 */
import type { CompileResult } from '../compiler/index.js';
import { allRules, compileTopology } from '../compiler/index.js';
import type { CommandContext } from './command.js';
import { ExitCode } from './command.js';
import { formatPretty } from './formatters/pretty.js';
import { packageInfo } from './package-info.js';
import { readInput } from './read-input.js';

export type LoadedTopology =
  | {
      ok: true;
      file: string;
      result: CompileResult & {
        plan: NonNullable<CompileResult['plan']>;
        model: NonNullable<CompileResult['model']>;
      };
    }
  | { ok: false; exitCode: number };

export interface LoadOptions {
  /** Go on despite error diagnostics (they are still printed). */
  force?: boolean;
  /** The command name, for messages. */
  command: string;
}

export async function loadTopology(
  file: string,
  ctx: CommandContext,
  options: LoadOptions,
): Promise<LoadedTopology> {
  const input = await readInput(file, ctx.cwd);
  if (input.kind === 'unreadable') {
    ctx.stderr.write(`topo ${options.command}: ${file}: ${input.problem}\n`);
    return { ok: false, exitCode: ExitCode.usage };
  }
  if (input.kind === 'not-text') {
    ctx.stderr.write(`topo ${options.command}: ${file}: ${input.problem}\n`);
    return { ok: false, exitCode: ExitCode.findings };
  }
  const result = compileTopology(file, input.text, ctx.env);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) {
    ctx.stderr.write(
      formatPretty(shown, new Map([[file, result.source]]), {
        color: ctx.color && ctx.stderr.isTTY,
        cwd: ctx.cwd,
        rules: allRules,
        toolVersion: packageInfo().version,
      }),
    );
  }
  if (!result.plan || !result.model) return { ok: false, exitCode: ExitCode.findings };
  if (errors.length > 0 && !options.force) {
    ctx.stderr.write(
      `topo ${options.command}: ${file} has ${errors.length} error${errors.length === 1 ? '' : 's'} (see above); fix them or pass --force\n`,
    );
    return { ok: false, exitCode: ExitCode.findings };
  }
  return { ok: true, file, result: result as never };
}
