/**
 * The source excerpt under a diagnostic: the span's first line with a line-number gutter and a
 * `^~~~` underline. Long lines are cut to a window around the span; a span that runs over several
 * lines is underlined to the end of its first line and says where it ends.
 */
import type { Span } from '../../compiler/diagnostics.js';
import type { SourceFile } from '../../compiler/source.js';
import type { Style, StyleToken } from '../style.js';
import { type Cell, lineCells } from './display-width.js';

/** Terminal columns of source text shown per line; longer lines are cut around the span. */
export const maxSourceWidth = 100;
/** Columns of context kept before the span when a long line is cut. */
const leadingContext = 16;
const ellipsis = '…';

export interface FrameOptions {
  style: Style;
  /** Colour of the underline: the severity of what is being pointed at. */
  token: StyleToken;
  /** Width of the line-number column, shared by all frames of one diagnostic. */
  gutterWidth: number;
}

/** The last line a span really covers: a span ending at column 1 stops at the previous line break. */
export function lastCoveredLine(span: Span): number {
  return span.end.line > span.start.line && span.end.column === 1 ? span.end.line - 1 : span.end.line;
}

export function renderFrame(source: SourceFile, span: Span, options: FrameOptions): string[] {
  const { style, token, gutterWidth } = options;
  const lineNumber = span.start.line;
  const lineText = source.lineText(lineNumber);
  const multiLine = lastCoveredLine(span) > lineNumber;

  const startUnit = clamp(span.start.column - 1, 0, lineText.length);
  const endUnit =
    span.end.line > lineNumber ? lineText.length : clamp(span.end.column - 1, 0, lineText.length);

  const cells = lineCells(lineText);
  const window = cutWindow(cells, startUnit, Math.max(startUnit, endUnit));
  const underlineWidth = Math.max(1, window.underlineWidth);
  const underline = '^' + '~'.repeat(underlineWidth - 1);
  const continuation = multiLine ? ` (continues to line ${lastCoveredLine(span)})` : '';

  const blankGutter = style(`${' '.repeat(gutterWidth)} |`, 'gutter');
  const numberedGutter = style(`${String(lineNumber).padStart(gutterWidth)} |`, 'gutter');
  const sourceLine = window.text.trimEnd();
  return [
    blankGutter,
    sourceLine === '' ? numberedGutter : `${numberedGutter} ${sourceLine}`,
    `${blankGutter} ${' '.repeat(window.underlineColumn)}${style(underline, token)}${continuation}`,
  ];
}

interface Window {
  text: string;
  /** Display column (0-based, within `text`) where the underline starts. */
  underlineColumn: number;
  underlineWidth: number;
}

/**
 * Chooses the cells to show: the whole line when it fits, otherwise a window that starts a little
 * before the span, marked with an ellipsis on each side that was cut.
 */
function cutWindow(cells: readonly Cell[], startUnit: number, endUnit: number): Window {
  const columns: number[] = [];
  let total = 0;
  for (const cell of cells) {
    columns.push(total);
    total += cell.width;
  }
  const spanStart = displayColumnAt(cells, columns, total, startUnit);
  const spanEnd = displayColumnAt(cells, columns, total, endUnit);

  let first = 0;
  let last = total;
  if (total > maxSourceWidth) {
    first = Math.max(0, Math.min(spanStart - leadingContext, total - maxSourceWidth));
    last = first + maxSourceWidth;
  }
  let text = '';
  let shownFrom = -1;
  let shownTo = first;
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    if (column < first || column + cell.width > last) return;
    if (shownFrom === -1) shownFrom = column;
    text += cell.text;
    shownTo = column + cell.width;
  });
  if (shownFrom === -1) shownFrom = first;
  const cutBefore = shownFrom > 0;
  const cutAfter = shownTo < total;
  const prefix = cutBefore ? ellipsis : '';
  const visibleStart = clamp(spanStart, shownFrom, shownTo);
  const visibleEnd = clamp(spanEnd, visibleStart, shownTo);
  return {
    text: prefix + text + (cutAfter ? ellipsis : ''),
    underlineColumn: prefix.length + visibleStart - shownFrom,
    underlineWidth: visibleEnd - visibleStart,
  };
}

/** Display column where the character at UTF-16 index `unit` starts (the line's width past its end). */
function displayColumnAt(
  cells: readonly Cell[],
  columns: readonly number[],
  total: number,
  unit: number,
): number {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.end > unit) return columns[i]!;
  }
  return total;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}
