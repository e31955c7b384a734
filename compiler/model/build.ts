/**
 * Builds the cross-host model from a TopologyPlan: indexes every process's services and chains,
 * resolves hops by reference, and resolves every node address and forward target from the host
 * that really dials it (hop k by hop k-1's server; targets by the last hop's server).
 */
import type { GostConfig, HopConfig, NodeConfig, ServiceConfig } from '../gost/config.js';
import {
  canonicalConnector,
  canonicalHandler,
  dialerFamily,
  listenerFamily,
  remoteListeners,
} from '../gost/protocol-facts.js';
import type { ConfigPath } from '../gost/span-index.js';
import type { AppPlan, GostProcess, HostPlan, TopologyPlan } from '../lower/plan.js';
import { isLoopbackHost, isWildcardHost, parseEndpoint } from './address.js';
import { buildGraph } from './graph.js';
import { Reachability } from './reachability.js';
import type {
  BindModel,
  ChainModel,
  ChainRef,
  Dial,
  Endpoint,
  Family,
  HopModel,
  Model,
  NodeModel,
  Resolution,
  ServiceModel,
  TargetModel,
} from './types.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function processId(p: GostProcess): string {
  return `${p.host}/p${p.index}`;
}

class ModelBuilder {
  readonly networks;
  readonly hosts;
  readonly reach: Reachability;
  readonly services: ServiceModel[] = [];
  readonly chains: ChainModel[] = [];
  readonly nodes: NodeModel[] = [];
  readonly targets: TargetModel[] = [];
  binds: BindModel[] = [];
  readonly apps: AppPlan[];
  /** Topology addresses and names -> host. */
  private readonly byName = new Map<string, string>();
  private readonly byIp = new Map<string, { host: string; network: string }>();
  /**
   * Listeners by host, family and port, each list in model order, so a resolution looks at the
   * few candidates on that port instead of every service of the topology.
   */
  private servicesAt = new Map<string, ServiceModel[]>();
  private bindsAt = new Map<string, BindModel[]>();
  private readonly appsAt = new Map<string, AppPlan[]>();

  constructor(readonly plan: TopologyPlan) {
    this.networks = new Map(plan.networks.map((n) => [n.name, n]));
    this.hosts = new Map(plan.hosts.map((h) => [h.name, h]));
    this.reach = new Reachability(this.networks, this.hosts);
    this.apps = plan.hosts.flatMap((h) => h.apps);
    for (const a of this.apps) pushAt(this.appsAt, listenKey(a.host, a.protocol, a.port), a);
    for (const h of plan.hosts) {
      this.byName.set(h.name.toLowerCase(), h.name);
      for (const n of h.names) this.byName.set(n.toLowerCase(), h.name);
      for (const a of h.addresses) this.byIp.set(a.ip, { host: h.name, network: a.network });
    }
  }

  build(): Model {
    for (const host of this.plan.hosts) for (const p of host.processes) this.indexProcess(p);
    this.servicesAt = new Map();
    for (const s of this.services) {
      if (!s.remote && s.family !== 'other' && s.listen.port !== undefined)
        pushAt(this.servicesAt, listenKey(s.host, s.family, s.listen.port), s);
    }
    // Two passes: binds open ports that later dials may reach, and binds are found by resolving chains.
    this.resolveAll();
    this.setBinds(this.services.flatMap((s) => (s.bind = this.bindOf(s)) ?? []));
    this.resolveAll();
    for (const s of this.services) s.bind = this.bindOf(s);
    this.setBinds(this.services.flatMap((s) => s.bind ?? []));
    let graph: ReturnType<typeof buildGraph> | undefined;
    const model: Model = {
      plan: this.plan,
      networks: this.networks,
      hosts: this.hosts,
      services: this.services,
      chains: this.chains,
      nodes: this.nodes,
      targets: this.targets,
      binds: this.binds,
      apps: this.apps,
      // Built on first use: checking never needs it, and graphology is not loaded until then.
      get graph() {
        graph ??= buildGraph(model);
        return graph;
      },
      spanOf: (process, path) => process.spans.get(path),
      resolve: (from, endpoint, family) => this.resolve(from, endpoint, family),
    };
    return model;
  }

  private setBinds(binds: BindModel[]): void {
    this.binds = binds;
    this.bindsAt = new Map();
    for (const b of binds) pushAt(this.bindsAt, listenKey(b.host, b.family, b.port), b);
  }

  private indexProcess(p: GostProcess): void {
    const config: GostConfig = isRecord(p.config) ? p.config : {};
    const chainsByName = new Map<string, ChainModel>();
    const hopsByName = new Map<string, { config: HopConfig; path: ConfigPath }>();
    (Array.isArray(config.hops) ? config.hops : []).forEach((h, i) => {
      if (isRecord(h) && typeof h.name === 'string' && !hopsByName.has(h.name))
        hopsByName.set(h.name, { config: h, path: ['hops', i] });
    });
    (Array.isArray(config.chains) ? config.chains : []).forEach((c, i) => {
      if (!isRecord(c) || typeof c.name !== 'string') return;
      const chain: ChainModel = {
        id: `chain:${processId(p)}/${c.name}`,
        host: p.host,
        process: p,
        name: c.name,
        config: c,
        path: ['chains', i],
        hops: [],
      };
      (Array.isArray(c.hops) ? c.hops : []).forEach((h, k) => {
        if (!isRecord(h)) return;
        const inline =
          Array.isArray(h.nodes) ||
          isRecord(h.plugin) ||
          isRecord(h.file) ||
          isRecord(h.http) ||
          isRecord(h.redis);
        let hopConfig: HopConfig = h as HopConfig;
        let hopPath: ConfigPath = ['chains', i, 'hops', k];
        let reference: HopModel['reference'];
        if (!inline && typeof h.name === 'string') {
          const target = hopsByName.get(h.name);
          reference = { name: h.name, resolved: target !== undefined, path: hopPath };
          if (target) {
            hopConfig = target.config;
            hopPath = target.path;
          }
        }
        const hop: HopModel = {
          id: `hop:${processId(p)}/${c.name}/${k}`,
          chain,
          index: k,
          name: typeof h.name === 'string' ? h.name : `hop-${k}`,
          config: hopConfig,
          path: hopPath,
          ...(reference ? { reference } : {}),
          nodes: [],
        };
        if (!reference || reference.resolved) {
          (Array.isArray(hopConfig.nodes) ? hopConfig.nodes : []).forEach((n, j) => {
            if (isRecord(n)) hop.nodes.push(this.node(hop, n as NodeConfig, [...hopPath, 'nodes', j], j));
          });
        }
        chain.hops.push(hop);
      });
      if (!chainsByName.has(c.name)) chainsByName.set(c.name, chain);
      this.chains.push(chain);
    });
    (Array.isArray(config.services) ? config.services : []).forEach((s, i) => {
      if (isRecord(s)) this.services.push(this.service(p, s as ServiceConfig, i, chainsByName));
    });
  }

  private node(hop: HopModel, n: NodeConfig, path: ConfigPath, index: number): NodeModel {
    const connectorConfig = isRecord(n.connector) ? n.connector : undefined;
    const dialerConfig = isRecord(n.dialer) ? n.dialer : undefined;
    const connector = canonicalConnector(
      typeof connectorConfig?.type === 'string' && connectorConfig.type ? connectorConfig.type : 'http',
    );
    const dialer = (
      typeof dialerConfig?.type === 'string' && dialerConfig.type ? dialerConfig.type : 'tcp'
    ).toLowerCase();
    const node: NodeModel = {
      id: `node:${hop.id.slice(4)}/${index}`,
      hop,
      index,
      name: typeof n.name === 'string' ? n.name : `node-${index}`,
      config: n,
      path,
      connector,
      dialer,
      ...(connectorConfig ? { connectorConfig } : {}),
      ...(dialerConfig ? { dialerConfig } : {}),
      dial: {
        endpoint: parseEndpoint(typeof n.addr === 'string' ? n.addr : ''),
        family: dialerFamily(dialer),
        from: [],
        resolutions: [],
      },
    };
    this.nodes.push(node);
    return node;
  }

  private service(
    p: GostProcess,
    s: ServiceConfig,
    index: number,
    chains: Map<string, ChainModel>,
  ): ServiceModel {
    const handlerConfig = isRecord(s.handler) ? s.handler : undefined;
    const listenerConfig = isRecord(s.listener) ? s.listener : undefined;
    const handler = canonicalHandler(
      typeof handlerConfig?.type === 'string' && handlerConfig.type ? handlerConfig.type : 'auto',
    );
    const listener = (
      typeof listenerConfig?.type === 'string' && listenerConfig.type ? listenerConfig.type : 'tcp'
    ).toLowerCase();
    const ref = (name: unknown, path: ConfigPath): ChainRef | undefined => {
      if (typeof name !== 'string' || name === '') return undefined;
      const chain = chains.get(name);
      return { name, path, ...(chain ? { chain } : {}) };
    };
    const handlerChain = ref(handlerConfig?.chain, ['services', index, 'handler', 'chain']);
    const listenerChain = ref(listenerConfig?.chain, ['services', index, 'listener', 'chain']);
    const name = typeof s.name === 'string' ? s.name : `service-${index}`;
    const service: ServiceModel = {
      id: `svc:${processId(p)}/${name}`,
      host: p.host,
      process: p,
      index,
      name,
      config: s,
      path: ['services', index],
      handler,
      listener,
      listen: parseEndpoint(typeof s.addr === 'string' ? s.addr : ''),
      family: listenerFamily(listener),
      remote:
        remoteListeners.has(listener) &&
        listenerChain?.chain !== undefined &&
        listenerChain.chain.hops.length > 0,
      ...(handlerChain ? { handlerChain } : {}),
      ...(listenerChain ? { listenerChain } : {}),
      targets: [],
    };
    const forwarder = isRecord(s.forwarder) ? s.forwarder : undefined;
    (Array.isArray(forwarder?.nodes) ? forwarder.nodes : []).forEach((t, j) => {
      if (!isRecord(t)) return;
      const network = typeof t.network === 'string' ? t.network.toLowerCase() : undefined;
      // The upstream network follows the accepted connection: only udp/rudp listeners hand the
      // handler datagrams; kcp, quic and every other listener hand it a stream (§1.2 tcp/udp/forward).
      const streamFamily: Family = listener === 'udp' || listener === 'rudp' ? 'udp' : 'tcp';
      const family: Family = network === 'udp' ? 'udp' : network === 'tcp' ? 'tcp' : streamFamily;
      const target: TargetModel = {
        id: `target:${processId(p)}/${name}/${j}`,
        service,
        index: j,
        name: typeof t.name === 'string' ? t.name : `target-${j}`,
        config: t,
        path: ['services', index, 'forwarder', 'nodes', j],
        dial: {
          endpoint: parseEndpoint(typeof t.addr === 'string' ? t.addr : ''),
          family,
          from: [],
          resolutions: [],
        },
      };
      service.targets.push(target);
      this.targets.push(target);
    });
    return service;
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution

  private resolveAll(): void {
    for (const chain of this.chains) {
      let from = [chain.host];
      for (const hop of chain.hops) {
        for (const node of hop.nodes) this.resolveDial(node.dial, from);
        from = serverHosts(hop.nodes);
      }
    }
    for (const service of this.services) {
      const from = this.targetDialers(service);
      for (const t of service.targets) this.resolveDial(t.dial, from);
    }
  }

  /**
   * Hosts that dial a service's forward targets: the servers of the handler chain's last hop, or
   * the service's own host. gost truncates a chain at its first hop without nodes (§3.9).
   */
  targetDialers(service: ServiceModel): string[] {
    const hops = service.handlerChain?.chain?.hops ?? [];
    const firstEmpty = hops.findIndex((h) => h.nodes.length === 0);
    const used = firstEmpty < 0 ? hops : hops.slice(0, firstEmpty);
    if (used.length === 0) return [service.host];
    return serverHosts(used[used.length - 1]!.nodes);
  }

  private resolveDial(dial: Dial, from: string[]): void {
    dial.from = from;
    dial.resolutions = from.map((h) => this.resolve(h, dial.endpoint, dial.family));
  }

  /** What answers `endpoint` (family `family`) when `from` dials it. */
  resolve(from: string, endpoint: Endpoint, family: Family): Resolution {
    if (endpoint.port === undefined) {
      return { kind: 'invalid', reason: `"${endpoint.raw}" has no port` };
    }
    const host = endpoint.host;
    let target: string | undefined;
    let network: string | undefined;
    let ip: string | undefined;
    if (isWildcardHost(host) || isLoopbackHost(host)) {
      target = from;
      ip = isWildcardHost(host) ? undefined : host;
    } else if (this.byIp.has(host)) {
      const at = this.byIp.get(host)!;
      target = at.host;
      network = at.network;
      ip = host;
    } else if (this.byName.has(host.toLowerCase())) {
      target = this.byName.get(host.toLowerCase())!;
      const addresses = this.hosts.get(target)?.addresses ?? [];
      const reachable = addresses.find((a) => this.reach.check(from, target!, a.network).ok);
      const chosen = reachable ?? addresses[0];
      network = chosen?.network;
      ip = chosen?.ip;
    } else {
      return { kind: 'external' };
    }
    if (target !== from) {
      if (!network) return { kind: 'unreachable', host: target, reason: `${target} has no address` };
      const check = this.reach.check(from, target, network);
      if (!check.ok) return { kind: 'unreachable', host: target, reason: check.reason };
    }
    return this.listenerAt(target, from, ip, endpoint.port, family);
  }

  private listenerAt(
    host: string,
    from: string,
    ip: string | undefined,
    port: number,
    family: Family,
  ): Resolution {
    const matchesIp = (listenHost: string | undefined): boolean => {
      if (listenHost === undefined || isWildcardHost(listenHost)) return true;
      if (isLoopbackHost(listenHost)) return from === host && (ip === undefined || isLoopbackHost(ip));
      return ip === undefined || ip === listenHost;
    };
    const key = listenKey(host, family, port);
    const service = this.servicesAt.get(key)?.find((s) => matchesIp(s.listen.host));
    if (service) return { kind: 'service', host, service };
    const bind = this.bindsAt.get(key)?.find((b) => matchesIp(b.ip));
    if (bind) return { kind: 'bind', host, bind };
    const app = this.appsAt.get(key)?.find((a) => matchesIp(a.ip));
    if (app) return { kind: 'app', host, app };
    return { kind: 'no-listener', host };
  }

  private bindOf(service: ServiceModel): BindModel | undefined {
    if (!service.remote) return undefined;
    const hops = service.listenerChain?.chain?.hops ?? [];
    const last = hops[hops.length - 1];
    for (const node of last?.nodes ?? []) {
      const r = node.dial.resolutions.find((x) => x.kind === 'service');
      if (r?.kind !== 'service') continue;
      const host = service.listen.host;
      return {
        id: `bind:${service.id.slice(4)}`,
        service,
        host: r.host,
        node,
        server: r.service,
        ip: isWildcardHost(host) ? '0.0.0.0' : host,
        port: service.listen.port ?? 0,
        family: service.listener === 'rudp' ? 'udp' : 'tcp',
      };
    }
    return undefined;
  }
}

function listenKey(host: string, family: Family, port: number): string {
  return `${host}\u0000${family}\u0000${port}`;
}

function pushAt<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Hosts of the services that a hop's nodes resolve to, in order, without repeats. */
function serverHosts(nodes: NodeModel[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    for (const r of n.dial.resolutions) {
      if (r.kind === 'service' && !out.includes(r.host)) out.push(r.host);
    }
  }
  return out;
}

export function buildModel(plan: TopologyPlan): Model {
  return new ModelBuilder(plan).build();
}

export type { HostPlan };
