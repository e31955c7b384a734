/**
 * What the TUI shows, as immutable data: the last topology that compiled (its flow graph, each
 * host's emitted gost config and command line, its expected flows), the diagnostics of the latest
 * read of the file, and the simulator's last run. use-topology.ts produces these; components only
 * read them.
 */
import type { Diagnostic, Env } from '../../compiler/index.js';
import { compileTopology } from '../../compiler/index.js';
import { emitHosts } from '../../compiler/emit/hosts.js';
import type { ExpectationPlan, TopologyPlan } from '../../compiler/lower/plan.js';
import type { Model } from '../../compiler/model/types.js';
import type { FlowResult, SimResult } from '../../sim/index.js';
import type { TraceHop } from '../../sim/trace.js';
import { flowGraphOf } from '../graph/compiled-graph.js';
import type { FlowGraph } from '../graph/types.js';
import { readInput } from '../read-input.js';
import { maskText } from '../secrets.js';

export interface HostConfigView {
  host: string;
  /** Each gost process's YAML, secrets masked. */
  configs: { file: string; yaml: string }[];
  cli?: string;
  cliUnavailable?: string;
}

export interface FlowSpec {
  name: string;
  from: string;
  /** `tcp relay.example.com:8080`, with the proxy when there is one. */
  connect: string;
  /** `arrives intranet/http via relay, office-gw` or `fails refused`. */
  expected: string;
}

export interface LoadedTopology {
  file: string;
  name: string;
  /** Bumps every time a new version of the file compiles. */
  revision: number;
  graph: FlowGraph;
  model: Model;
  plan: TopologyPlan;
  hosts: ReadonlyMap<string, HostConfigView>;
  flows: FlowSpec[];
}

export interface FlowStep {
  host: string;
  /** The trace entries of the flow on this host, in order. */
  trace: TraceHop[];
  /** Services and apps (by name) the flow went through on this host. */
  services: string[];
}

export interface FlowRun {
  name: string;
  ok: boolean;
  disposition: string;
  reason: string;
  /** One step per host the flow's bytes passed, the client first. */
  steps: FlowStep[];
}

export type SimulationView =
  | { state: 'idle' }
  | { state: 'running'; seed: number }
  | { state: 'done'; seed: number; revision: number; flows: FlowRun[] }
  | { state: 'failed'; seed: number; message: string };

export type LoadState =
  /** Not read yet. */
  | 'loading'
  /** The latest read compiled; `topology` is it. */
  | 'ready'
  /** The latest read did not compile into a model; `topology` is the last one that did. */
  | 'broken'
  /** The file could not be read. */
  | 'unreadable';

export interface TopologySnapshot {
  file: string;
  state: LoadState;
  topology?: LoadedTopology;
  /** Diagnostics of the latest read (the same as the topology's when ready). */
  diagnostics: Diagnostic[];
  /** Why the file could not be read. */
  problem?: string;
  simulation: SimulationView;
  watching: boolean;
}

function describeConnect(e: ExpectationPlan): string {
  const target = `${e.protocol} ${e.host}:${e.port}`;
  return e.proxy ? `${target} through ${e.proxy.scheme}://${e.proxy.host}:${e.proxy.port}` : target;
}

function describeExpected(e: ExpectationPlan): string {
  if (e.arrives) {
    const via = e.via.length > 0 ? ` via ${e.via.join(', ')}` : '';
    return `arrives ${e.arrives.host}/${e.arrives.app}${via}`;
  }
  return `fails ${e.fails ?? ''}`.trim();
}

export type CompileOutcome =
  | { ok: true; topology: LoadedTopology; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Compiles the text of the file into what the TUI shows. */
export function compileForTui(file: string, text: string, env: Env, revision: number): CompileOutcome {
  const result = compileTopology(file, text, env);
  if (!result.plan || !result.model) return { ok: false, diagnostics: result.diagnostics };
  const { plan, model } = result;
  const graph = flowGraphOf({ ...result, model }, env);
  const hosts = new Map<string, HostConfigView>();
  for (const h of emitHosts(plan)) {
    hosts.set(h.host, {
      host: h.host,
      configs: h.processes.map((p) => ({ file: p.file, yaml: maskText(p.yaml, plan.secrets) })),
      ...(h.cli !== undefined ? { cli: maskText(h.cli, plan.secrets) } : {}),
      ...(h.cliUnavailable !== undefined ? { cliUnavailable: h.cliUnavailable } : {}),
    });
  }
  return {
    ok: true,
    diagnostics: result.diagnostics,
    topology: {
      file,
      name: plan.name,
      revision,
      graph,
      model,
      plan,
      hosts,
      flows: plan.expectations.map((e) => ({
        name: e.name,
        from: e.from,
        connect: describeConnect(e),
        expected: describeExpected(e),
      })),
    },
  };
}

/** Splits a flow's trace into one step per host of its path, in the path's order. */
export function flowSteps(flow: FlowResult, from: string): FlowStep[] {
  const path = flow.observed.path.length > 0 ? flow.observed.path : [from];
  return path.map((host) => {
    const trace = flow.trace.filter((hop) => hop.host === host);
    const services: string[] = [];
    for (const hop of trace)
      if (hop.service !== undefined && !services.includes(hop.service)) services.push(hop.service);
    return { host, trace, services };
  });
}

export function flowRuns(result: SimResult, plan: TopologyPlan): FlowRun[] {
  return result.flows.map((flow) => {
    const from = plan.expectations.find((e) => e.name === flow.name)?.from ?? flow.observed.path[0] ?? '';
    return {
      name: flow.name,
      ok: flow.ok,
      disposition: flow.observed.disposition,
      reason: maskText(flow.observed.reason, plan.secrets),
      steps: flowSteps(flow, from),
    };
  });
}

/** Reads and compiles the file once: what `topo tui` prints when it cannot be interactive. */
export async function loadSnapshot(file: string, cwd: string, env: Env): Promise<TopologySnapshot> {
  const input = await readInput(file, cwd);
  if (input.kind === 'unreadable')
    return {
      file,
      state: 'unreadable',
      diagnostics: [],
      problem: input.problem,
      simulation: { state: 'idle' },
      watching: false,
    };
  const outcome = compileForTui(file, input.text, env, 1);
  return {
    file,
    state: outcome.ok ? 'ready' : 'broken',
    ...(outcome.ok ? { topology: outcome.topology } : {}),
    diagnostics: outcome.diagnostics,
    ...(input.kind === 'not-text' ? { problem: input.problem } : {}),
    simulation: { state: 'idle' },
    watching: false,
  };
}
