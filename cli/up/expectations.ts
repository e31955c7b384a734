/**
 * `topo up --run-expectations`: the topology's expectations driven over real sockets with the
 * simulator's own client (sim/flows.ts), and judged by the simulator's own rules
 * (sim/disposition.ts, `judge`) from the session's log.
 *
 * Time is real, so two things differ from `topo sim`:
 * - Expectations run one at a time, in the order of their `at:` (faults at their place in that
 *   order, before flows of the same instant); the time between them is not waited out. After a host
 *   comes back up, the run waits (up to the readiness timeout) until every rtcp/rudp port is bound
 *   again, which is what an `at:` after a restart is for.
 * - Each client gives up after a few seconds (the flow deadline, default 5 s) instead of 30
 *   simulated seconds: a stalled flow costs that long in real time.
 * Everything the deployment records while a flow runs belongs to that flow; between flows the run
 * waits until the deployment is quiet, so the tail of one flow does not land in the next.
 */

import { randomBytes } from 'node:crypto';
import type { ExpectationPlan, FaultPlan, TopologyPlan } from '../../compiler/lower/plan.js';
import { type Observed, observe } from '../../sim/disposition.js';
import type { Recorded } from '../../sim/events.js';
import { appKind, expectedOf, targetApp } from '../../sim/expectation.js';
import { type ClientReport, type FlowSpec, runFlow } from '../../sim/flows.js';
import { type FlowResult, judge } from '../../sim/index.js';
import { flowPath, toHops } from '../../sim/trace.js';
import type { SessionClock } from './clock.js';
import type { Deployment } from './deployment.js';
import type { FlowOwner, SessionRecorder } from './recorder.js';
import type { SessionStatus } from './status.js';
import type { UpWorld } from './world.js';

export const defaultFlowDeadlineMs = 5000;
/** The deployment counts as quiet after this long without an event. */
const quietMs = 60;
const quietLimitMs = 2000;

export interface ExpectationRunOptions {
  plan: TopologyPlan;
  world: UpWorld;
  deployment: Deployment;
  recorder: SessionRecorder;
  owner: FlowOwner;
  clock: SessionClock;
  status: SessionStatus;
  flowDeadlineMs: number;
  /** How long to wait for the rtcp/rudp ports to be bound again after a host comes back up. */
  rebindTimeoutMs: number;
  /** Aborted when the session is interrupted: the run stops between two steps. */
  signal?: AbortSignal;
}

interface RanFlow {
  owner: string;
  expectation: ExpectationPlan;
  startSeq: number;
  endSeq: number;
  report: ClientReport;
}

type Step = { atMs: number; fault: FaultPlan } | { atMs: number; flow: number };

export async function runExpectations(options: ExpectationRunOptions): Promise<FlowResult[]> {
  const { plan } = options;
  const steps: Step[] = [
    ...plan.faults.map((fault) => ({ atMs: fault.atMs, fault })),
    ...plan.expectations.map((e, flow) => ({ atMs: e.atMs, flow })),
  ];
  // Stable: faults before flows of the same instant, each in file order, as the simulator fires them.
  steps.sort((a, b) => a.atMs - b.atMs);
  const ran: RanFlow[] = [];
  for (const step of steps) {
    options.signal?.throwIfAborted();
    if ('fault' in step) await applyFault(options, step.fault);
    else ran.push(await runOne(options, step.flow));
  }
  options.owner.current = 'background';
  const entries = options.recorder.entries;
  return plan.expectations.map((expectation, index) => {
    const flow = ran.find((r) => r.owner === `flow:${index}`);
    if (!flow) throw new Error(`expectation ${expectation.name} did not run`);
    return finish(options, flow, entries);
  });
}

async function applyFault(options: ExpectationRunOptions, fault: FaultPlan): Promise<void> {
  const { deployment, recorder, status } = options;
  await recorder.quiet(quietMs, quietLimitMs);
  options.owner.current = 'fault';
  if ('hosts' in fault) deployment.cut(fault.hosts[0], fault.hosts[1], fault.kind === 'cut');
  else if (fault.kind === 'down') deployment.down(fault.host);
  else {
    await deployment.up(fault.host);
    await status.waitReady(options.rebindTimeoutMs, options.signal);
  }
  await recorder.quiet(quietMs, quietLimitMs);
  options.owner.current = 'background';
}

async function runOne(options: ExpectationRunOptions, index: number): Promise<RanFlow> {
  const { plan, world, recorder, clock } = options;
  const expectation = plan.expectations[index] as ExpectationPlan;
  await recorder.quiet(quietMs, quietLimitMs);
  const owner = `flow:${index}`;
  const spec: FlowSpec = {
    name: expectation.name,
    protocol: expectation.protocol,
    host: expectation.host,
    port: expectation.port,
    ...(expectation.proxy ? { proxy: expectation.proxy } : {}),
    payloadSize: expectation.payloadSize,
    payloadCount: expectation.payloadCount,
    app: appKind(targetApp(plan, world.fabric, expectation)),
    deadlineMs: options.flowDeadlineMs,
  };
  options.owner.current = owner;
  const startSeq = recorder.entries.length;
  const report = await runFlow(spec, {
    network: world.network(expectation.from, 'client'),
    clock: clock.keepingAlive(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    resolve: (name) => world.fabric.resolve(expectation.from, name),
    log: (action, detail, extra) =>
      recorder.record({
        type: 'client',
        host: expectation.from,
        action,
        ...(detail ? { detail } : {}),
        ...(extra?.bytes !== undefined ? { bytes: extra.bytes } : {}),
        ...(extra?.ok !== undefined ? { ok: extra.ok } : {}),
      }),
  });
  const endSeq = recorder.entries.length;
  options.owner.current = 'background';
  return { owner, expectation, startSeq, endSeq, report };
}

function finish(options: ExpectationRunOptions, flow: RanFlow, entries: readonly Recorded[]): FlowResult {
  const { expectation, report } = flow;
  const events = entries.filter(
    (e) => e.owner === flow.owner && e.seq >= flow.startSeq && e.seq < flow.endSeq,
  );
  const path = flowPath(expectation.from, events);
  const evidence: Recorded[] = [];
  const observed: Observed = observe({
    flowOwner: flow.owner,
    from: expectation.from,
    protocol: expectation.protocol,
    report,
    events,
    history: entries.slice(0, flow.endSeq),
    apps: options.deployment.apps(),
    fabric: options.world.fabric,
    processes: (host) => options.deployment.processes(host),
    path,
    evidence,
  });
  const explained = [...new Map([...evidence, ...events].map((e) => [e.seq, e])).values()].sort(
    (a, b) => a.seq - b.seq,
  );
  const expected = expectedOf(expectation);
  return {
    name: expectation.name,
    ok: judge(expected, observed),
    expected,
    observed,
    trace: toHops(explained),
  };
}
