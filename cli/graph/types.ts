/**
 * The flow graph: what `topo graph` draws and the TUI lays out. It is the model seen as traffic
 * sees it: networks hold hosts, hosts hold the services, apps and remote ports that answer
 * connections, and edges are the connections a deployment makes (chain hops, forward targets,
 * rtcp/rudp binds). Plain data with stable ids and a fixed order, so every renderer is a pure
 * function of it and the same topology always gives the same output.
 */
import type { Diagnostic, Severity } from '../../compiler/diagnostics.js';

export type NetworkKind = 'public' | 'nat' | 'isolated';

export interface FlowNetwork {
  /** Render id (`net_office`). */
  id: string;
  name: string;
  kind: NetworkKind;
  /** The network a NAT'd network reaches. */
  nat?: string;
  label: string;
  /** Names of the hosts drawn inside it (a host sits in the network of its first address). */
  hosts: string[];
  diagnostics: number[];
}

export interface FlowAddress {
  network: string;
  ip: string;
}

export interface FlowHost {
  /** Render id (`host_relay`). */
  id: string;
  name: string;
  /** The network it is drawn in; undefined when its first address names no known network. */
  network?: string;
  addresses: FlowAddress[];
  label: string;
  /** Render ids of the nodes inside it, in order. */
  nodes: string[];
  diagnostics: number[];
}

export type FlowNodeKind =
  /** A gost service listening on its host. */
  | 'service'
  /** An application listening on its host. */
  | 'app'
  /** A port an rtcp/rudp service opens on a remote host. */
  | 'port'
  /** A host with neither services nor apps (a plain client). */
  | 'client'
  /** An address a dial reaches that nothing of the topology answers. */
  | 'endpoint';

export interface FlowNode {
  /** Render id: letters, digits and underscores, unique in the graph. */
  id: string;
  /** The object in the model graph (`svc:relay/p0/service-0`, `app:db/ssh`, `bind:...`, `host:laptop`). */
  modelId: string;
  kind: FlowNodeKind;
  /** The host it sits in; undefined for an endpoint outside the topology. */
  host?: string;
  /** Its name (service, app or host name). */
  title: string;
  /** What it is, one line (`relay+tls :8443`, `tcp/22 banner`). */
  label: string;
  diagnostics: number[];
}

export type FlowEdgeKind =
  /** A chain node: the service (or the previous hop's server) dials the next server. */
  | 'hop'
  /** A forward target: dialled by the service, or by its chain's last server. */
  | 'forward'
  /** An rtcp/rudp service asks a chain's last server to open a port. */
  | 'bind';

export interface FlowEdge {
  /** `e<N>` in drawing order. */
  id: string;
  kind: FlowEdgeKind;
  from: string;
  to: string;
  /** `relay+wss` for a hop, the target address for a forward, `rtcp bind :2222@relay` for a bind. */
  label: string;
  /** The model objects the edge stands for (chain nodes, forward targets, binds). */
  modelIds: string[];
  /** The service whose config makes the connection (its chain, target or bind). */
  service: string;
  /** Why the dial reaches nothing of the topology (`unreachable: ...`), when it does not. */
  problem?: string;
  /**
   * Whether the edge belongs to an rtcp/rudp service: such a service dials out, but its traffic
   * comes back in the other direction, which decides where a layout puts its host.
   */
  reverse: boolean;
  diagnostics: number[];
}

/** A diagnostic and the elements of the graph its span belongs to. */
export interface PlacedDiagnostic {
  diagnostic: Diagnostic;
  /** Model ids of the owning objects (empty when the span belongs to nothing drawn). */
  owners: string[];
  nodes: string[];
  edges: string[];
  hosts: string[];
  networks: string[];
  /** Names of expectations (`expect:` entries) the span belongs to. */
  flows: string[];
}

export interface FlowGraph {
  name: string;
  networks: FlowNetwork[];
  hosts: FlowHost[];
  nodes: FlowNode[];
  edges: FlowEdge[];
  diagnostics: PlacedDiagnostic[];
}

/** The worst severity among some of the graph's diagnostics, or undefined for none. */
export function worstSeverity(graph: FlowGraph, indices: readonly number[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const i of indices) {
    const severity = graph.diagnostics[i]?.diagnostic.severity;
    if (severity === 'error') return 'error';
    if (severity === 'warning') worst = 'warning';
    else if (severity === 'info' && worst === undefined) worst = 'info';
  }
  return worst;
}

/** `✖ rule` / `⚠ rule` / `ℹ rule` marks for a list of diagnostics, one per rule, worst first. */
export function diagnosticMarks(graph: FlowGraph, indices: readonly number[]): string[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const symbol: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
  const seen = new Map<string, Severity>();
  for (const i of indices) {
    const d = graph.diagnostics[i]?.diagnostic;
    if (!d) continue;
    const before = seen.get(d.rule);
    if (before === undefined || rank[d.severity] < rank[before]) seen.set(d.rule, d.severity);
  }
  return [...seen]
    .sort(([ra, sa], [rb, sb]) => rank[sa] - rank[sb] || (ra < rb ? -1 : ra > rb ? 1 : 0))
    .map(([rule, severity]) => `${symbol[severity]} ${rule}`);
}
