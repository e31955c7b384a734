/**
 * gost's URL normalisation (x/config/cmd/cmd.go Norm and cutHost) over located strings, so the
 * parsed URL's parts can still be traced to the characters of the argument.
 */
import { type GoURL, parseGoURL, type Range } from './go-url.js';
import type { Loc } from './located.js';

export interface LocatedURL {
  url: GoURL;
  /** The string url.Parse saw; `url.ranges` index into it. */
  loc: Loc;
  /** The host as gost uses it (for services, the text cutHost took out before parsing). */
  host: Loc;
}

export type NormResult =
  | { ok: true; value: LocatedURL }
  | { ok: false; error: string; loc: Loc; range: Range };

/** Whether gost puts `auto://` in front: the text starts with `:` or has no `://`. */
export function needsAutoScheme(text: string): boolean {
  return text.startsWith(':') || !text.includes('://');
}

/** The located slice of a parsed component (its raw characters). */
export function component(loc: Loc, range: Range | undefined): Loc {
  if (!range) return loc.slice(loc.length, loc.length);
  return loc.slice(range.start, range.end);
}

/**
 * Norm: trim, add `auto://` when there is no scheme, url.Parse, and rewrite `https` to
 * `http+tls`. The host is the parsed authority's host.
 */
export function norm(input: Loc): NormResult {
  let s = input.trimSpace();
  if (s.text === '') return { ok: false, error: 'invalid cmd', loc: s, range: { start: 0, end: 0 } };
  if (needsAutoScheme(s.text)) s = s.prefixed('auto://');
  const parsed = parseGoURL(s.text);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `parse ${JSON.stringify(s.text)}: ${parsed.error}`,
      loc: s,
      range: parsed.range,
    };
  }
  const url = parsed.url;
  if (url.scheme === 'https') url.scheme = 'http+tls';
  return { ok: true, value: { url, loc: s, host: component(s, url.ranges.host) } };
}

/**
 * cutHost: the authority's host (after the last `@`, up to the first `/` or `?`) taken out of the
 * string, and the rest. Service URLs go through this before url.Parse, so their host may hold
 * port ranges or characters url.Parse would reject.
 */
export function cutHost(s: Loc): { host: Loc; remain: Loc } {
  if (s.text === '') return { host: s, remain: s };
  const n = s.text.indexOf(':');
  let start = Math.min(n + 3, s.length);
  const tail = s.text.slice(start);
  const stop = tail.search(/[/?]/);
  const end = stop < 0 ? s.length : start + stop;
  const at = s.text.slice(start, end).lastIndexOf('@');
  if (at >= 0) start += at + 1;
  return { host: s.slice(start, end), remain: s.slice(0, start).concat(s.slice(end)) };
}

/**
 * The service form of Norm used by BuildConfigFromCmd: trim, default the scheme, cut the host
 * out, Norm the rest and put the host back.
 */
export function normService(input: Loc): NormResult {
  let s = input.trimSpace();
  if (s.text === '') return { ok: false, error: 'invalid cmd', loc: s, range: { start: 0, end: 0 } };
  if (needsAutoScheme(s.text)) s = s.prefixed('auto://');
  const { host, remain } = cutHost(s);
  const normed = norm(remain);
  if (!normed.ok) return normed;
  normed.value.url.host = host.text;
  return { ok: true, value: { ...normed.value, host } };
}
