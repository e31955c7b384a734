/**
 * The flow graph as a mermaid flowchart that GitHub renders in markdown: `flowchart LR`, one
 * subgraph per network holding one subgraph per host, every label quoted and escaped with
 * mermaid's entity codes, bind edges dotted, and what diagnostics concern styled and marked.
 */
import { diagnosticMarks, type FlowEdge, type FlowGraph, type FlowNode, worstSeverity } from './types.js';

/**
 * Text inside a quoted mermaid label. Mermaid turns `#name;` into an HTML entity and renders the
 * label as HTML, so `#`, `"`, `&`, `<`, `>` and the backtick (markdown labels) are written as
 * entity codes, as are control characters (which would end the label), and line breaks as `<br/>`.
 */
export function mermaidText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(/[#"&<>`|\x00-\x1f\x7f]/g, (c) => {
        switch (c) {
          case '"':
            return '#quot;';
          case '&':
            return '#amp;';
          case '<':
            return '#lt;';
          case '>':
            return '#gt;';
          default:
            return `#${c.charCodeAt(0)};`;
        }
      }),
    )
    .join('<br/>');
}

function nodeText(graph: FlowGraph, node: FlowNode): string {
  return mermaidText([node.title, node.label, ...diagnosticMarks(graph, node.diagnostics)].join('\n'));
}

/** The node shape by kind: services boxes, apps stadiums, remote ports parallelograms. */
function nodeShape(node: FlowNode, text: string): string {
  switch (node.kind) {
    case 'service':
      return `["${text}"]`;
    case 'app':
      return `(["${text}"])`;
    case 'port':
      return `[/"${text}"/]`;
    case 'client':
      return `("${text}")`;
    case 'endpoint':
      return `>"${text}"]`;
  }
}

function edgeText(graph: FlowGraph, edge: FlowEdge): string {
  const lines = [edge.label];
  if (edge.problem !== undefined) lines.push(`(${edge.problem})`);
  lines.push(...diagnosticMarks(graph, edge.diagnostics));
  return mermaidText(lines.join('\n'));
}

const severityStyles = {
  error: 'stroke:#d32f2f,stroke-width:3px',
  warning: 'stroke:#f9a825,stroke-width:3px',
  info: 'stroke:#1976d2,stroke-width:2px',
} as const;

export function renderMermaid(graph: FlowGraph): string {
  const out: string[] = [`%% ${graph.name.replace(/[\r\n]+/g, ' ')}`, 'flowchart LR'];
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const classes: Record<'error' | 'warning' | 'info', string[]> = { error: [], warning: [], info: [] };
  const mark = (id: string, indices: readonly number[]) => {
    const severity = worstSeverity(graph, indices);
    if (severity) classes[severity].push(id);
  };
  const emitHost = (name: string, indent: string) => {
    const host = graph.hosts.find((h) => h.name === name)!;
    out.push(`${indent}subgraph ${host.id}["${mermaidText(host.label)}"]`);
    for (const id of host.nodes) {
      const node = nodesById.get(id)!;
      out.push(`${indent}  ${node.id}${nodeShape(node, nodeText(graph, node))}`);
      mark(node.id, node.diagnostics);
    }
    out.push(`${indent}end`);
    mark(host.id, host.diagnostics);
  };
  for (const network of graph.networks) {
    if (network.hosts.length === 0) continue;
    out.push(`  subgraph ${network.id}["${mermaidText(network.label)}"]`);
    for (const name of network.hosts) emitHost(name, '    ');
    out.push('  end');
    mark(network.id, network.diagnostics);
  }
  for (const host of graph.hosts) if (host.network === undefined) emitHost(host.name, '  ');
  for (const node of graph.nodes) {
    if (node.host !== undefined) continue;
    out.push(`  ${node.id}${nodeShape(node, nodeText(graph, node))}`);
    mark(node.id, node.diagnostics);
  }
  const linkStyles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const arrow = edge.kind === 'bind' ? '-.->' : '-->';
    out.push(`  ${edge.from} ${arrow}|"${edgeText(graph, edge)}"| ${edge.to}`);
    const severity = worstSeverity(graph, edge.diagnostics);
    if (severity) linkStyles.push(`  linkStyle ${index} ${severityStyles[severity]}`);
  });
  out.push(...linkStyles);
  for (const severity of ['error', 'warning', 'info'] as const) {
    if (classes[severity].length === 0) continue;
    out.push(`  classDef ${severity} ${severityStyles[severity]}`);
    out.push(`  class ${classes[severity].join(',')} ${severity}`);
  }
  return `${out.join('\n')}\n`;
}
