/**
 * What each pane lists, derived from a snapshot: the side list (hosts with their services, then the
 * flows), the things the graph pane can select (hosts, then edges), and the diagnostics. Pure
 * functions, so the screen's key handling and its tests see the same lists the panes draw.
 */
import type { Diagnostic } from '../../compiler/diagnostics.js';
import type { FlowGraph } from '../graph/types.js';
import type { FlowRun, TopologySnapshot } from './snapshot.js';

export type Selection =
  | { kind: 'host'; host: string }
  | { kind: 'node'; node: string; host: string }
  | { kind: 'edge'; edge: string }
  | { kind: 'flow'; flow: string }
  | { kind: 'diagnostic'; index: number };

export type ListItem =
  | { kind: 'heading'; text: string }
  | {
      kind: 'entry';
      text: string;
      depth: number;
      selection: Selection;
      mark?: 'error' | 'warning' | 'ok' | 'failed';
    };

function matches(filter: string, ...texts: string[]): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  return texts.some((t) => t.toLowerCase().includes(needle));
}

function severityMark(graph: FlowGraph, indices: readonly number[]): 'error' | 'warning' | undefined {
  let warning = false;
  for (const i of indices) {
    const s = graph.diagnostics[i]?.diagnostic.severity;
    if (s === 'error') return 'error';
    if (s === 'warning') warning = true;
  }
  return warning ? 'warning' : undefined;
}

/** Hosts with their services and apps, then the flows; `filter` keeps entries whose text holds it. */
export function listItems(snapshot: TopologySnapshot, filter: string): ListItem[] {
  const topology = snapshot.topology;
  if (!topology) return [];
  const { graph } = topology;
  const items: ListItem[] = [];
  const hosts: ListItem[] = [];
  for (const host of graph.hosts) {
    const nodes = host.nodes
      .map((id) => graph.nodes.find((n) => n.id === id)!)
      .filter((n) => n.kind !== 'client' && n.kind !== 'endpoint');
    const shown = nodes.filter((n) => matches(filter, host.name, n.title, n.label));
    if (!matches(filter, host.name) && shown.length === 0) continue;
    const mark = severityMark(graph, [...host.diagnostics, ...nodes.flatMap((n) => n.diagnostics)]);
    hosts.push({
      kind: 'entry',
      text: host.name,
      depth: 0,
      selection: { kind: 'host', host: host.name },
      ...(mark ? { mark } : {}),
    });
    for (const n of matches(filter, host.name) ? nodes : shown) {
      const nodeMark = severityMark(graph, n.diagnostics);
      hosts.push({
        kind: 'entry',
        text:
          n.kind === 'service' ? n.label : n.kind === 'port' ? `bind ${n.label}` : `${n.title} ${n.label}`,
        depth: 1,
        selection: { kind: 'node', node: n.id, host: host.name },
        ...(nodeMark ? { mark: nodeMark } : {}),
      });
    }
  }
  if (hosts.length > 0) items.push({ kind: 'heading', text: 'hosts' }, ...hosts);
  const runs = snapshot.simulation.state === 'done' ? snapshot.simulation.flows : [];
  const flows: ListItem[] = topology.flows
    .filter((f) => matches(filter, f.name, f.from, f.connect))
    .map((f) => {
      const run = runs.find((r) => r.name === f.name);
      return {
        kind: 'entry',
        text: f.name,
        depth: 0,
        selection: { kind: 'flow', flow: f.name },
        ...(run ? { mark: run.ok ? ('ok' as const) : ('failed' as const) } : {}),
      };
    });
  if (flows.length > 0) items.push({ kind: 'heading', text: 'flows' }, ...flows);
  return items;
}

/** What the graph pane steps through: hosts in order, then edges in order. */
export function graphItems(graph: FlowGraph): Selection[] {
  return [
    ...graph.hosts.map((h): Selection => ({ kind: 'host', host: h.name })),
    ...graph.edges.map((e): Selection => ({ kind: 'edge', edge: e.id })),
  ];
}

export interface DiagnosticItem {
  diagnostic: Diagnostic;
  /** Its position in the snapshot's diagnostics (and, when placed, in the graph's). */
  index: number;
  /** The graph on screen is the one it is about, so it is placed on it. */
  placed: boolean;
}

/** The latest read's diagnostics, placed on the graph when that read compiled. */
export function diagnosticItems(snapshot: TopologySnapshot, filter: string): DiagnosticItem[] {
  const placed = snapshot.state === 'ready' && snapshot.topology !== undefined;
  return snapshot.diagnostics
    .map((diagnostic, index) => ({ diagnostic, index, placed }))
    .filter((item) => matches(filter, item.diagnostic.rule, item.diagnostic.message));
}

export function sameSelection(a: Selection | undefined, b: Selection | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'host':
      return a.host === (b as typeof a).host;
    case 'node':
      return a.node === (b as typeof a).node;
    case 'edge':
      return a.edge === (b as typeof a).edge;
    case 'flow':
      return a.flow === (b as typeof a).flow;
    case 'diagnostic':
      return a.index === (b as typeof a).index;
  }
}

/** The run of a flow in the snapshot's finished simulation, if any. */
export function runOf(snapshot: TopologySnapshot, flow: string): FlowRun | undefined {
  return snapshot.simulation.state === 'done'
    ? snapshot.simulation.flows.find((f) => f.name === flow)
    : undefined;
}
