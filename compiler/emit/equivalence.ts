/**
 * When two gost configs (or sets of configs, one per gost process) are equivalent: gost runs the
 * same services from them, so a client cannot tell them apart. Concretely, after reading both
 * through gost's Go structs:
 *
 * - Services are compared as a multiset (order and process grouping do not matter; each service
 *   runs on its own). Names of services, chains, hops, nodes and forwarder targets are ignored:
 *   every reference is replaced by the content it names (a chain hop without nodes by the
 *   top-level hop it refers to), and a name that resolves to nothing compares as "dangling".
 *   Named objects nobody refers to do not run and are ignored.
 * - Types are compared with registry aliases folded (`socks`=`socks5`, `socks4a`=`socks4`,
 *   `redir`/`redirect`=`red`, `virtual`=`direct`), and missing types take gost's defaults
 *   (handler `auto`, listener `tcp`, connector `http`, dialer `tcp`).
 * - Selectors compare by their effect: strategy aliases folded, a missing selector or zero limits
 *   mean round/1/10s (the YAML defaults); the command line's 30s default is therefore different.
 * - Metadata compares as gost reads it: keys case-insensitively, scalar values by the string
 *   gost's getters make of them (`true` = "true", `4096` = "4096"). One difference is not seen:
 *   gost's GetInt reads the boolean true as 1 but the string "true" as 0; no gost option is an
 *   integer written as a boolean. The copies the command-line conversion leaves behind are
 *   ignored: service and listener metadata keep `retries`, `bypass`, `admission`, `resolver`,
 *   `prefer`, `hosts`, `limiter.*`, `climiter`, `rlimiter` (read from the handler's copy only),
 *   handler metadata keeps `prefer`, and hop metadata keeps the node's `auth` and TLS options;
 *   gost never reads those copies at run time.
 * - TLS blocks count only where gost uses them: a dialer's `tls` only for TLS dialers (tls, mtls,
 *   wss, mwss, h2, grpc, quic, http3, h3, wt, dtls, phts, utls, h3-masque), with `serverName`
 *   defaulting to the node's host as gost's node parser does; a listener's `tls` only for TLS
 *   listeners and only with a `certFile` (without one gost uses its default certificate).
 *   Connector and handler TLS blocks compare as written.
 * - Empty and zero values equal absent ones (Go's zero values), except that an `auth` block with
 *   empty credentials differs from none and an empty forwarder differs from none.
 * - Process-wide blocks (`api`, `metrics`, `log`, `tls`, `profiling`) compare as written, once
 *   per process that has them.
 */
import type { GostConfig } from '../gost/config.js';
import { type Canonical, canonicalize } from './canonical.js';

function asList(c: GostConfig | readonly GostConfig[]): readonly GostConfig[] {
  return Array.isArray(c) ? c : [c as GostConfig];
}

/** Whether gost runs the same thing from both (a config, or one config per process). */
export function configsEquivalent(
  a: GostConfig | readonly GostConfig[],
  b: GostConfig | readonly GostConfig[],
): boolean {
  return explainDifference(a, b) === undefined;
}

/** The first difference between the two, in words, or undefined when they are equivalent. */
export function explainDifference(
  a: GostConfig | readonly GostConfig[],
  b: GostConfig | readonly GostConfig[],
): string | undefined {
  return diffCanonical(canonicalize(asList(a)), canonicalize(asList(b)));
}

export function diffCanonical(a: Canonical, b: Canonical): string | undefined {
  if (a.services.length !== b.services.length) {
    return `${a.services.length} services against ${b.services.length}`;
  }
  for (let i = 0; i < a.services.length; i++) {
    const d = firstDifference(a.services[i], b.services[i], `service ${i + 1}`);
    if (d) return d;
  }
  return firstDifference(a.globals, b.globals, 'process settings');
}

function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a) ?? 'nothing'} against ${JSON.stringify(b) ?? 'nothing'}`;
}
