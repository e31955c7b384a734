/**
 * Strings that remember where each character came from while gost's parser trims, prefixes,
 * cuts and splits them. Positions live in one coordinate space per argument list: the
 * arguments joined with two spaces, which is also how gost itself joins them before splitting
 * ` -- ` process groups.
 */
import type { Span } from '../diagnostics.js';
import { type ArgText, joinSpans } from './arg-text.js';

export const argJoiner = '  ';

export class ArgSpace {
  readonly joined: string;
  private readonly starts: number[] = [];

  constructor(readonly args: readonly ArgText[]) {
    let at = 0;
    const parts: string[] = [];
    for (const a of args) {
      this.starts.push(at);
      parts.push(a.text);
      at += a.text.length + argJoiner.length;
    }
    this.joined = parts.join(argJoiner);
  }

  /** The argument index holding joined position `pos`, and the offset inside it. */
  locate(pos: number): { arg: number; offset: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const arg = Math.max(0, lo);
    const len = this.args[arg]?.text.length ?? 0;
    return { arg, offset: Math.min(Math.max(0, pos - (this.starts[arg] ?? 0)), len) };
  }

  /** The source span of joined positions [start, end). */
  span(start: number, end: number): Span {
    const a = this.locate(start);
    const argA = this.args[a.arg]!;
    if (end <= start) return argA.span(a.offset, a.offset);
    const b = this.locate(end - 1);
    const argB = this.args[b.arg]!;
    if (a.arg === b.arg) return argA.span(a.offset, b.offset + 1);
    return joinSpans(argA.span(a.offset, argA.text.length), argB.span(0, b.offset + 1));
  }

  /** The argument `index` as a located string. */
  arg(index: number): Loc {
    const text = this.args[index]!.text;
    const start = this.starts[index]!;
    return new Loc(
      text,
      Array.from({ length: text.length }, (_, i) => start + i),
      start + text.length,
    );
  }

  /** Everything, as gost sees it before splitting process groups. */
  all(): Loc {
    return new Loc(
      this.joined,
      Array.from({ length: this.joined.length }, (_, i) => i),
      this.joined.length,
    );
  }
}

/**
 * A string and, for each character, its joined position; characters gost inserted (such as
 * the `auto://` prefix) have no position of their own and carry `-1 - insertionPoint`.
 */
export class Loc {
  constructor(
    readonly text: string,
    private readonly at: readonly number[],
    /** Where the string ends in the joined space, for empty strings and end positions. */
    private readonly endAt: number,
  ) {}

  get length(): number {
    return this.text.length;
  }

  slice(start: number, end: number = this.text.length): Loc {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    return new Loc(this.text.slice(s, e), this.at.slice(s, e), this.positionAfter(e));
  }

  concat(other: Loc): Loc {
    return new Loc(this.text + other.text, [...this.at, ...other.at], other.endAt);
  }

  /** The string with `inserted` put in front; the inserted characters have no source. */
  prefixed(inserted: string): Loc {
    const anchor = this.at.length > 0 ? realPosition(this.at[0]!) : this.endAt;
    const synthetic = Array.from({ length: inserted.length }, () => -1 - anchor);
    return new Loc(inserted + this.text, [...synthetic, ...this.at], this.endAt);
  }

  /** The string with `appended` put at the end; the appended characters have no source. */
  suffixed(appended: string): Loc {
    const synthetic = Array.from({ length: appended.length }, () => -1 - this.endAt);
    return new Loc(this.text + appended, [...this.at, ...synthetic], this.endAt);
  }

  /** strings.TrimSpace. */
  trimSpace(): Loc {
    let s = 0;
    let e = this.text.length;
    while (s < e && isGoSpace(this.text.charCodeAt(s))) s++;
    while (e > s && isGoSpace(this.text.charCodeAt(e - 1))) e--;
    return this.slice(s, e);
  }

  /** Split on every occurrence of `sep`, like strings.Split. */
  split(sep: string): Loc[] {
    const out: Loc[] = [];
    let from = 0;
    for (;;) {
      const i = this.text.indexOf(sep, from);
      if (i < 0) break;
      out.push(this.slice(from, i));
      from = i + sep.length;
    }
    out.push(this.slice(from));
    return out;
  }

  /** Joined positions covering characters [start, end): real characters only. */
  range(start = 0, end: number = this.text.length): { start: number; end: number } {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = Math.max(0, start); i < Math.min(end, this.text.length); i++) {
      const p = this.at[i]!;
      if (p < 0) continue;
      lo = Math.min(lo, p);
      hi = Math.max(hi, p + 1);
    }
    if (lo === Number.POSITIVE_INFINITY) {
      const anchor = start < this.text.length ? realPosition(this.at[start]!) : this.endAt;
      return { start: anchor, end: anchor };
    }
    return { start: lo, end: hi };
  }

  private positionAfter(index: number): number {
    if (index < this.at.length) return realPosition(this.at[index]!);
    return this.endAt;
  }
}

function realPosition(p: number): number {
  return p >= 0 ? p : -1 - p;
}

/** unicode.IsSpace, which strings.TrimSpace uses. */
export function isGoSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}
