/**
 * Reading metadata the way gost does (x/metadata/util): keys are case-insensitive, booleans use
 * Go's strconv.ParseBool ("yes" is false), numbers may be strings, durations in metadata are Go
 * duration strings or seconds.
 */
import { parseGoDuration } from '../duration.js';
import type { Metadata } from './config.js';

export function lookup(md: Metadata | undefined, ...keys: string[]): unknown {
  if (!md || typeof md !== 'object') return undefined;
  let found: unknown;
  const wanted = keys.map((k) => k.toLowerCase());
  // gost's getters let the last matching alias win (their `break` leaves only the inner switch).
  for (const [k, v] of Object.entries(md)) {
    if (wanted.includes(k.toLowerCase())) found = v;
  }
  return found;
}

export function getBool(md: Metadata | undefined, ...keys: string[]): boolean {
  const v = lookup(md, ...keys);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v.trim());
  return false;
}

export function getString(md: Metadata | undefined, ...keys: string[]): string | undefined {
  const v = lookup(md, ...keys);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

export function getInt(md: Metadata | undefined, ...keys: string[]): number | undefined {
  const v = lookup(md, ...keys);
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Milliseconds: an int is seconds, a string a Go duration or bare seconds. */
export function getDurationMs(md: Metadata | undefined, ...keys: string[]): number | undefined {
  const v = lookup(md, ...keys);
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^-?\d+$/.test(t)) return Number(t) * 1000;
    return parseGoDuration(t);
  }
  return undefined;
}
