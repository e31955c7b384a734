/**
 * gost's conversion of `-L` service URLs and `-F` node URLs into a config, step for step as
 * x/config/cmd/cmd.go (go-gost/x HEAD) does it: scheme splitting with registry fallbacks, forward
 * mode, port ranges, userinfo and `?auth=` credentials, TLS options, selectors, metadata routing
 * with scope prefixes, and the named objects made from `bypass`, `resolver`, `hosts`,
 * `admission` and the limiter options. Every value records the characters it came from.
 *
 * Stable line (go-gost/x v0.8.1, gost 3.2.x) differences, which topo does not follow because the
 * conformance vectors target HEAD: no SIP002 userinfo for `ss`, `?auth=` on `-L` overrides the
 * userinfo, and `runix`/`stdio` listeners do not exist.
 */
import type { Span } from '../diagnostics.js';
import type {
  AdmissionConfig,
  AuthConfig,
  BypassConfig,
  ChainConfig,
  GostConfig,
  HopConfig,
  HostsConfig,
  LimiterConfig,
  NodeConfig,
  ResolverConfig,
  SelectorConfig,
  ServiceConfig,
  TLSConfig,
} from '../gost/config.js';
import type { ConfigPath } from '../gost/span-index.js';
import type { RegistryKind } from '../gost/registry-names.js';
import { bytesToString, decodeGostBase64 } from './go-base64.js';
import { formatGoDuration } from './go-duration.js';
import {
  type GoMap as GoMapT,
  GoMap,
  getBool,
  getDurationNs,
  getFloat,
  getInt,
  getString,
  type MdView,
} from './go-metadata.js';
import { expandAddrPortRange } from './go-net.js';
import { goFormatFloat } from './go-strconv.js';
import { escapedPath, type GoUserinfo, hostname, parseQuery, type Range } from './go-url.js';
import { component, type LocatedURL } from './go-url-loc.js';
import type { ArgSpace, Loc } from './located.js';

export type RegistryLookup = (kind: RegistryKind, name: string) => boolean;

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  span: Span;
  help?: string;
  /** The diagnostic id, when the problem has a rule of its own (default `gost-cli`). */
  rule?: string;
}

export interface BuildContext {
  space: ArgSpace;
  isRegistered: RegistryLookup;
  /** `go-<id>@` when gost runs under a ` -- ` group (`_GOST_ID`), else empty. */
  targetPrefix: string;
  report(problem: Problem): void;
}

/** Spans relative to the object they were recorded for. */
export type RelativeSpans = [ConfigPath, Span][];

/** Schemes whose listen address (or dial address) may be a filesystem path. */
export const pathBasedSchemes = new Set(['unix', 'runix', 'serial']);

/** Listeners that take over the handler name in forward mode (any other listener gets `forward`). */
export const forwardModeListeners = new Set([
  'tcp',
  'udp',
  'rtcp',
  'rudp',
  'tun',
  'tap',
  'dns',
  'unix',
  'runix',
  'serial',
]);

/** Listeners whose chain goes on the listener (they bind through it) rather than the handler. */
export const listenerChainTypes = new Set(['rtcp', 'rudp', 'runix']);

export function spanOf(ctx: BuildContext, loc: Loc, start = 0, end: number = loc.length): Span {
  const r = loc.range(start, end);
  return ctx.space.span(r.start, r.end);
}

function rangeSpan(ctx: BuildContext, loc: Loc, range: Range | undefined): Span {
  return range ? spanOf(ctx, loc, range.start, range.end) : spanOf(ctx, loc);
}

/** The two halves of a scheme `a+b` (one name for both when there is no `+`), with their spans. */
function schemeParts(
  ctx: BuildContext,
  lu: LocatedURL,
): { first: string; second: string; spans: [Span, Span] } {
  const { url, loc } = lu;
  const parts = url.scheme.split('+');
  const whole = rangeSpan(ctx, loc, url.ranges.scheme);
  let first = '';
  let second = '';
  if (parts.length === 1) first = second = parts[0]!;
  if (parts.length === 2) [first, second] = [parts[0]!, parts[1]!];
  const r = url.ranges.scheme;
  // Spans per half only when the written scheme is the one parsed (`https` is rewritten).
  if (r && parts.length === 2 && r.end - r.start === url.scheme.length) {
    const cut = r.start + parts[0]!.length;
    return { first, second, spans: [spanOf(ctx, loc, r.start, cut), spanOf(ctx, loc, cut + 1, r.end)] };
  }
  return { first, second, spans: [whole, whole] };
}

/** Query parameters as gost collects them: the first value of each key, in a Go map. */
function queryMap(ctx: BuildContext, lu: LocatedURL, flag: string): GoMapT {
  const { url, loc } = lu;
  const m = new GoMap();
  if (!url.ranges.query) return m;
  const { pairs, dropped } = parseQuery(url.rawQuery, url.ranges.query.start);
  for (const d of dropped) {
    ctx.report({
      severity: 'warning',
      message: `gost ignores this ${flag} parameter: ${d.reason}`,
      span: spanOf(ctx, loc, d.range.start, d.range.end),
    });
  }
  const seen = new Map<string, Span>();
  for (const p of pairs) {
    const span = spanOf(ctx, loc, p.range.start, p.range.end);
    const earlier = seen.get(p.key);
    if (earlier) {
      ctx.report({
        severity: 'warning',
        message: `parameter "${p.key}" is given again; gost uses only its first value`,
        span,
      });
      continue;
    }
    seen.set(p.key, span);
    m.set(p.key, p.value, span);
  }
  const lowered = new Map<string, string>();
  for (const k of m.keys()) {
    const other = lowered.get(k.toLowerCase());
    if (other !== undefined && other !== k) {
      ctx.report({
        severity: 'warning',
        message: `parameters "${other}" and "${k}" differ only in case; gost reads one of them at random`,
        span: m.get(k)!.span,
      });
    }
    lowered.set(k.toLowerCase(), k);
  }
  return m;
}

/** decodeSIP002Auth: a password-less userinfo that is base64 `method:password`. */
export function decodeSIP002Auth(user: GoUserinfo | undefined): AuthConfig | undefined {
  if (!user || user.passwordSet || user.username === '') return undefined;
  const bytes = decodeGostBase64(user.username);
  if (!bytes) return undefined;
  const text = bytesToString(bytes);
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return authConfig(text.slice(0, colon), text.slice(colon + 1));
}

/** parseAuthFromCmd: `?auth=` is base64 `user[:pass]`; undefined when it is not base64. */
export function parseAuthFromCmd(value: string): AuthConfig | undefined {
  const bytes = decodeGostBase64(value);
  if (!bytes) return undefined;
  const text = bytesToString(bytes);
  const colon = text.indexOf(':');
  if (colon < 0) return authConfig(text, '');
  return authConfig(text.slice(0, colon), text.slice(colon + 1));
}

function authConfig(username: string, password: string): AuthConfig {
  return password === '' ? { username } : { username, password };
}

export interface LocatedAuth {
  auth: AuthConfig;
  spans: RelativeSpans;
}

/** Credentials from the userinfo (SIP002 for `ss…` schemes) or else from `?auth=`. */
function credentials(
  ctx: BuildContext,
  lu: LocatedURL,
  md: MdView,
  flag: string,
): LocatedAuth | undefined | 'error' {
  const { url, loc } = lu;
  if (url.user) {
    const userinfoSpan = rangeSpan(ctx, loc, url.ranges.userinfo);
    const sip002 = url.scheme.startsWith('ss') ? decodeSIP002Auth(url.user) : undefined;
    if (sip002) return { auth: sip002, spans: [[[], userinfoSpan]] };
    const spans: RelativeSpans = [
      [[], userinfoSpan],
      [['username'], rangeSpan(ctx, loc, url.ranges.username)],
    ];
    if (url.user.password !== '') spans.push([['password'], rangeSpan(ctx, loc, url.ranges.password)]);
    return { auth: authConfig(url.user.username, url.user.password), spans };
  }
  const raw = getString(md, 'auth');
  if (raw === '') return undefined;
  const span = md.pick(['auth'])!.span;
  const auth = parseAuthFromCmd(raw);
  if (!auth) {
    ctx.report({
      severity: 'error',
      message: `${flag} auth=${raw}: gost fails with "illegal base64 data"; auth must be base64 of user:password`,
      span,
      help: 'gost exits at startup with this error',
    });
    return 'error';
  }
  return { auth, spans: [[[], span]] };
}

export interface LocatedSelector {
  selector: SelectorConfig;
  spans: RelativeSpans;
}

/**
 * parseSelector: `strategy`, `maxFails`/`max_fails`, `failTimeout`/`fail_timeout`; once any is
 * set the others default to round, 1 and 30s. The keys are removed from the map.
 */
export function parseSelector(m: GoMapT): LocatedSelector | undefined {
  const md = m.view();
  const strategy = getString(md, 'strategy');
  const maxFails = getInt(md, 'maxFails', 'max_fails');
  const failTimeout = getDurationNs(md, 'failTimeout', 'fail_timeout');
  if (strategy === '' && maxFails <= 0 && failTimeout <= 0n) return undefined;
  const spans: RelativeSpans = [];
  const strategySpan = md.pick(['strategy'])?.span;
  const maxFailsSpan = md.pick(['maxFails', 'max_fails'])?.span;
  const failTimeoutSpan = md.pick(['failTimeout', 'fail_timeout'])?.span;
  const first = strategySpan ?? maxFailsSpan ?? failTimeoutSpan;
  if (first) spans.push([[], first]);
  if (strategySpan) spans.push([['strategy'], strategySpan]);
  if (maxFailsSpan) spans.push([['maxFails'], maxFailsSpan]);
  if (failTimeoutSpan) spans.push([['failTimeout'], failTimeoutSpan]);
  for (const k of ['strategy', 'maxFails', 'max_fails', 'failTimeout', 'fail_timeout']) m.delete(k);
  return {
    selector: {
      strategy: strategy === '' ? 'round' : strategy,
      maxFails: maxFails <= 0 ? 1 : maxFails,
      failTimeout: formatGoDuration(failTimeout <= 0n ? 30_000_000_000n : failTimeout),
    },
    spans,
  };
}

/** The TLS option keys gost consumes from a URL query, with their aliases. */
const tlsKeys = {
  certFile: ['tls.certFile', 'certFile', 'cert'],
  keyFile: ['tls.keyFile', 'keyFile', 'key'],
  caFile: ['tls.caFile', 'caFile', 'ca'],
} as const;

const serviceTLSDeletes = [
  'tls.certFile',
  'certFile',
  'cert',
  'tls.keyFile',
  'keyFile',
  'key',
  'tls.caFile',
  'caFile',
  'ca',
];
const nodeTLSDeletes = [...serviceTLSDeletes, 'tls.secure', 'secure', 'tls.servername', 'serverName'];

/** A metadata map becomes the `metadata` of an object; its entries' spans go under `metadata/<key>`. */
function metadataSpans(m: GoMapT, base: ConfigPath): RelativeSpans {
  const out: RelativeSpans = [];
  for (const [k, e] of m) out.push([[...base, 'metadata', k], e.span]);
  return out;
}

function addMetadata(target: { metadata?: Record<string, unknown> }, m: GoMapT): void {
  const obj = m.toObject();
  if (obj) target.metadata = obj;
  else delete target.metadata;
}

/** The characters of the host name inside a host (the `hostname()` of it). */
function hostnameSpan(ctx: BuildContext, host: Loc): Span {
  const name = hostname(host.text);
  const at = host.text.indexOf(name);
  return at >= 0 && name !== '' ? spanOf(ctx, host, at, at + name.length) : spanOf(ctx, host);
}

export interface ServiceBuild {
  service: ServiceConfig;
  spans: RelativeSpans;
  handlerMd: GoMapT;
  listenerMd: GoMapT;
  serviceMd: GoMapT;
  /** The whole argument, for spans of generated values. */
  argSpan: Span;
}

/** buildServiceConfig: one service per listen address of the URL (port ranges expand). */
export function buildServiceConfig(
  ctx: BuildContext,
  lu: LocatedURL,
  flag = '-L',
): ServiceBuild[] | undefined {
  const { url, loc } = lu;
  const argSpan = spanOf(ctx, loc);
  const scheme = schemeParts(ctx, lu);
  let handler = scheme.first;
  let listener = scheme.second;
  const schemeWords = url.scheme.split('+');
  const pathBased = pathBasedSchemes.has(listener) || schemeWords.some((s) => pathBasedSchemes.has(s));
  const host = lu.host;
  const pathAddr = pathBased && url.host === '';
  const path = escapedPath(url);
  const pathLoc = component(loc, url.ranges.path);
  const pathSpan = url.ranges.path ? spanOf(ctx, pathLoc) : argSpan;

  if (pathBased && (url.host === '.' || url.host === '..') && path !== '') {
    ctx.report({
      severity: 'warning',
      message: `gost ends the host at the first "/": this service listens on "${url.host}" and forwards to "${trimSlashes(path)}"`,
      span: spanOf(ctx, host),
      help: 'write the socket name without "./", or use three slashes for an absolute socket path',
    });
  }
  let addrs: { addr: string; span: Span }[];
  if (pathAddr) {
    addrs = [path !== '' ? { addr: path, span: pathSpan } : { addr: url.host, span: spanOf(ctx, host) }];
  } else {
    const expansion = expandAddrPortRange(url.host);
    const hostSpan = spanOf(ctx, host);
    reportRangeProblem(ctx, expansion.problem, url.host, hostSpan, 'listen address');
    addrs =
      expansion.addrs.length > 0
        ? expansion.addrs.map((addr) => ({ addr, span: hostSpan }))
        : [{ addr: url.host, span: hostSpan }];
  }

  reportUnknownSchemeParts(ctx, lu, scheme);
  const written = ctx.isRegistered('handler', handler) ? handler : undefined;
  if (!ctx.isRegistered('handler', handler)) handler = 'auto';
  if (!ctx.isRegistered('listener', listener)) listener = handler === 'ssu' ? 'udp' : 'tcp';

  const targets: { name: string; addr: string; span: Span }[] = [];
  const remotes = trimSlashes(path);
  let handlerSpan = scheme.spans[0];
  if (remotes !== '' && !pathAddr) {
    let i = 0;
    const direct = path === pathLoc.text;
    const lead = direct ? pathLoc.text.length - pathLoc.text.replace(/^\/+/, '').length : 0;
    let at = lead;
    for (const entry of remotes.split(',')) {
      const entrySpan = direct ? spanOf(ctx, pathLoc, at, at + entry.length) : pathSpan;
      at += entry.length + 1;
      const expansion = expandAddrPortRange(entry);
      reportRangeProblem(ctx, expansion.problem, entry, entrySpan, 'target');
      const list = expansion.addrs.length > 0 ? expansion.addrs : [entry];
      for (const addr of list) {
        targets.push({ name: `${ctx.targetPrefix}target-${i}`, addr, span: entrySpan });
        i++;
      }
    }
    if (handler !== 'relay') {
      const rewritten = forwardModeListeners.has(listener) ? listener : 'forward';
      if (rewritten !== handler) handlerSpan = pathSpan;
      handler = rewritten;
      if (written !== undefined && written !== handler && written !== 'auto') {
        ctx.report({
          severity: 'warning',
          message: `the ${written} handler is replaced by ${handler}: a -L URL with a target path is a port forwarder (only relay keeps its handler)`,
          span: scheme.spans[0],
          help: `write ${handler === 'forward' ? 'forward+' + listener : listener}://… to say so, or drop the target path`,
        });
      }
    }
  }
  if (listener === 'stdio' && targets.length === 0 && url.host !== '') {
    targets.push({ name: `${ctx.targetPrefix}target-0`, addr: url.host, span: spanOf(ctx, host) });
    if (handler === 'auto') handler = 'tcp';
  }

  const m = queryMap(ctx, lu, flag);
  const md = m.view();
  const creds = credentials(ctx, lu, md, flag);
  if (creds === 'error') return undefined;
  m.delete('auth');

  const certFile = getString(md, ...tlsKeys.certFile);
  let tls: TLSConfig | undefined;
  const tlsSpans: RelativeSpans = [];
  if (certFile !== '') {
    tls = { certFile };
    const keyFile = getString(md, ...tlsKeys.keyFile);
    const caFile = getString(md, ...tlsKeys.caFile);
    if (keyFile !== '') tls.keyFile = keyFile;
    if (caFile !== '') tls.caFile = caFile;
    for (const field of ['certFile', 'keyFile', 'caFile'] as const) {
      const span = md.pick(tlsKeys[field])?.span;
      if (span && tls[field] !== undefined) tlsSpans.push([['tls', field], span]);
    }
    tlsSpans.push([['tls'], md.pick(tlsKeys.certFile)!.span]);
  } else if (getString(md, ...tlsKeys.keyFile) !== '' || getString(md, ...tlsKeys.caFile) !== '') {
    ctx.report({
      severity: 'warning',
      message:
        'gost ignores keyFile/caFile on -L without certFile: the listener uses the default certificate',
      span: (md.pick(tlsKeys.keyFile) ?? md.pick(tlsKeys.caFile))!.span,
    });
  }
  for (const k of serviceTLSDeletes) m.delete(k);

  const dns = getString(md, 'dns');
  if (dns !== '') m.set('dns', dns.split(','), md.pick(['dns'])!.span);
  moveToScope(m, md, 'interface', 'service.', 'string');
  moveToScope(m, md, 'so_mark', 'service.', 'int');
  moveToScope(m, md, 'proxyProtocol', 'service.', 'int');
  moveToScope(m, md, 'netns', 'service.', 'string');
  moveToScope(m, md, 'netns.out', 'service.', 'string');

  const selector = parseSelector(m);

  const serviceMd = new GoMap();
  const handlerMd = new GoMap();
  const listenerMd = new GoMap();
  for (const [k, e] of m) {
    const scoped = scopeOf(k, ['service.', 'handler.', 'listener.']);
    if (scoped) {
      const target = { 'service.': serviceMd, 'handler.': handlerMd, 'listener.': listenerMd }[scoped.scope]!;
      setRouted(ctx, target, scoped.key, e.value, e.span);
      continue;
    }
    setRouted(ctx, handlerMd, k, e.value, e.span);
    setRouted(ctx, listenerMd, k, e.value, e.span);
    setRouted(ctx, serviceMd, k, e.value, e.span);
  }

  const sshListener = listener === 'ssh' || listener === 'sshd';
  const out: ServiceBuild[] = [];
  addrs.forEach((a, i) => {
    const service: ServiceConfig = { name: '', addr: a.addr };
    const spans: RelativeSpans = [
      [[], argSpan],
      [['name'], argSpan],
      [['addr'], a.span],
      [['handler'], handlerSpan],
      [['handler', 'type'], handlerSpan],
      [['listener'], scheme.spans[1]],
      [['listener', 'type'], scheme.spans[1]],
    ];
    service.handler = { type: handler };
    service.listener = { type: listener };
    if (creds) {
      const owner = sshListener ? 'listener' : 'handler';
      (sshListener ? service.listener : service.handler).auth = { ...creds.auth };
      for (const [p, s] of creds.spans) spans.push([[owner, 'auth', ...p], s]);
    }
    if (tls) {
      service.listener.tls = { ...tls };
      for (const [p, s] of tlsSpans) spans.push([['listener', ...p], s]);
    }
    const mine =
      targets.length === 0
        ? []
        : addrs.length === 1 || targets.length === 1
          ? targets
          : i < targets.length
            ? [targets[i]!]
            : [];
    if (mine.length > 0) {
      service.forwarder = { nodes: mine.map((t) => ({ name: t.name, addr: t.addr })) };
      spans.push([['forwarder'], pathSpan]);
      mine.forEach((t, j) => {
        spans.push([['forwarder', 'nodes', j], t.span], [['forwarder', 'nodes', j, 'addr'], t.span]);
        spans.push([['forwarder', 'nodes', j, 'name'], t.span]);
      });
      if (selector) {
        service.forwarder.selector = { ...selector.selector };
        for (const [p, s] of selector.spans) spans.push([['forwarder', 'selector', ...p], s]);
      }
    } else if (targets.length > 0) {
      ctx.report({
        rule: 'port-range-mismatch',
        severity: 'warning',
        message: `service on ${a.addr} gets no target: ${addrs.length} listen ports and ${targets.length} targets pair up one to one and the surplus ports get none`,
        span: a.span,
        help: 'give one target per port, or a single target for all of them',
      });
    }
    const build: ServiceBuild = {
      service,
      spans,
      handlerMd: handlerMd.clone(),
      listenerMd: listenerMd.clone(),
      serviceMd: serviceMd.clone(),
      argSpan,
    };
    attachServiceMetadata(build);
    out.push(build);
  });
  return out;
}

const registryKinds: readonly RegistryKind[] = ['handler', 'listener', 'connector', 'dialer'];

/**
 * A scheme word gost registers under no kind at all is most likely a typo: gost silently
 * falls back to its defaults for it.
 */
function reportUnknownSchemeParts(
  ctx: BuildContext,
  lu: LocatedURL,
  scheme: { first: string; second: string; spans: [Span, Span] },
): void {
  const words = lu.url.scheme.split('+');
  if (words.length > 2) {
    ctx.report({
      severity: 'warning',
      message: `scheme "${lu.url.scheme}" has more than two parts; gost ignores all of them and uses its defaults`,
      span: scheme.spans[0],
    });
    return;
  }
  const seen = new Set<string>();
  [scheme.first, scheme.second].forEach((word, i) => {
    if (word === '' || seen.has(word)) return;
    seen.add(word);
    if (registryKinds.some((k) => ctx.isRegistered(k, word))) return;
    ctx.report({
      severity: 'warning',
      message: `gost has no protocol named "${word}"; it falls back to its default type here`,
      span: scheme.spans[i]!,
    });
  });
}

/** A span for a value and for everything inside it (generated objects come from one option). */
export function recordAll(spans: RelativeSpans, path: ConfigPath, value: unknown, span: Span): void {
  spans.push([path, span]);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      recordAll(spans, [...path, i], v, span);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) recordAll(spans, [...path, k], v, span);
  }
}

/** The service's metadata maps, as they stand, become its `metadata` objects. */
function attachServiceMetadata(b: ServiceBuild): void {
  addMetadata(b.service.handler!, b.handlerMd);
  addMetadata(b.service.listener!, b.listenerMd);
  addMetadata(b.service, b.serviceMd);
}

function reportRangeProblem(
  ctx: BuildContext,
  problem: 'malformed' | 'inverted' | undefined,
  text: string,
  span: Span,
  what: string,
): void {
  if (problem === 'malformed') {
    ctx.report({
      severity: 'error',
      message: `bad port range in ${what} "${text}": gost turns a malformed port into port 0`,
      span,
    });
  } else if (problem === 'inverted') {
    ctx.report({
      severity: 'error',
      message: `port range in ${what} "${text}" runs backwards: gost expands it to nothing and uses the text as it is`,
      span,
    });
  }
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}

function scopeOf(key: string, scopes: readonly string[]): { scope: string; key: string } | undefined {
  for (const scope of scopes) if (key.startsWith(scope)) return { scope, key: key.slice(scope.length) };
  return undefined;
}

/**
 * Routing writes into Go maps in Go's random iteration order; when two entries land on one key
 * gost keeps either of them. topo keeps the later one and says so.
 */
function setRouted(ctx: BuildContext, target: GoMapT, key: string, value: unknown, span: Span): void {
  const existing = target.get(key);
  if (existing && existing.span !== span) {
    ctx.report({
      severity: 'warning',
      message: `two parameters set metadata "${key}" on the same object; gost keeps one of them at random`,
      span,
    });
  }
  target.set(key, value, span);
}

/** `interface=eth0` and friends become `<scope>interface`, removed under their own name. */
function moveToScope(m: GoMapT, md: MdView, key: string, scope: string, kind: 'string' | 'int'): void {
  const span = md.pick([key])?.span;
  if (!span) return;
  if (kind === 'string') {
    const v = getString(md, key);
    if (v === '') return;
    m.set(scope + key, v, span);
  } else {
    const v = getInt(md, key);
    if (v <= 0) return;
    m.set(scope + key, v, span);
  }
  m.delete(key);
}

export interface NodeBuild {
  node: NodeConfig;
  spans: RelativeSpans;
}

/** buildNodeConfig: the node of one `-F` URL (before its host is split into several nodes). */
export function buildNodeConfig(
  ctx: BuildContext,
  lu: LocatedURL,
  m: GoMapT,
  flag = '-F',
): NodeBuild | undefined {
  const { url, loc } = lu;
  const argSpan = spanOf(ctx, loc);
  const scheme = schemeParts(ctx, lu);
  let connector = scheme.first;
  let dialer = scheme.second;
  const schemeWords = url.scheme.split('+');
  const pathBased =
    dialer === 'unix' ||
    dialer === 'serial' ||
    connector === 'unix' ||
    connector === 'serial' ||
    schemeWords.some((s) => pathBasedSchemes.has(s));
  const md = m.view();
  reportUnknownSchemeParts(ctx, lu, scheme);
  if (!ctx.isRegistered('connector', connector)) connector = 'http';
  if (!ctx.isRegistered('dialer', dialer)) dialer = connector === 'ssu' ? 'udp' : 'tcp';

  const creds = credentials(ctx, lu, md, flag);
  if (creds === 'error') return undefined;
  m.delete('auth');

  const tls: TLSConfig = {};
  const spans: RelativeSpans = [
    [[], argSpan],
    [['name'], argSpan],
    [['connector'], scheme.spans[0]],
    [['connector', 'type'], scheme.spans[0]],
    [['dialer'], scheme.spans[1]],
    [['dialer', 'type'], scheme.spans[1]],
  ];
  for (const field of ['certFile', 'keyFile', 'caFile'] as const) {
    const v = getString(md, ...tlsKeys[field]);
    if (v !== '') {
      tls[field] = v;
      spans.push([['dialer', 'tls', field], md.pick(tlsKeys[field])!.span]);
    }
  }
  if (getBool(md, 'tls.secure', 'secure')) {
    tls.secure = true;
    spans.push([['dialer', 'tls', 'secure'], md.pick(['tls.secure', 'secure'])!.span]);
  }
  const serverName = getString(md, 'tls.servername', 'servername');
  if (serverName !== '') {
    tls.serverName = serverName;
    spans.push([['dialer', 'tls', 'serverName'], md.pick(['tls.servername', 'servername'])!.span]);
  } else {
    tls.serverName = hostname(url.host);
    spans.push([['dialer', 'tls', 'serverName'], hostnameSpan(ctx, lu.host)]);
  }
  if (tls.serverName === '') delete tls.serverName;
  for (const k of nodeTLSDeletes) m.delete(k);
  const hasTLS =
    tls.secure === true ||
    tls.certFile !== undefined ||
    tls.caFile !== undefined ||
    tls.serverName !== undefined;
  if (hasTLS) spans.push([['dialer', 'tls'], argSpan]);

  const nodeMd = new GoMap();
  const connectorMd = new GoMap();
  const dialerMd = new GoMap();
  for (const [k, e] of m) {
    const scoped = scopeOf(k, ['node.', 'connector.', 'dialer.']);
    if (scoped) {
      const target = { 'node.': nodeMd, 'connector.': connectorMd, 'dialer.': dialerMd }[scoped.scope]!;
      setRouted(ctx, target, scoped.key, e.value, e.span);
      continue;
    }
    setRouted(ctx, connectorMd, k, e.value, e.span);
    setRouted(ctx, dialerMd, k, e.value, e.span);
    setRouted(ctx, nodeMd, k, e.value, e.span);
  }

  const addr = pathBased && url.host === '' ? escapedPath(url) : url.host;
  const addrSpan =
    pathBased && url.host === '' ? spanOf(ctx, component(loc, url.ranges.path)) : spanOf(ctx, lu.host);
  const node: NodeConfig = { name: '', addr };
  spans.push([['addr'], addrSpan]);
  node.connector = { type: connector };
  node.dialer = { type: dialer };
  if (hasTLS) node.dialer.tls = tls;
  if (creds) {
    const owner = dialer === 'ssh' || dialer === 'sshd' ? 'dialer' : 'connector';
    node[owner]!.auth = { ...creds.auth };
    for (const [p, s] of creds.spans) spans.push([[owner, 'auth', ...p], s]);
  }
  addMetadata(node, nodeMd);
  addMetadata(node.connector, connectorMd);
  addMetadata(node.dialer, dialerMd);
  spans.push(...metadataSpans(nodeMd, []), ...metadataSpans(connectorMd, ['connector']));
  spans.push(...metadataSpans(dialerMd, ['dialer']));
  return { node, spans };
}

/** Named objects BuildConfigFromCmd creates, in the order gost appends them. */
export interface NamedObjects {
  admissions: AdmissionConfig[];
  bypasses: BypassConfig[];
  resolvers: ResolverConfig[];
  hosts: HostsConfig[];
  limiters: LimiterConfig[];
  climiters: LimiterConfig[];
  rlimiters: LimiterConfig[];
  spans: RelativeSpans;
}

function matcherList(value: string): { whitelist: boolean; items: string[] } {
  let v = value;
  let whitelist = false;
  if (v.startsWith('~')) {
    whitelist = true;
    v = v.slice(1);
  }
  return { whitelist, items: v.split(',').filter((s) => s !== '') };
}

function listObject(
  kind: 'bypasses' | 'admissions',
  objects: NamedObjects,
  value: string,
  span: Span,
): string {
  const list = objects[kind];
  const name = `${kind === 'bypasses' ? 'bypass' : 'admission'}-${list.length}`;
  const { whitelist, items } = matcherList(value);
  const obj: BypassConfig = { name };
  if (whitelist) obj.whitelist = true;
  if (items.length > 0) obj.matchers = items;
  list.push(obj);
  recordAll(objects.spans, [kind, list.length - 1], obj, span);
  return name;
}

function resolverObject(objects: NamedObjects, value: string, prefer: string, span: Span): string {
  const name = `resolver-${objects.resolvers.length}`;
  const nameservers = value
    .split(',')
    .filter((s) => s !== '')
    .map((addr) => (prefer === '' ? { addr } : { addr, prefer }));
  const obj: ResolverConfig = { name };
  if (nameservers.length > 0) obj.nameservers = nameservers;
  objects.resolvers.push(obj);
  recordAll(objects.spans, ['resolvers', objects.resolvers.length - 1], obj, span);
  return name;
}

function hostsObject(objects: NamedObjects, value: string, span: Span): string {
  const name = `hosts-${objects.hosts.length}`;
  const mappings: { hostname: string; ip: string }[] = [];
  for (const s of value.split(',')) {
    const colon = s.indexOf(':');
    if (colon < 0) continue;
    mappings.push({ hostname: s.slice(0, colon), ip: s.slice(colon + 1) });
  }
  const obj: HostsConfig = { name };
  if (mappings.length > 0) obj.mappings = mappings;
  objects.hosts.push(obj);
  recordAll(objects.spans, ['hosts', objects.hosts.length - 1], obj, span);
  return name;
}

export interface HopBuild {
  hop: HopConfig;
  spans: RelativeSpans;
}

/** One `-F` URL: hop `hop-<i>` with the node(s) of its (comma-separated) host. */
export function buildHop(
  ctx: BuildContext,
  lu: LocatedURL,
  index: number,
  objects: NamedObjects,
  hopBase: ConfigPath,
): HopBuild | undefined {
  const m = queryMap(ctx, lu, '-F');
  const md = m.view();
  const argSpan = spanOf(ctx, lu.loc);
  const hop: HopConfig = { name: `hop-${index}` };
  const spans: RelativeSpans = [
    [[], argSpan],
    [['name'], argSpan],
  ];
  const selector = parseSelector(m);
  if (selector) {
    hop.selector = selector.selector;
    for (const [p, s] of selector.spans) spans.push([['selector', ...p], s]);
  }
  const bypass = getString(md, 'bypass');
  if (bypass !== '') {
    const span = md.pick(['bypass'])!.span;
    hop.bypass = listObject('bypasses', objects, bypass, span);
    spans.push([['bypass'], span]);
    m.delete('bypass');
  }
  const resolver = getString(md, 'resolver');
  if (resolver !== '') {
    const span = md.pick(['resolver'])!.span;
    hop.resolver = resolverObject(objects, resolver, '', span);
    spans.push([['resolver'], span]);
    m.delete('resolver');
  }
  const hosts = getString(md, 'hosts');
  if (hosts !== '') {
    const span = md.pick(['hosts'])!.span;
    hop.hosts = hostsObject(objects, hosts, span);
    spans.push([['hosts'], span]);
    m.delete('hosts');
  }
  moveToScope(m, md, 'interface', 'hop.', 'string');
  moveToScope(m, md, 'so_mark', 'hop.', 'int');
  moveToScope(m, md, 'proxyProtocol', 'hop.', 'int');

  const hopMd = new GoMap();
  for (const k of m.keys()) {
    const e = m.get(k)!;
    if (k.startsWith('node.') || k.startsWith('connector.') || k.startsWith('dialer.')) continue;
    if (k.startsWith('hop.')) {
      setRouted(ctx, hopMd, k.slice(4), e.value, e.span);
      m.delete(k);
      continue;
    }
    setRouted(ctx, hopMd, k, e.value, e.span);
  }
  addMetadata(hop, hopMd);
  spans.push(...metadataSpans(hopMd, []));

  const built = buildNodeConfig(ctx, lu, m);
  if (!built) return undefined;
  const hostList = built.node.addr ?? '';
  const nodes: NodeConfig[] = [];
  const hostLoc = lu.host;
  const direct = hostLoc.text === hostList;
  let at = 0;
  for (const addr of hostList.split(',')) {
    const addrSpan = direct ? spanOf(ctx, hostLoc, at, at + addr.length) : spanOf(ctx, hostLoc);
    at += addr.length + 1;
    if (addr === '') continue;
    const j = nodes.length;
    const node = structuredClone(built.node);
    node.name = `node-${j}`;
    node.addr = addr;
    nodes.push(node);
    for (const [p, s] of built.spans)
      spans.push([['nodes', j, ...p], p.length === 1 && p[0] === 'addr' ? addrSpan : s]);
    spans.push([['nodes', j], addrSpan]);
  }
  if (nodes.length > 0) hop.nodes = nodes;
  else {
    ctx.report({
      severity: 'error',
      message: '-F has no node address: the hop has no nodes and every connection through the chain fails',
      span: argSpan,
    });
  }
  return { hop, spans: spans.map(([p, s]) => [[...hopBase, ...p], s]) };
}

export interface CmdBuild {
  config: GostConfig;
  spans: RelativeSpans;
}

export interface CmdInputs {
  /** `-L` values, each a located string and whether it parsed. */
  services: LocatedURL[];
  /** `-F` values, parsed, in order; `undefined` for one that failed to parse (it keeps its hop index). */
  nodes: (LocatedURL | undefined)[];
  /** Spans for the chain: the first `-F` argument. */
  chainSpan?: Span;
}

/** BuildConfigFromCmd: the chain `chain-0` from the nodes, then the services that use it. */
export function buildConfigFromCmd(ctx: BuildContext, inputs: CmdInputs): CmdBuild {
  const config: GostConfig = {};
  const spans: RelativeSpans = [];
  const objects: NamedObjects = {
    admissions: [],
    bypasses: [],
    resolvers: [],
    hosts: [],
    limiters: [],
    climiters: [],
    rlimiters: [],
    spans: [],
  };
  let chain: ChainConfig | undefined;
  if (inputs.nodes.length > 0) {
    chain = { name: 'chain-0', hops: [] };
    config.chains = [chain];
    if (inputs.chainSpan)
      spans.push([['chains', 0], inputs.chainSpan], [['chains', 0, 'name'], inputs.chainSpan]);
  }
  inputs.nodes.forEach((lu, i) => {
    if (!lu || !chain) return;
    const built = buildHop(ctx, lu, i, objects, ['chains', 0, 'hops', chain.hops!.length]);
    if (!built) return;
    chain.hops!.push(built.hop);
    spans.push(...built.spans);
  });

  const builds: ServiceBuild[] = [];
  for (const lu of inputs.services) {
    const made = buildServiceConfig(ctx, lu);
    if (made) builds.push(...made);
  }

  const services: ServiceConfig[] = [];
  builds.forEach((b, i) => {
    const service = b.service;
    service.name = `service-${i}`;
    const base: ConfigPath = ['services', i];
    for (const [p, s] of b.spans) spans.push([[...base, ...p], s]);
    if (chain) {
      const onListener = listenerChainTypes.has(service.listener!.type);
      const owner = onListener ? service.listener! : service.handler!;
      owner.chain = chain.name;
      spans.push([[...base, onListener ? 'listener' : 'handler', 'chain'], inputs.chainSpan ?? b.argSpan]);
    }
    consumeHandlerOptions(service, b.handlerMd, objects, base, spans);
    attachServiceMetadata(b);
    spans.push(...metadataSpans(b.handlerMd, [...base, 'handler']));
    spans.push(...metadataSpans(b.listenerMd, [...base, 'listener']));
    spans.push(...metadataSpans(b.serviceMd, base));
    services.push(service);
  });
  if (services.length > 0) config.services = services;
  for (const kind of [
    'admissions',
    'bypasses',
    'resolvers',
    'hosts',
    'limiters',
    'climiters',
    'rlimiters',
  ] as const) {
    if (objects[kind].length > 0) config[kind] = objects[kind];
  }
  spans.push(...objects.spans);
  return { config, spans };
}

/**
 * After naming, BuildConfigFromCmd reads service options from the handler metadata only and
 * deletes them there, so copies of plain (unscoped) options stay in the service and listener
 * metadata.
 */
function consumeHandlerOptions(
  service: ServiceConfig,
  mh: GoMapT,
  objects: NamedObjects,
  base: ConfigPath,
  spans: RelativeSpans,
): void {
  const md = mh.view();
  const spanFor = (...keys: string[]) => md.pick(keys)?.span;
  const retries = getInt(md, 'retries');
  if (retries > 0) {
    service.handler!.retries = retries;
    spans.push([[...base, 'handler', 'retries'], spanFor('retries')!]);
    mh.delete('retries');
  }
  const admission = getString(md, 'admission');
  if (admission !== '') {
    const span = spanFor('admission')!;
    service.admission = listObject('admissions', objects, admission, span);
    spans.push([[...base, 'admission'], span]);
    mh.delete('admission');
  }
  const bypass = getString(md, 'bypass');
  if (bypass !== '') {
    const span = spanFor('bypass')!;
    service.bypass = listObject('bypasses', objects, bypass, span);
    spans.push([[...base, 'bypass'], span]);
    mh.delete('bypass');
  }
  const resolver = getString(md, 'resolver');
  if (resolver !== '') {
    const span = spanFor('resolver')!;
    service.resolver = resolverObject(objects, resolver, getString(md, 'prefer'), span);
    spans.push([[...base, 'resolver'], span]);
    mh.delete('resolver');
  }
  const hosts = getString(md, 'hosts');
  if (hosts !== '') {
    const span = spanFor('hosts')!;
    service.hosts = hostsObject(objects, hosts, span);
    spans.push([[...base, 'hosts'], span]);
    mh.delete('hosts');
  }
  const limIn = getString(md, 'limiter.in');
  const limOut = getString(md, 'limiter.out');
  const connIn = getString(md, 'limiter.conn.in');
  const connOut = getString(md, 'limiter.conn.out');
  if (limIn !== '' || limOut !== '' || connIn !== '' || connOut !== '') {
    const span = spanFor('limiter.in', 'limiter.out', 'limiter.conn.in', 'limiter.conn.out')!;
    const limits: string[] = [];
    if (limIn !== '' || limOut !== '') limits.push(`$ ${limIn} ${limOut}`);
    if (connIn !== '' || connOut !== '') limits.push(`$$ ${connIn} ${connOut}`);
    const name = `limiter-${objects.limiters.length}`;
    objects.limiters.push({ name, limits });
    recordAll(
      objects.spans,
      ['limiters', objects.limiters.length - 1],
      objects.limiters[objects.limiters.length - 1],
      span,
    );
    service.limiter = name;
    spans.push([[...base, 'limiter'], span]);
    for (const k of ['limiter.in', 'limiter.out', 'limiter.conn.in', 'limiter.conn.out']) mh.delete(k);
  }
  const climit = getInt(md, 'climiter');
  if (climit > 0) {
    const span = spanFor('climiter')!;
    const name = `climiter-${objects.climiters.length}`;
    objects.climiters.push({ name, limits: [`$ ${climit}`] });
    recordAll(
      objects.spans,
      ['climiters', objects.climiters.length - 1],
      objects.climiters[objects.climiters.length - 1],
      span,
    );
    service.climiter = name;
    spans.push([[...base, 'climiter'], span]);
    mh.delete('climiter');
  }
  const rlimit = getFloat(md, 'rlimiter');
  if (rlimit > 0) {
    const span = spanFor('rlimiter')!;
    const name = `rlimiter-${objects.rlimiters.length}`;
    objects.rlimiters.push({ name, limits: [`$ ${goFormatFloat(rlimit)}`] });
    recordAll(
      objects.spans,
      ['rlimiters', objects.rlimiters.length - 1],
      objects.rlimiters[objects.rlimiters.length - 1],
      span,
    );
    service.rlimiter = name;
    spans.push([[...base, 'rlimiter'], span]);
    mh.delete('rlimiter');
  }
}
