/**
 * Draws the flow graph for a terminal: host boxes in the columns layers.ts chose, each box listing
 * what answers connections on the host, and every edge routed through the gaps between columns
 * with its label next to where it leaves. Sizes shrink (boxes, then labels) until the drawing fits
 * the width it is given; past the smallest sizes it is wider and the caller scrolls it.
 */
import { lineCells } from '../../formatters/display-width.js';
import { diagnosticMarks, type FlowGraph, type FlowNode, worstSeverity } from '../types.js';
import { Canvas, type CanvasToken, type LineStyle, type Segment } from './canvas.js';
import { type ColumnItem, type DrawnEdge, type LayerBox, type Layers, layoutLayers } from './layers.js';

export interface GraphHighlight {
  /** The selected host: drawn with a double border. */
  host?: string;
  /** Selected rows (node ids). */
  nodes?: readonly string[];
  /** Selected edges: drawn heavy. */
  edges?: readonly string[];
  /** The current hop of a flow being stepped through: its host gets a heavy border. */
  stepHost?: string;
  stepNodes?: readonly string[];
  stepEdges?: readonly string[];
  /** Everything a selected diagnostic concerns. */
  problem?: {
    severity: 'error' | 'warning' | 'info';
    hosts: readonly string[];
    nodes: readonly string[];
    edges: readonly string[];
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TerminalGraph {
  rows: Segment[][];
  width: number;
  height: number;
  /** Where each host's box is (by host name; `outside` for endpoints outside the topology). */
  boxes: Map<string, Rect>;
  /** Where each edge runs (its bounding rectangle). */
  edges: Map<string, Rect>;
}

interface Budget {
  box: number;
  label: number;
}

/**
 * From roomy to tight: the first that fits the width is used. Labels keep their room longer than
 * box contents, and a box is never narrower than its host's name; past the last, the drawing is
 * wider than asked and scrolls.
 */
const budgets: Budget[] = [
  { box: 34, label: 22 },
  { box: 28, label: 18 },
  { box: 24, label: 14 },
  { box: 22, label: 12 },
  { box: 20, label: 11 },
  { box: 18, label: 11 },
  { box: 16, label: 10 },
  { box: 14, label: 9 },
  { box: 12, label: 9 },
  { box: 12, label: 7 },
  { box: 10, label: 6 },
  { box: 10, label: 5 },
];

/** Terminal columns of `text`, measured the way the canvas writes it. */
function width(text: string): number {
  let n = 0;
  for (const cell of lineCells(text)) n += cell.width;
  return n;
}

/** At most `max` columns of `text`, ending in `…` when cut. */
export function clip(text: string, max: number): string {
  if (max <= 0) return '';
  if (width(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (width(out + char) > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

function rowText(node: FlowNode): string {
  switch (node.kind) {
    case 'service':
    case 'client':
      return node.label;
    case 'port':
      return `bind ${node.label.replace(/^tcp /, '')}`;
    case 'app':
    case 'endpoint':
      return `${node.title} ${node.label}`;
  }
}

/** An edge's label in the terminal: binds need none (the dashed line and the port row say it). */
function edgeText(graph: FlowGraph, drawn: DrawnEdge): string {
  const { edge } = drawn;
  if (edge.kind === 'bind') return '';
  const base = edge.kind === 'forward' ? edge.label.replace(/^fwd /, '') : edge.label;
  const severity = worstSeverity(graph, edge.diagnostics);
  return severity === 'error' ? `${base} ✖` : severity === 'warning' ? `${base} ⚠` : base;
}

function nodeMark(graph: FlowGraph, node: FlowNode): string {
  const severity = worstSeverity(graph, node.diagnostics);
  return severity === 'error' ? ' ✖' : severity === 'warning' ? ' ⚠' : severity === 'info' ? ' ℹ' : '';
}

type Direction = 'right' | 'left' | 'loop';

interface GapSegment {
  edge: DrawnEdge;
  gap: number;
  direction: Direction;
  yIn: number;
  yOut: number;
  /** The segment leaves the edge's source box. */
  first: boolean;
  /** The segment reaches the edge's target box (the arrowhead goes here). */
  last: boolean;
  lane?: string;
}

/** Which side of a gap a label sits on: next to the column on its left, or on its right. */
type Zone = 'left' | 'right';

interface Label {
  gap: number;
  zone: Zone;
  y: number;
  texts: string[];
  edges: string[];
}

interface Plan {
  columnX: number[];
  columnWidth: number[];
  /** Gap g lies between column g and g+1 (the last gap, when present, right of the last column). */
  gapWidth: number[];
  itemY: Map<string, number>;
  boxWidth: Map<string, number>;
  segments: GapSegment[][];
  laneX: Map<string, number>[];
  labels: Label[];
  /** Columns each gap keeps for labels on its left and right side. */
  zoneWidth: { left: number; right: number }[];
  width: number;
  height: number;
}

function boxHeight(box: LayerBox): number {
  return Math.max(1, box.rows.length) + 2;
}

function itemKey(item: ColumnItem): string {
  return item.kind === 'box' ? item.box.id : item.pass.id;
}

/**
 * Where each edge's label goes: where the edge leaves its box, unless edges with other labels leave
 * from the same row in the same gap; then, for an edge that stays in one gap, where it arrives.
 */
function placeLabels(graph: FlowGraph, segments: readonly GapSegment[][]): Label[] {
  const departures = new Map<string, Set<string>>();
  const departKey = (s: GapSegment) => `${s.gap}|${s.direction === 'left'}|${s.yIn}`;
  for (const list of segments)
    for (const s of list) {
      if (!s.first) continue;
      const text = edgeText(graph, s.edge);
      if (text !== '') departures.set(departKey(s), (departures.get(departKey(s)) ?? new Set()).add(text));
    }
  const labels = new Map<string, Label>();
  const put = (gap: number, zone: Zone, y: number, text: string, edge: string) => {
    const key = `${gap}|${zone}|${y}`;
    const label = labels.get(key) ?? { gap, zone, y, texts: [], edges: [] };
    if (!label.texts.includes(text)) label.texts.push(text);
    label.edges.push(edge);
    labels.set(key, label);
  };
  for (const list of segments)
    for (const s of list) {
      const text = edgeText(graph, s.edge);
      if (!s.first || text === '') continue;
      const crowded = departures.get(departKey(s))!.size > 1;
      const atArrival = crowded && s.last && s.direction !== 'loop';
      if (atArrival) put(s.gap, s.direction === 'left' ? 'left' : 'right', s.yOut, text, s.edge.edge.id);
      else put(s.gap, s.direction === 'left' ? 'right' : 'left', s.yIn, text, s.edge.edge.id);
    }
  return [...labels.values()];
}

function plan(graph: FlowGraph, layers: Layers, budget: Budget): Plan {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, LayerBox>();
  for (const column of layers.columns)
    for (const item of column) if (item.kind === 'box') boxes.set(item.box.id, item.box);

  const boxWidth = new Map<string, number>();
  for (const box of boxes.values()) {
    const title = width(box.title) + 5;
    const rows = Math.max(
      0,
      ...box.rows.map((id) => width(rowText(nodes.get(id)!) + nodeMark(graph, nodes.get(id)!))),
    );
    boxWidth.set(box.id, Math.max(title, Math.min(budget.box, Math.max(rows + 4, 8))));
  }
  const columnWidth = layers.columns.map((column) =>
    Math.max(3, ...column.flatMap((item) => (item.kind === 'box' ? [boxWidth.get(item.box.id)!] : []))),
  );

  // Rows: each column top to bottom, each item as close as it can get to what it connects to on its left.
  const itemY = new Map<string, number>();
  const rowIndex = new Map<string, number>();
  for (const box of boxes.values()) for (const [i, id] of box.rows.entries()) rowIndex.set(id, i);
  const endY = (nodeId: string) => itemY.get(layers.boxOf.get(nodeId)!)! + 1 + rowIndex.get(nodeId)!;
  const links = new Map<string, { other: string; otherIsNode: boolean; ownRow: number }[]>();
  const addLink = (item: string, other: string, otherIsNode: boolean, ownRow: number) =>
    links.set(item, [...(links.get(item) ?? []), { other, otherIsNode, ownRow }]);
  for (const drawn of layers.edges) {
    const chain = [drawn.from, ...(layers.passes.get(drawn.edge.id) ?? []), drawn.to];
    for (let i = 1; i < chain.length; i++) {
      const [a, b] = [chain[i - 1]!, chain[i]!];
      const aIsNode = i - 1 === 0;
      const bIsNode = i === chain.length - 1;
      const aItem = aIsNode ? layers.boxOf.get(a)! : a;
      const bItem = bIsNode ? layers.boxOf.get(b)! : b;
      addLink(aItem, b, bIsNode, aIsNode ? rowIndex.get(a)! + 1 : 0);
      addLink(bItem, a, aIsNode, bIsNode ? rowIndex.get(b)! + 1 : 0);
    }
  }
  const itemOf = (id: string, isNode: boolean) => (isNode ? layers.boxOf.get(id)! : id);
  const columnOfItem = new Map<string, number>();
  layers.columns.forEach((column, c) => {
    for (const item of column) columnOfItem.set(itemKey(item), c);
  });
  layers.columns.forEach((column, c) => {
    let next = 0;
    for (const item of column) {
      const key = itemKey(item);
      const wanted = (links.get(key) ?? [])
        .filter(
          (l) =>
            columnOfItem.get(itemOf(l.other, l.otherIsNode))! < c &&
            itemY.has(itemOf(l.other, l.otherIsNode)),
        )
        .map((l) => (l.otherIsNode ? endY(l.other) : itemY.get(l.other)!) - l.ownRow);
      const desired =
        wanted.length > 0 ? Math.round(wanted.reduce((a, b) => a + b, 0) / wanted.length) : next;
      const y = Math.max(next, desired);
      itemY.set(key, y);
      next = y + (item.kind === 'box' ? boxHeight(item.box) + 1 : 2);
    }
  });
  const yOf = (id: string, isNode: boolean) => (isNode ? endY(id) : itemY.get(id)!);

  // The pieces of each edge, gap by gap.
  const lastColumn = layers.columns.length - 1;
  const segments: GapSegment[][] = Array.from({ length: layers.columns.length }, () => []);
  for (const drawn of layers.edges) {
    const ca = layers.columnOf.get(layers.boxOf.get(drawn.from)!)!;
    const cb = layers.columnOf.get(layers.boxOf.get(drawn.to)!)!;
    const passes = layers.passes.get(drawn.edge.id) ?? [];
    const points = [
      { id: drawn.from, node: true },
      ...passes.map((id) => ({ id, node: false })),
      { id: drawn.to, node: true },
    ];
    if (ca === cb) {
      const [yIn, yOut] = [yOf(drawn.from, true), yOf(drawn.to, true)];
      segments[ca]!.push({ edge: drawn, gap: ca, direction: 'loop', yIn, yOut, first: true, last: true });
      continue;
    }
    const step = ca < cb ? 1 : -1;
    for (let k = 0; k + 1 < points.length; k++) {
      const column = ca + k * step;
      const gap = step > 0 ? column : column - 1;
      segments[gap]!.push({
        edge: drawn,
        gap,
        direction: step > 0 ? 'right' : 'left',
        yIn: yOf(points[k]!.id, points[k]!.node),
        yOut: yOf(points[k + 1]!.id, points[k + 1]!.node),
        first: k === 0,
        last: k + 1 === points.length - 1,
      });
    }
  }
  const labels = placeLabels(graph, segments);

  // Lanes: segments that change rows get a column of their own, shared by those that end at the same row.
  const gapLanes = segments.map((list) => {
    const right: string[] = [];
    const left: string[] = [];
    const ordered = [...list].sort(
      (a, b) => Math.min(a.yIn, a.yOut) - Math.min(b.yIn, b.yOut) || a.yOut - b.yOut,
    );
    for (const s of ordered) {
      if (s.yIn === s.yOut && s.direction !== 'loop') continue;
      s.lane = `${s.direction}|${s.last ? `>${s.yOut}` : `${s.yIn}>${s.yOut}`}`;
      const lanes = s.direction === 'left' ? left : right;
      if (!lanes.includes(s.lane)) lanes.push(s.lane);
    }
    return { right, left };
  });
  const zoneWidth = segments.map((_, g) => {
    const room = (zone: Zone) =>
      Math.min(
        budget.label,
        Math.max(
          0,
          ...labels.filter((l) => l.gap === g && l.zone === zone).map((l) => width(l.texts.join(','))),
        ),
      );
    return { left: room('left'), right: room('right') };
  });
  const gapWidth = segments.map((list, g) => {
    const zones = zoneWidth[g]!;
    const lanes = gapLanes[g]!.right.length + gapLanes[g]!.left.length;
    const used =
      list.length === 0
        ? 0
        : 2 + (zones.left > 0 ? zones.left + 1 : 0) + lanes + (zones.right > 0 ? zones.right + 1 : 0);
    return g < lastColumn ? Math.max(4, used) : used;
  });
  const columnX: number[] = [];
  let x = 0;
  layers.columns.forEach((_, c) => {
    columnX.push(x);
    x += columnWidth[c]! + gapWidth[c]!;
  });
  const laneX = segments.map((_, g) => {
    const map = new Map<string, number>();
    let lx = columnX[g]! + columnWidth[g]! + 1 + (zoneWidth[g]!.left > 0 ? zoneWidth[g]!.left + 1 : 0);
    for (const lane of [...gapLanes[g]!.right, ...gapLanes[g]!.left]) map.set(lane, lx++);
    return map;
  });

  let height = 0;
  for (const column of layers.columns)
    for (const item of column)
      height = Math.max(height, itemY.get(itemKey(item))! + (item.kind === 'box' ? boxHeight(item.box) : 1));
  return {
    columnX,
    columnWidth,
    gapWidth,
    itemY,
    boxWidth,
    segments,
    laneX,
    labels,
    zoneWidth,
    width: x,
    height,
  };
}

const boxStyles = {
  normal: ['╭', '╮', '╰', '╯', '─', '│'],
  selected: ['╔', '╗', '╚', '╝', '═', '║'],
  step: ['┏', '┓', '┗', '┛', '━', '┃'],
} as const;

export function drawFlowGraph(graph: FlowGraph, highlight: GraphHighlight, maxWidth: number): TerminalGraph {
  const layers = layoutLayers(graph);
  let chosen = plan(graph, layers, budgets[0]!);
  for (const budget of budgets.slice(1)) {
    if (chosen.width <= maxWidth) break;
    chosen = plan(graph, layers, budget);
  }
  const p = chosen;
  const canvas = new Canvas(Math.max(1, p.width), Math.max(1, p.height));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const has = (list: readonly string[] | undefined, id: string) => list?.includes(id) === true;

  const edgeStyle = (id: string, bind: boolean): LineStyle => {
    if (has(highlight.stepEdges, id)) return { token: 'step', heavy: true };
    if (has(highlight.edges, id)) return { token: 'selected', heavy: true };
    if (highlight.problem && has(highlight.problem.edges, id))
      return { token: highlight.problem.severity, heavy: true };
    const edge = graph.edges.find((e) => e.id === id)!;
    const severity = worstSeverity(graph, edge.diagnostics);
    return { token: severity ?? 'edge', dashed: bind };
  };

  const edgeRects = new Map<string, Rect>();
  const extend = (id: string, x1: number, y1: number, x2: number, y2: number) => {
    const r = edgeRects.get(id);
    const [ax, bx, ay, by] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
    if (!r) edgeRects.set(id, { x: ax, y: ay, width: bx - ax + 1, height: by - ay + 1 });
    else {
      const nx = Math.min(r.x, ax);
      const ny = Math.min(r.y, ay);
      edgeRects.set(id, {
        x: nx,
        y: ny,
        width: Math.max(r.x + r.width, bx + 1) - nx,
        height: Math.max(r.y + r.height, by + 1) - ny,
      });
    }
  };

  const boxRight = (nodeId: string) => {
    const box = layers.boxOf.get(nodeId)!;
    return p.columnX[layers.columnOf.get(box)!]! + p.boxWidth.get(box)!;
  };
  const arrows: { x: number; y: number; char: string; token: CanvasToken }[] = [];
  // Lines first (so junctions merge), then labels and arrowheads, then boxes on top.
  p.segments.forEach((list, g) => {
    const xs = p.columnX[g]! + p.columnWidth[g]!;
    const xe = xs + p.gapWidth[g]! - 1;
    for (const s of list) {
      const id = s.edge.edge.id;
      const style = edgeStyle(id, s.edge.edge.kind === 'bind');
      const lane = s.lane !== undefined ? p.laneX[g]!.get(s.lane)! : undefined;
      // A box narrower than its column leaves cells between its border and the gap: lines bridge them.
      if (s.direction === 'right' || s.direction === 'loop') {
        const start = s.first ? boxRight(s.edge.from) : xs;
        const end = s.direction === 'loop' ? start : xe;
        if (lane === undefined) canvas.hline(start, end, s.yIn, style);
        else {
          canvas.hline(start, lane, s.yIn, style);
          canvas.vline(lane, s.yIn, s.yOut, style);
          canvas.hline(lane, end, s.yOut, style);
        }
        if (s.last)
          arrows.push({ x: end, y: s.yOut, char: s.direction === 'loop' ? '◀' : '▶', token: style.token });
        extend(id, start, s.yIn, lane ?? end, s.yOut);
      } else {
        const end = s.last ? boxRight(s.edge.to) : xs;
        if (lane === undefined) canvas.hline(end, xe, s.yIn, style);
        else {
          canvas.hline(lane, xe, s.yIn, style);
          canvas.vline(lane, s.yIn, s.yOut, style);
          canvas.hline(end, lane, s.yOut, style);
        }
        if (s.last) arrows.push({ x: end, y: s.yOut, char: '◀', token: style.token });
        extend(id, end, s.yIn, xe, s.yOut);
      }
      if (!s.first) {
        // The edge came through a pass-through in the column it leaves from: draw the crossing.
        const column = s.direction === 'left' ? g + 1 : g;
        canvas.hline(p.columnX[column]!, p.columnX[column]! + p.columnWidth[column]! - 1, s.yIn, style);
      }
    }
  });
  for (const label of p.labels) {
    const xs = p.columnX[label.gap]! + p.columnWidth[label.gap]!;
    const xe = xs + p.gapWidth[label.gap]! - 1;
    const room = label.zone === 'left' ? p.zoneWidth[label.gap]!.left : p.zoneWidth[label.gap]!.right;
    const text = clip(label.texts.join(','), room);
    const tokens = label.edges.map((id) => edgeStyle(id, false).token);
    const token = tokens.find((t) => t !== 'edge') ?? 'label';
    canvas.text(label.zone === 'left' ? xs + 1 : xe - width(text), label.y, text, token);
  }
  for (const a of arrows) canvas.fill(a.x, a.y, 1, a.char, a.token);

  const boxRects = new Map<string, Rect>();
  layers.columns.forEach((column, c) => {
    for (const item of column) {
      if (item.kind !== 'box') continue;
      const box = item.box;
      const x0 = p.columnX[c]!;
      const y0 = p.itemY.get(box.id)!;
      const w = p.boxWidth.get(box.id)!;
      const h = boxHeight(box);
      boxRects.set(box.host ?? box.id, { x: x0, y: y0, width: w, height: h });
      const host = graph.hosts.find((hh) => hh.id === box.id);
      const stepped = box.host !== undefined && highlight.stepHost === box.host;
      const selected = box.host !== undefined && highlight.host === box.host;
      const problem = box.host !== undefined && highlight.problem && has(highlight.problem.hosts, box.host);
      const severity = host ? worstSeverity(graph, host.diagnostics) : undefined;
      const [tl, tr, bl, br, hz, vt] =
        boxStyles[stepped ? 'step' : selected || problem ? 'selected' : 'normal'];
      const frame: CanvasToken = stepped
        ? 'step'
        : selected
          ? 'selected'
          : problem
            ? highlight.problem!.severity
            : (severity ?? 'frame');
      canvas.fill(x0, y0, 1, tl, frame);
      canvas.fill(x0 + 1, y0, w - 2, hz, frame);
      canvas.fill(x0 + w - 1, y0, 1, tr, frame);
      const marks = host
        ? diagnosticMarks(graph, host.diagnostics)
            .map((m) => m.split(' ')[0])
            .slice(0, 1)
        : [];
      const title = clip(`${box.title}${marks.length > 0 ? ` ${marks[0]}` : ''}`, w - 5);
      canvas.fill(x0 + 2, y0, 1, ' ', frame);
      canvas.text(x0 + 3, y0, title, stepped || selected ? frame : 'title');
      canvas.fill(x0 + 3 + width(title), y0, 1, ' ', frame);
      for (let r = 1; r < h - 1; r++) {
        canvas.fill(x0, y0 + r, 1, vt, frame);
        canvas.fill(x0 + w - 1, y0 + r, 1, vt, frame);
        canvas.fill(x0 + 1, y0 + r, w - 2, ' ', 'plain');
      }
      canvas.fill(x0, y0 + h - 1, 1, bl, frame);
      canvas.fill(x0 + 1, y0 + h - 1, w - 2, hz, frame);
      canvas.fill(x0 + w - 1, y0 + h - 1, 1, br, frame);
      box.rows.forEach((id, r) => {
        const node = nodes.get(id)!;
        const mark = nodeMark(graph, node);
        const token: CanvasToken = has(highlight.stepNodes, id)
          ? 'step'
          : has(highlight.nodes, id)
            ? 'selected'
            : highlight.problem && has(highlight.problem.nodes, id)
              ? highlight.problem.severity
              : node.kind === 'endpoint'
                ? 'muted'
                : 'text';
        const text = clip(rowText(node), w - 4 - width(mark));
        const used = canvas.text(x0 + 2, y0 + 1 + r, text, token);
        if (mark)
          canvas.text(x0 + 2 + used, y0 + 1 + r, mark, worstSeverity(graph, node.diagnostics) ?? 'text');
      });
    }
  });
  // Where an edge leaves a box, the border shows the join.
  for (const list of p.segments) {
    for (const s of list) {
      if (!s.first) continue;
      const rect = boxRects.get(graph.nodes.find((n) => n.id === s.edge.from)?.host ?? 'outside');
      if (!rect) continue;
      const right = s.direction !== 'left';
      const stepped = [...boxRects.entries()].some(([name, r]) => r === rect && name === highlight.stepHost);
      const char = right ? (stepped ? '┣' : '├') : stepped ? '┫' : '┤';
      const token = edgeStyle(s.edge.edge.id, false).token;
      canvas.fill(
        right ? rect.x + rect.width - 1 : rect.x,
        s.yIn,
        1,
        char,
        token === 'edge' ? 'frame' : token,
      );
    }
  }
  return {
    rows: canvas.rows(),
    width: canvas.width,
    height: canvas.height,
    boxes: boxRects,
    edges: edgeRects,
  };
}
