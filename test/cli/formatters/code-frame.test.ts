import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../../compiler/source.js';
import { maxSourceWidth, renderFrame } from '../../../cli/formatters/code-frame.js';
import { lineCells } from '../../../cli/formatters/display-width.js';
import { createStyle } from '../../../cli/style.js';

const style = createStyle(false);

function frame(text: string, start: number, end: number): string[] {
  const source = new SourceFile('f.yaml', text);
  const span = source.span(start, end);
  return renderFrame(source, span, { style, token: 'error', gutterWidth: String(span.start.line).length });
}

/** Display column where the underline starts, relative to the start of the source text column. */
function underlineColumn(lines: string[]): number {
  return lines[2]!.indexOf('^') - lines[1]!.indexOf('|') - 2;
}

describe('renderFrame', () => {
  it('expands tabs to tab stops and keeps the underline under the span', () => {
    const text = 'a:\tb\tvalue';
    const lines = frame(text, text.indexOf('value'), text.length);
    expect(lines[1]).toBe('1 | a:  b   value');
    expect(lines[2]).toBe('  |         ^~~~~');
  });

  it('counts wide characters as two columns', () => {
    const text = '# 中继服务器 relay: x';
    const lines = frame(text, text.indexOf('relay'), text.indexOf('relay') + 5);
    expect(lines[1]).toBe('1 | # 中继服务器 relay: x');
    expect(lines[2]).toBe(`  | ${' '.repeat(2 + 10 + 1)}^~~~~`);
  });

  it('points past the end of the line for a span at the line end', () => {
    const text = 'key:';
    expect(frame(text, 4, 4)).toEqual(['  |', '1 | key:', '  |     ^']);
  });

  it('prints a caret for an empty span and for an empty line', () => {
    expect(frame('a\n\nb', 2, 2)).toEqual(['  |', '2 |', '  | ^']);
  });

  it('cuts a long line to a window around the span, with ellipses on the cut sides', () => {
    const text = `${'x'.repeat(300)} target ${'y'.repeat(300)}`;
    const start = text.indexOf('target');
    const lines = frame(text, start, start + 6);
    const shown = lines[1]!.slice(4);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect([...shown].length).toBe(maxSourceWidth + 2);
    const column = underlineColumn(lines);
    expect([...shown].slice(column, column + 6).join('')).toBe('target');
    expect(lines[2]!.endsWith('^~~~~~')).toBe(true);
  });

  it('shows the end of a long line when the span is near its end', () => {
    const text = `${'x'.repeat(300)}end`;
    const lines = frame(text, 300, 303);
    const shown = lines[1]!.slice(4);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('xend')).toBe(true);
    expect(lines[2]!.endsWith('^~~')).toBe(true);
    expect(underlineColumn(lines)).toBe([...shown].length - 3);
  });

  it('clips an underline wider than the window', () => {
    const text = 'k: ' + 'v'.repeat(500);
    const lines = frame(text, 3, text.length);
    const underline = lines[2]!.slice(lines[2]!.indexOf('^'));
    expect(underline.length).toBeLessThanOrEqual(maxSourceWidth);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });

  it('always puts the caret under the first character of the span (property)', () => {
    const char = fc.constantFrom('a', ' ', '\t', '中', '😀', 'é', '\u0301', '\x01', '\u202e');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 250 }),
        fc.array(char, { maxLength: 250 }),
        fc.nat(20),
        (before, after, length) => {
          // The span starts at a marker character that appears nowhere else.
          const text = `${before.join('')}Z${after.join('')}`;
          const start = before.join('').length;
          const lines = frame(text, start, Math.min(text.length, start + 1 + length));
          const shown = lines[1]!.slice(lines[1]!.indexOf('|') + 2);
          const prefix = shown.slice(0, shown.indexOf('Z'));
          expect(shown).toContain('Z');
          const widthOf = (t: string) => lineCells(t).reduce((sum, cell) => sum + cell.width, 0);
          expect(underlineColumn(lines)).toBe(widthOf(prefix));
          // The window plus an ellipsis on each side.
          expect(widthOf(shown)).toBeLessThanOrEqual(maxSourceWidth + 2);
        },
      ),
    );
  });
});
