/**
 * The flow graph in graphviz DOT (`topo graph --format dot | dot -Tsvg`): left to right, one
 * cluster per network holding one cluster per host, bind edges dashed, and the nodes and edges
 * that diagnostics concern drawn in the severity's colour with the rules named in their labels.
 */
import type { Severity } from '../../compiler/diagnostics.js';
import { diagnosticMarks, type FlowEdge, type FlowGraph, type FlowNode, worstSeverity } from './types.js';

/** A DOT double-quoted string: `\` and `"` escaped (a lone `\N`, `\G`... would be substituted), lines as `\n`. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const severityColours: Record<Severity, string> = {
  error: '#d32f2f',
  warning: '#f9a825',
  info: '#1976d2',
};

function attributes(pairs: Record<string, string | undefined>): string {
  const parts = Object.entries(pairs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`);
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

function severityAttributes(severity: Severity | undefined): Record<string, string | undefined> {
  if (!severity) return {};
  const colour = dotString(severityColours[severity]);
  return { color: colour, fontcolor: colour, penwidth: severity === 'info' ? '1.5' : '2' };
}

function nodeStyle(node: FlowNode): Record<string, string> {
  switch (node.kind) {
    case 'service':
      return { shape: 'box', style: '"rounded"' };
    case 'app':
      return { shape: 'box', style: '"rounded,filled"', fillcolor: '"#eef3fb"' };
    case 'port':
      return { shape: 'box', style: '"dashed"' };
    case 'client':
      return { shape: 'box', style: '"rounded,dotted"' };
    case 'endpoint':
      return { shape: 'note' };
  }
}

function nodeLine(graph: FlowGraph, node: FlowNode): string {
  const label = [node.title, node.label, ...diagnosticMarks(graph, node.diagnostics)].join('\n');
  return `${node.id}${attributes({
    label: dotString(label),
    ...nodeStyle(node),
    ...severityAttributes(worstSeverity(graph, node.diagnostics)),
  })};`;
}

function edgeLine(graph: FlowGraph, edge: FlowEdge): string {
  const lines = [edge.label];
  if (edge.problem !== undefined) lines.push(`(${edge.problem})`);
  lines.push(...diagnosticMarks(graph, edge.diagnostics));
  // An rtcp/rudp service's edges point at the relay, but its traffic flows from the relay to it:
  // written the other way round with dir=back, graphviz ranks the hosts in the traffic's order.
  const [tail, head] = edge.reverse ? [edge.to, edge.from] : [edge.from, edge.to];
  return `${tail} -> ${head}${attributes({
    label: dotString(lines.join('\n')),
    ...(edge.reverse ? { dir: 'back' } : {}),
    ...(edge.kind === 'bind' ? { style: 'dashed' } : {}),
    ...severityAttributes(worstSeverity(graph, edge.diagnostics)),
  })};`;
}

export function renderDot(graph: FlowGraph): string {
  const out: string[] = [
    `digraph ${dotString(graph.name)} {`,
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.9];',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const cluster = (id: string, label: string, style: string, indices: readonly number[], indent: string) => {
    const severity = worstSeverity(graph, indices);
    const marks = diagnosticMarks(graph, indices);
    out.push(`${indent}subgraph cluster_${id} {`);
    out.push(`${indent}  label=${dotString([label, ...marks].join('\n'))};`);
    out.push(`${indent}  style=${style};`);
    if (severity) out.push(`${indent}  color=${dotString(severityColours[severity])};`);
  };
  const emitHost = (name: string, indent: string) => {
    const host = graph.hosts.find((h) => h.name === name)!;
    cluster(host.id, host.label, '"rounded"', host.diagnostics, indent);
    for (const id of host.nodes) out.push(`${indent}  ${nodeLine(graph, nodesById.get(id)!)}`);
    out.push(`${indent}}`);
  };
  for (const network of graph.networks) {
    if (network.hosts.length === 0) continue;
    cluster(
      network.id,
      network.label,
      network.kind === 'public' ? '"solid"' : '"dashed"',
      network.diagnostics,
      '  ',
    );
    for (const name of network.hosts) emitHost(name, '    ');
    out.push('  }');
  }
  for (const host of graph.hosts) if (host.network === undefined) emitHost(host.name, '  ');
  for (const node of graph.nodes) if (node.host === undefined) out.push(`  ${nodeLine(graph, node)}`);
  for (const edge of graph.edges) out.push(`  ${edgeLine(graph, edge)}`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
