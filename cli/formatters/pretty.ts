/**
 * The human format, in the style of rustc and actionlint:
 *
 *   topo.yaml:12:7: error: chain cycle detected: a -> b -> a [chain-cycle]
 *      |
 *   12 |       chain: a
 *      |       ^~~~~~~~
 *
 * followed by a `note:` with its own frame for each related place, `= help:` when there is advice,
 * and a closing count of errors and warnings.
 */
import { countBySeverity, type Diagnostic, type Severity, type Span } from '../../compiler/diagnostics.js';
import type { SourceFile } from '../../compiler/source.js';
import { createStyle, type Style, type StyleToken } from '../style.js';
import { renderFrame } from './code-frame.js';
import { terminalSafe } from './display-width.js';
import type { Formatter } from './types.js';

const severityToken: Record<Severity, StyleToken> = { error: 'error', warning: 'warning', info: 'info' };

export const formatPretty: Formatter = (diagnostics, sources, options) => {
  const style = createStyle(options.color);
  const blocks = diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, sources, style));
  blocks.push(summaryLine(diagnostics, style));
  return blocks.join('\n\n') + '\n';
};

function renderDiagnostic(
  diagnostic: Diagnostic,
  sources: ReadonlyMap<string, SourceFile>,
  style: Style,
): string {
  const spans = [diagnostic.span, ...diagnostic.related.map((related) => related.span)];
  const gutterWidth = Math.max(...spans.map((span) => String(span.start.line).length));
  const token = severityToken[diagnostic.severity];

  const lines = [
    `${location(diagnostic.span, style)} ${style(`${diagnostic.severity}:`, token)} ` +
      `${terminalSafe(diagnostic.message)} ${style(`[${diagnostic.rule}]`, 'rule')}`,
    ...frame(diagnostic.span, sources, style, token, gutterWidth),
  ];
  for (const related of diagnostic.related) {
    lines.push(`${location(related.span, style)} ${style('note:', 'note')} ${terminalSafe(related.message)}`);
    lines.push(...frame(related.span, sources, style, 'note', gutterWidth));
  }
  if (diagnostic.help !== undefined) {
    const indent = ' '.repeat(gutterWidth + 1);
    const [first = '', ...rest] = terminalSafe(diagnostic.help).split('\n');
    lines.push(`${indent}${style('= help:', 'help')} ${first}`);
    for (const line of rest) lines.push(`${indent}        ${line}`);
  }
  return lines.join('\n');
}

function location(span: Span, style: Style): string {
  return style(`${terminalSafe(span.file)}:${span.start.line}:${span.start.column}:`, 'location');
}

function frame(
  span: Span,
  sources: ReadonlyMap<string, SourceFile>,
  style: Style,
  token: StyleToken,
  gutterWidth: number,
): string[] {
  const source = sources.get(span.file);
  // Without the text (or with a span past its end) the location line alone has to do.
  if (!source || span.start.line > source.lineCount) return [];
  return renderFrame(source, span, { style, token, gutterWidth });
}

function summaryLine(diagnostics: readonly Diagnostic[], style: Style): string {
  const { errors, warnings, infos } = countBySeverity(diagnostics);
  if (diagnostics.length === 0) return style('no problems found', 'success');
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  const token: StyleToken = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info';
  return style(parts.join(', '), token);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
