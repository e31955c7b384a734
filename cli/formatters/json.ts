/**
 * The machine format: one JSON document with every diagnostic and a summary. Keys are written in
 * a fixed order so the output diffs cleanly. Lines and columns are 1-based; `endColumn` is the
 * column just after the span (exclusive), counted in UTF-16 code units like the start column.
 */
import { countBySeverity, type Diagnostic, type Severity, type Span } from '../../compiler/diagnostics.js';
import type { Formatter } from './types.js';

export interface JsonRange {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonDiagnostic extends JsonRange {
  rule: string;
  severity: Severity;
  message: string;
  host?: string;
  related: (JsonRange & { message: string })[];
  help?: string;
}

export interface JsonReport {
  diagnostics: JsonDiagnostic[];
  summary: { errors: number; warnings: number };
}

export const formatJson: Formatter = (diagnostics) => `${JSON.stringify(jsonReport(diagnostics), null, 2)}\n`;

export function jsonReport(diagnostics: readonly Diagnostic[]): JsonReport {
  const { errors, warnings } = countBySeverity(diagnostics);
  return { diagnostics: diagnostics.map(jsonDiagnostic), summary: { errors, warnings } };
}

function jsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  return {
    rule: diagnostic.rule,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...range(diagnostic.span),
    ...(diagnostic.host !== undefined ? { host: diagnostic.host } : {}),
    related: diagnostic.related.map((related) => ({ ...range(related.span), message: related.message })),
    ...(diagnostic.help !== undefined ? { help: diagnostic.help } : {}),
  };
}

function range(span: Span): JsonRange {
  return {
    file: span.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
  };
}
