/**
 * net.SplitHostPort / net.JoinHostPort and gost's port-range expansion
 * (x/internal/net/addr.go AddrPortRange), which turns `host:8000-8003` into four addresses.
 */
import { goAtoi } from './go-strconv.js';

export type SplitHostPort = { ok: true; host: string; port: string } | { ok: false; error: string };

/** net.SplitHostPort. */
export function splitHostPort(hostport: string): SplitHostPort {
  const fail = (why: string): SplitHostPort => ({ ok: false, error: `address ${hostport}: ${why}` });
  const i = hostport.lastIndexOf(':');
  if (i < 0) return fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== i) {
      if (hostport[end + 1] === ':') return fail('too many colons in address');
      return fail('missing port in address');
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { ok: true, host, port: hostport.slice(i + 1) };
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface PortRange {
  min: number;
  max: number;
  /** Whether Go's PortRange.Parse accepted the text (a failed parse leaves 0-0). */
  ok: boolean;
}

/** x/internal/net PortRange.Parse: `p` or `a-b`; on error the range stays 0-0. */
export function parsePortRange(s: string): PortRange {
  const parts = s.split('-');
  if (parts.length === 1) {
    const p = goAtoi(s);
    if (!p.ok || p.value < 0 || p.value > 65535) return { min: 0, max: 0, ok: false };
    return { min: p.value, max: p.value, ok: true };
  }
  if (parts.length === 2) {
    const a = goAtoi(parts[0]!);
    const b = goAtoi(parts[1]!);
    if (!a.ok || !b.ok) return { min: 0, max: 0, ok: false };
    return { min: a.value, max: b.value, ok: true };
  }
  return { min: 0, max: 0, ok: false };
}

export interface PortRangeExpansion {
  /** The addresses gost makes; empty when gost falls back to the literal text. */
  addrs: string[];
  /** Why the expansion is not what the text suggests, for a diagnostic. */
  problem?: 'malformed' | 'inverted';
}

/** The largest expansion topo carries out; gost itself has no limit. */
export const maxPortRangeExpansion = 65536;

/**
 * AddrPortRange(s).Addrs(): one `host:port` per port of the range. No expansion (and the caller
 * uses the text as it is) when the text has a scheme or no port; a malformed port expands to
 * port 0; an inverted range expands to nothing.
 */
export function expandAddrPortRange(s: string): PortRangeExpansion {
  if (s.includes('://')) return { addrs: [] };
  const hp = splitHostPort(s);
  if (!hp.ok) return { addrs: [] };
  const range = parsePortRange(hp.port);
  const addrs: string[] = [];
  for (let p = range.min; p <= range.max && addrs.length < maxPortRangeExpansion; p++) {
    addrs.push(joinHostPort(hp.host, String(p)));
  }
  if (!range.ok) return { addrs, problem: 'malformed' };
  if (range.min > range.max) return { addrs, problem: 'inverted' };
  return { addrs };
}
