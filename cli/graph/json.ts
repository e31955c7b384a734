/**
 * The flow graph as JSON for other tools: networks, hosts, nodes and edges with their kinds,
 * labels and model ids, and the diagnostics with their positions and the ids they were placed on.
 */
import type { FlowGraph } from './types.js';

export interface GraphJson {
  name: string;
  networks: {
    id: string;
    name: string;
    kind: string;
    nat?: string;
    label: string;
    hosts: string[];
    diagnostics: number[];
  }[];
  hosts: {
    id: string;
    name: string;
    network?: string;
    addresses: { network: string; ip: string }[];
    label: string;
    nodes: string[];
    diagnostics: number[];
  }[];
  nodes: {
    id: string;
    kind: string;
    model: string;
    host?: string;
    title: string;
    label: string;
    diagnostics: number[];
  }[];
  edges: {
    id: string;
    kind: string;
    from: string;
    to: string;
    label: string;
    model: string[];
    /** The service whose config makes the connection. */
    service: string;
    problem?: string;
    diagnostics: number[];
  }[];
  diagnostics: {
    rule: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    host?: string;
    nodes: string[];
    edges: string[];
    hosts: string[];
    networks: string[];
    flows: string[];
  }[];
}

export function graphToJson(graph: FlowGraph): GraphJson {
  return {
    name: graph.name,
    networks: graph.networks.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      ...(n.nat !== undefined ? { nat: n.nat } : {}),
      label: n.label,
      hosts: n.hosts,
      diagnostics: n.diagnostics,
    })),
    hosts: graph.hosts.map((h) => ({
      id: h.id,
      name: h.name,
      ...(h.network !== undefined ? { network: h.network } : {}),
      addresses: h.addresses,
      label: h.label,
      nodes: h.nodes,
      diagnostics: h.diagnostics,
    })),
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      model: n.modelId,
      ...(n.host !== undefined ? { host: n.host } : {}),
      title: n.title,
      label: n.label,
      diagnostics: n.diagnostics,
    })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      kind: e.kind,
      from: e.from,
      to: e.to,
      label: e.label,
      model: e.modelIds,
      service: e.service,
      ...(e.problem !== undefined ? { problem: e.problem } : {}),
      diagnostics: e.diagnostics,
    })),
    diagnostics: graph.diagnostics.map((p) => {
      const d = p.diagnostic;
      return {
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: d.span.file,
        line: d.span.start.line,
        column: d.span.start.column,
        endLine: d.span.end.line,
        endColumn: d.span.end.column,
        ...(d.host !== undefined ? { host: d.host } : {}),
        nodes: p.nodes,
        edges: p.edges,
        hosts: p.hosts,
        networks: p.networks,
        flows: p.flows,
      };
    }),
  };
}
