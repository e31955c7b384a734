/**
 * The shape of a check rule, after ESLint's rule modules: an id that is also the file name, the
 * test name and the docs anchor; docs that explain what gost does; and a check that reads the
 * model and reports.
 */
import type { RelatedSpan, Severity, Span } from '../diagnostics.js';
import type { Model } from '../model/types.js';

export interface RuleDocs {
  /** One sentence: what the rule finds. */
  summary: string;
  /** What gost does at run time when this happens. */
  why: string;
  /** How to fix it. */
  fix: string;
}

export interface Report {
  message: string;
  span: Span;
  host?: string;
  related?: RelatedSpan[];
  help?: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
}

export type ReportFn = (report: Report) => void;

export interface Rule {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  check(model: Model, report: ReportFn): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
