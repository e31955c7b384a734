/**
 * GitHub Actions workflow commands: one `::error file=…,line=…::message` line per diagnostic, which
 * the runner turns into an annotation on the file. Related places and help follow the message on
 * their own lines (encoded, so each diagnostic stays one command).
 */
import type { Diagnostic, Severity } from '../../compiler/diagnostics.js';
import { lastCoveredLine } from './code-frame.js';
import { displayPath } from './paths.js';
import type { Formatter } from './types.js';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export const formatGithub: Formatter = (diagnostics, _sources, options) =>
  diagnostics.map((diagnostic) => `${annotation(diagnostic, options.cwd)}\n`).join('');

function annotation(diagnostic: Diagnostic, cwd: string): string {
  const { span } = diagnostic;
  const endLine = lastCoveredLine(span);
  const properties: [string, string | number][] = [
    ['file', displayPath(span.file, cwd)],
    ['line', span.start.line],
  ];
  // Annotations take columns only within one line; the end column is the last character, inclusive.
  if (endLine === span.start.line) properties.push(['col', span.start.column]);
  properties.push(['endLine', endLine]);
  if (endLine === span.start.line)
    properties.push(['endColumn', Math.max(span.start.column, span.end.column - 1)]);
  properties.push(['title', diagnostic.rule]);

  const body = [diagnostic.message];
  for (const related of diagnostic.related) {
    const where = `${displayPath(related.span.file, cwd)}:${related.span.start.line}:${related.span.start.column}`;
    body.push(`note: ${where}: ${related.message}`);
  }
  if (diagnostic.help !== undefined) body.push(`help: ${diagnostic.help}`);

  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${commands[diagnostic.severity]} ${props}::${escapeData(body.join('\n'))}`;
}

/** Escaping of a workflow command's message, as the Actions runner decodes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value: the message escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
