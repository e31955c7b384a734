/**
 * Diagnostics are data: every phase collects them, nothing throws them. Positions are computed
 * once, when the span is made, so formatters never need the parser again.
 */

/** A place in a source text. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A range of characters in one source file (end is exclusive). */
export interface Span {
  file: string;
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedSpan {
  span: Span;
  message: string;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `rtcp-server-bind`; shown as `[id]`. */
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedSpan[];
  help?: string;
  /** The topology host the problem belongs to, when there is one. */
  host?: string;
}

/** Thrown only for bugs in topo itself, never for bad user input. */
export class InternalError extends Error {
  override name = 'InternalError';
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
    a.span.start.offset - b.span.start.offset ||
    a.span.end.offset - b.span.end.offset ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Sorted by file, position, severity, rule and message; exact duplicates removed. */
export function sortAndDedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const prev = out[out.length - 1];
    if (prev && compareDiagnostics(prev, d) === 0) continue;
    out.push(d);
  }
  return out;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
