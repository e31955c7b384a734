import { describe, expect, it } from 'vitest';
import { sortAndDedupe, type Diagnostic } from '../../compiler/diagnostics.js';
import { SourceFile } from '../../compiler/source.js';

describe('SourceFile', () => {
  it('maps offsets to 1-based lines and columns across LF and CRLF', () => {
    const src = new SourceFile('t.yaml', 'ab\r\ncd\nef');
    expect(src.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(src.position(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(src.position(7)).toEqual({ line: 3, column: 1, offset: 7 });
    expect(src.lineText(1)).toBe('ab');
    expect(src.lineText(3)).toBe('ef');
  });

  it('clamps spans to the text', () => {
    const src = new SourceFile('t.yaml', 'abc');
    const span = src.span(-5, 99);
    expect(span.start.offset).toBe(0);
    expect(span.end.offset).toBe(3);
  });
});

describe('sortAndDedupe', () => {
  it('orders by position and drops exact duplicates', () => {
    const src = new SourceFile('t.yaml', 'a\nb\n');
    const d = (rule: string, at: number): Diagnostic => ({
      rule,
      severity: 'error',
      message: 'm',
      span: src.span(at, at + 1),
      related: [],
    });
    const out = sortAndDedupe([d('b', 2), d('a', 0), d('b', 2)]);
    expect(out.map((x) => x.rule)).toEqual(['a', 'b']);
  });
});
