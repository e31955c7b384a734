/**
 * Lines of styled text for the panes: runs of text with a theme token, measured in terminal
 * columns (tabs expanded, control characters made visible, wide characters counted twice), cut or
 * padded to an exact width, or wrapped.
 */
import { lineCells } from '../formatters/display-width.js';
import type { TuiToken } from './theme.js';

export interface Styled {
  text: string;
  token: TuiToken;
}

export type StyledLine = Styled[];

export function line(text: string, token: TuiToken = 'text'): StyledLine {
  return [{ text, token }];
}

export function lineWidth(styled: StyledLine): number {
  let n = 0;
  for (const s of styled) for (const cell of lineCells(s.text)) n += cell.width;
  return n;
}

/** Exactly `width` columns: cut (the last column becomes `…`) or padded with spaces. */
export function fitLine(styled: StyledLine, width: number): StyledLine {
  if (width <= 0) return [];
  const out: StyledLine = [];
  let used = 0;
  const overflow = lineWidth(styled) > width;
  const room = overflow ? width - 1 : width;
  outer: for (const s of styled) {
    let text = '';
    for (const cell of lineCells(s.text)) {
      if (used + cell.width > room) {
        if (text !== '') out.push({ text, token: s.token });
        break outer;
      }
      text += cell.text;
      used += cell.width;
    }
    if (text !== '') out.push({ text, token: s.token });
  }
  if (overflow) {
    out.push({ text: '…', token: 'muted' });
    used++;
  }
  if (used < width) out.push({ text: ' '.repeat(width - used), token: 'plain' });
  return out;
}

/**
 * Breaks a line into lines of at most `width` columns, at a space when the line has one in reach,
 * continuation lines indented by `indent`.
 */
export function wrapLine(styled: StyledLine, width: number, indent = 2): StyledLine[] {
  if (width <= indent + 1 || lineWidth(styled) <= width) return [styled];
  const cells: { text: string; width: number; token: TuiToken }[] = [];
  for (const s of styled)
    for (const cell of lineCells(s.text)) cells.push({ text: cell.text, width: cell.width, token: s.token });
  const lines: StyledLine[] = [];
  let start = 0;
  let first = true;
  while (start < cells.length) {
    const room = first ? width : width - indent;
    let used = 0;
    let end = start;
    while (end < cells.length && used + cells[end]!.width <= room) used += cells[end++]!.width;
    if (end < cells.length) {
      // Break after the last space that leaves at least half the line filled.
      for (let k = end; k > start + Math.floor(room / 2); k--) {
        if (cells[k - 1]!.text === ' ') {
          end = k;
          break;
        }
      }
    }
    const current: StyledLine = first ? [] : [{ text: ' '.repeat(indent), token: 'plain' }];
    for (const cell of cells.slice(start, Math.max(end, start + 1))) {
      const last = current[current.length - 1];
      if (last && last.token === cell.token) last.text += cell.text;
      else current.push({ text: cell.text, token: cell.token });
    }
    lines.push(current);
    start = Math.max(end, start + 1);
    first = false;
  }
  return lines;
}
