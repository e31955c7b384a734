/**
 * The metadata maps of gost's command-line parser: a Go `map[string]any` whose keys keep their
 * case (cmd.go deletes keys exactly as written), and the read-only views that
 * x/metadata.NewMetadata makes of it (keys lower-cased, a snapshot) for x/metadata/util's getters.
 * Entries remember the `key=value` characters they came from.
 */
import type { Span } from '../diagnostics.js';
import { metadataDurationNs } from './go-duration.js';
import { goAtoi, goFormatFloat, goParseBool, goParseFloat } from './go-strconv.js';

export interface MdEntry {
  value: unknown;
  span: Span;
}

/** A Go map[string]any in the order its keys were written (Go's own order is random). */
export class GoMap {
  private readonly entries = new Map<string, MdEntry>();

  static of(values: Record<string, unknown>, span: Span): GoMap {
    const m = new GoMap();
    for (const [k, v] of Object.entries(values)) m.set(k, v, span);
    return m;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): MdEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: unknown, span: Span): void {
    this.entries.set(key, { value, span });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  [Symbol.iterator](): IterableIterator<[string, MdEntry]> {
    return this.entries.entries();
  }

  clone(): GoMap {
    const m = new GoMap();
    for (const [k, e] of this.entries) m.set(k, e.value, e.span);
    return m;
  }

  /** mdx.NewMetadata: a lower-cased snapshot (nil for an empty map). */
  view(): MdView {
    return new MdView(this);
  }

  /** The map as a plain object, or undefined when empty (gost omits empty metadata). */
  toObject(): Record<string, unknown> | undefined {
    if (this.entries.size === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, e] of this.entries) out[k] = e.value;
    return out;
  }
}

export class MdView {
  private readonly values = new Map<string, MdEntry>();

  constructor(source: GoMap) {
    for (const [k, e] of source) this.values.set(k.toLowerCase(), e);
  }

  entry(key: string): MdEntry | undefined {
    return this.values.get(key.toLowerCase());
  }

  /**
   * The entry the getters would use for these alias keys. Their `break` only leaves the type
   * switch, so when several aliases are present the last one listed wins.
   */
  pick(keys: readonly string[]): MdEntry | undefined {
    let found: MdEntry | undefined;
    for (const k of keys) {
      const e = this.entry(k);
      if (e) found = e;
    }
    return found;
  }
}

/** mdutil.GetString. */
export function getString(md: MdView, ...keys: string[]): string {
  const e = md.pick(keys);
  return e ? stringOf(e.value) : '';
}

/** The string GetString makes of a value: numbers and booleans formatted, anything else "". */
export function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFormatFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

/** mdutil.GetInt. */
export function getInt(md: MdView, ...keys: string[]): number {
  const e = md.pick(keys);
  if (!e) return 0;
  const v = e.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isInteger(v) ? v : 0;
  if (typeof v === 'string') return goAtoi(v).value;
  return 0;
}

/** mdutil.GetBool. */
export function getBool(md: MdView, ...keys: string[]): boolean {
  const e = md.pick(keys);
  if (!e) return false;
  const v = e.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) && v !== 0;
  if (typeof v === 'string') return goParseBool(v).value;
  return false;
}

/** mdutil.GetFloat. */
export function getFloat(md: MdView, ...keys: string[]): number {
  const e = md.pick(keys);
  if (!e) return 0;
  const v = e.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return goParseFloat(v).value;
  return 0;
}

/** mdutil.GetDuration in nanoseconds: integers are seconds, strings Go durations or seconds. */
export function getDurationNs(md: MdView, ...keys: string[]): bigint {
  const e = md.pick(keys);
  if (!e) return 0n;
  const v = e.value;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) * 1_000_000_000n : 0n;
  if (typeof v === 'string') return metadataDurationNs(v);
  return 0n;
}

/** The span of the entry the getters would read, if any. */
export function entrySpan(md: MdView, ...keys: string[]): Span | undefined {
  return md.pick(keys)?.span;
}
