/**
 * Splits a command-line string into words the way a POSIX shell does before running gost:
 * blanks separate words, single quotes keep everything literal, double quotes keep everything
 * but `\$`, `\``, `\"`, `\\` and line continuations, an unquoted backslash quotes the next
 * character, and `#` at the start of a word begins a comment. Nothing is expanded: `$VAR`, `~`
 * and globs stay as written. Every character of a word still maps to the character it came from.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ArgText } from './arg-text.js';

export interface ShellWords {
  words: ArgText[];
  diagnostics: Diagnostic[];
}

const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Characters a backslash escapes inside double quotes (POSIX 2.2.3). */
const doubleQuoteEscapes = new Set(['$', '`', '"', '\\']);

class WordBuilder {
  chars: string[] = [];
  /** Index into the input text of each character of the word. */
  origins: number[] = [];
  /** A word exists once any quote or character was seen, so `''` is an (empty) word. */
  started = false;
  startIndex = 0;

  push(c: string, at: number): void {
    if (!this.started) this.begin(at);
    this.chars.push(c);
    this.origins.push(at);
  }

  begin(at: number): void {
    if (this.started) return;
    this.started = true;
    this.startIndex = at;
  }
}

function wordArg(input: ArgText, b: WordBuilder, endIndex: number): ArgText {
  const text = b.chars.join('');
  const origins = b.origins;
  return {
    text,
    span(s, e) {
      if (origins.length === 0) return input.span(b.startIndex, endIndex);
      const from = Math.max(0, Math.min(s, origins.length - 1));
      if (e <= s) {
        const at = s >= origins.length ? origins[origins.length - 1]! + 1 : origins[from]!;
        return input.span(at, at);
      }
      const to = Math.max(from, Math.min(e, origins.length) - 1);
      return input.span(origins[from]!, origins[to]! + 1);
    },
  };
}

export function splitShellWords(input: ArgText): ShellWords {
  const text = input.text;
  const words: ArgText[] = [];
  const diagnostics: Diagnostic[] = [];
  let word = new WordBuilder();
  let i = 0;

  const finish = (end: number) => {
    if (word.started) words.push(wordArg(input, word, end));
    word = new WordBuilder();
  };
  const unterminated = (quote: string, at: number) => {
    diagnostics.push({
      rule: 'gost-cli',
      severity: 'error',
      message: `unterminated ${quote === "'" ? 'single' : 'double'} quote: the shell would wait for a closing ${quote}`,
      span: input.span(at, text.length),
      related: [],
      help: `add the closing ${quote}; topo reads the rest of the line as quoted`,
    });
  };

  while (i < text.length) {
    const c = text[i]!;
    if (blank(c)) {
      finish(i);
      i++;
      continue;
    }
    if (c === '#' && !word.started) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        word.push('\\', i);
        i++;
      } else if (next === '\n') {
        i += 2;
      } else {
        word.push(next, i + 1);
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      word.begin(i);
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      for (let j = i + 1; j < end; j++) word.push(text[j]!, j);
      if (close < 0) unterminated("'", i);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === '"') {
      word.begin(i);
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          if (e === '\n') {
            j += 2;
            continue;
          }
          if (doubleQuoteEscapes.has(e)) {
            word.push(e, j + 1);
            j += 2;
            continue;
          }
        }
        word.push(d, j);
        j++;
      }
      if (!closed) unterminated('"', i);
      i = closed ? j + 1 : text.length;
      continue;
    }
    word.push(c, i);
    i++;
  }
  finish(text.length);
  return { words, diagnostics };
}

/** Quotes one word so a POSIX shell reads it back unchanged; plain words stay bare. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
