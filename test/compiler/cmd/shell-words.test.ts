import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineArgText } from '../../../compiler/cmd/arg-text.js';
import { shellQuote, splitShellWords } from '../../../compiler/cmd/shell-words.js';
import { SourceFile } from '../../../compiler/source.js';

const words = (text: string) => splitShellWords(lineArgText(text)).words.map((w) => w.text);

describe('splitShellWords', () => {
  it('splits on blanks and keeps quoted blanks', () => {
    expect(words(`gost -L 'a b'  -F "c d"\te`)).toEqual(['gost', '-L', 'a b', '-F', 'c d', 'e']);
  });

  it('keeps everything literal in single quotes and expands nothing', () => {
    expect(words(`'$HOME \\n "x"' ~ * $VAR`)).toEqual(['$HOME \\n "x"', '~', '*', '$VAR']);
  });

  it('honours the backslash escapes of double quotes only', () => {
    expect(words(`"a\\"b\\$c\\\\d\\e"`)).toEqual(['a"b$c\\d\\e']);
  });

  it('lets an unquoted backslash quote the next character and join lines', () => {
    expect(words('a\\ b c\\\nd')).toEqual(['a b', 'cd']);
  });

  it('joins adjacent quoted parts into one word and keeps empty words', () => {
    expect(words(`-L=tcp://'a'"b"c '' ""`)).toEqual(['-L=tcp://abc', '', '']);
  });

  it('skips comments that start a word', () => {
    expect(words('gost -L :8080 # the proxy\n-F x#y')).toEqual(['gost', '-L', ':8080', '-F', 'x#y']);
  });

  it('reports an unterminated quote and reads the rest as quoted', () => {
    const result = splitShellWords(lineArgText(`gost -L "tcp://:8080?x=1`));
    expect(result.words.map((w) => w.text)).toEqual(['gost', '-L', 'tcp://:8080?x=1']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.rule).toBe('gost-cli');
    expect(result.diagnostics[0]!.span.start.offset).toBe(8);
  });

  it('maps every character of a word back to where it was written', () => {
    const source = new SourceFile('t.yaml', `gost: -L "relay://:8420?bind=true"`);
    const arg = { text: source.text.slice(6), span: (s: number, e: number) => source.span(6 + s, 6 + e) };
    const [, url] = splitShellWords(arg).words;
    const at = url!.text.indexOf('bind=true');
    const span = url!.span(at, at + 'bind=true'.length);
    expect(source.text.slice(span.start.offset, span.end.offset)).toBe('bind=true');
    expect(span.start.column).toBe(25);
  });

  it('reads back what shellQuote writes', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (argv) => {
        expect(words(argv.map(shellQuote).join(' '))).toEqual(argv);
      }),
    );
  });
});
