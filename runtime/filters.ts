/**
 * Bypass and admission (x/bypass, x/admission, x/internal/matcher). Matchers are IP addresses, CIDR
 * ranges, domains (`example.com`), wildcards (`*.example.com`) and suffixes (`.example.com`, which
 * also matches the bare domain).
 *
 * - A bypass "contains" an address its matchers match (the opposite with `whitelist`/`reverse`); a
 *   group contains what any member contains; an undefined bypass name never matches.
 * - An admission admits client addresses its matchers do NOT match (the opposite with
 *   `whitelist`); every admission of a service must admit; an undefined name admits nobody.
 */

import type { AdmissionConfig, BypassConfig } from '../compiler/gost/config.js';
import { hostOf, parseIP } from './addr.js';

type Matcher = (host: string) => boolean;

function cidrMatcher(network: Uint8Array, bits: number): Matcher {
  return (host) => {
    const ip = parseIP(host);
    if (!ip || ip.length !== network.length) return false;
    for (let i = 0; i < bits; i++) {
      const mask = 0x80 >> (i % 8);
      if ((ip[i >> 3]! & mask) !== (network[i >> 3]! & mask)) return false;
    }
    return true;
  };
}

export function compileMatcher(pattern: string): Matcher {
  const p = pattern.trim().toLowerCase();
  const slash = p.indexOf('/');
  if (slash > 0) {
    const network = parseIP(p.slice(0, slash));
    const bits = Number(p.slice(slash + 1));
    if (network && Number.isInteger(bits)) return cidrMatcher(network, bits);
  }
  const ip = parseIP(p);
  if (ip) return (host) => parseIP(host)?.join('.') === ip.join('.');
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    return (host) => host.toLowerCase().endsWith(suffix);
  }
  if (p.startsWith('.')) {
    const bare = p.slice(1);
    return (host) => {
      const h = host.toLowerCase();
      return h === bare || h.endsWith(p);
    };
  }
  return (host) => host.toLowerCase() === p;
}

function anyMatcher(patterns: readonly string[] | undefined): Matcher {
  const matchers = (patterns ?? []).filter((m) => m.trim() !== '').map(compileMatcher);
  return (host) => matchers.some((m) => m(host));
}

export interface Bypass {
  /** `address` is host:port or a bare host. */
  contains(address: string): boolean;
}

export interface Admission {
  admit(clientAddress: string): boolean;
}

export function parseBypasses(configs: readonly BypassConfig[] | undefined): Map<string, Bypass> {
  const out = new Map<string, Bypass>();
  for (const c of configs ?? []) {
    const match = anyMatcher(c.matchers);
    const whitelist = c.whitelist === true || c.reverse === true;
    out.set(c.name, { contains: (address) => match(hostOf(address)) !== whitelist });
  }
  return out;
}

export function parseAdmissions(configs: readonly AdmissionConfig[] | undefined): Map<string, Admission> {
  const out = new Map<string, Admission>();
  for (const c of configs ?? []) {
    const match = anyMatcher(c.matchers);
    const whitelist = c.whitelist === true || c.reverse === true;
    out.set(c.name, { admit: (address) => match(hostOf(address)) === whitelist });
  }
  return out;
}

function names(one: string | undefined, many: readonly string[] | undefined): string[] {
  return [...(one ? [one] : []), ...(many ?? []).filter((n) => n !== '')];
}

/** The bypass of a service, hop or node; undefined when it names none. */
export function resolveBypass(
  defined: ReadonlyMap<string, Bypass>,
  one: string | undefined,
  many: readonly string[] | undefined,
): Bypass | undefined {
  const list = names(one, many).map((n) => defined.get(n));
  if (list.length === 0) return undefined;
  return { contains: (address) => list.some((b) => b?.contains(address) ?? false) };
}

/** The admission of a service; undefined when it names none. */
export function resolveAdmission(
  defined: ReadonlyMap<string, Admission>,
  one: string | undefined,
  many: readonly string[] | undefined,
): Admission | undefined {
  const list = names(one, many).map((n) => defined.get(n));
  if (list.length === 0) return undefined;
  return { admit: (address) => list.every((a) => a?.admit(address) ?? false) };
}
