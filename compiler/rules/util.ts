/**
 * Small readers shared by rules: where things were written, what a node's server is, which
 * options a handler or connector really sees.
 */
import type { Span } from '../diagnostics.js';
import type { AuthConfig, Metadata } from '../gost/config.js';
import type { ConfigPath } from '../gost/span-index.js';
import { localForwardHandlers, passThroughConnectors } from '../gost/protocol-facts.js';
import { isLoopbackHost, isWildcardHost } from '../model/address.js';
import type { Model, NodeModel, ServiceModel, TargetModel } from '../model/types.js';

export function serviceSpan(s: ServiceModel, ...sub: (string | number)[]): Span {
  return s.process.spans.get([...s.path, ...sub]);
}

export function nodeSpan(n: NodeModel, ...sub: (string | number)[]): Span {
  return n.hop.chain.process.spans.get([...n.path, ...sub]);
}

export function targetSpan(t: TargetModel, ...sub: (string | number)[]): Span {
  return t.service.process.spans.get([...t.path, ...sub]);
}

export function processSpan(s: ServiceModel | NodeModel, path: ConfigPath): Span {
  return 'hop' in s ? s.hop.chain.process.spans.get(path) : s.process.spans.get(path);
}

export function handlerMetadata(s: ServiceModel): Metadata | undefined {
  return s.config.handler?.metadata;
}

export function listenerMetadata(s: ServiceModel): Metadata | undefined {
  return s.config.listener?.metadata;
}

export function connectorMetadata(n: NodeModel): Metadata | undefined {
  return n.connectorConfig?.metadata;
}

export function dialerMetadata(n: NodeModel): Metadata | undefined {
  return n.dialerConfig?.metadata;
}

/** The services a node's address reaches (one per dialling host that resolved to a service). */
export function serversOf(n: NodeModel): ServiceModel[] {
  const out: ServiceModel[] = [];
  for (const r of n.dial.resolutions)
    if (r.kind === 'service' && !out.includes(r.service)) out.push(r.service);
  return out;
}

/**
 * The services that really read a node's protocol bytes. A tcp/forward service passes bytes on
 * verbatim: to its forward target, or, when its own chain ends in a pass-through (forward/tcp)
 * connector, to that connector's server, which decides. The walk follows such services a few steps;
 * a target that is an app or outside the topology ends it with no peer.
 */
export function protocolPeersOf(n: NodeModel): ServiceModel[] {
  const out: ServiceModel[] = [];
  const visit = (s: ServiceModel, depth: number) => {
    const streamForwarder =
      localForwardHandlers.has(s.handler) && s.listener !== 'udp' && s.listener !== 'rudp';
    if (!streamForwarder || depth >= 4) {
      if (!out.includes(s)) out.push(s);
      return;
    }
    const last = effectiveLastHopNodes(s, 'handler') ?? [];
    const passThrough = last.filter((node) => passThroughConnectors.has(node.connector));
    if (passThrough.length > 0) {
      for (const node of passThrough) for (const next of serversOf(node)) visit(next, depth + 1);
      return;
    }
    if (s.targets.length === 0) {
      if (!out.includes(s)) out.push(s);
      return;
    }
    for (const t of s.targets)
      for (const r of t.dial.resolutions) if (r.kind === 'service') visit(r.service, depth + 1);
  };
  for (const s of serversOf(n)) visit(s, 0);
  return out;
}

export function describeService(s: ServiceModel): string {
  const which = s.process.ofHost > 1 ? ` (process ${s.process.index + 1})` : '';
  return `service ${s.name}${which} on ${s.host}`;
}

export function describeNode(n: NodeModel): string {
  return `node ${n.name} (${n.connector}+${n.dialer} ${n.dial.endpoint.raw}) of chain ${n.hop.chain.name} on ${n.hop.chain.host}`;
}

/** The last hop of a chain that gost would really use (a hop without nodes truncates the chain). */
export function effectiveLastHopNodes(
  s: ServiceModel,
  which: 'handler' | 'listener',
): NodeModel[] | undefined {
  const chain = (which === 'handler' ? s.handlerChain : s.listenerChain)?.chain;
  if (!chain || chain.hops.length === 0) return undefined;
  const firstEmpty = chain.hops.findIndex((h) => h.nodes.length === 0);
  const used = firstEmpty < 0 ? chain.hops : chain.hops.slice(0, firstEmpty);
  return used[used.length - 1]?.nodes;
}

/** Credentials a service demands from clients, as gost sees them (§4): undefined when it demands none. */
export function serverAuth(s: ServiceModel): { users: AuthConfig[] | 'any'; path: ConfigPath } | undefined {
  const sshLike = s.listener === 'ssh' || s.listener === 'sshd';
  const block = sshLike ? s.config.listener : s.config.handler;
  const where = sshLike ? 'listener' : 'handler';
  if (!block) return undefined;
  const names = [...(block.auther ? [block.auther] : []), ...(block.authers ?? [])];
  if (names.length > 0) {
    const authers = s.process.config.authers ?? [];
    const users: AuthConfig[] = [];
    for (const name of names) {
      const a = authers.find((x) => x.name === name);
      // An undefined auther accepts everyone; undefined-auther reports it.
      if (!a) return undefined;
      const auths = Array.isArray(a.auths) ? (a.auths as AuthConfig[]) : [];
      if (a.file || a.redis || a.http || a.plugin)
        return { users: 'any', path: [...s.path, where, 'auther'] };
      users.push(...auths);
    }
    return { users, path: [...s.path, where, block.auther ? 'auther' : 'authers'] };
  }
  if (block.auth && typeof block.auth.username === 'string' && block.auth.username !== '') {
    return { users: [block.auth], path: [...s.path, where, 'auth'] };
  }
  return undefined;
}

/** Credentials a node presents: connector auth, or dialer auth for ssh/sshd. */
export function clientAuth(n: NodeModel): { auth?: AuthConfig; path: ConfigPath } {
  const sshLike = n.dialer === 'ssh' || n.dialer === 'sshd';
  const block = sshLike ? n.dialerConfig : n.connectorConfig;
  const where = sshLike ? 'dialer' : 'connector';
  const auth = block?.auth && typeof block.auth.username === 'string' ? block.auth : undefined;
  return { ...(auth ? { auth } : {}), path: [...n.path, where, 'auth'] };
}

/** The candidate closest to `name` by edit distance (at most 2 edits), for "did you mean" hints. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The public networks (no `nat`) a service can be reached from: those of its host's addresses that
 * its listen address covers. Empty for loopback listeners and for hosts only on private networks.
 */
export function publicNetworksOf(model: Model, s: ServiceModel): string[] {
  const listenHost = s.listen.host;
  if (isLoopbackHost(listenHost)) return [];
  const out: string[] = [];
  for (const a of model.hosts.get(s.host)?.addresses ?? []) {
    const network = model.networks.get(a.network);
    if (!network || network.nat !== undefined) continue;
    if (isWildcardHost(listenHost) || listenHost === a.ip) out.push(a.network);
  }
  return out;
}

/** Whether the service has a forwarder block (gost reads a null or missing one as none). */
export function hasForwarder(s: ServiceModel): boolean {
  const f: unknown = s.config.forwarder;
  return typeof f === 'object' && f !== null && !Array.isArray(f);
}
