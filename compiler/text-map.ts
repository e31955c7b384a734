/**
 * Maps character ranges of a string value back to the source characters it came from. A value
 * differs from its source when YAML quoting, escapes or `${VAR}` substitution changed it; the
 * map keeps literal stretches exact and maps substituted or re-escaped stretches to the source
 * text that produced them.
 */
import type { Span } from './diagnostics.js';
import type { SourceFile } from './source.js';

interface Segment {
  /** Range in the value. */
  valueStart: number;
  valueEnd: number;
  /** Range in the source file. */
  sourceStart: number;
  sourceEnd: number;
  /** Literal segments map character by character; others map as a whole. */
  literal: boolean;
}

export class TextMap {
  readonly text: string;
  private readonly source: SourceFile;
  private readonly segments: Segment[];
  private readonly whole: { start: number; end: number };

  constructor(source: SourceFile, text: string, segments: Segment[], whole: { start: number; end: number }) {
    this.source = source;
    this.text = text;
    this.segments = segments;
    this.whole = whole;
  }

  /** A value whose characters are exactly the source characters starting at `sourceStart`. */
  static identity(source: SourceFile, text: string, sourceStart: number): TextMap {
    const seg = {
      valueStart: 0,
      valueEnd: text.length,
      sourceStart,
      sourceEnd: sourceStart + text.length,
      literal: true,
    };
    return new TextMap(source, text, [seg], { start: sourceStart, end: sourceStart + text.length });
  }

  /** A value that maps, as a whole, onto one source range. */
  static opaque(source: SourceFile, text: string, start: number, end: number): TextMap {
    return new TextMap(source, text, [], { start, end });
  }

  /**
   * A value whose characters appear in order in the source, separated only by characters the
   * YAML syntax added or folded (line breaks, indentation, escapes): each value character is
   * aligned with the next matching source character. Returns undefined when they do not align.
   */
  static aligned(source: SourceFile, text: string, start: number, end: number): TextMap | undefined {
    const segments: Segment[] = [];
    let j = start;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      while (j < end && source.text[j] !== c) {
        const skipped = source.text[j]!;
        // Only syntax may be skipped: whitespace that folding removed, quotes and escape marks.
        if (!/[\s"'\\]/.test(skipped)) return undefined;
        j++;
      }
      if (j >= end) return undefined;
      const last = segments[segments.length - 1];
      if (last && last.valueEnd === i && last.sourceEnd === j) {
        last.valueEnd++;
        last.sourceEnd++;
      } else
        segments.push({ valueStart: i, valueEnd: i + 1, sourceStart: j, sourceEnd: j + 1, literal: true });
      j++;
    }
    return new TextMap(source, text, segments, { start, end });
  }

  /** Build from ordered segments (used by `${VAR}` substitution). */
  static fromSegments(
    source: SourceFile,
    text: string,
    segments: Segment[],
    whole: { start: number; end: number },
  ): TextMap {
    return new TextMap(source, text, segments, whole);
  }

  private toSource(index: number, isEnd: boolean): number | undefined {
    for (const s of this.segments) {
      const inside = isEnd
        ? index > s.valueStart && index <= s.valueEnd
        : index >= s.valueStart && index < s.valueEnd;
      if (!inside) continue;
      if (s.literal) return s.sourceStart + (index - s.valueStart);
      return isEnd ? s.sourceEnd : s.sourceStart;
    }
    return undefined;
  }

  /** The source span of value characters [start, end). */
  span(start: number, end: number): Span {
    if (end <= start) {
      const at = this.toSource(start, false) ?? this.toSource(start, true) ?? this.whole.start;
      return this.source.span(at, at);
    }
    const s = this.toSource(start, false);
    const e = this.toSource(end, true);
    if (s === undefined || e === undefined || e < s)
      return this.source.span(this.whole.start, this.whole.end);
    return this.source.span(s, e);
  }

  /**
   * The mapping of value characters [from, to) as segments whose value offsets start at `at`, for
   * building a derived value (e.g. after substitution) that keeps this map's precision.
   */
  segmentsFor(from: number, to: number, at: number): Segment[] {
    if (this.segments.length === 0) {
      return [
        {
          valueStart: at,
          valueEnd: at + (to - from),
          sourceStart: this.whole.start,
          sourceEnd: this.whole.end,
          literal: false,
        },
      ];
    }
    const out: Segment[] = [];
    for (const s of this.segments) {
      const a = Math.max(from, s.valueStart);
      const b = Math.min(to, s.valueEnd);
      if (a >= b) continue;
      out.push(
        s.literal
          ? {
              valueStart: at + a - from,
              valueEnd: at + b - from,
              sourceStart: s.sourceStart + (a - s.valueStart),
              sourceEnd: s.sourceStart + (b - s.valueStart),
              literal: true,
            }
          : {
              valueStart: at + a - from,
              valueEnd: at + b - from,
              sourceStart: s.sourceStart,
              sourceEnd: s.sourceEnd,
              literal: false,
            },
      );
    }
    return out;
  }

  /** The span of the whole value in the source. */
  wholeSpan(): Span {
    return this.source.span(this.whole.start, this.whole.end);
  }
}

export type { Segment as TextSegment };
