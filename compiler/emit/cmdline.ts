/**
 * GostConfig -> the gost command line that gost reads back into an equivalent config
 * (equivalence.ts), or the reason none exists. This inverts x/config/cmd/cmd.go: a service is a
 * `-L` URL (scheme = handler+listener, targets in the path, options in the query), a chain is one
 * `-F` URL per hop (scheme = connector+dialer, a comma list of node hosts), and services that use
 * different chains go to separate ` -- ` process groups, since a gost process has one chain.
 *
 * "Shortest" means nothing redundant: no scheme part gost would infer anyway, no option equal to
 * gost's default, no metadata copy gost makes by itself, and consecutive ports written as a port
 * range. Type names are kept as the config spells them (aliases are not swapped for shorter
 * ones), and `-F` URLs keep an explicit scheme. Every result is checked by reading it back with
 * topo's port of gost's parser.
 */
import { argvTexts } from '../cmd/arg-text.js';
import { forwardModeListeners, listenerChainTypes, pathBasedSchemes } from '../cmd/build-config.js';
import { formatGoDuration } from '../cmd/go-duration.js';
import { GoMap, getFloat, getInt, getString, stringOf } from '../cmd/go-metadata.js';
import { expandAddrPortRange, joinHostPort, splitHostPort } from '../cmd/go-net.js';
import { goFormatFloat, goParseFloat } from '../cmd/go-strconv.js';
import { hostname, queryEscape, userinfoEscape } from '../cmd/go-url.js';
import { parseGostArgs } from '../cmd/parse-gost-args.js';
import { shellQuote } from '../cmd/shell-words.js';
import type { GostConfig } from '../gost/config.js';
import { dialerUsesTLS, isRegistered, listenerUsesTLS, type RegistryKind } from '../gost/registry-names.js';
import {
  canonicalize,
  effectiveClientTLS,
  effectiveSelector,
  hopResidueKeys,
  serviceResidueKeys,
} from './canonical.js';
import { explainDifference } from './equivalence.js';
import { decodeGoConfig } from './go-decode.js';

export interface EmitOptions {
  registry?: 'gost' | 'empty';
  /** Whether several ` -- ` process groups may be used (default true). */
  allowGroups?: boolean;
}

export type CommandLine =
  | {
      ok: true;
      /** The arguments after `gost`. */
      argv: string[];
      /** One argument list per ` -- ` process group. */
      groups: string[][];
      /** `gost …` quoted for a POSIX shell, on one line. */
      line: string;
    }
  | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const isRecord = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Control flow for "this config has no command line"; caught in emitCommandLine. */
class Inexpressible {
  constructor(readonly reason: string) {}
}

function fail(reason: string): never {
  throw new Inexpressible(reason);
}

/** Service-side options gost reads from the query before routing metadata (lower case). */
const servicePreRouting = new Set([
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
  'dns',
  'interface',
  'so_mark',
  'proxyprotocol',
  'netns',
  'netns.out',
  'strategy',
  'maxfails',
  'max_fails',
  'failtimeout',
  'fail_timeout',
]);

/** Options BuildConfigFromCmd reads from the handler metadata after routing (lower case). */
const handlerPostRouting = new Set([
  'retries',
  'admission',
  'bypass',
  'resolver',
  'hosts',
  'limiter.in',
  'limiter.out',
  'limiter.conn.in',
  'limiter.conn.out',
  'climiter',
  'rlimiter',
]);

/** Node-side options gost consumes before routing metadata (lower case). */
const nodePreRouting = new Set([
  'bypass',
  'resolver',
  'hosts',
  'interface',
  'so_mark',
  'proxyprotocol',
  'strategy',
  'maxfails',
  'max_fails',
  'failtimeout',
  'fail_timeout',
  ...hopResidueKeys,
]);

const cliDefaultFailTimeoutNs = 30_000_000_000n;

class Emitter {
  private readonly registered: (kind: RegistryKind, name: string) => boolean;
  private readonly tables = new Map<string, Map<string, Obj>>();

  constructor(
    private readonly config: Obj,
    registry: 'gost' | 'empty',
  ) {
    this.registered = registry === 'empty' ? () => false : isRegistered;
    for (const kind of [
      'chains',
      'hops',
      'admissions',
      'bypasses',
      'resolvers',
      'hosts',
      'limiters',
      'climiters',
      'rlimiters',
    ]) {
      const table = new Map<string, Obj>();
      for (const item of (config[kind] as unknown[] | undefined) ?? []) {
        if (isRecord(item) && !table.has(String(item.name))) table.set(String(item.name), item);
      }
      this.tables.set(kind, table);
    }
  }

  private lookup(kind: string, name: unknown, owner: string): Obj {
    const o = this.tables.get(kind)?.get(String(name));
    if (!o) fail(`${owner} names ${kind.replace(/s$/, '')} ${name}, which the config does not define`);
    return o;
  }

  // -------------------------------------------------------------------------------------------
  // Process groups

  groups(allowGroups: boolean): string[][] {
    const services = ((this.config.services as unknown[] | undefined) ?? []).filter(isRecord);
    if (services.length === 0) {
      fail(
        'the config has no services: gost started without -L reads gost.yml from its default places instead',
      );
    }
    for (const key of ['tls', 'profiling']) {
      if (this.config[key] !== undefined)
        fail(`the top-level ${key} block has no command-line form; use -C with the YAML`);
    }
    const byChain = new Map<string, { chain?: Obj; chainName?: string; services: Obj[] }>();
    for (const s of services) {
      const { chain, name } = this.serviceChain(s);
      // Services whose chains have the same content can share a process, whatever the names.
      const key = chain ? this.chainKey(chain) : '';
      const group = byChain.get(key) ?? { ...(chain ? { chain, chainName: name } : {}), services: [] };
      group.services.push(s);
      byChain.set(key, group);
    }
    const groups = [...byChain.values()];
    if (groups.length > 1 && !allowGroups) {
      const [a, b] = groups;
      const describe = (g: { chainName?: string; services: Obj[] }) =>
        `service ${serviceName(g.services[0]!)} uses ${g.chainName ? `chain ${g.chainName}` : 'no chain'}`;
      fail(
        `${describe(a!)}, ${describe(b!)}: a command line has one chain per process; use -C with the YAML`,
      );
    }
    return groups.map((g, i) => this.groupArgs(g.services, g.chain, i === 0));
  }

  private readonly chainKeys = new Map<string, string>();

  /** The canonical content of a chain, so that chains that differ only in name share a process. */
  private chainKey(chain: Obj): string {
    const name = String(chain.name);
    let key = this.chainKeys.get(name);
    if (key === undefined) {
      const probe = { name: 'probe', handler: { type: 'auto', chain: name } };
      key = JSON.stringify(canonicalize([{ ...this.config, services: [probe] } as GostConfig]).services);
      this.chainKeys.set(name, key);
    }
    return key;
  }

  private serviceChain(s: Obj): { chain?: Obj; name?: string } {
    const handler = isRecord(s.handler) ? s.handler : {};
    const listener = isRecord(s.listener) ? s.listener : {};
    const name = serviceName(s);
    if (handler.chainGroup || listener.chainGroup)
      fail(`service ${name} uses a chain group, which has no command-line form`);
    const hc = handler.chain as string | undefined;
    const lc = listener.chain as string | undefined;
    if (hc && lc)
      fail(
        `service ${name} has chain ${hc} on its handler and chain ${lc} on its listener; a command line gives a service one chain`,
      );
    const listenerType = String(listener.type || 'tcp');
    const onListener = listenerChainTypes.has(listenerType);
    if (hc && onListener) {
      fail(
        `service ${name} has chain ${hc} on its handler; the command line puts the chain of a ${listenerType} listener on the listener`,
      );
    }
    if (lc && !onListener) {
      fail(
        `service ${name} has chain ${lc} on its ${listenerType} listener; the command line puts it on the handler`,
      );
    }
    const chainName = hc || lc;
    if (!chainName) return {};
    return { chain: this.lookup('chains', chainName, `service ${name}`), name: chainName };
  }

  private groupArgs(services: Obj[], chain: Obj | undefined, first: boolean): string[] {
    const args: string[] = [];
    const urls = compactPortRanges(services.map((s) => this.serviceURL(s)));
    for (const u of urls) args.push('-L', formatServiceURL(u));
    if (chain) {
      if (isRecord(chain.metadata) && Object.keys(chain.metadata).length > 0) {
        fail(`chain ${chain.name} has metadata, which has no command-line form`);
      }
      const hops = (chain.hops as unknown[] | undefined) ?? [];
      if (hops.length === 0)
        fail(`chain ${chain.name} has no hops; a command line makes a chain only from -F nodes`);
      hops.forEach((h, i) => {
        const hop = this.resolveHop(h, String(chain.name));
        args.push('-F', this.hopURL(hop, `hop ${i + 1} of chain ${chain.name}`));
      });
    }
    if (first) args.push(...this.processFlags());
    return args;
  }

  private resolveHop(h: unknown, chainName: string): Obj {
    if (!isRecord(h)) fail(`chain ${chainName} has a hop that is not a mapping`);
    const inline = h.nodes !== undefined || h.plugin || h.file || h.redis || h.http;
    return inline ? h : this.lookup('hops', h.name, `chain ${chainName}`);
  }

  private processFlags(): string[] {
    const out: string[] = [];
    const log = this.config.log;
    if (isRecord(log)) {
      const extra = Object.keys(log).filter((k) => k !== 'level');
      if (extra.length > 0 || (log.level !== 'debug' && log.level !== 'trace')) {
        fail('the log block has no command-line form other than level debug (-D) or trace (-DD)');
      }
      out.push(log.level === 'trace' ? '-DD' : '-D');
    }
    for (const kind of ['api', 'metrics'] as const) {
      const block = this.config[kind];
      if (!isRecord(block)) continue;
      const allowed = kind === 'api' ? ['addr', 'pathPrefix', 'accesslog', 'auth'] : ['addr', 'path', 'auth'];
      const extra = Object.keys(block).filter((k) => !allowed.includes(k));
      if (extra.length > 0) fail(`the ${kind} block's ${extra.join(', ')} has no command-line form`);
      const addr = String(block.addr ?? '');
      if (addr === '') fail(`the ${kind} block has no address`);
      const query: string[] = [];
      if (kind === 'api' && block.pathPrefix)
        query.push(`pathPrefix=${queryEscape(String(block.pathPrefix))}`);
      if (kind === 'api' && block.accesslog === true) query.push('accesslog=true');
      if (kind === 'metrics' && block.path) query.push(`path=${queryEscape(String(block.path))}`);
      const user = userinfo(block.auth, `the ${kind} block`, false);
      out.push(
        `-${kind}`,
        `${user !== undefined ? `${user}@` : ''}${addr}${query.length ? `?${query.join('&')}` : ''}`,
      );
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Services

  private serviceURL(s: Obj): ServiceURL {
    const name = serviceName(s);
    const handler = isRecord(s.handler) ? s.handler : {};
    const listener = isRecord(s.listener) ? s.listener : {};
    const handlerType = String(handler.type || 'auto');
    const listenerType = String(listener.type || 'tcp');
    onlyFields(
      s,
      [
        'name',
        'addr',
        'admission',
        'admissions',
        'bypass',
        'bypasses',
        'resolver',
        'hosts',
        'limiter',
        'climiter',
        'rlimiter',
        'handler',
        'listener',
        'forwarder',
        'metadata',
        'status',
      ],
      `service ${name}`,
    );
    onlyFields(handler, ['type', 'retries', 'chain', 'auth', 'metadata'], `service ${name}'s handler`);
    onlyFields(listener, ['type', 'chain', 'auth', 'tls', 'metadata'], `service ${name}'s listener`);
    if (handlerType !== 'auto' && !this.registered('handler', handlerType)) {
      fail(`service ${name}: gost has no handler ${handlerType}; the command line would make it auto`);
    }

    const targets = this.targets(s, name);
    if (targets.length > 0 && handlerType !== 'relay') {
      const expected = forwardModeListeners.has(listenerType) ? listenerType : 'forward';
      if (handlerType !== expected) {
        fail(
          `service ${name} has a ${handlerType} handler with forward targets; on the command line a target path turns the handler into ${expected} (only relay keeps its handler)`,
        );
      }
    }
    const scheme = this.serviceScheme(handlerType, listenerType, targets.length > 0, name);
    const addr = String(s.addr ?? '');
    const words = scheme === '' ? ['auto'] : scheme.split('+');
    const pathAddr = words.some((w) => pathBasedSchemes.has(w)) && addr.includes('/');
    if (pathAddr) {
      if (!addr.startsWith('/'))
        fail(`service ${name} listens on the relative path ${addr}, which a -L URL cannot hold`);
      if (targets.length > 0)
        fail(`service ${name} listens on a socket path and forwards; a -L URL cannot hold both`);
    } else {
      checkListenAddr(addr, name);
    }

    const sshListener = listenerType === 'ssh' || listenerType === 'sshd';
    const authOwner = sshListener ? listener : handler;
    const other = sshListener ? handler : listener;
    if (other.auth !== undefined) {
      fail(
        `service ${name} has auth on its ${sshListener ? 'handler' : 'listener'}; the command line puts credentials on the ${sshListener ? `${listenerType} listener` : 'handler'}`,
      );
    }
    const user = userinfo(authOwner.auth, `service ${name}`, scheme.startsWith('ss'));

    const query: [string, string][] = [];
    const forwarder = isRecord(s.forwarder) ? s.forwarder : undefined;
    if (forwarder) query.push(...selectorQuery(forwarder.selector));
    if (typeof handler.retries === 'number' && handler.retries > 0)
      query.push(['retries', String(handler.retries)]);
    query.push(...this.serviceObjects(s, name));
    query.push(...listenerTLSQuery(listener, listenerType, name));
    query.push(...serviceMetadataQuery(s, handler, listener, name));
    return {
      scheme,
      userinfo: user,
      addr,
      pathAddr,
      targets,
      query: query.map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`),
    };
  }

  private targets(s: Obj, name: string): string[] {
    if (!isRecord(s.forwarder)) return [];
    const f = s.forwarder;
    if (f.hop || f.name)
      fail(`service ${name}'s forwarder refers to a hop by name, which has no command-line form`);
    const nodes = ((f.nodes as unknown[] | undefined) ?? []).filter(isRecord);
    if (nodes.length === 0) fail(`service ${name} has an empty forwarder, which has no command-line form`);
    return nodes.map((n, i) => {
      onlyFields(n, ['name', 'addr'], `target ${i + 1} of service ${name}`);
      const addr = String(n.addr ?? '');
      // gost trims "/" off the whole path and splits it on ",", so a target keeps inner slashes only.
      if (
        addr === '' ||
        /[,?#\s]/.test(addr) ||
        /^\/|\/$/.test(addr) ||
        !/^[A-Za-z0-9\-._~!$&'()*+;=:@[\]%/]*$/.test(addr)
      ) {
        fail(`target ${addr} of service ${name} cannot be written in a -L path`);
      }
      const expanded = expandAddrPortRange(addr);
      if (expanded.addrs.length > 1 || (expanded.addrs.length === 1 && expanded.addrs[0] !== addr)) {
        fail(`target ${addr} of service ${name} would be rewritten by gost's port-range expansion`);
      }
      return addr;
    });
  }

  /** The shortest scheme that gost turns into this handler and listener. */
  private serviceScheme(handler: string, listener: string, forwarding: boolean, name: string): string {
    const candidates = ['', handler, listener, 'https', `${handler}+${listener}`];
    const matches = candidates.filter((c) => {
      const [h, l] = this.serviceSchemeResult(c, forwarding);
      return h === handler && l === listener && /^([a-z][a-z0-9+.-]*)?$/.test(c);
    });
    if (matches.length === 0)
      fail(`service ${name}: no -L scheme gives handler ${handler} with listener ${listener}`);
    return matches.reduce((a, b) => (b.length < a.length ? b : a));
  }

  private serviceSchemeResult(scheme: string, forwarding: boolean): [string, string] {
    const s = scheme === '' ? 'auto' : scheme === 'https' ? 'http+tls' : scheme;
    const parts = s.split('+');
    let h = parts.length === 1 ? parts[0]! : parts.length === 2 ? parts[0]! : '';
    let l = parts.length === 1 ? parts[0]! : parts.length === 2 ? parts[1]! : '';
    if (!this.registered('handler', h)) h = 'auto';
    if (!this.registered('listener', l)) l = h === 'ssu' ? 'udp' : 'tcp';
    if (forwarding && h !== 'relay') h = forwardModeListeners.has(l) ? l : 'forward';
    return [h, l];
  }

  private serviceObjects(s: Obj, name: string): [string, string][] {
    const out: [string, string][] = [];
    const single = (field: string, list: string): unknown => {
      const many = s[list] as unknown[] | undefined;
      if (many && many.length > 0) {
        if (s[field] || many.length > 1)
          fail(`service ${name} has several ${list}; the command line gives one`);
        return many[0];
      }
      return s[field];
    };
    const admission = single('admission', 'admissions');
    if (admission)
      out.push([
        'admission',
        matcherValue(this.lookup('admissions', admission, `service ${name}`), `admission ${admission}`),
      ]);
    const bypass = single('bypass', 'bypasses');
    if (bypass)
      out.push([
        'bypass',
        matcherValue(this.lookup('bypasses', bypass, `service ${name}`), `bypass ${bypass}`),
      ]);
    if (s.resolver) out.push(...resolverQuery(this.lookup('resolvers', s.resolver, `service ${name}`), true));
    if (s.hosts) out.push(['hosts', hostsValue(this.lookup('hosts', s.hosts, `service ${name}`))]);
    if (s.limiter) out.push(...limiterQuery(this.lookup('limiters', s.limiter, `service ${name}`)));
    if (s.climiter)
      out.push(['climiter', singleLimit(this.lookup('climiters', s.climiter, `service ${name}`), 'int')]);
    if (s.rlimiter)
      out.push(['rlimiter', singleLimit(this.lookup('rlimiters', s.rlimiter, `service ${name}`), 'float')]);
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Hops

  private hopURL(hop: Obj, where: string): string {
    onlyFields(
      hop,
      ['name', 'selector', 'bypass', 'bypasses', 'resolver', 'hosts', 'nodes', 'metadata'],
      where,
    );
    const nodes = ((hop.nodes as unknown[] | undefined) ?? []).filter(isRecord);
    if (nodes.length === 0) fail(`${where} has no nodes; a -F URL needs at least one node address`);
    const first = nodes[0]!;
    nodes.forEach((n, i) => {
      onlyFields(
        n,
        ['name', 'addr', 'connector', 'dialer', 'metadata'],
        `node ${n.name ?? i + 1} of ${where}`,
      );
      if (i > 0 && JSON.stringify(nodeShape(n)) !== JSON.stringify(nodeShape(first))) {
        fail(
          `the nodes of ${where} differ in more than their address; one -F URL gives all its nodes the same options`,
        );
      }
    });
    const connector = isRecord(first.connector) ? first.connector : {};
    const dialer = isRecord(first.dialer) ? first.dialer : {};
    const connectorType = String(connector.type || 'http');
    const dialerType = String(dialer.type || 'tcp');
    onlyFields(connector, ['type', 'auth', 'metadata'], `the connector of ${where}`);
    onlyFields(dialer, ['type', 'auth', 'tls', 'metadata'], `the dialer of ${where}`);
    const scheme = this.nodeScheme(connectorType, dialerType, where);

    const addrs = nodes.map((n) => String(n.addr ?? ''));
    const words = scheme.split('+');
    const pathNode =
      words.some((w) => w === 'unix' || w === 'serial' || w === 'runix') && addrs[0]!.startsWith('/');
    if (pathNode && nodes.length > 1) fail(`${where} has several socket-path nodes; a -F URL holds one path`);
    for (const a of addrs) {
      if (a === '') fail(`a node of ${where} has no address`);
      if (!pathNode && /[,/?#@\s]/.test(a))
        fail(`node address ${a} of ${where} cannot be written in a -F host`);
    }
    const host = addrs.join(',');

    const sshDialer = dialerType === 'ssh' || dialerType === 'sshd';
    const owner = sshDialer ? dialer : connector;
    const other = sshDialer ? connector : dialer;
    if (other.auth !== undefined) {
      fail(
        `${where} has auth on its ${sshDialer ? 'connector' : 'dialer'}; the command line puts credentials on the ${sshDialer ? `${dialerType} dialer` : 'connector'}`,
      );
    }
    const user = userinfo(owner.auth, where, scheme.startsWith('ss'));

    const query: [string, string][] = [];
    query.push(...selectorQuery(hop.selector));
    const bypassName =
      hop.bypasses && (hop.bypasses as unknown[]).length > 0 ? singleOf(hop.bypasses, where) : hop.bypass;
    if (bypassName)
      query.push([
        'bypass',
        matcherValue(this.lookup('bypasses', bypassName, where), `bypass ${bypassName}`),
      ]);
    if (hop.resolver) query.push(...resolverQuery(this.lookup('resolvers', hop.resolver, where), false));
    if (hop.hosts) query.push(['hosts', hostsValue(this.lookup('hosts', hop.hosts, where))]);
    if (dialerUsesTLS(dialerType)) query.push(...dialerTLSQuery(nodes, host, where));
    query.push(...nodeMetadataQuery(hop, first, connector, dialer, where));
    const q = query.map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`);
    const authority = `${user !== undefined ? `${user}@` : ''}${pathNode ? '' : host}`;
    return `${scheme}://${authority}${pathNode ? addrs[0] : ''}${q.length ? `?${q.join('&')}` : ''}`;
  }

  private nodeScheme(connector: string, dialer: string, where: string): string {
    if (!this.registered('connector', connector))
      fail(`${where}: gost has no connector ${connector}; the command line would make it http`);
    if (!this.registered('dialer', dialer)) fail(`${where}: gost has no dialer ${dialer}`);
    const candidates = [connector, dialer, 'https', `${connector}+${dialer}`];
    const matches = candidates.filter((c) => {
      const s = c === 'https' ? 'http+tls' : c;
      const parts = s.split('+');
      let cn = parts[0]!;
      let dn = parts.length === 2 ? parts[1]! : parts[0]!;
      if (!this.registered('connector', cn)) cn = 'http';
      if (!this.registered('dialer', dn)) dn = cn === 'ssu' ? 'udp' : 'tcp';
      return cn === connector && dn === dialer && /^[a-z][a-z0-9+.-]*$/.test(c);
    });
    if (matches.length === 0)
      fail(`${where}: no -F scheme gives connector ${connector} with dialer ${dialer}`);
    return matches.reduce((a, b) => (b.length < a.length ? b : a));
  }
}

interface ServiceURL {
  scheme: string;
  userinfo?: string;
  addr: string;
  pathAddr: boolean;
  targets: string[];
  query: string[];
}

function serviceName(s: Obj): string {
  return String(s.name ?? '(unnamed)');
}

function onlyFields(o: Obj, allowed: readonly string[], owner: string): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k) && o[k] !== undefined);
  if (extra.length > 0)
    fail(`${owner} has ${extra.join(', ')}, which a command line cannot set; use -C with the YAML`);
}

function singleOf(list: unknown, where: string): unknown {
  const items = list as unknown[];
  if (items.length > 1) fail(`${where} has several bypasses; the command line gives one`);
  return items[0];
}

/** The listen address must come back unchanged through cutHost and port-range expansion. */
function checkListenAddr(addr: string, name: string): void {
  if (/[/?@\s]/.test(addr)) fail(`service ${name} listens on ${addr}, which a -L URL cannot hold`);
  const expanded = expandAddrPortRange(addr);
  if (expanded.addrs.length > 1)
    fail(`service ${name} listens on ${addr}, which gost would expand into a port range`);
  if (expanded.addrs.length === 1 && expanded.addrs[0] !== addr) {
    fail(`service ${name} listens on ${addr}, which gost would rewrite to ${expanded.addrs[0]}`);
  }
}

/** `user:pass` for a URL, or undefined when there are no credentials. */
function userinfo(auth: unknown, owner: string, sip002Scheme: boolean): string | undefined {
  if (auth === undefined || auth === null) return undefined;
  if (!isRecord(auth)) fail(`${owner} has auth that is not a mapping`);
  if (auth.file) fail(`${owner} reads credentials from a file, which a command line cannot say`);
  const username = String(auth.username ?? '');
  const password = String(auth.password ?? '');
  if (username.includes(':')) fail(`${owner}'s username contains ":", which a URL's userinfo cannot hold`);
  // For ss schemes a password-less userinfo is read as SIP002 base64; an explicit ":" prevents that.
  if (password === '') return sip002Scheme ? `${userinfoEscape(username)}:` : userinfoEscape(username);
  return `${userinfoEscape(username)}:${userinfoEscape(password)}`;
}

/** Selector options; the command line fills round/1/30s once any is given, YAML means round/1/10s. */
function selectorQuery(selector: unknown): [string, string][] {
  const want = effectiveSelector(selector);
  const wantTimeout = BigInt(String(want.failTimeout));
  const wantLatency = BigInt(String(want.maxLatency ?? '0'));
  if (wantLatency !== 0n) fail('a selector with maxLatency has no command-line form');
  if (want.strategy === 'round' && want.maxFails === 1 && wantTimeout === 10_000_000_000n) return [];
  const raw = isRecord(selector) ? selector : {};
  const out: [string, string][] = [];
  if (want.strategy !== 'round') out.push(['strategy', String(raw.strategy)]);
  if (want.maxFails !== 1) out.push(['maxFails', String(want.maxFails)]);
  if (wantTimeout !== cliDefaultFailTimeoutNs || out.length === 0)
    out.push(['failTimeout', formatGoDuration(wantTimeout)]);
  return out;
}

/** A bypass or admission as the `~a,b,c` list the command line makes it from. */
function matcherValue(o: Obj, what: string): string {
  onlyFields(o, ['name', 'whitelist', 'reverse', 'matchers'], what);
  const matchers = ((o.matchers as unknown[] | undefined) ?? []).map(String);
  for (const m of matchers)
    if (m === '' || m.includes(',')) fail(`${what} has a matcher "${m}" that a comma list cannot hold`);
  const whitelist = o.whitelist === true || o.reverse === true;
  if (!whitelist && matchers[0]?.startsWith('~'))
    fail(`${what} starts with "~", which the command line reads as a whitelist mark`);
  // gost skips empty list entries, so "," makes an object without matchers.
  return whitelist ? `~${matchers.join(',')}` : matchers.length > 0 ? matchers.join(',') : ',';
}

function resolverQuery(o: Obj, service: boolean): [string, string][] {
  onlyFields(o, ['name', 'nameservers'], `resolver ${o.name}`);
  const servers = ((o.nameservers as unknown[] | undefined) ?? []).filter(isRecord);
  if (servers.length === 0) return [['resolver', ',']];
  const prefers = new Set(servers.map((s) => String(s.prefer ?? '')));
  for (const s of servers) {
    onlyFields(s, ['addr', 'prefer'], `a nameserver of resolver ${o.name}`);
    if (String(s.addr ?? '') === '' || String(s.addr).includes(','))
      fail(`resolver ${o.name} has a nameserver a comma list cannot hold`);
  }
  if (prefers.size > 1)
    fail(
      `the nameservers of resolver ${o.name} prefer different address families; the command line sets one`,
    );
  const prefer = [...prefers][0]!;
  if (prefer !== '' && !service)
    fail(`resolver ${o.name} of a hop prefers ${prefer}; the command line sets prefer only for services`);
  const out: [string, string][] = [['resolver', servers.map((s) => String(s.addr)).join(',')]];
  if (prefer !== '') out.push(['prefer', prefer]);
  return out;
}

function hostsValue(o: Obj): string {
  onlyFields(o, ['name', 'mappings'], `hosts ${o.name}`);
  const mappings = ((o.mappings as unknown[] | undefined) ?? []).filter(isRecord);
  if (mappings.length === 0) return ',';
  return mappings
    .map((m) => {
      onlyFields(m, ['hostname', 'ip'], `a mapping of hosts ${o.name}`);
      const h = String(m.hostname ?? '');
      const ip = String(m.ip ?? '');
      if (h.includes(':') || h.includes(',') || ip.includes(','))
        fail(`hosts ${o.name} maps ${h} in a way the command line cannot write`);
      return `${h}:${ip}`;
    })
    .join(',');
}

function limiterQuery(o: Obj): [string, string][] {
  onlyFields(o, ['name', 'limits'], `limiter ${o.name}`);
  const limits = ((o.limits as unknown[] | undefined) ?? []).map(String);
  const out: [string, string][] = [];
  // gost writes "$ IN OUT" then "$$ IN OUT"; any split of the text at a space reproduces it.
  const kinds = [
    { mark: '$ ', keys: ['limiter.in', 'limiter.out'] },
    { mark: '$$ ', keys: ['limiter.conn.in', 'limiter.conn.out'] },
  ];
  let next = 0;
  for (const l of limits) {
    const k = kinds.findIndex(
      (kind, i) => i >= next && l.startsWith(kind.mark) && !(i === 0 && l.startsWith('$$ ')),
    );
    const body = k < 0 ? '' : l.slice(kinds[k]!.mark.length);
    const space = body.indexOf(' ');
    if (k < 0 || space < 0 || (body.trim() === '' && body.length === 1)) {
      fail(`limiter ${o.name} has the limit "${l}", which the command line cannot make`);
    }
    const [inKey, outKey] = kinds[k]!.keys as [string, string];
    const inValue = body.slice(0, space);
    const outValue = body.slice(space + 1);
    if (inValue !== '') out.push([inKey, inValue]);
    if (outValue !== '') out.push([outKey, outValue]);
    next = k + 1;
  }
  if (out.length === 0) fail(`limiter ${o.name} has no limits the command line can make`);
  return out;
}

function singleLimit(o: Obj, kind: 'int' | 'float'): string {
  onlyFields(o, ['name', 'limits'], `limiter ${o.name}`);
  const limits = ((o.limits as unknown[] | undefined) ?? []).map(String);
  const m = limits.length === 1 ? /^\$ (\S+)$/.exec(limits[0]!) : null;
  if (m) {
    const text = m[1]!;
    if (kind === 'int' && /^[1-9]\d*$/.test(text)) return text;
    const f = goParseFloat(text);
    if (kind === 'float' && f.ok && f.value > 0 && goFormatFloat(f.value) === text) return text;
  }
  fail(`limiter ${o.name} has limits ${JSON.stringify(limits)}, which the command line cannot make`);
}

function listenerTLSQuery(listener: Obj, listenerType: string, name: string): [string, string][] {
  const tls = listener.tls;
  if (!isRecord(tls) || !listenerUsesTLS(listenerType) || !tls.certFile) return [];
  onlyFields(tls, ['certFile', 'keyFile', 'caFile'], `service ${name}'s listener TLS`);
  const out: [string, string][] = [['certFile', String(tls.certFile)]];
  if (tls.keyFile) out.push(['keyFile', String(tls.keyFile)]);
  if (tls.caFile) out.push(['caFile', String(tls.caFile)]);
  return out;
}

function dialerTLSQuery(nodes: Obj[], host: string, where: string): [string, string][] {
  const effective = nodes.map((n) =>
    effectiveClientTLS(isRecord(n.dialer) ? n.dialer.tls : undefined, String(n.addr ?? '')),
  );
  const first = effective[0]!;
  if (effective.some((e) => JSON.stringify(e) !== JSON.stringify(first))) {
    fail(`the nodes of ${where} need different TLS settings (server names); one -F URL gives them one`);
  }
  onlyFields(first, ['serverName', 'secure', 'caFile', 'certFile', 'keyFile'], `the dialer TLS of ${where}`);
  const out: [string, string][] = [];
  if (first.secure === true) out.push(['secure', 'true']);
  const serverName = String(first.serverName ?? '');
  if (serverName !== hostname(host)) out.push(['serverName', serverName]);
  if (first.caFile) out.push(['caFile', String(first.caFile)]);
  if (first.certFile) out.push(['certFile', String(first.certFile)]);
  if (first.keyFile) out.push(['keyFile', String(first.keyFile)]);
  return out;
}

/** What all nodes of one -F URL must share (everything but name, address and derived TLS). */
function nodeShape(n: Obj): unknown {
  const dialer = isRecord(n.dialer) ? n.dialer : {};
  const { tls: _tls, ...dialerRest } = dialer;
  return { connector: n.connector, dialer: dialerRest, metadata: n.metadata };
}

type Scalar = string | number | boolean;

function scalarValue(v: unknown, owner: string, key: string): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return stringOf(v as Scalar);
  fail(
    `${owner} metadata ${key} is ${Array.isArray(v) ? 'a list' : 'a mapping'}, which a URL query cannot hold`,
  );
}

interface Place {
  prefix: string;
  md: Obj;
}

/**
 * Metadata as query parameters: a key with the same value in every place is written once,
 * everything else with its scope prefix (`handler.`, `node.`, …).
 */
function metadataQuery(
  places: Place[],
  consumedPlain: ReadonlySet<string>,
  owner: string,
  moved: Readonly<Record<string, { place: number; kind: 'string' | 'int' }>>,
  plainList?: (key: string, values: unknown[]) => string | undefined,
): [string, string][] {
  const out: [string, string][] = [];
  const keys = new Set(places.flatMap((p) => Object.keys(p.md)));
  const prefixes = places.map((p) => p.prefix);
  for (const key of [...keys].sort()) {
    const lower = key.toLowerCase();
    const values = places.map((p) => p.md[key]);
    // Options like `interface=eth0` are moved into one place by gost itself: write them plainly.
    const move = Object.hasOwn(moved, key) ? moved[key]! : undefined;
    if (move && values.every((v, i) => (i === move.place) === (v !== undefined))) {
      const text = scalarValue(values[move.place], owner, key);
      const ok = move.kind === 'string' ? text !== '' : /^[1-9]\d*$/.test(text);
      if (ok) {
        out.push([key, text]);
        continue;
      }
    }
    if (plainList) {
      const listValue = plainList(key, values);
      if (listValue !== undefined) {
        out.push([key, listValue]);
        continue;
      }
    }
    const everywhere = values.every((v) => v !== undefined);
    const rendered = everywhere ? values.map((v) => scalarValue(v, owner, key)) : [];
    const same = everywhere && rendered.every((r) => r === rendered[0]);
    if (same && !consumedPlain.has(lower) && !prefixes.some((p) => key.startsWith(p))) {
      out.push([key, rendered[0]!]);
      continue;
    }
    places.forEach((p, i) => {
      const v = values[i];
      if (v === undefined) return;
      out.push([p.prefix + key, scalarValue(v, owner, key)]);
    });
  }
  return out;
}

/** Whether BuildConfigFromCmd would take this handler metadata entry as a service option. */
function handlerOptionTaken(key: string, value: unknown): boolean {
  const lower = key.toLowerCase();
  if (!handlerPostRouting.has(lower)) return false;
  const md = GoMap.of({ [key]: value }, noSpan).view();
  if (lower === 'retries' || lower === 'climiter') return getInt(md, lower) > 0;
  if (lower === 'rlimiter') return getFloat(md, lower) > 0;
  return getString(md, lower) !== '';
}

const noSpan = { file: '', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

function withoutResidue(md: unknown, residue: ReadonlySet<string>): Obj {
  if (!isRecord(md)) return {};
  return Object.fromEntries(Object.entries(md).filter(([k]) => !residue.has(k.toLowerCase())));
}

function serviceMetadataQuery(s: Obj, handler: Obj, listener: Obj, name: string): [string, string][] {
  const handlerMd = withoutResidue(handler.metadata, new Set(['prefer']));
  for (const [k, v] of Object.entries(handlerMd)) {
    if (handlerOptionTaken(k, v))
      fail(`service ${name}'s handler metadata ${k} would be read as the -L option ${k}`);
  }
  const places: Place[] = [
    { prefix: 'handler.', md: handlerMd },
    { prefix: 'listener.', md: withoutResidue(listener.metadata, serviceResidueKeys) },
    { prefix: 'service.', md: withoutResidue(s.metadata, serviceResidueKeys) },
  ];
  const consumedPlain = new Set([...servicePreRouting, ...handlerPostRouting, 'prefer']);
  const moved = {
    interface: { place: 2, kind: 'string' },
    so_mark: { place: 2, kind: 'int' },
    proxyProtocol: { place: 2, kind: 'int' },
    netns: { place: 2, kind: 'string' },
    'netns.out': { place: 2, kind: 'string' },
  } as const;
  return metadataQuery(places, consumedPlain, `service ${name}`, moved, (key, values) => {
    // `dns=a,b` is the one plain option that becomes a list, in all three places.
    if (key !== 'dns' || !values.every((v) => Array.isArray(v))) return undefined;
    const lists = values as unknown[][];
    const text = lists[0]!.map(String).join(',');
    const ok = lists.every(
      (l) => l.every((x) => typeof x === 'string' && !x.includes(',')) && l.map(String).join(',') === text,
    );
    return ok && text !== '' ? text : undefined;
  });
}

function nodeMetadataQuery(
  hop: Obj,
  node: Obj,
  connector: Obj,
  dialer: Obj,
  where: string,
): [string, string][] {
  const places: Place[] = [
    { prefix: 'hop.', md: withoutResidue(hop.metadata, hopResidueKeys) },
    { prefix: 'node.', md: isRecord(node.metadata) ? node.metadata : {} },
    { prefix: 'connector.', md: isRecord(connector.metadata) ? connector.metadata : {} },
    { prefix: 'dialer.', md: isRecord(dialer.metadata) ? dialer.metadata : {} },
  ];
  const moved = {
    interface: { place: 0, kind: 'string' },
    so_mark: { place: 0, kind: 'int' },
    proxyProtocol: { place: 0, kind: 'int' },
  } as const;
  return metadataQuery(places, nodePreRouting, where, moved);
}

function formatServiceURL(u: ServiceURL): string {
  const user = u.userinfo !== undefined ? `${u.userinfo}@` : '';
  const path = u.pathAddr ? u.addr : u.targets.length > 0 ? `/${u.targets.join(',')}` : '';
  const host = u.pathAddr ? '' : u.addr;
  const query = u.query.length > 0 ? `?${u.query.join('&')}` : '';
  const rest = `${user}${host}${path}${query}`;
  // No scheme means auto://, added by gost when the text starts with ":" or has no "://".
  if (u.scheme === '' && host !== '' && (rest.startsWith(':') || !rest.includes('://'))) return rest;
  return `${u.scheme || 'auto'}://${rest}`;
}

/** Consecutive services that differ only in consecutive ports become one port-range URL. */
function compactPortRanges(urls: ServiceURL[]): ServiceURL[] {
  const out: ServiceURL[] = [];
  let i = 0;
  while (i < urls.length) {
    const start = urls[i]!;
    const base = start.pathAddr ? undefined : portOf(start.addr);
    const mode = base ? pairing(start, urls[i + 1]) : undefined;
    let j = i + 1;
    if (base && mode) while (j < urls.length && continues(start, base, urls[j]!, j - i, mode)) j++;
    if (base && mode && j - i >= 2) {
      const last = Number(base.port) + (j - i) - 1;
      const addr = `${joinHostPort(base.host, base.port)}-${last}`;
      let targets = start.targets;
      if (mode === 'one-to-one') {
        const t = portOf(start.targets[0]!)!;
        targets = [`${joinHostPort(t.host, t.port)}-${Number(t.port) + (j - i) - 1}`];
      }
      out.push({ ...start, addr, targets });
    } else out.push(start);
    i = Math.max(j, i + 1);
  }
  return out;
}

type Pairing = 'none' | 'shared' | 'one-to-one';

/** How a run starting with `a` pairs ports with targets, judged by its second service. */
function pairing(a: ServiceURL, b: ServiceURL | undefined): Pairing | undefined {
  if (!b) return undefined;
  if (a.targets.length === 0) return 'none';
  if (a.targets.length !== 1) return undefined;
  if (b.targets.length === 1 && b.targets[0] === a.targets[0]) return 'shared';
  return portOf(a.targets[0]!) ? 'one-to-one' : undefined;
}

function portOf(addr: string): { host: string; port: string } | undefined {
  const hp = splitHostPort(addr);
  if (!hp.ok || !/^(0|[1-9]\d*)$/.test(hp.port) || joinHostPort(hp.host, hp.port) !== addr) return undefined;
  return { host: hp.host, port: hp.port };
}

function continues(
  start: ServiceURL,
  base: { host: string; port: string },
  next: ServiceURL,
  offset: number,
  mode: Pairing,
): boolean {
  const p = next.pathAddr ? undefined : portOf(next.addr);
  if (!p || p.host !== base.host || Number(p.port) !== Number(base.port) + offset) return false;
  if (next.scheme !== start.scheme || next.userinfo !== start.userinfo) return false;
  if (next.query.join('&') !== start.query.join('&')) return false;
  if (mode === 'none') return next.targets.length === 0;
  if (next.targets.length !== 1) return false;
  if (mode === 'shared') return next.targets[0] === start.targets[0];
  const t0 = portOf(start.targets[0]!);
  const t = portOf(next.targets[0]!);
  return !!t0 && !!t && t.host === t0.host && Number(t.port) === Number(t0.port) + offset;
}

function quoteLine(argv: string[]): string {
  return ['gost', ...argv].map(shellQuote).join(' ');
}

/**
 * The command line for a config. The result is verified: topo's port of gost's parser must read
 * it back into an equivalent config, or the reason says where it would differ.
 */
export function emitCommandLine(config: GostConfig, options: EmitOptions = {}): CommandLine {
  const registry = options.registry ?? 'gost';
  const decoded = decodeGoConfig(config, 'yaml').config as Obj;
  let groups: string[][];
  try {
    groups = new Emitter(decoded, registry).groups(options.allowGroups ?? true);
  } catch (e) {
    if (e instanceof Inexpressible) return { ok: false, reason: e.reason };
    throw e;
  }
  const argv = groups.flatMap((g, i) => (i === 0 ? g : ['--', ...g]));
  const parsed = parseGostArgs(argvTexts(argv), { registry });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return {
      ok: false,
      reason: `gost would reject the command line this config needs: ${errors[0]!.message}`,
    };
  }
  const difference = explainDifference(
    config,
    parsed.groups.map((g) => g.config),
  );
  if (difference !== undefined) {
    return { ok: false, reason: `no command line reproduces this config: gost would read ${difference}` };
  }
  return { ok: true, argv, groups, line: quoteLine(argv) };
}
