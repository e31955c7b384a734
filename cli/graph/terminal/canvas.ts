/**
 * A grid of terminal cells to draw a graph on: lines are recorded as the directions they leave
 * each cell in, so crossings and joins come out as the right box-drawing characters; text and
 * boxes are written over them. Every cell carries a semantic token that the caller maps to
 * colours; the characters alone (heavy for highlighted lines, dashed for binds) already tell the
 * story without colour.
 */
import { lineCells } from '../../formatters/display-width.js';

export type CanvasToken =
  | 'plain'
  | 'frame'
  | 'title'
  | 'text'
  | 'muted'
  | 'edge'
  | 'label'
  | 'selected'
  | 'step'
  | 'error'
  | 'warning'
  | 'info';

export interface Segment {
  text: string;
  token: CanvasToken;
}

export const north = 1;
export const east = 2;
export const south = 4;
export const west = 8;

export interface LineStyle {
  token: CanvasToken;
  heavy?: boolean;
  dashed?: boolean;
}

const lightChars: Record<number, string> = {
  [east | west]: '─',
  [east]: '─',
  [west]: '─',
  [north | south]: '│',
  [north]: '│',
  [south]: '│',
  [east | south]: '┌',
  [west | south]: '┐',
  [north | east]: '└',
  [north | west]: '┘',
  [north | east | south]: '├',
  [north | west | south]: '┤',
  [east | west | south]: '┬',
  [north | east | west]: '┴',
  [north | east | south | west]: '┼',
};

const heavyChars: Record<number, string> = {
  [east | west]: '━',
  [east]: '━',
  [west]: '━',
  [north | south]: '┃',
  [north]: '┃',
  [south]: '┃',
  [east | south]: '┏',
  [west | south]: '┓',
  [north | east]: '┗',
  [north | west]: '┛',
  [north | east | south]: '┣',
  [north | west | south]: '┫',
  [east | west | south]: '┳',
  [north | east | west]: '┻',
  [north | east | south | west]: '╋',
};

/** Which token wins when lines of different tokens meet in a cell. */
const strength: Record<CanvasToken, number> = {
  plain: 0,
  muted: 1,
  frame: 2,
  text: 2,
  title: 2,
  label: 2,
  edge: 3,
  info: 4,
  warning: 5,
  error: 6,
  selected: 7,
  step: 8,
};

export class Canvas {
  private readonly chars: string[][];
  private readonly tokens: CanvasToken[][];
  private readonly mask: number[][];
  private readonly heavy: boolean[][];
  private readonly dashed: boolean[][];
  /** Cells text or boxes were written to: lines no longer show there. */
  private readonly fixed: boolean[][];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const grid = <T>(value: T) => Array.from({ length: height }, () => Array<T>(width).fill(value));
    this.chars = grid(' ');
    this.tokens = grid<CanvasToken>('plain');
    this.mask = grid(0);
    this.heavy = grid(false);
    this.dashed = grid(false);
    this.fixed = grid(false);
  }

  private inside(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  private join(x: number, y: number, directions: number, style: LineStyle): void {
    if (!this.inside(x, y) || this.fixed[y]![x]) return;
    this.mask[y]![x]! |= directions;
    if (strength[style.token] >= strength[this.tokens[y]![x]!]) this.tokens[y]![x] = style.token;
    if (style.heavy) this.heavy[y]![x] = true;
    if (style.dashed) this.dashed[y]![x] = true;
  }

  /** A horizontal line from x1 to x2 (inclusive) on row y. */
  hline(x1: number, x2: number, y: number, style: LineStyle): void {
    const [a, b] = x1 <= x2 ? [x1, x2] : [x2, x1];
    for (let x = a; x <= b; x++)
      this.join(x, y, (x > a ? west : 0) | (x < b ? east : 0) || east | west, style);
  }

  /** A vertical line from y1 to y2 (inclusive) in column x. */
  vline(x: number, y1: number, y2: number, style: LineStyle): void {
    const [a, b] = y1 <= y2 ? [y1, y2] : [y2, y1];
    for (let y = a; y <= b; y++)
      this.join(x, y, (y > a ? north : 0) | (y < b ? south : 0) || north | south, style);
  }

  /** Marks a line end: the line at (x, y) continues towards `direction`. */
  connect(x: number, y: number, direction: number, style: LineStyle): void {
    this.join(x, y, direction, style);
  }

  /** Writes text from (x, y), at most `max` columns; returns the columns used. */
  text(x: number, y: number, text: string, token: CanvasToken, max = this.width - x): number {
    if (y < 0 || y >= this.height) return 0;
    let used = 0;
    for (const cell of lineCells(text)) {
      if (used + cell.width > max || x + used + cell.width > this.width) break;
      if (x + used >= 0) {
        this.chars[y]![x + used] = cell.text;
        this.tokens[y]![x + used] = token;
        this.fixed[y]![x + used] = true;
        // A wide character covers the next cell too.
        for (let k = 1; k < cell.width; k++) {
          this.chars[y]![x + used + k] = '';
          this.fixed[y]![x + used + k] = true;
        }
      }
      used += cell.width;
    }
    return used;
  }

  /** Fills cells with one character (borders, arrowheads). */
  fill(x: number, y: number, length: number, char: string, token: CanvasToken): void {
    for (let i = 0; i < length; i++) {
      if (!this.inside(x + i, y)) continue;
      this.chars[y]![x + i] = char;
      this.tokens[y]![x + i] = token;
      this.fixed[y]![x + i] = true;
    }
  }

  private lineChar(x: number, y: number): string {
    const m = this.mask[y]![x]!;
    const heavy = this.heavy[y]![x]!;
    if (this.dashed[y]![x] && !heavy) {
      if (m === (east | west) || m === east || m === west) return '┄';
      if (m === (north | south) || m === north || m === south) return '┆';
    }
    return (heavy ? heavyChars : lightChars)[m] ?? '┼';
  }

  /** The rows as runs of text with one token each. */
  rows(): Segment[][] {
    const out: Segment[][] = [];
    for (let y = 0; y < this.height; y++) {
      const row: Segment[] = [];
      for (let x = 0; x < this.width; x++) {
        const char = !this.fixed[y]![x] && this.mask[y]![x] ? this.lineChar(x, y) : this.chars[y]![x]!;
        const token = this.tokens[y]![x]!;
        const last = row[row.length - 1];
        if (last && last.token === token) last.text += char;
        else row.push({ text: char, token });
      }
      out.push(row);
    }
    return out;
  }
}

/** The rows as plain text, trailing spaces removed (for tests and static output). */
export function plainRows(rows: readonly Segment[][]): string[] {
  return rows.map((row) =>
    row
      .map((s) => s.text)
      .join('')
      .replace(/\s+$/, ''),
  );
}
