/**
 * The details pane's text for whatever is selected: a host's emitted gost config and command line,
 * a service, an edge's session check (connector against handler, dialer against listener, the
 * credentials each side has, the diagnostics on it), a flow and its current hop, or a diagnostic.
 */
import { relative } from 'node:path';
import type { Diagnostic, Severity } from '../../compiler/diagnostics.js';
import { connectorMatchesHandler } from '../../compiler/gost/protocol-facts.js';
import type { NodeModel, ServiceModel } from '../../compiler/model/types.js';
import type { FlowEdge, FlowGraph, FlowNode } from '../graph/types.js';
import type { Stepping } from './highlight.js';
import type { LoadedTopology, TopologySnapshot } from './snapshot.js';
import { line, type StyledLine } from './styled-text.js';
import type { TuiToken } from './theme.js';
import type { DiagnosticItem, Selection } from './view-model.js';

const severitySymbol: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function heading(text: string): StyledLine {
  return line(text, 'heading');
}

function diagnosticLines(graph: FlowGraph, indices: readonly number[]): StyledLine[] {
  return indices.map((i) => {
    const d = graph.diagnostics[i]!.diagnostic;
    return [
      { text: `  ${severitySymbol[d.severity]} `, token: d.severity },
      { text: `${d.message} `, token: 'text' },
      { text: `[${d.rule}]`, token: 'muted' },
    ];
  });
}

function where(d: Diagnostic, cwd: string): string {
  const file = relative(cwd, d.span.file) || d.span.file;
  return `${file}:${d.span.start.line}:${d.span.start.column}`;
}

function describeService(s: ServiceModel): string {
  return `${s.host} ${s.name}`;
}

function serviceAuth(s: ServiceModel): string {
  const handler = s.config.handler;
  if (handler?.auther) return `auther ${handler.auther}`;
  if (handler?.authers && handler.authers.length > 0) return `authers ${handler.authers.join(', ')}`;
  if (handler?.auth?.username !== undefined) return `user "${handler.auth.username}"`;
  return 'anyone';
}

function nodeAuth(n: NodeModel): string {
  const user = n.connectorConfig?.auth?.username;
  return user !== undefined ? `user "${user}"` : 'no credentials';
}

function check(ok: boolean): { text: string; token: TuiToken } {
  return ok ? { text: '✔', token: 'success' } : { text: '✖', token: 'error' };
}

function rulesOn(graph: FlowGraph, edge: FlowEdge): string[] {
  return edge.diagnostics.map((i) => graph.diagnostics[i]!.diagnostic.rule);
}

function nodeById(graph: FlowGraph, id: string): FlowNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

function hopLines(topology: LoadedTopology, edge: FlowEdge): StyledLine[] {
  const { graph, model } = topology;
  const from = nodeById(graph, edge.from)!;
  const to = nodeById(graph, edge.to)!;
  const server = model.services.find((s) => s.id === to.modelId);
  const rules = rulesOn(graph, edge);
  const out: StyledLine[] = [
    heading(`hop ${edge.label}`),
    line(`  ${from.host ?? 'outside'} ${from.title} → ${to.host ?? 'outside'} ${to.title}`),
  ];
  for (const id of edge.modelIds) {
    const node = model.nodes.find((n) => n.id === id);
    if (!node) continue;
    out.push(
      line(
        `  node ${node.hop.chain.name}/${node.hop.name}/${node.name} dials ${node.dial.endpoint.raw} from ${node.dial.from.join(', ') || 'outside the topology'}`,
        'muted',
      ),
    );
    out.push(heading('session check'));
    if (!server) {
      out.push(line(`  nothing of the topology answers: ${edge.problem ?? to.label}`, 'warning'));
      continue;
    }
    const pad = (text: string) => text.padEnd(22);
    out.push([
      { text: `  ${pad(`connector ${node.connector}`)}↔ ${pad(`handler ${server.handler}`)}`, token: 'text' },
      check(
        connectorMatchesHandler(node.connector, server.handler) &&
          !rules.includes('connector-handler-mismatch'),
      ),
    ]);
    out.push([
      { text: `  ${pad(`dialer ${node.dialer}`)}↔ ${pad(`listener ${server.listener}`)}`, token: 'text' },
      check(
        node.dialer === server.listener &&
          !rules.some((r) => r.startsWith('transport-') || r.startsWith('tls-')),
      ),
    ]);
    out.push([
      { text: `  ${pad(`auth ${nodeAuth(node)}`)}→ ${pad(serviceAuth(server))}`, token: 'text' },
      check(!rules.some((r) => r.includes('auth'))),
    ]);
  }
  return out;
}

function edgeLines(topology: LoadedTopology, edge: FlowEdge): StyledLine[] {
  const { graph, model } = topology;
  const from = nodeById(graph, edge.from)!;
  const to = nodeById(graph, edge.to)!;
  const out: StyledLine[] = [];
  if (edge.kind === 'hop') out.push(...hopLines(topology, edge));
  else if (edge.kind === 'forward') {
    out.push(heading(`forward ${edge.label.replace(/^fwd /, '')}`));
    const service = nodeById(graph, edge.service)!;
    out.push(
      line(
        `  target of ${service.host} ${service.title}, dialled by ${from.host ?? 'outside'} ${from.title}`,
      ),
    );
    out.push(line(`  reaches ${to.host ?? 'outside the topology'} ${to.title} (${to.label})`));
    if (edge.problem) out.push(line(`  ${edge.problem}`, 'warning'));
  } else {
    const bind = model.binds.find((b) => edge.modelIds.includes(b.id));
    out.push(heading(edge.label));
    if (bind) {
      out.push(
        line(
          `  ${describeService(bind.service)} asks ${bind.server ? `${describeService(bind.server)} (${bind.server.handler}+${bind.server.listener})` : bind.host} to open ${bind.family} ${bind.ip}:${bind.port} on ${bind.host}`,
        ),
      );
      out.push(
        line(`  through node ${bind.node.hop.chain.name}/${bind.node.hop.name}/${bind.node.name}`, 'muted'),
      );
    }
  }
  if (edge.diagnostics.length > 0)
    out.push(heading('diagnostics'), ...diagnosticLines(graph, edge.diagnostics));
  else out.push(line('  no problems found', 'success'));
  return out;
}

function hostConfigLines(topology: LoadedTopology, host: string): StyledLine[] {
  const config = topology.hosts.get(host);
  if (!config) return [line('  runs no gost', 'muted')];
  const out: StyledLine[] = [heading('gost command line')];
  if (config.cli) out.push(line(`  ${config.cli}`));
  else out.push(line(`  none: ${config.cliUnavailable ?? 'unknown'}`, 'muted'));
  for (const c of config.configs) {
    out.push(heading(c.file));
    for (const l of c.yaml.replace(/\n$/, '').split('\n')) out.push(line(`  ${l}`));
  }
  return out;
}

function hostLines(topology: LoadedTopology, hostName: string): StyledLine[] {
  const { graph } = topology;
  const host = graph.hosts.find((h) => h.name === hostName);
  if (!host) return [];
  const plan = topology.plan.hosts.find((h) => h.name === hostName);
  const out: StyledLine[] = [heading(host.label)];
  if (plan && plan.names.length > 0) out.push(line(`  names: ${plan.names.join(', ')}`, 'muted'));
  for (const id of host.nodes) {
    const n = nodeById(graph, id)!;
    out.push(line(`  ${n.kind} ${n.title}: ${n.label}`));
  }
  const indices = [...host.diagnostics, ...host.nodes.flatMap((id) => nodeById(graph, id)!.diagnostics)];
  if (indices.length > 0) out.push(heading('diagnostics'), ...diagnosticLines(graph, indices));
  out.push(...hostConfigLines(topology, hostName));
  return out;
}

function nodeLines(topology: LoadedTopology, nodeId: string): StyledLine[] {
  const { graph, model } = topology;
  const node = nodeById(graph, nodeId);
  if (!node) return [];
  const out: StyledLine[] = [heading(`${node.kind} ${node.title} on ${node.host ?? 'outside the topology'}`)];
  const service = model.services.find((s) => s.id === node.modelId);
  if (service) {
    out.push(
      line(`  handler ${service.handler} · listener ${service.listener} · listens ${service.listen.raw}`),
    );
    for (const ref of [service.handlerChain, service.listenerChain]) {
      if (!ref) continue;
      const role = ref === service.listenerChain ? 'listener' : 'handler';
      out.push(line(`  ${role} chain ${ref.name}${ref.chain ? '' : ' (not defined)'}`));
      for (const hop of ref.chain?.hops ?? [])
        for (const n of hop.nodes)
          out.push(line(`    ${hop.name}: ${n.connector}+${n.dialer} ${n.dial.endpoint.raw}`, 'muted'));
    }
    for (const t of service.targets) out.push(line(`  forwards to ${t.dial.endpoint.raw}`));
  } else out.push(line(`  ${node.label}`));
  const incoming = graph.edges.filter((e) => e.to === nodeId);
  const outgoing = graph.edges.filter((e) => e.from === nodeId);
  for (const e of outgoing)
    out.push(
      line(
        `  → ${e.label} to ${nodeById(graph, e.to)!.title} on ${nodeById(graph, e.to)!.host ?? 'outside'}`,
        'muted',
      ),
    );
  for (const e of incoming)
    out.push(
      line(
        `  ← ${e.label} from ${nodeById(graph, e.from)!.title} on ${nodeById(graph, e.from)!.host ?? 'outside'}`,
        'muted',
      ),
    );
  if (node.diagnostics.length > 0)
    out.push(heading('diagnostics'), ...diagnosticLines(graph, node.diagnostics));
  if (node.host !== undefined && node.kind === 'service') out.push(...hostConfigLines(topology, node.host));
  return out;
}

function flowLines(
  snapshot: TopologySnapshot,
  topology: LoadedTopology,
  name: string,
  stepping?: Stepping,
): StyledLine[] {
  const spec = topology.flows.find((f) => f.name === name);
  if (!spec) return [];
  const out: StyledLine[] = [
    heading(`flow: ${spec.name}`),
    line(`  from ${spec.from}: connect ${spec.connect}`),
    line(`  expect: ${spec.expected}`),
  ];
  const sim = snapshot.simulation;
  const run = sim.state === 'done' ? sim.flows.find((f) => f.name === name) : undefined;
  if (sim.state === 'running') out.push(line('  simulating…', 'muted'));
  else if (sim.state === 'failed') out.push(line(`  the simulator failed: ${sim.message}`, 'error'));
  else if (!run) out.push(line('  press r to run the simulator', 'muted'));
  if (!run) return out;
  out.push([
    { text: '  result: ', token: 'text' },
    { text: `${run.ok ? '✔' : '✖'} ${run.disposition}`, token: run.ok ? 'success' : 'error' },
    { text: ` ${run.reason}`, token: 'text' },
  ]);
  out.push(line(`  path: ${run.steps.map((s) => s.host).join(' → ')}`));
  if (stepping && stepping.run.name === name) {
    const step = run.steps[stepping.step];
    if (step) {
      out.push(heading(`hop ${stepping.step + 1}/${run.steps.length}: ${step.host} (n next, p previous)`));
      for (const hop of step.trace)
        out.push(
          line(
            `  ${String(hop.t).padStart(6)}ms ${hop.component} ${hop.action}${hop.detail ? ` ${hop.detail}` : ''}`,
            hop.ok === false ? 'error' : 'text',
          ),
        );
    }
  } else out.push(line('  press n to step through it hop by hop', 'muted'));
  return out;
}

function diagnosticDetail(
  topology: LoadedTopology | undefined,
  item: DiagnosticItem,
  cwd: string,
): StyledLine[] {
  const d = item.diagnostic;
  const out: StyledLine[] = [
    [
      { text: `${severitySymbol[d.severity]} ${d.severity} `, token: d.severity },
      { text: `[${d.rule}]`, token: 'muted' },
    ],
    line(d.message),
    line(`at ${where(d, cwd)}`, 'muted'),
  ];
  if (d.help) out.push(line(`help: ${d.help}`, 'info'));
  for (const r of d.related)
    out.push(line(`note: ${r.message} (${where({ ...d, span: r.span }, cwd)})`, 'muted'));
  const placed = item.placed ? topology?.graph.diagnostics[item.index] : undefined;
  if (placed && topology) {
    const { graph } = topology;
    const places = [
      ...placed.edges.map((id) => {
        const e = graph.edges.find((x) => x.id === id)!;
        return `edge ${e.label}: ${nodeById(graph, e.from)!.host ?? 'outside'} → ${nodeById(graph, e.to)!.host ?? 'outside'}`;
      }),
      ...placed.nodes.map(
        (id) =>
          `${nodeById(graph, id)!.kind} ${nodeById(graph, id)!.title} on ${nodeById(graph, id)!.host ?? 'outside'}`,
      ),
      ...placed.hosts.map((h) => `host ${h}`),
      ...placed.networks.map((n) => `network ${n}`),
      ...placed.flows.map((f) => `flow ${f}`),
    ];
    out.push(heading('on the graph'));
    out.push(...(places.length > 0 ? places.map((p) => line(`  ${p}`)) : [line('  nothing drawn', 'muted')]));
  }
  return out;
}

export interface DetailsContext {
  snapshot: TopologySnapshot;
  selection: Selection | undefined;
  stepping: Stepping | undefined;
  diagnostics: readonly DiagnosticItem[];
  cwd: string;
}

export function detailsLines(context: DetailsContext): StyledLine[] {
  const { snapshot, selection, stepping, cwd } = context;
  const topology = snapshot.topology;
  if (selection?.kind === 'diagnostic') {
    const item = context.diagnostics.find((d) => d.index === selection.index);
    return item ? diagnosticDetail(topology, item, cwd) : [];
  }
  if (!topology)
    return [line(snapshot.state === 'loading' ? 'reading the topology…' : 'no topology to show', 'muted')];
  if (stepping && (selection?.kind !== 'flow' || selection.flow === stepping.run.name))
    return flowLines(snapshot, topology, stepping.run.name, stepping);
  switch (selection?.kind) {
    case 'host':
      return hostLines(topology, selection.host);
    case 'node':
      return nodeLines(topology, selection.node);
    case 'edge': {
      const edge = topology.graph.edges.find((e) => e.id === selection.edge);
      return edge ? edgeLines(topology, edge) : [];
    }
    case 'flow':
      return flowLines(snapshot, topology, selection.flow, stepping);
    default:
      return [
        heading(topology.name),
        line(
          `  ${count(topology.graph.hosts.length, 'host')}, ${count(topology.graph.edges.length, 'connection')}, ${count(topology.flows.length, 'flow')}`,
        ),
        line('  select a host, a service, an edge or a flow; ? shows the keys', 'muted'),
      ];
  }
}
