/**
 * The compiler's public surface: read a topology, validate it, lower each host's gost part,
 * build the cross-host model and run the rules.
 */
import { builtinChecks, type RuleMeta } from './builtin-checks.js';
import { type Diagnostic, InternalError, sortAndDedupe } from './diagnostics.js';
import type { TopologyPlan } from './lower/plan.js';
import { lowerTopology } from './lower/lower.js';
import { buildModel } from './model/build.js';
import type { Model } from './model/types.js';
import { rules } from './rules/index.js';
import type { SourceFile } from './source.js';
import { type Env, loadTopologyText } from './topology/load.js';
import { validateAgainst } from './validate/validate.js';

export interface CompileResult {
  source: SourceFile;
  plan?: TopologyPlan;
  model?: Model;
  /** Sorted, deduplicated. */
  diagnostics: Diagnostic[];
}

/** Every id a diagnostic can carry, with its documentation. */
export const allRules: readonly RuleMeta[] = [
  ...builtinChecks,
  ...rules.map(({ id, severity, docs }) => ({ id, severity, docs })),
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function compileTopology(file: string, text: string, env: Env): CompileResult {
  const loaded = loadTopologyText(file, text, env);
  const diagnostics = [...loaded.diagnostics];
  const doc = loaded.document;
  if (!doc) return { source: loaded.source, diagnostics: sortAndDedupe(diagnostics) };
  const schemaDiagnostics = validateAgainst('topology', doc);
  diagnostics.push(...schemaDiagnostics);
  const { plan, diagnostics: lowering } = lowerTopology(doc);
  diagnostics.push(...lowering);
  const malformed = schemaDiagnostics.length > 0;
  let model: Model | undefined;
  try {
    model = buildModel(plan);
  } catch (err) {
    // A document that failed validation may hold shapes the model cannot place; its schema
    // diagnostics already say why. On a valid document this is a bug.
    if (!malformed)
      throw new InternalError(`building the model failed: ${(err as Error).message}`, { cause: err });
  }
  if (model) {
    for (const rule of rules) {
      try {
        rule.check(model, (r) =>
          diagnostics.push({
            rule: rule.id,
            severity: r.severity ?? rule.severity,
            message: r.message,
            span: r.span,
            related: r.related ?? [],
            ...(r.help ? { help: r.help } : {}),
            ...(r.host ? { host: r.host } : {}),
          }),
        );
      } catch (err) {
        if (!malformed)
          throw new InternalError(`rule ${rule.id} failed: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  return {
    source: loaded.source,
    plan,
    ...(model ? { model } : {}),
    diagnostics: sortAndDedupe(diagnostics),
  };
}

/** What `topo check` needs: the sources to frame and the diagnostics. */
export function checkSource(
  file: string,
  text: string,
  env: Env,
): { sources: Map<string, SourceFile>; diagnostics: Diagnostic[] } {
  const result = compileTopology(file, text, env);
  return { sources: new Map([[file, result.source]]), diagnostics: result.diagnostics };
}

export type { RuleMeta } from './builtin-checks.js';
export type { Diagnostic, Severity, Span } from './diagnostics.js';
export type { Env } from './topology/load.js';
