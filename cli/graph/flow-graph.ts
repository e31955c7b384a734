/**
 * Builds the flow graph (types.ts) from the compiled model: hosts grouped by the network of their
 * first address, the services, apps and remote ports inside them, and one edge per connection the
 * configs make, each resolved the way the model resolves it (hop k is dialled by hop k-1's server,
 * forward targets by the handler chain's last server). Diagnostics are placed on the nodes and edges
 * of the model objects their spans belong to (diagnostic-owners.ts).
 */
import type { Diagnostic } from '../../compiler/diagnostics.js';
import type { SpanIndex } from '../../compiler/gost/span-index.js';
import type { AppPlan, NetworkPlan } from '../../compiler/lower/plan.js';
import { isWildcardHost } from '../../compiler/model/address.js';
import type {
  BindModel,
  ChainModel,
  Endpoint,
  Model,
  Resolution,
  ServiceModel,
} from '../../compiler/model/types.js';
import { DiagnosticOwners, type Owner } from './diagnostic-owners.js';
import { RenderIds } from './render-ids.js';
import type {
  FlowEdge,
  FlowGraph,
  FlowHost,
  FlowNetwork,
  FlowNode,
  NetworkKind,
  PlacedDiagnostic,
} from './types.js';

function networkKind(n: NetworkPlan): NetworkKind {
  if (n.isolated) return 'isolated';
  return n.nat !== undefined ? 'nat' : 'public';
}

function networkLabel(n: NetworkPlan): string {
  if (n.isolated) return `${n.name} · isolated`;
  return n.nat !== undefined ? `${n.name} · NAT to ${n.nat}` : n.name;
}

export function protocolOf(service: ServiceModel): string {
  return service.handler === service.listener ? service.handler : `${service.handler}+${service.listener}`;
}

/** `:8080` for a port open on every address, `127.0.0.1:2222` otherwise. */
export function bindAddress(bind: BindModel): string {
  return isWildcardHost(bind.ip) ? `:${bind.port}` : `${bind.ip}:${bind.port}`;
}

function appLabel(app: AppPlan): string {
  const where = app.ip !== undefined ? ` on ${app.ip}` : '';
  return `${app.protocol}/${app.port}${where}${app.kind === 'echo' ? '' : ` ${app.kind}`}`;
}

interface Reached {
  node: string;
  /** The host it runs on; undefined outside the topology. */
  host?: string;
}

class FlowGraphBuilder {
  private readonly ids = new RenderIds();
  private readonly networks: FlowNetwork[] = [];
  private readonly hosts = new Map<string, FlowHost>();
  private readonly nodes = new Map<string, FlowNode>();
  private readonly byModelId = new Map<string, FlowNode>();
  private readonly edges: FlowEdge[] = [];
  private readonly edgeByKey = new Map<string, FlowEdge>();
  /** Endpoints outside every host, drawn after the networks. */
  private readonly outside: string[] = [];

  constructor(
    private readonly model: Model,
    private readonly documentSpans: SpanIndex | undefined,
  ) {}

  build(diagnostics: readonly Diagnostic[]): FlowGraph {
    const { plan } = this.model;
    for (const n of plan.networks) {
      this.networks.push({
        id: this.ids.take('net', n.name),
        name: n.name,
        kind: networkKind(n),
        ...(n.nat !== undefined ? { nat: n.nat } : {}),
        label: networkLabel(n),
        hosts: [],
        diagnostics: [],
      });
    }
    for (const h of plan.hosts) {
      const network = this.networks.find((n) => n.name === h.addresses[0]?.network);
      network?.hosts.push(h.name);
      const addresses = h.addresses.map((a) => ({ network: a.network, ip: a.ip }));
      const where =
        addresses.length === 1 ? addresses[0]!.ip : addresses.map((a) => `${a.network} ${a.ip}`).join(', ');
      this.hosts.set(h.name, {
        id: this.ids.take('host', h.name),
        name: h.name,
        ...(network ? { network: network.name } : {}),
        addresses,
        label: where === '' ? h.name : `${h.name} · ${where}`,
        nodes: [],
        diagnostics: [],
      });
    }
    for (const h of plan.hosts) {
      for (const s of this.model.services)
        if (s.host === h.name)
          this.addNode('svc', s.id, 'service', h.name, s.name, `${protocolOf(s)} ${s.listen.raw}`);
      for (const b of this.model.binds)
        if (b.host === h.name)
          this.addNode(
            'port',
            b.id,
            'port',
            h.name,
            `${b.service.listener} bind of ${b.service.host}`,
            `${b.family} ${bindAddress(b)}`,
          );
      for (const a of h.apps)
        this.addNode('app', `app:${h.name}/${a.name}`, 'app', h.name, a.name, appLabel(a));
    }
    for (const s of this.model.services) this.addServiceEdges(s);
    const clients = new Set(plan.expectations.map((e) => e.from));
    for (const h of plan.hosts) {
      const host = this.hosts.get(h.name)!;
      if (host.nodes.length === 0)
        this.addNode(
          'client',
          `host:${h.name}`,
          'client',
          h.name,
          h.name,
          clients.has(h.name) ? 'client' : 'no services',
        );
    }
    const placed = this.place(diagnostics);
    return {
      name: plan.name,
      networks: this.networks,
      hosts: [...this.hosts.values()],
      nodes: [...this.orderedNodes()],
      edges: this.edges,
      diagnostics: placed,
    };
  }

  /** Nodes host by host, then the endpoints outside the topology: the order renderers draw them in. */
  private *orderedNodes(): Iterable<FlowNode> {
    for (const host of this.hosts.values()) for (const id of host.nodes) yield this.nodes.get(id)!;
    for (const id of this.outside) yield this.nodes.get(id)!;
  }

  private addNode(
    prefix: string,
    modelId: string,
    kind: FlowNode['kind'],
    host: string | undefined,
    title: string,
    label: string,
  ): FlowNode {
    const existing = this.byModelId.get(modelId);
    if (existing) return existing;
    const node: FlowNode = {
      id: this.ids.take(prefix, modelId.slice(modelId.indexOf(':') + 1)),
      modelId,
      kind,
      ...(host !== undefined ? { host } : {}),
      title,
      label,
      diagnostics: [],
    };
    this.nodes.set(node.id, node);
    this.byModelId.set(modelId, node);
    if (host !== undefined) this.hosts.get(host)?.nodes.push(node.id);
    else this.outside.push(node.id);
    return node;
  }

  /** The node that answers a dial, creating an endpoint node when nothing of the topology does. */
  private reachedBy(r: Resolution, endpoint: Endpoint): { reached: Reached; problem?: string } {
    const known = (id: string, host: string) => {
      const node = this.byModelId.get(id);
      return node ? { reached: { node: node.id, host } } : undefined;
    };
    switch (r.kind) {
      case 'service':
        return known(r.service.id, r.host) ?? this.endpoint(endpoint, r.host, 'not drawn');
      case 'app':
        return known(`app:${r.host}/${r.app.name}`, r.host) ?? this.endpoint(endpoint, r.host, 'not drawn');
      case 'bind':
        return known(r.bind.id, r.host) ?? this.endpoint(endpoint, r.host, 'not drawn');
      case 'no-listener':
        return this.endpoint(
          endpoint,
          r.host,
          `nothing listens on ${endpoint.raw} on ${r.host}`,
          'nothing listens',
        );
      case 'unreachable':
        return this.endpoint(endpoint, r.host, `unreachable: ${r.reason}`, 'unreachable');
      case 'external':
        return this.endpoint(endpoint, undefined, 'outside the topology');
      case 'invalid':
        return this.endpoint(endpoint, undefined, `invalid: ${r.reason}`, 'invalid address');
    }
  }

  private endpoint(
    endpoint: Endpoint,
    host: string | undefined,
    problem: string,
    label = problem,
  ): { reached: Reached; problem: string } {
    const modelId = host !== undefined ? `endpoint:${host}/${endpoint.raw}` : `endpoint:${endpoint.raw}`;
    const node = this.addNode('ext', modelId, 'endpoint', host, endpoint.raw, label);
    return { reached: { node: node.id, ...(host !== undefined ? { host } : {}) }, problem };
  }

  private addEdge(edge: Omit<FlowEdge, 'id' | 'modelIds' | 'diagnostics'> & { modelId: string }): void {
    const key = `${edge.kind}|${edge.from}|${edge.to}|${edge.label}`;
    const existing = this.edgeByKey.get(key);
    if (existing) {
      if (!existing.modelIds.includes(edge.modelId)) existing.modelIds.push(edge.modelId);
      return;
    }
    const { modelId, problem, ...rest } = edge;
    const added: FlowEdge = {
      id: `e${this.edges.length}`,
      ...rest,
      modelIds: [modelId],
      ...(problem !== undefined ? { problem } : {}),
      diagnostics: [],
    };
    this.edges.push(added);
    this.edgeByKey.set(key, added);
  }

  private addServiceEdges(s: ServiceModel): void {
    const own: Reached = { node: this.byModelId.get(s.id)!.id, host: s.host };
    let targetDialers: Reached[] = [own];
    const chains: { chain: ChainModel; listener: boolean }[] = [];
    if (s.handlerChain?.chain) chains.push({ chain: s.handlerChain.chain, listener: false });
    if (s.listenerChain?.chain && s.listenerChain.chain !== s.handlerChain?.chain)
      chains.push({ chain: s.listenerChain.chain, listener: true });
    for (const { chain, listener } of chains) {
      const last = this.addChainEdges(own, chain, listener && s.remote);
      if (!listener && last.length > 0) targetDialers = last;
    }
    if (s.bind) {
      this.addEdge({
        kind: 'bind',
        from: own.node,
        to: this.byModelId.get(s.bind.id)!.id,
        label: `${s.listener} bind ${bindAddress(s.bind)}@${s.bind.host}`,
        modelId: s.bind.id,
        service: own.node,
        reverse: true,
      });
    }
    for (const t of s.targets) {
      const forward = {
        kind: 'forward',
        label: `fwd ${t.dial.endpoint.raw}`,
        modelId: t.id,
        service: own.node,
        reverse: false,
      } as const;
      if (t.dial.from.length === 0) {
        const { reached, problem } = this.endpoint(
          t.dial.endpoint,
          undefined,
          'dialled from outside the topology',
        );
        for (const src of targetDialers)
          this.addEdge({ ...forward, from: src.node, to: reached.node, problem });
        continue;
      }
      t.dial.from.forEach((fromHost, j) => {
        const { reached, problem } = this.reachedBy(t.dial.resolutions[j]!, t.dial.endpoint);
        const sources = targetDialers.filter((src) => src.host === fromHost);
        for (const src of sources.length > 0 ? sources : [own])
          this.addEdge({ ...forward, from: src.node, to: reached.node, problem });
      });
    }
  }

  /** Edges of a chain's hops from `start`; returns the servers of its last hop that gost uses. */
  private addChainEdges(start: Reached, chain: ChainModel, reverse: boolean): Reached[] {
    let sources: Reached[] = [start];
    for (const hop of chain.hops) {
      // gost ends a chain at its first hop without nodes (GOST-SEMANTICS §3.9).
      if (hop.nodes.length === 0) break;
      const next: Reached[] = [];
      const keep = (r: Reached) => {
        if (!next.some((x) => x.node === r.node)) next.push(r);
      };
      for (const n of hop.nodes) {
        const edge = {
          kind: 'hop',
          label: `${n.connector}+${n.dialer}`,
          modelId: n.id,
          service: start.node,
          reverse,
        } as const;
        if (n.dial.from.length === 0) {
          const { reached, problem } = this.endpoint(
            n.dial.endpoint,
            undefined,
            'dialled from outside the topology',
          );
          for (const src of sources) this.addEdge({ ...edge, from: src.node, to: reached.node, problem });
          keep(reached);
          continue;
        }
        n.dial.from.forEach((fromHost, j) => {
          const resolution = n.dial.resolutions[j]!;
          const { reached, problem } = this.reachedBy(resolution, n.dial.endpoint);
          const matching = sources.filter((src) => src.host === fromHost);
          for (const src of matching.length > 0 ? matching : sources)
            this.addEdge({ ...edge, from: src.node, to: reached.node, problem });
          if (resolution.kind === 'service') keep(reached);
        });
      }
      if (next.length === 0) return [];
      sources = next;
    }
    return sources;
  }

  private place(diagnostics: readonly Diagnostic[]): PlacedDiagnostic[] {
    const owners = new DiagnosticOwners(this.model, this.documentSpans);
    return diagnostics.map((diagnostic, index) => {
      const found = owners.ownersOf(diagnostic.span);
      const placed: PlacedDiagnostic = {
        diagnostic,
        owners: found.map((o) => o.id),
        nodes: [],
        edges: [],
        hosts: [],
        networks: [],
        flows: [],
      };
      for (const owner of found) this.placeOn(owner, placed);
      if (found.length === 0 && diagnostic.host !== undefined && this.hosts.has(diagnostic.host))
        placed.hosts.push(diagnostic.host);
      for (const id of placed.nodes) this.nodes.get(id)!.diagnostics.push(index);
      for (const id of placed.edges) this.edges.find((e) => e.id === id)!.diagnostics.push(index);
      for (const name of placed.hosts) this.hosts.get(name)!.diagnostics.push(index);
      for (const name of placed.networks) this.networks.find((n) => n.name === name)!.diagnostics.push(index);
      return placed;
    });
  }

  private placeOn(owner: Owner, placed: PlacedDiagnostic): void {
    const push = (list: string[], id: string) => {
      if (!list.includes(id)) list.push(id);
    };
    const onEdgesOf = (modelIds: readonly string[], fallback: readonly string[]) => {
      const edges = this.edges.filter((e) => e.modelIds.some((id) => modelIds.includes(id)));
      for (const e of edges) push(placed.edges, e.id);
      if (edges.length > 0) return;
      for (const id of fallback) {
        const node = this.byModelId.get(id);
        if (node) push(placed.nodes, node.id);
      }
    };
    const servicesUsing = (chain: ChainModel | undefined) =>
      this.model.services
        .filter((s) => s.handlerChain?.chain === chain || s.listenerChain?.chain === chain)
        .map((s) => s.id);
    switch (owner.kind) {
      case 'node': {
        const node = this.model.nodes.find((n) => n.id === owner.id);
        onEdgesOf([owner.id], servicesUsing(node?.hop.chain));
        return;
      }
      case 'hop': {
        const hop = this.model.chains.flatMap((c) => c.hops).find((h) => h.id === owner.id);
        onEdgesOf(hop?.nodes.map((n) => n.id) ?? [], servicesUsing(hop?.chain));
        return;
      }
      case 'chain': {
        const chain = this.model.chains.find((c) => c.id === owner.id);
        onEdgesOf(chain?.hops.flatMap((h) => h.nodes.map((n) => n.id)) ?? [], servicesUsing(chain));
        return;
      }
      case 'target': {
        const target = this.model.targets.find((t) => t.id === owner.id);
        onEdgesOf([owner.id], target ? [target.service.id] : []);
        return;
      }
      case 'service':
      case 'app': {
        const node = this.byModelId.get(owner.id);
        if (node) push(placed.nodes, node.id);
        return;
      }
      case 'host':
        push(placed.hosts, owner.id.slice('host:'.length));
        return;
      case 'network':
        push(placed.networks, owner.id.slice('net:'.length));
        return;
      case 'flow':
        push(placed.flows, owner.id);
        return;
    }
  }
}

/**
 * `documentSpans` (the topology document's value spans, see compiled-graph.ts) let diagnostics about
 * a host, app, network or expectation entry find it; config objects are found without them.
 */
export function buildFlowGraph(
  model: Model,
  diagnostics: readonly Diagnostic[],
  documentSpans?: SpanIndex,
): FlowGraph {
  return new FlowGraphBuilder(model, documentSpans).build(diagnostics);
}
