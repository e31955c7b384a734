/**
 * The simulator: runs every host's emitted gost configs against each other in a deterministic
 * in-memory network, drives the topology's expectations as client flows at their times, applies its
 * faults, and reports for each flow what was expected, what was observed and the hop-by-hop trace.
 *
 *   simulate(plan, { seed }) -> { seed, flows: [{ name, ok, expected, observed, trace }], ... }
 *
 * Time is virtual (sim/clock.ts, driven by sim/scheduler.ts), randomness comes from one seed
 * (sim/rng.ts), and the network is sim/fabric.ts; the same plan and seed give the same result, byte
 * for byte. Without expectations every listening service is probed with a TCP connect instead.
 */

import type { ExpectationPlan, TopologyPlan } from '../compiler/lower/plan.js';
import { joinHostPort } from '../runtime/addr.js';
import { asGostError } from '../runtime/errors.js';
import type { Recorded } from './events.js';
import { type Observed, observe } from './disposition.js';
import { type ClientReport, defaultFlowDeadlineMs, type FlowSpec, runFlow } from './flows.js';
import { appKind, type Expected, expectedOf, targetApp } from './expectation.js';
import { SimRng } from './rng.js';
import { Scheduler } from './scheduler.js';
import { flowPath, type TraceHop, toHops } from './trace.js';
import { SimWorld } from './world.js';

export interface SimulateOptions {
  seed: number;
  /** Include each flow's hop-by-hop trace (default true). */
  trace?: boolean;
  /** The client's deadline for each flow (default 30 s of virtual time). */
  flowDeadlineMs?: number;
  profile?: 'stable' | 'head';
}

export interface FlowResult {
  name: string;
  ok: boolean;
  expected: Expected;
  observed: Observed;
  trace: TraceHop[];
}

export interface StartError {
  host: string;
  process?: number;
  service?: string;
  app?: string;
  kind: string;
  message: string;
}

export interface SimResult {
  seed: number;
  flows: FlowResult[];
  /** gost processes and apps that could not start. */
  startErrors: StartError[];
  /** Virtual time when the run ended. */
  endedAtMs: number;
}

interface PendingFlow {
  name: string;
  owner: string;
  from: string;
  protocol: 'tcp' | 'udp';
  expected: Expected;
  expectation?: ExpectationPlan;
  /** A probe of a listening service (no expectations): accepting the connection is the answer. */
  probe?: boolean;
  startSeq: number;
  endSeq: number;
  report?: ClientReport;
}

export async function simulate(plan: TopologyPlan, options: SimulateOptions): Promise<SimResult> {
  const scheduler = new Scheduler();
  const rng = new SimRng(options.seed >>> 0);
  const world = new SimWorld({
    plan,
    scheduler,
    rng,
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const deadlineMs = options.flowDeadlineMs ?? defaultFlowDeadlineMs;
  try {
    await scheduler.runNow('setup', () => world.startAll());

    plan.faults.forEach((fault, i) => {
      scheduler.at(fault.atMs, `fault:${i}`, () => {
        if ('hosts' in fault) return world.cut(fault.hosts[0], fault.hosts[1], fault.kind === 'cut');
        return fault.kind === 'down' ? world.down(fault.host) : world.up(fault.host);
      });
    });
    const lastFaultMs = Math.max(0, ...plan.faults.map((f) => f.atMs));
    let faultsDone = plan.faults.length === 0;
    scheduler.at(lastFaultMs, 'faults-done', () => {
      faultsDone = true;
    });

    const flows =
      plan.expectations.length > 0
        ? plan.expectations.map((exp, i) => scheduleExpectation(world, exp, i, rng, deadlineMs))
        : scheduleProbes(world);
    await scheduler.run(() => faultsDone && flows.every((f) => f.report));

    world.close();
    await scheduler.settle();

    const entries = world.recorder.entries;
    const results = flows.map((flow) => finishFlow(world, flow, entries, options.trace ?? true));
    return {
      seed: options.seed,
      flows: results,
      startErrors: startErrors(entries),
      endedAtMs: scheduler.clock.now(),
    };
  } finally {
    world.close();
  }
}

function startErrors(entries: readonly Recorded[]): StartError[] {
  const out: StartError[] = [];
  for (const { event: e } of entries) {
    if (e.type === 'instance.error') {
      out.push({
        host: e.host,
        process: e.process,
        ...(e.service ? { service: e.service } : {}),
        kind: e.kind,
        message: e.message,
      });
    } else if (e.type === 'app.error') {
      out.push({ host: e.host, app: e.app, kind: e.kind, message: e.message });
    }
  }
  return out;
}

function scheduleExpectation(
  world: SimWorld,
  exp: ExpectationPlan,
  index: number,
  rng: SimRng,
  deadlineMs: number,
): PendingFlow {
  const flow: PendingFlow = {
    name: exp.name,
    owner: `flow:${index}`,
    from: exp.from,
    protocol: exp.protocol,
    expected: expectedOf(exp),
    expectation: exp,
    startSeq: 0,
    endSeq: 0,
  };
  const spec: FlowSpec = {
    name: exp.name,
    protocol: exp.protocol,
    host: exp.host,
    port: exp.port,
    ...(exp.proxy ? { proxy: exp.proxy } : {}),
    payloadSize: exp.payloadSize,
    payloadCount: exp.payloadCount,
    app: appKind(targetApp(world.plan, world.fabric, exp)),
    deadlineMs,
  };
  const flowRng = rng.fork(`flow:${index}:${exp.name}`);
  world.scheduler.at(exp.atMs, flow.owner, async () => {
    flow.startSeq = world.recorder.entries.length;
    flow.report = await runFlow(spec, {
      network: world.network(exp.from, 'client'),
      clock: world.scheduler.clock,
      randomBytes: (n) => flowRng.bytes(n),
      fillRandom: (into) => flowRng.fill(into),
      resolve: (name) => world.fabric.resolve(exp.from, name),
      log: (action, detail, extra) =>
        world.recorder.record({
          type: 'client',
          host: exp.from,
          action,
          ...(detail ? { detail } : {}),
          ...(extra?.bytes !== undefined ? { bytes: extra.bytes } : {}),
          ...(extra?.ok !== undefined ? { ok: extra.ok } : {}),
        }),
    });
    flow.endSeq = world.recorder.entries.length;
  });
  return flow;
}

/**
 * Without expectations: a TCP connect to every stream service that listens after start-up, and to
 * every TCP port a remote bind opened, from the host it listens on.
 */
function scheduleProbes(world: SimWorld): PendingFlow[] {
  const probes: PendingFlow[] = [];
  for (const { event: e } of world.recorder.entries) {
    const listening =
      e.type === 'service.listen' && e.listener !== 'udp' && e.listener !== 'rudp' && e.listener !== 'rtcp';
    const bound = e.type === 'bind' && e.ok && e.network === 'tcp';
    if (!(listening || bound)) continue;
    const port = e.addr.slice(e.addr.lastIndexOf(':') + 1);
    const host = e.addr.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    const dialHost = host === '' || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host;
    const index = probes.length;
    const flow: PendingFlow = {
      name: `probe ${e.host}/${e.service}${bound ? ' bind' : ''} ${e.addr}`,
      owner: `probe:${index}`,
      probe: true,
      from: e.host,
      protocol: 'tcp',
      expected: { arrives: `${e.host}/${e.service}` },
      startSeq: 0,
      endSeq: 0,
    };
    const address = joinHostPort(dialHost, port);
    world.scheduler.at(0, flow.owner, async () => {
      flow.startSeq = world.recorder.entries.length;
      const network = world.network(e.host, 'client');
      const report: ClientReport = {
        stage: 'connect',
        result: 'ok',
        sentBytes: 0,
        receivedBytes: 0,
        payloadBytes: 0,
        payloadHash: 0,
        datagramSize: 0,
        shortReplies: 0,
        startedAt: world.scheduler.clock.now(),
        endedAt: 0,
      };
      try {
        const conn = await network.dial('tcp', address);
        world.recorder.record({
          type: 'client',
          host: e.host,
          action: 'connect',
          detail: `tcp ${address}`,
          ok: true,
        });
        conn.close();
        report.stage = 'done';
        report.answeredBy = `${e.host}/${e.service}`;
      } catch (error) {
        const ge = asGostError(error);
        report.result = 'failed';
        report.error = { kind: ge.kind, message: ge.message };
      }
      report.endedAt = world.scheduler.clock.now();
      flow.report = report;
      flow.endSeq = world.recorder.entries.length;
    });
    probes.push(flow);
  }
  return probes;
}

function finishFlow(
  world: SimWorld,
  flow: PendingFlow,
  entries: readonly Recorded[],
  withTrace: boolean,
): FlowResult {
  const events = entries.filter(
    (e) => e.owner === flow.owner && e.seq >= flow.startSeq && e.seq < flow.endSeq,
  );
  const history = entries.slice(0, flow.endSeq);
  const path = flowPath(flow.from, events);
  const report = flow.report as ClientReport;
  const evidence: Recorded[] = [];
  const accepted = flow.probe && report.result === 'ok';
  const observed: Observed = accepted
    ? {
        disposition: 'DELIVERED',
        arrivedAt: report.answeredBy ?? '',
        path,
        reason: 'the connection was accepted',
      }
    : observe({
        flowOwner: flow.owner,
        from: flow.from,
        protocol: flow.protocol,
        report,
        events,
        history,
        apps: world.apps(),
        fabric: world.fabric,
        processes: (host) => world.processes(host),
        path,
        evidence,
      });
  const explained = [...new Map([...evidence, ...events].map((e) => [e.seq, e])).values()].sort(
    (a, b) => a.seq - b.seq,
  );
  return {
    name: flow.name,
    ok: judge(flow.expected, observed),
    expected: flow.expected,
    observed,
    trace: withTrace ? toHops(explained) : [],
  };
}

/** Whether `observed` is what `expected` asks for. */
export function judge(expected: Expected, observed: Observed): boolean {
  if (expected.arrives !== undefined) {
    if (observed.disposition !== 'DELIVERED' || observed.arrivedAt !== expected.arrives) return false;
    let at = 0;
    for (const host of expected.via ?? []) {
      const i = observed.path.indexOf(host, at);
      if (i < 0) return false;
      at = i + 1;
    }
    return true;
  }
  const fails = expected.fails ?? '';
  if (/^(relay|socks4|socks5)_status_\d+$|^http_\d{3}$/.test(fails)) return observed.status === fails;
  return observed.disposition === fails.toUpperCase();
}

export type { Observed, Disposition } from './disposition.js';
export type { TraceHop } from './trace.js';

export type { Expected } from './expectation.js';
