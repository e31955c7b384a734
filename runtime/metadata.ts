/**
 * gost's metadata maps (x/metadata, x/metadata/util): keys are case-insensitive, a getter takes
 * several alias keys and uses the first one present, and values are coerced the way gost's mdutil
 * coerces them. Durations inside metadata are seconds when numeric.
 */

import type { Metadata as MetadataConfig } from '../compiler/gost/config.js';

export class Metadata {
  private readonly values = new Map<string, unknown>();

  constructor(source?: MetadataConfig) {
    for (const [key, value] of Object.entries(source ?? {})) this.values.set(key.toLowerCase(), value);
  }

  has(key: string): boolean {
    return this.values.has(key.toLowerCase());
  }

  /** The raw value of the first alias present. */
  get(...keys: string[]): unknown {
    for (const key of keys) {
      const k = key.toLowerCase();
      if (this.values.has(k)) return this.values.get(k);
    }
    return undefined;
  }

  /** mdutil.GetBool: booleans, non-zero numbers, and strings accepted by Go's strconv.ParseBool. */
  bool(...keys: string[]): boolean {
    const v = this.get(...keys);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return parseGoBool(v) ?? false;
    return false;
  }

  /** mdutil.GetInt: numbers (truncated), numeric strings; anything else is 0. */
  int(...keys: string[]): number {
    const v = this.get(...keys);
    if (typeof v === 'number') return Math.trunc(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number.parseInt(v.trim(), 10);
    return 0;
  }

  float(...keys: string[]): number {
    const v = this.get(...keys);
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return 0;
  }

  string(...keys: string[]): string {
    const v = this.get(...keys);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    return String(v);
  }

  /** mdutil.GetDuration in milliseconds: numbers are seconds; strings are Go durations or bare seconds. */
  durationMs(...keys: string[]): number {
    const v = this.get(...keys);
    if (typeof v === 'number') return v * 1000;
    if (typeof v === 'string') {
      const parsed = parseGoDurationMs(v.trim());
      if (parsed !== undefined) return parsed;
      if (/^[+-]?\d+$/.test(v.trim())) return Number.parseInt(v.trim(), 10) * 1000;
    }
    return 0;
  }

  strings(...keys: string[]): string[] {
    const v = this.get(...keys);
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === 'string' && v !== '') return v.split(',');
    return [];
  }
}

/** Go's strconv.ParseBool; undefined when the text is not a boolean. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

const durationUnits: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds; undefined when the text is not a duration. */
export function parseGoDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of text.slice(match[1]!.length).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * durationUnits[part[2]!]!;
  }
  return sign * total;
}

/**
 * A duration in a typed YAML field (selector.failTimeout, hop reload): strings are Go durations, bare
 * numbers are nanoseconds (gost's decode hook), so `failTimeout: 30` means 30 ns.
 */
export function typedDurationMs(value: string | number | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value / 1e6;
  return parseGoDurationMs(value.trim()) ?? 0;
}
