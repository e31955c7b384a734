/**
 * Formatters turn the same diagnostics into different texts; they never parse or re-check anything.
 * Every formatter takes the full options and reads what it needs.
 */
import type { Diagnostic, Severity } from '../../compiler/diagnostics.js';
import type { SourceFile } from '../../compiler/source.js';

/** What a formatter needs to know about a rule (the compiler's rule metadata has this shape). */
export interface RuleInfo {
  id: string;
  severity: Severity;
  docs: { summary: string; why: string; fix: string };
}

export interface FormatOptions {
  /** Emit ANSI colour (only the pretty format uses it). */
  color: boolean;
  /** Directory that file paths in machine formats are made relative to. */
  cwd: string;
  /** Metadata of every rule, for SARIF's rule table. */
  rules: readonly RuleInfo[];
  /** topo's version, for SARIF's tool description. */
  toolVersion: string;
  /** topo's home page, for SARIF's tool description, when known. */
  informationUri?: string;
}

export type Formatter = (
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  options: FormatOptions,
) => string;
