/**
 * Which column each host goes in, and in what order, for drawing the flow graph left to right in a
 * terminal: a layered layout in the order traffic flows. Clients (hosts nothing dials) come first,
 * relays in the middle, the hosts that receive the traffic last. An rtcp/rudp service dials out to
 * its relay but is reached through it, so its edges count in the other direction. Cycles are broken
 * by ignoring the edges that close them; long edges get a placeholder in every column they cross so
 * the ordering can keep them straight.
 */
import type { FlowEdge, FlowGraph } from '../types.js';

/** A host box, or the box of the endpoints outside every host. */
export interface LayerBox {
  id: string;
  /** Host name; undefined for the box of endpoints outside the topology. */
  host?: string;
  title: string;
  /** Node ids drawn as rows, in order. */
  rows: string[];
}

/** Where a long edge crosses a column. */
export interface PassThrough {
  id: string;
  edge: string;
}

export type ColumnItem = { kind: 'box'; box: LayerBox } | { kind: 'pass'; pass: PassThrough };

export interface Layers {
  columns: ColumnItem[][];
  /** Column of each box id. */
  columnOf: Map<string, number>;
  /** Box id of each node id. */
  boxOf: Map<string, string>;
  /** For each edge crossing columns: its pass-through ids, one per column strictly between its ends. */
  passes: Map<string, string[]>;
  edges: DrawnEdge[];
}

export const outsideBoxId = 'outside';

/** An edge as the terminal draws it. */
export interface DrawnEdge {
  edge: FlowEdge;
  from: string;
  to: string;
}

/**
 * The ends an edge is drawn between. A forward target dialled by a chain's last server on the very
 * host it reaches (a relay dialling a port bound on itself) would be a loop inside one box; it is
 * drawn from the service that forwards instead, which is the connection a reader follows.
 */
export function drawnEdges(graph: FlowGraph, boxOf: ReadonlyMap<string, string>): DrawnEdge[] {
  return graph.edges.map((edge) => {
    const loop = boxOf.get(edge.from) === boxOf.get(edge.to);
    const fromService = edge.kind === 'forward' && loop && boxOf.get(edge.service) !== boxOf.get(edge.to);
    return { edge, from: fromService ? edge.service : edge.from, to: edge.to };
  });
}

export function boxesOf(graph: FlowGraph): LayerBox[] {
  const boxes: LayerBox[] = graph.hosts.map((h) => ({
    id: h.id,
    host: h.name,
    title: h.name,
    rows: [...h.nodes],
  }));
  const outside = graph.nodes.filter((n) => n.host === undefined).map((n) => n.id);
  if (outside.length > 0) boxes.push({ id: outsideBoxId, title: 'outside the topology', rows: outside });
  return boxes;
}

export function layoutLayers(graph: FlowGraph): Layers {
  const boxes = boxesOf(graph);
  const boxOf = new Map<string, string>();
  for (const box of boxes) for (const row of box.rows) boxOf.set(row, box.id);
  const index = new Map(boxes.map((b, i) => [b.id, i]));
  const edges = drawnEdges(graph, boxOf);

  // Traffic direction between boxes, one entry per pair, in edge order.
  const successors = boxes.map(() => [] as number[]);
  const touched = new Set<number>();
  for (const { edge, from: start, to: end } of edges) {
    const a = index.get(boxOf.get(start)!)!;
    const b = index.get(boxOf.get(end)!)!;
    if (a === b) continue;
    const [from, to] = edge.reverse ? [b, a] : [a, b];
    touched.add(from).add(to);
    if (!successors[from]!.includes(to)) successors[from]!.push(to);
  }

  // Depth-first search from every box in order; an edge to a box still on the stack closes a cycle.
  const state = boxes.map(() => 'new' as 'new' | 'open' | 'done');
  const kept = boxes.map(() => [] as number[]);
  const visit = (v: number) => {
    state[v] = 'open';
    for (const w of successors[v]!) {
      if (state[w] === 'open') continue;
      kept[v]!.push(w);
      if (state[w] === 'new') visit(w);
    }
    state[v] = 'done';
  };
  const hasPredecessor = new Set(successors.flat());
  boxes.forEach((_, i) => {
    if (state[i] === 'new' && !hasPredecessor.has(i)) visit(i);
  });
  boxes.forEach((_, i) => {
    if (state[i] === 'new') visit(i);
  });

  // Longest path from the sources, over the edges that were kept.
  const layer = boxes.map(() => 0);
  const order = topologicalOrder(kept);
  for (const v of order) for (const w of kept[v]!) layer[w] = Math.max(layer[w]!, layer[v]! + 1);
  const last = Math.max(0, ...layer);
  // A host nobody dials and that dials nobody holds only apps (or nothing): drawn with the targets
  // when it has apps, with the clients otherwise.
  boxes.forEach((box, i) => {
    if (touched.has(i)) return;
    const onlyApps =
      box.rows.length > 0 && box.rows.every((id) => graph.nodes.find((n) => n.id === id)?.kind === 'app');
    layer[i] = onlyApps ? last : 0;
  });

  const columnCount = Math.max(0, ...layer) + 1;
  const columns: ColumnItem[][] = Array.from({ length: columnCount }, () => []);
  const columnOf = new Map<string, number>();
  boxes.forEach((box, i) => {
    columns[layer[i]!]!.push({ kind: 'box', box });
    columnOf.set(box.id, layer[i]!);
  });
  const passes = new Map<string, string[]>();
  for (const { edge, from, to } of edges) {
    const a = columnOf.get(boxOf.get(from)!)!;
    const b = columnOf.get(boxOf.get(to)!)!;
    if (Math.abs(a - b) < 2) continue;
    const ids: string[] = [];
    const step = a < b ? 1 : -1;
    for (let c = a + step; c !== b; c += step) {
      const id = `${edge.id}@${c}`;
      ids.push(id);
      columns[c]!.push({ kind: 'pass', pass: { id, edge: edge.id } });
    }
    passes.set(edge.id, ids);
  }
  orderColumns(edges, columns, boxOf, passes);
  return { columns, columnOf, boxOf, passes, edges };
}

/** Kahn's algorithm, taking ready vertices in index order so the result is deterministic. */
function topologicalOrder(successors: number[][]): number[] {
  const indegree = successors.map(() => 0);
  for (const list of successors) for (const w of list) indegree[w]!++;
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  const out: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const v = ready.shift()!;
    out.push(v);
    for (const w of successors[v]!) if (--indegree[w]! === 0) ready.push(w);
  }
  return out;
}

function itemId(item: ColumnItem): string {
  return item.kind === 'box' ? item.box.id : item.pass.id;
}

/**
 * Orders each column by the mean position of what it connects to in the neighbouring columns
 * (the barycenter heuristic), sweeping right then left a few times; ties keep the current order.
 */
function orderColumns(
  edges: readonly DrawnEdge[],
  columns: ColumnItem[][],
  boxOf: Map<string, string>,
  passes: Map<string, string[]>,
): void {
  // Links between items of adjacent columns: each edge is a chain box -> passes -> box.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const { edge, from, to } of edges) {
    const chain = [boxOf.get(from)!, ...(passes.get(edge.id) ?? []), boxOf.get(to)!];
    for (let i = 1; i < chain.length; i++) link(chain[i - 1]!, chain[i]!);
  }
  const position = new Map<string, number>();
  const record = () => {
    for (const column of columns) for (const [i, item] of column.entries()) position.set(itemId(item), i);
  };
  record();
  const sweep = (from: number, to: number, step: number) => {
    for (let c = from; c !== to; c += step) {
      const column = columns[c]!;
      const adjacent = new Set(columns[c - step]?.map(itemId) ?? []);
      const weight = new Map<string, number>();
      for (const item of column) {
        const id = itemId(item);
        const near = (neighbours.get(id) ?? []).filter((n) => adjacent.has(n));
        weight.set(
          id,
          near.length > 0
            ? near.reduce((sum, n) => sum + position.get(n)!, 0) / near.length
            : position.get(id)!,
        );
      }
      column.sort(
        (a, b) =>
          weight.get(itemId(a))! - weight.get(itemId(b))! ||
          position.get(itemId(a))! - position.get(itemId(b))!,
      );
      for (const [i, item] of column.entries()) position.set(itemId(item), i);
    }
  };
  for (let round = 0; round < 4; round++) {
    sweep(1, columns.length, 1);
    sweep(columns.length - 2, -1, -1);
  }
  record();
}
