/**
 * One command-line argument together with the way back to the characters it was written with,
 * so a diagnostic about `bind=true` can underline exactly those characters, whether the argument
 * came from a YAML string, a YAML list item or a plain argv.
 */
import type { Span } from '../diagnostics.js';
import { SourceFile } from '../source.js';

export interface ArgText {
  readonly text: string;
  /** The source span of the argument's characters [start, end). */
  span(start: number, end: number): Span;
}

/** The name of the synthetic source file that holds an in-memory argv. */
export const commandLineFileName = '<command line>';

/** An argument whose characters are exactly `source.text[start, start + text.length)`. */
export function argTextAt(source: SourceFile, start: number, text: string): ArgText {
  return {
    text,
    span: (s, e) => source.span(start + s, start + Math.max(s, e)),
  };
}

/** Arguments for the given [start, end) regions of a source file, in order. */
export function argTextsFromSource(
  source: SourceFile,
  regions: readonly { start: number; end: number }[],
): ArgText[] {
  return regions.map((r) => argTextAt(source, r.start, source.text.slice(r.start, r.end)));
}

/**
 * Arguments for a plain argv: the synthetic file `<command line>` holds them joined by single
 * spaces, so every argument keeps its own columns.
 */
export function argvTexts(argv: readonly string[], fileName: string = commandLineFileName): ArgText[] {
  return argvSource(argv, fileName).args;
}

/** argvTexts together with the synthetic source file, for printing diagnostics with a code frame. */
export function argvSource(
  argv: readonly string[],
  fileName: string = commandLineFileName,
): { source: SourceFile; args: ArgText[] } {
  const source = new SourceFile(fileName, argv.join(' '));
  const args: ArgText[] = [];
  let at = 0;
  for (const a of argv) {
    args.push(argTextAt(source, at, a));
    at += a.length + 1;
  }
  return { source, args };
}

/** The whole text of a string as one argument of a synthetic file (e.g. a `gost ...` line). */
export function lineArgText(text: string, fileName: string = commandLineFileName): ArgText {
  return argTextAt(new SourceFile(fileName, text), 0, text);
}

/** Characters [start, end) of an argument, as an argument of their own. */
export function sliceArgText(arg: ArgText, start: number, end: number): ArgText {
  return {
    text: arg.text.slice(start, end),
    span: (s, e) => arg.span(start + s, start + Math.max(s, e)),
  };
}

/** The span of a whole argument. */
export function wholeSpan(arg: ArgText): Span {
  return arg.span(0, arg.text.length);
}

/** The smallest span covering both (when they are in one file; otherwise the first). */
export function joinSpans(a: Span, b: Span): Span {
  if (a.file !== b.file) return a;
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return { file: a.file, start, end };
}
