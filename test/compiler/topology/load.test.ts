import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointer } from '../../../compiler/gost/span-index.js';
import { loadTopologyText, maxNestingDepth } from '../../../compiler/topology/load.js';

function textAt(src: string, span: { start: { offset: number }; end: { offset: number } }): string {
  return src.slice(span.start.offset, span.end.offset);
}

describe('loadTopologyText', () => {
  it('keeps the span of every key and value', () => {
    const src = 'name: t\nhosts:\n  relay:\n    gost: -L relay://:8420?bind=true\n';
    const { document, diagnostics } = loadTopologyText('t.yaml', src, {});
    expect(diagnostics).toEqual([]);
    expect(textAt(src, document!.keySpans.get(['hosts', 'relay']))).toBe('relay');
    expect(textAt(src, document!.valueSpans.get(['hosts', 'relay', 'gost']))).toBe(
      '-L relay://:8420?bind=true',
    );
    const text = document!.texts.get(pointer(['hosts', 'relay', 'gost']))!;
    const at = text.text.indexOf('bind=true');
    expect(textAt(src, text.span(at, at + 9))).toBe('bind=true');
  });

  it('maps characters of quoted scalars', () => {
    const src = 'a: "-L tcp://:80/x:81"\n';
    const { document } = loadTopologyText('t.yaml', src, {});
    const text = document!.texts.get('/a')!;
    expect(textAt(src, text.span(3, 6))).toBe('tcp');
  });

  it('substitutes ${VAR} and ${VAR:-default}, mapping substituted text to the reference', () => {
    const src = 'a: "u:${PASS}@h:${PORT:-8443}"\n';
    const { document, diagnostics } = loadTopologyText('t.yaml', src, { PASS: 'secret' });
    expect(diagnostics).toEqual([]);
    expect(document!.value).toEqual({ a: 'u:secret@h:8443' });
    const text = document!.texts.get('/a')!;
    expect(textAt(src, text.span(2, 8))).toBe('${PASS}');
    expect(textAt(src, text.span(9, 10))).toBe('h');
    expect(document!.secrets.has('secret')).toBe(true);
  });

  it('reports a missing variable without a default at the reference', () => {
    const src = 'a: x-${NOPE}-y\n';
    const { diagnostics } = loadTopologyText('t.yaml', src, {});
    expect(diagnostics.map((d) => [d.rule, textAt(src, d.span)])).toEqual([['env-missing', '${NOPE}']]);
  });

  it('keeps $${ as a literal ${', () => {
    const { document } = loadTopologyText('t.yaml', 'a: cost $${X}\n', {});
    expect(document!.value).toEqual({ a: 'cost ${X}' });
  });

  it('turns YAML errors into positioned diagnostics', () => {
    const { diagnostics } = loadTopologyText('t.yaml', 'a: [1, 2\nb: c\n', {});
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]!.rule).toBe('yaml-syntax');
    expect(diagnostics[0]!.span.start.line).toBeGreaterThanOrEqual(1);
  });

  it('reports an empty file', () => {
    expect(loadTopologyText('t.yaml', '', {}).diagnostics[0]!.rule).toBe('yaml-empty');
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1];
      lines.push(
        `${names[i]}: &${names[i]} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    const { diagnostics } = loadTopologyText('t.yaml', `${lines.join('\n')}\n`, {});
    expect(diagnostics.map((d) => d.rule)).toContain('yaml-alias-bomb');
  });

  it('refuses very deep nesting', () => {
    const deep = `a: ${'['.repeat(maxNestingDepth + 10)}${']'.repeat(maxNestingDepth + 10)}\n`;
    const { diagnostics } = loadTopologyText('t.yaml', deep, {});
    expect(diagnostics.map((d) => d.rule)).toContain('yaml-too-deep');
  });

  it('reports several documents', () => {
    const { diagnostics } = loadTopologyText('t.yaml', 'a: 1\n---\nb: 2\n', {});
    expect(diagnostics.map((d) => d.rule)).toEqual(['yaml-syntax']);
  });

  it('never throws and keeps every span inside the source, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { diagnostics, document } = loadTopologyText('t.yaml', text, {});
        for (const d of diagnostics) {
          expect(d.span.start.offset).toBeGreaterThanOrEqual(0);
          expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
        }
        if (document)
          for (const [, span] of document.valueSpans.entries())
            expect(span.end.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('character mapping of folded and block scalars', () => {
  it('maps each word of a folded command line to its own line', () => {
    const src = 'hosts:\n  a:\n    gost: >-\n      -L relay://:8420?bind=true\n      -F socks5://h:1080\n';
    const { document } = loadTopologyText('t.yaml', src, {});
    const text = document!.texts.get('/hosts/a/gost')!;
    expect(text.text).toBe('-L relay://:8420?bind=true -F socks5://h:1080');
    const at = text.text.indexOf('socks5');
    const span = text.span(at, at + 6);
    expect(src.slice(span.start.offset, span.end.offset)).toBe('socks5');
    expect(span.start.line).toBe(5);
  });
});
