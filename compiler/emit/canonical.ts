/**
 * A name-free canonical form of what gost runs from one or more configs (one per process). See
 * equivalence.ts for what it keeps and drops and why.
 */
import { parseGoDurationNs } from '../cmd/go-duration.js';
import { stringOf } from '../cmd/go-metadata.js';
import { hostname } from '../cmd/go-url.js';
import type { GostConfig } from '../gost/config.js';
import { dialerUsesTLS, listenerUsesTLS } from '../gost/registry-names.js';
import { decodeGoConfig } from './go-decode.js';

type Obj = Record<string, unknown>;
const isRecord = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Type names that are aliases of one implementation in gost's registry. */
const aliases: Record<'handler' | 'listener' | 'connector' | 'dialer', Record<string, string>> = {
  handler: { socks: 'socks5', socks4a: 'socks4', redir: 'red', redirect: 'red' },
  listener: { redir: 'red', redirect: 'red' },
  connector: { socks: 'socks5', socks4a: 'socks4', virtual: 'direct' },
  dialer: { virtual: 'direct' },
};

/**
 * Metadata keys that gost's command-line conversion reads as options and leaves behind as copies
 * in other metadata maps. gost reads them only while converting the command line, never from
 * these maps at run time, so the copies do not change what runs.
 */
export const serviceResidueKeys: ReadonlySet<string> = new Set([
  'retries',
  'admission',
  'bypass',
  'resolver',
  'prefer',
  'hosts',
  'limiter.in',
  'limiter.out',
  'limiter.conn.in',
  'limiter.conn.out',
  'climiter',
  'rlimiter',
]);

/** Node-side options (credentials and TLS) whose copies stay in the hop metadata. */
export const hopResidueKeys: ReadonlySet<string> = new Set([
  'auth',
  'tls.certfile',
  'certfile',
  'cert',
  'tls.keyfile',
  'keyfile',
  'key',
  'tls.cafile',
  'cafile',
  'ca',
  'tls.secure',
  'secure',
  'tls.servername',
  'servername',
]);

/** `servername` is read case-insensitively but deleted only as `serverName`/`tls.servername`. */
const nodeResidueKeys: ReadonlySet<string> = new Set(['servername', 'tls.servername']);

const handlerResidueKeys: ReadonlySet<string> = new Set(['prefer']);

const strategies: Record<string, string> = {
  round: 'round',
  rr: 'round',
  random: 'random',
  rand: 'random',
  fifo: 'fifo',
  ha: 'fifo',
  hash: 'hash',
  parallel: 'parallel',
  lowestlatency: 'lowestlatency',
  lowest: 'lowestlatency',
  ll: 'lowestlatency',
};

const defaultFailTimeoutNs = 10_000_000_000n;

/** A duration in nanoseconds as text; undefined for zero (Go's zero value). */
function ns(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? BigInt(Math.trunc(v)) : (parseGoDurationNs(String(v)) ?? 0n);
  return n === 0n ? undefined : String(n);
}

/** A selector as gost uses it: strategy aliases folded, zero limits replaced by the defaults. */
export function effectiveSelector(sel: unknown): Obj {
  const s = isRecord(sel) ? sel : {};
  const maxFails = typeof s.maxFails === 'number' && s.maxFails > 0 ? s.maxFails : 1;
  const timeout = BigInt(ns(s.failTimeout) ?? '0');
  return {
    strategy: strategies[String(s.strategy ?? '')] ?? 'round',
    maxFails,
    failTimeout: String(timeout > 0n ? timeout : defaultFailTimeoutNs),
    maxLatency: ns(s.maxLatency),
  };
}

/** A metadata value as gost's getters see it; scalars by their string form. */
function metadataValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return ['list', ...v.map(metadataValue)];
  if (isRecord(v)) {
    return [
      'map',
      ...Object.keys(v)
        .sort()
        .map((k) => [k, metadataValue(v[k])]),
    ];
  }
  return stringOf(v);
}

/** Metadata as gost reads it: keys lower-cased, values by meaning, residue copies dropped. */
export function canonicalMetadata(md: unknown, residue: ReadonlySet<string> = new Set()): unknown[] {
  if (!isRecord(md)) return [];
  const entries = Object.entries(md)
    .filter(([k]) => !residue.has(k.toLowerCase()))
    .map(([k, v]) => [k.toLowerCase(), metadataValue(v)]);
  return sortedList(entries);
}

/**
 * Drops absent and empty values so that "missing" and "zero" compare alike, and sorts the keys so
 * that key order never matters.
 */
function clean(obj: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v === undefined || v === null || v === '' || v === false || v === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isRecord(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** Items in a fixed order (by their JSON text), for lists whose order gost ignores. */
function sortedList(items: unknown[]): unknown[] {
  if (items.length < 2) return items;
  return items
    .map((item) => ({ item, key: JSON.stringify(item) ?? '' }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}

function auth(a: unknown): Obj | undefined {
  if (!isRecord(a)) return undefined;
  // An auth block with empty credentials still demands (empty) credentials, unlike no block.
  return {
    set: true,
    username: String(a.username ?? ''),
    password: String(a.password ?? ''),
    file: String(a.file ?? ''),
  };
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (isRecord(v)) return clean(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])));
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** Resolves names within one config. */
class Resolver {
  private readonly tables = new Map<string, Map<string, Obj>>();
  /** Each kind is canonicalised one way, so a name's canonical form can be kept. */
  private readonly resolved = new Map<string, unknown>();
  readonly duplicates: string[] = [];

  constructor(readonly config: Obj) {
    for (const kind of [
      'chains',
      'hops',
      'authers',
      'admissions',
      'bypasses',
      'resolvers',
      'hosts',
      'ingresses',
      'routers',
      'sds',
      'recorders',
      'limiters',
      'climiters',
      'rlimiters',
      'observers',
      'loggers',
    ]) {
      const table = new Map<string, Obj>();
      for (const item of (config[kind] as unknown[] | undefined) ?? []) {
        if (!isRecord(item)) continue;
        const name = String(item.name ?? '');
        if (table.has(name)) this.duplicates.push(`${kind}/${name}`);
        else table.set(name, item);
      }
      this.tables.set(kind, table);
    }
  }

  get(kind: string, name: unknown): Obj | undefined {
    return this.tables.get(kind)?.get(String(name));
  }

  /** A named object by content; a name that resolves to nothing is `dangling`. */
  ref(kind: string, name: unknown, canon: (o: Obj) => unknown): unknown {
    if (name === undefined || name === null || name === '') return undefined;
    const key = `${kind}\u0000${String(name)}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const o = this.get(kind, name);
    const value = o ? canon(o) : { dangling: kind };
    this.resolved.set(key, value);
    return value;
  }

  refs(kind: string, single: unknown, list: unknown, canon: (o: Obj) => unknown): unknown[] {
    const names = [...(Array.isArray(list) ? list : []), ...(single ? [single] : [])];
    return sortedList(names.map((n) => this.ref(kind, n, canon)));
  }

  matcherObject = (o: Obj): unknown =>
    plain({
      whitelist: o.whitelist === true || o.reverse === true,
      matchers: sortedList((o.matchers as unknown[] | undefined) ?? []),
      reload: ns(o.reload),
      file: o.file,
      redis: o.redis,
      http: o.http,
      plugin: o.plugin,
    });

  loaderObject = (o: Obj, own: Obj): unknown =>
    plain({ ...own, reload: ns(o.reload), file: o.file, redis: o.redis, http: o.http, plugin: o.plugin });

  resolverObject = (o: Obj): unknown =>
    plain({
      nameservers: ((o.nameservers as unknown[] | undefined) ?? []).map((n) =>
        isRecord(n) ? { ...(plain(n) as Obj), chain: this.ref('chains', n.chain, this.chain) } : n,
      ),
      plugin: o.plugin,
    });

  hostsObject = (o: Obj): unknown =>
    this.loaderObject(o, { mappings: sortedList(plain(o.mappings ?? []) as unknown[]) });

  limiterObject = (o: Obj): unknown =>
    this.loaderObject(o, { limits: sortedList((o.limits as unknown[]) ?? []) });

  autherObject = (o: Obj): unknown =>
    this.loaderObject(o, { auths: sortedList(((o.auths as unknown[]) ?? []).map(auth)) });

  plainObject = (o: Obj): unknown => {
    const { name: _name, ...rest } = o;
    return plain(rest);
  };

  chain = (c: Obj): unknown =>
    plain({
      hops: ((c.hops as unknown[] | undefined) ?? []).map((h) => this.hopOrRef(h)),
      metadata: canonicalMetadata(c.metadata),
    });

  private hopOrRef(h: unknown): unknown {
    if (!isRecord(h)) return h;
    const inline = h.nodes !== undefined || h.plugin || h.file || h.redis || h.http;
    if (inline) return this.hop(h);
    return this.ref('hops', h.name, this.hop);
  }

  hop = (h: Obj): unknown =>
    plain({
      selector: effectiveSelector(h.selector),
      bypasses: this.refs('bypasses', h.bypass, h.bypasses, this.matcherObject),
      resolver: this.ref('resolvers', h.resolver, this.resolverObject),
      hosts: this.ref('hosts', h.hosts, this.hostsObject),
      interface: h.interface,
      sockopts: h.sockopts,
      nodes: ((h.nodes as unknown[] | undefined) ?? []).map((n) => (isRecord(n) ? this.node(n) : n)),
      reload: ns(h.reload),
      file: h.file,
      redis: h.redis,
      http: h.http,
      plugin: h.plugin,
      metadata: canonicalMetadata(h.metadata, hopResidueKeys),
    });

  node = (n: Obj): unknown => {
    const connector = isRecord(n.connector) ? n.connector : {};
    const dialer = isRecord(n.dialer) ? n.dialer : {};
    const dialerType = typeName('dialer', dialer.type, 'tcp');
    return plain({
      addr: n.addr,
      network: n.network,
      bypasses: this.refs('bypasses', n.bypass, n.bypasses, this.matcherObject),
      resolver: this.ref('resolvers', n.resolver, this.resolverObject),
      hosts: this.ref('hosts', n.hosts, this.hostsObject),
      connector: {
        type: typeName('connector', connector.type, 'http'),
        auth: auth(connector.auth),
        tls: plain(connector.tls),
        metadata: canonicalMetadata(connector.metadata, nodeResidueKeys),
      },
      dialer: {
        type: dialerType,
        auth: auth(dialer.auth),
        tls: dialerUsesTLS(dialerType) ? effectiveClientTLS(dialer.tls, String(n.addr ?? '')) : undefined,
        metadata: canonicalMetadata(dialer.metadata, nodeResidueKeys),
      },
      interface: n.interface,
      netns: n.netns,
      sockopts: n.sockopts,
      filter: n.filter,
      matcher: n.matcher,
      http: n.http,
      tls: n.tls,
      probe: n.probe,
      metadata: canonicalMetadata(n.metadata, nodeResidueKeys),
    });
  };

  forwardNode = (n: Obj): unknown =>
    plain({
      addr: n.addr,
      network: n.network,
      bypasses: this.refs('bypasses', n.bypass, n.bypasses, this.matcherObject),
      protocol: n.protocol,
      host: n.host,
      path: n.path,
      filter: n.filter,
      matcher: n.matcher,
      auth: auth(n.auth),
      http: n.http,
      tls: n.tls,
      probe: n.probe,
      metadata: canonicalMetadata(n.metadata),
    });

  chainGroup = (g: unknown): unknown => {
    if (!isRecord(g)) return undefined;
    const chains = ((g.chains as unknown[] | undefined) ?? []).map((c) => this.ref('chains', c, this.chain));
    return { chains, selector: effectiveSelector(g.selector) };
  };

  service = (s: Obj): unknown => {
    const handler = isRecord(s.handler) ? s.handler : {};
    const listener = isRecord(s.listener) ? s.listener : {};
    const listenerType = typeName('listener', listener.type, 'tcp');
    const forwarder = isRecord(s.forwarder) ? s.forwarder : undefined;
    return plain({
      addr: s.addr,
      interface: s.interface,
      sockopts: s.sockopts,
      admissions: this.refs('admissions', s.admission, s.admissions, this.matcherObject),
      bypasses: this.refs('bypasses', s.bypass, s.bypasses, this.matcherObject),
      resolver: this.ref('resolvers', s.resolver, this.resolverObject),
      hosts: this.ref('hosts', s.hosts, this.hostsObject),
      limiter: this.ref('limiters', s.limiter, this.limiterObject),
      climiter: this.ref('climiters', s.climiter, this.limiterObject),
      rlimiter: this.ref('rlimiters', s.rlimiter, this.limiterObject),
      loggers: this.refs('loggers', s.logger, s.loggers, this.plainObject),
      observer: this.ref('observers', s.observer, this.plainObject),
      recorders: ((s.recorders as unknown[] | undefined) ?? []).map((r) =>
        isRecord(r)
          ? {
              recorder: this.ref('recorders', r.name, this.plainObject),
              record: r.record,
              metadata: canonicalMetadata(r.metadata),
            }
          : r,
      ),
      handler: {
        type: typeName('handler', handler.type, 'auto'),
        retries: handler.retries,
        chain: this.ref('chains', handler.chain, this.chain),
        chainGroup: this.chainGroup(handler.chainGroup),
        authers: this.refs('authers', handler.auther, handler.authers, this.autherObject),
        auth: auth(handler.auth),
        tls: plain(handler.tls),
        limiter: this.ref('limiters', handler.limiter, this.limiterObject),
        observer: this.ref('observers', handler.observer, this.plainObject),
        metadata: canonicalMetadata(handler.metadata, handlerResidueKeys),
      },
      listener: {
        type: listenerType,
        chain: this.ref('chains', listener.chain, this.chain),
        chainGroup: this.chainGroup(listener.chainGroup),
        authers: this.refs('authers', listener.auther, listener.authers, this.autherObject),
        auth: auth(listener.auth),
        tls: listenerUsesTLS(listenerType) ? effectiveServerTLS(listener.tls) : undefined,
        metadata: canonicalMetadata(listener.metadata, serviceResidueKeys),
      },
      forwarder: forwarder ? this.forwarder(forwarder) : undefined,
      metadata: canonicalMetadata(s.metadata, serviceResidueKeys),
    });
  };

  private forwarder(f: Obj): unknown {
    const hopName = f.hop || f.name;
    const nodes = hopName
      ? { hop: this.ref('hops', hopName, this.hop) }
      : {
          nodes: ((f.nodes as unknown[] | undefined) ?? []).map((n) =>
            isRecord(n) ? this.forwardNode(n) : n,
          ),
        };
    // An empty forwarder is still a forwarder (a relay handler then has no target), so keep a marker.
    return { present: true, selector: effectiveSelector(f.selector), ...nodes };
  }
}

function typeName(kind: keyof typeof aliases, t: unknown, fallback: string): string {
  const name = typeof t === 'string' && t !== '' ? t : fallback;
  return aliases[kind][name] ?? name;
}

/** A client TLS block as a TLS dialer uses it: serverName defaults to the node's host. */
export function effectiveClientTLS(tls: unknown, addr: string): Obj {
  const t = isRecord(tls) ? tls : {};
  const serverName = typeof t.serverName === 'string' && t.serverName !== '' ? t.serverName : hostname(addr);
  return plain({ ...t, serverName, secure: t.secure === true }) as Obj;
}

/** A server TLS block counts only with a certificate; without one gost uses its default certificate. */
export function effectiveServerTLS(tls: unknown): unknown {
  if (!isRecord(tls) || typeof tls.certFile !== 'string' || tls.certFile === '') return undefined;
  return plain(tls);
}

export interface Canonical {
  services: unknown[];
  /** Process-wide blocks (api, metrics, log, tls, profiling) and name clashes, one entry each. */
  globals: unknown[];
}

/** The canonical form of the processes started from these configs. */
export function canonicalize(configs: readonly GostConfig[]): Canonical {
  const services: unknown[] = [];
  const globals: unknown[] = [];
  for (const config of configs) {
    const decoded = decodeGoConfig(config, 'yaml').config as Obj;
    const resolver = new Resolver(decoded);
    for (const s of (decoded.services as unknown[] | undefined) ?? []) {
      if (isRecord(s)) services.push(resolver.service(s));
    }
    for (const d of resolver.duplicates) globals.push(['duplicate', d]);
    for (const key of ['tls', 'log', 'profiling']) {
      if (decoded[key] !== undefined) globals.push([key, plain(decoded[key])]);
    }
    for (const key of ['api', 'metrics']) {
      const block = decoded[key];
      if (isRecord(block)) {
        globals.push([
          key,
          plain({
            ...block,
            auth: auth(block.auth),
            auther: resolver.ref('authers', block.auther, resolver.autherObject),
          }),
        ]);
      }
    }
  }
  return { services: sortedList(services), globals: sortedList(globals) };
}
