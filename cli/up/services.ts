/**
 * What each gost service of a session is, read from the emitted configs: its handler and listener,
 * where it listens, its credentials, its forward targets, and — for rtcp/rudp services with a
 * listener chain — the server at the end of that chain where its port actually opens. The entry
 * point table, readiness and the closing counts all start from this list.
 */

import type { GostConfig, NodeConfig, ServiceConfig } from '../../compiler/gost/config.js';
import { trySplitHostPort } from '../../runtime/addr.js';
import type { HostProcessConfig } from '../../sim/host-configs.js';
import type { Fabric } from '../../sim/fabric.js';

export interface RelayNode {
  node: string;
  /** The node address as the config writes it. */
  addr: string;
  /** The topology host that address reaches from the service's host, if any. */
  host?: string;
}

export interface ServiceInfo {
  host: string;
  process: number;
  name: string;
  handler: string;
  listener: string;
  /** The listen address as the config writes it. */
  addr: string;
  network: 'tcp' | 'udp';
  /** The host part of `addr` ('' for every address) and its port. */
  bindHost: string;
  port: number;
  auth?: { username: string; password: string };
  /** Forwarder node addresses (port forwarding targets), as written. */
  targets: string[];
  /** rtcp/rudp: whether the port opens on this host (no listener chain) or on a remote server. */
  reverse?: { relays: RelayNode[] };
  /** The host at the end of the handler's chain, which resolves the names its clients ask for. */
  exit?: string;
}

const udpListeners = new Set(['udp', 'rudp', 'kcp', 'quic', 'dtls', 'h3', 'wt']);

/** Whether a listener type occupies a UDP port. */
export function udpListener(type: string): boolean {
  return udpListeners.has(type);
}

function nodesOfHop(config: GostConfig, hop: { name: string; nodes?: NodeConfig[] }): NodeConfig[] {
  return hop.nodes ?? config.hops?.find((h) => h.name === hop.name)?.nodes ?? [];
}

function credentials(config: GostConfig, handler: ServiceConfig['handler']) {
  const direct = handler?.auth;
  if (direct?.username !== undefined) return { username: direct.username, password: direct.password ?? '' };
  const name = handler?.auther ?? handler?.authers?.[0];
  const first = name ? config.authers?.find((a) => a.name === name)?.auths?.[0] : undefined;
  if (first?.username !== undefined) return { username: first.username, password: first.password ?? '' };
  return undefined;
}

function chainOf(config: GostConfig, service: ServiceConfig, side: 'listener' | 'handler') {
  if (service.metadata && ['true', true, '1', 1].includes(service.metadata.ignoreChain as never))
    return undefined;
  const part = service[side];
  const name = part?.chain ?? part?.chainGroup?.chains?.[0];
  return name ? config.chains?.find((c) => c.name === name) : undefined;
}

function lastHopNodes(
  fabric: Fabric,
  host: string,
  config: GostConfig,
  service: ServiceConfig,
  side: 'listener' | 'handler',
): RelayNode[] | undefined {
  const chain = chainOf(config, service, side);
  const last = chain?.hops?.[chain.hops.length - 1];
  if (!last) return undefined;
  return nodesOfHop(config, last).map((node) => {
    const addr = node.addr ?? '';
    const name = trySplitHostPort(addr)?.host ?? addr;
    const ip = fabric.resolve(host, name);
    const owner = ip ? fabric.hostOfIp(host, ip) : undefined;
    return { node: node.name, addr, ...(owner ? { host: owner } : {}) };
  });
}

function forwardTargets(config: GostConfig, service: ServiceConfig): string[] {
  const forwarder = service.forwarder;
  if (!forwarder) return [];
  const nodes =
    forwarder.nodes ??
    (forwarder.hop ? (config.hops?.find((h) => h.name === forwarder.hop)?.nodes ?? []) : []);
  return nodes.map((n) => n.addr ?? '').filter((a) => a !== '');
}

export function describeServices(
  fabric: Fabric,
  hosts: readonly string[],
  processes: (host: string) => HostProcessConfig[],
): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const host of hosts) {
    for (const p of processes(host)) {
      for (const service of p.config.services ?? []) {
        const listener = service.listener ? (service.listener.type ?? '') : 'tcp';
        const handler = service.handler ? (service.handler.type ?? '') : 'auto';
        const addr = service.addr ?? '';
        const parts = trySplitHostPort(addr);
        const auth = credentials(p.config, service.handler);
        const info: ServiceInfo = {
          host,
          process: p.process,
          name: service.name,
          handler,
          listener,
          addr,
          network: udpListener(listener) ? 'udp' : 'tcp',
          bindHost: parts?.host ?? '',
          port: Number(parts?.port ?? 0) || 0,
          ...(auth ? { auth } : {}),
          targets: forwardTargets(p.config, service),
        };
        if (listener === 'rtcp' || listener === 'rudp') {
          info.reverse = { relays: lastHopNodes(fabric, host, p.config, service, 'listener') ?? [] };
        }
        const exit = lastHopNodes(fabric, host, p.config, service, 'handler')?.find((n) => n.host)?.host;
        if (exit) info.exit = exit;
        out.push(info);
      }
    }
  }
  return out;
}

/** Where a reverse (rtcp/rudp) service's port opens: the relay host, or its own host without a chain. */
export function bindHostOf(service: ServiceInfo): string | undefined {
  if (!service.reverse) return service.host;
  if (service.reverse.relays.length === 0) return service.host;
  return service.reverse.relays.find((r) => r.host)?.host;
}
