/**
 * The model as a graphology multigraph (DESIGN.md "The model"): nodes for hosts, networks,
 * services, chains, hops, nodes, targets and apps; edges member, runs, uses, hop, node, dials,
 * forwards, reaches and binds. Graph export and the TUI walk this.
 */
import { createRequire } from 'node:module';
import type Graphology from 'graphology';
import type { Model, Resolution } from './types.js';

/** graphology is loaded on the first graph, so `topo check` (which never needs one) does not pay for it. */
let graphologyModule: typeof Graphology | undefined;
function loadGraphology(): typeof Graphology {
  graphologyModule ??= createRequire(import.meta.url)('graphology') as typeof Graphology;
  return graphologyModule;
}

export type GraphNodeKind =
  | 'host'
  | 'network'
  | 'service'
  | 'chain'
  | 'hop'
  | 'node'
  | 'target'
  | 'app'
  | 'bind';
export type GraphEdgeKind =
  | 'member'
  | 'runs'
  | 'uses'
  | 'hop'
  | 'node'
  | 'dials'
  | 'forwards'
  | 'reaches'
  | 'binds';

export interface GraphNodeAttributes {
  kind: GraphNodeKind;
  label: string;
  host?: string;
}

export interface GraphEdgeAttributes {
  kind: GraphEdgeKind;
  label?: string;
  order?: number;
}

function resolvedId(r: Resolution): string | undefined {
  if (r.kind === 'service') return r.service.id;
  if (r.kind === 'app') return `app:${r.app.host}/${r.app.name}`;
  if (r.kind === 'bind') return r.bind.id;
  return undefined;
}

export function buildGraph(model: Omit<Model, 'graph'>) {
  const { MultiDirectedGraph } = loadGraphology();
  const g = new MultiDirectedGraph<GraphNodeAttributes, GraphEdgeAttributes>();
  const add = (id: string, attrs: GraphNodeAttributes) => {
    if (!g.hasNode(id)) g.addNode(id, attrs);
  };
  for (const n of model.networks.values()) add(`net:${n.name}`, { kind: 'network', label: n.name });
  for (const h of model.hosts.values()) {
    add(`host:${h.name}`, { kind: 'host', label: h.name, host: h.name });
    for (const a of h.addresses) {
      if (g.hasNode(`net:${a.network}`))
        g.addEdge(`host:${h.name}`, `net:${a.network}`, { kind: 'member', label: a.ip });
    }
    for (const app of h.apps) {
      const id = `app:${h.name}/${app.name}`;
      add(id, { kind: 'app', label: `${app.name} ${app.protocol}/${app.port}`, host: h.name });
      g.addEdge(`host:${h.name}`, id, { kind: 'runs' });
    }
  }
  for (const c of model.chains) {
    add(c.id, { kind: 'chain', label: c.name, host: c.host });
    for (const hop of c.hops) {
      add(hop.id, { kind: 'hop', label: hop.name, host: c.host });
      g.addEdge(c.id, hop.id, { kind: 'hop', order: hop.index });
      for (const node of hop.nodes) {
        add(node.id, { kind: 'node', label: `${node.name} ${node.connector}+${node.dialer}`, host: c.host });
        g.addEdge(hop.id, node.id, { kind: 'node', order: node.index });
      }
    }
  }
  for (const s of model.services) {
    add(s.id, {
      kind: 'service',
      label: `${s.name} ${s.handler}+${s.listener} ${s.listen.raw}`,
      host: s.host,
    });
    g.addEdge(`host:${s.host}`, s.id, { kind: 'runs' });
    for (const ref of [s.handlerChain, s.listenerChain]) {
      if (ref?.chain)
        g.addEdge(s.id, ref.chain.id, {
          kind: 'uses',
          label: ref === s.listenerChain ? 'listener' : 'handler',
        });
    }
    for (const t of s.targets) {
      add(t.id, { kind: 'target', label: `${t.name} ${t.dial.endpoint.raw}`, host: s.host });
      g.addEdge(s.id, t.id, { kind: 'forwards' });
    }
  }
  for (const b of model.binds) {
    add(b.id, { kind: 'bind', label: `${b.family}/${b.port}`, host: b.host });
    g.addEdge(b.service.id, b.id, {
      kind: 'binds',
      label: `${b.service.listener} ${b.ip}:${b.port}@${b.host}`,
    });
    g.addEdge(`host:${b.host}`, b.id, { kind: 'runs' });
  }
  for (const n of model.nodes) {
    for (const r of n.dial.resolutions) {
      const to = resolvedId(r);
      if (to && g.hasNode(to)) g.addEdge(n.id, to, { kind: 'dials', label: `${n.connector}+${n.dialer}` });
    }
  }
  for (const t of model.targets) {
    for (const r of t.dial.resolutions) {
      const to = resolvedId(r);
      if (to && g.hasNode(to)) g.addEdge(t.id, to, { kind: 'reaches' });
    }
  }
  return g;
}
