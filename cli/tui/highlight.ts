/**
 * What the graph pane highlights: the selection (a host, a row, an edge, or everything a
 * diagnostic is about) and the current hop of the flow being stepped through.
 */
import type { GraphHighlight } from '../graph/terminal/draw.js';
import type { FlowGraph } from '../graph/types.js';
import type { FlowRun } from './snapshot.js';
import type { Selection } from './view-model.js';

export interface Stepping {
  run: FlowRun;
  step: number;
}

/** Nodes of `host` that a flow step went through: its services and apps named in the trace. */
export function stepNodes(graph: FlowGraph, host: string, services: readonly string[]): string[] {
  return graph.nodes
    .filter(
      (n) => n.host === host && (n.kind === 'service' || n.kind === 'app') && services.includes(n.title),
    )
    .map((n) => n.id);
}

/**
 * Edges a step came through from the previous host: those joining the two hosts where at least one
 * end is a service or app the trace names (so a host's unrelated connections stay unlit).
 */
export function stepEdges(graph: FlowGraph, stepping: Stepping): string[] {
  const { run, step } = stepping;
  if (step === 0) return [];
  const previous = run.steps[step - 1]!;
  const current = run.steps[step]!;
  const hostOf = new Map(graph.nodes.map((n) => [n.id, n.host]));
  const named = new Set([
    ...stepNodes(graph, previous.host, previous.services),
    ...stepNodes(graph, current.host, current.services),
  ]);
  return graph.edges
    .filter((e) => {
      const ends = [e.from, e.service, e.to];
      const joins = (a: string, b: string) =>
        ends.some((x) => hostOf.get(x) === a) && ends.some((y) => hostOf.get(y) === b);
      const touchesNamed = ends.some((x) => named.has(x));
      return touchesNamed && (joins(previous.host, current.host) || joins(current.host, previous.host));
    })
    .map((e) => e.id);
}

/** `placed`: diagnostics are about the graph on screen (not a newer, broken version of the file). */
export function graphHighlight(
  graph: FlowGraph,
  selection: Selection | undefined,
  stepping: Stepping | undefined,
  placed: boolean,
): GraphHighlight {
  const highlight: GraphHighlight = {};
  if (selection?.kind === 'host') highlight.host = selection.host;
  if (selection?.kind === 'node') highlight.nodes = [selection.node];
  if (selection?.kind === 'edge') highlight.edges = [selection.edge];
  if (selection?.kind === 'diagnostic' && placed) {
    const placed = graph.diagnostics[selection.index];
    if (placed) {
      highlight.problem = {
        severity: placed.diagnostic.severity,
        hosts: placed.hosts,
        nodes: placed.nodes,
        edges: placed.edges,
      };
    }
  }
  if (stepping) {
    const current = stepping.run.steps[stepping.step];
    if (current) {
      highlight.stepHost = current.host;
      highlight.stepNodes = stepNodes(graph, current.host, current.services);
      highlight.stepEdges = stepEdges(graph, stepping);
    }
  }
  return highlight;
}
