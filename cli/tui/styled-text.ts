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

/** Breaks a line into lines of at most `width` columns, continuation lines indented by `indent`. */
export function wrapLine(styled: StyledLine, width: number, indent = 2): StyledLine[] {
  if (width <= indent + 1 || lineWidth(styled) <= width) return [styled];
  const lines: StyledLine[] = [];
  let current: StyledLine = [];
  let used = 0;
  const push = (text: string, token: TuiToken) => {
    const last = current[current.length - 1];
    if (last && last.token === token) last.text += text;
    else current.push({ text, token });
  };
  for (const s of styled) {
    for (const cell of lineCells(s.text)) {
      if (used + cell.width > width) {
        lines.push(current);
        current = [{ text: ' '.repeat(indent), token: 'plain' }];
        used = indent;
      }
      push(cell.text, s.token);
      used += cell.width;
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}
