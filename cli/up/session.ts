/**
 * One `topo up` run, start to end: place the hosts on loopback addresses and choose the port offset,
 * print the host and entry-point tables, start every host's apps and gost processes over the
 * real-socket world, report readiness and problems as they happen and log the trace; then either
 * drive the expectations and stop, or run until SIGINT/SIGTERM. Stopping closes every listener and
 * connection and prints what each service did.
 */

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { TopologyPlan } from '../../compiler/lower/plan.js';
import { portOf } from '../../runtime/addr.js';
import type { SimEvent } from '../../sim/events.js';
import { type CommandContext, ExitCode } from '../command.js';
import { assignAddresses, automaticOffset, type ExternalAddress, offsetProblem } from './addresses.js';
import { SessionClock } from './clock.js';
import { SessionCounts } from './counts.js';
import { Deployment } from './deployment.js';
import { buildEntryPoints } from './entry-points.js';
import { runExpectations } from './expectations.js';
import type { LogFormat, LogLevel } from './log.js';
import { SessionOutput } from './output.js';
import { type FlowOwner, SessionRecorder } from './recorder.js';
import { bindHostOf, describeServices, type ServiceInfo, udpListener } from './services.js';
import { SessionStatus } from './status.js';
import { UpWorld } from './world.js';

export interface UpSettings {
  file: string;
  /** Run only these hosts (default: all). */
  hosts?: string[];
  /** Shift every port by this much; undefined = as written, or automatic when low ports cannot be bound. */
  portOffset?: number;
  firstAddress: string;
  externals: ExternalAddress[];
  apps: boolean;
  format: 'pretty' | 'json';
  logFormat: LogFormat;
  logLevel: LogLevel;
  runExpectations: boolean;
  flowDeadlineMs: number;
  readyTimeoutMs: number;
}

/** Thrown for a setting this plan cannot run with (printed as a usage error). */
export class SettingError extends Error {}

function unprivilegedPortStart(): number {
  try {
    const value = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim());
    return Number.isInteger(value) ? value : 1024;
  } catch {
    return 1024;
  }
}

/** Whether this process may bind `port` on `ip` (root or CAP_NET_BIND_SERVICE for low ports). */
function mayBind(ip: string, port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolveProbe(error.code !== 'EACCES'));
    server.listen({ host: ip, port, exclusive: true }, () => server.close(() => resolveProbe(true)));
  });
}

function listenPorts(
  plan: TopologyPlan,
  services: readonly ServiceInfo[],
  running: ReadonlySet<string>,
  apps: boolean,
) {
  const ports = services.map((s) => s.port).filter((p) => p > 0);
  if (apps) {
    for (const host of plan.hosts) if (running.has(host.name)) for (const a of host.apps) ports.push(a.port);
  }
  return ports;
}

/** `${NAME}` for a secret that an environment variable named in the topology holds. */
function secretReferences(plan: TopologyPlan, env: Readonly<Record<string, string | undefined>>) {
  const names = [...plan.source.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
  return (value: string): string | undefined => {
    if (!plan.secrets.has(value)) return undefined;
    const name = names.find((n) => env[n] === value);
    return name ? `\${${name}}` : undefined;
  };
}

/** The parts of a session, wired together; nothing is started yet. */
export interface SessionStack {
  clock: SessionClock;
  owner: FlowOwner;
  recorder: SessionRecorder;
  world: UpWorld;
  deployment: Deployment;
  services: ServiceInfo[];
}

export interface StackOptions {
  addresses: ReadonlyMap<string, string>;
  externals: readonly ExternalAddress[];
  /** The hosts to run. */
  running: ReadonlySet<string>;
  apps: boolean;
  /** Keep every event (expectations need the history). */
  keepLog: boolean;
  /** Where relative file names in configs are read from. */
  baseDir: string;
}

export function buildStack(plan: TopologyPlan, options: StackOptions): SessionStack {
  const clock = new SessionClock();
  const owner: FlowOwner = { current: 'setup' };
  const recorder = new SessionRecorder(clock, () => owner.current, options.keepLog);
  const world = new UpWorld({
    plan,
    addresses: options.addresses,
    portOffset: 0,
    externals: options.externals,
    clock,
    recorder,
    owner,
  });
  const runningHosts = plan.hosts.map((h) => h.name).filter((h) => options.running.has(h));
  const deployment = new Deployment({
    plan,
    world,
    recorder,
    clock,
    owner,
    hosts: runningHosts,
    apps: options.apps,
    baseDir: options.baseDir,
  });
  const services = describeServices(world.fabric, runningHosts, (h) => deployment.processes(h));
  return { clock, owner, recorder, world, deployment, services };
}

/** The offset to run with: the one asked for, or 0, or one that lifts ports this process may not bind. */
async function choosePortOffset(
  settings: UpSettings,
  ports: readonly number[],
): Promise<{ offset: number; reason?: string }> {
  if (settings.portOffset !== undefined) {
    const problem = offsetProblem(ports, settings.portOffset);
    if (problem) throw new SettingError(`--port-offset ${settings.portOffset} does not fit: ${problem}`);
    return { offset: settings.portOffset };
  }
  const privilegedBelow = unprivilegedPortStart();
  const low = Math.min(...ports.filter((p) => p > 0));
  const canBind =
    !Number.isFinite(low) || low >= privilegedBelow || (await mayBind(settings.firstAddress, low));
  const auto = automaticOffset(ports, privilegedBelow, canBind);
  if ('problem' in auto) throw new SettingError(auto.problem);
  return auto;
}

export async function runUp(plan: TopologyPlan, settings: UpSettings, ctx: CommandContext): Promise<number> {
  const output = new SessionOutput(ctx, { ...settings, secrets: plan.secrets });
  const running = new Set(settings.hosts ?? plan.hosts.map((h) => h.name));
  let addresses: Map<string, string>;
  try {
    addresses = assignAddresses(
      plan.hosts.map((h) => h.name),
      settings.firstAddress,
    );
  } catch (error) {
    throw new SettingError((error as Error).message);
  }

  const { clock, owner, recorder, world, deployment, services } = buildStack(plan, {
    addresses,
    externals: settings.externals,
    running,
    apps: settings.apps,
    keepLog: settings.runExpectations,
    baseDir: dirname(resolve(ctx.cwd, settings.file)),
  });
  const offset = await choosePortOffset(settings, listenPorts(plan, services, running, settings.apps));
  world.applyPortOffset(offset.offset);

  output.start({
    file: settings.file,
    portOffset: offset.offset,
    ...(offset.reason ? { offsetReason: offset.reason } : {}),
    ...buildEntryPoints({
      plan,
      fabric: world.fabric,
      services,
      running,
      apps: settings.apps,
      realAddress: (h) => world.realAddress(h),
      realPort: (p) => world.realPort(p),
      secretRef: secretReferences(plan, ctx.env),
    }),
  });

  const stopLogging = recorder.subscribe((event) => output.log(event, realEndpointOf(world, event)));
  const listening = services.filter((s) => !s.reverse).length;
  const remoteBinds = services.filter((s) => s.reverse && bindHostOf(s) !== s.host).length;
  const status = new SessionStatus({
    services,
    recorder,
    world,
    clock,
    notify: (notice) => output.notice(notice),
    onReady: () => output.ready(clock.now(), listening, remoteBinds, !settings.runExpectations),
  });
  const counts = new SessionCounts(
    recorder,
    services.map((s) => ({ host: s.host, service: s.name })),
  );
  let processesStarted = 0;
  const stopCountingStarts = recorder.subscribe((event) => {
    if (event.type === 'instance.start') processesStarted++;
  });

  const stop = (why: string): void => {
    deployment.close();
    world.close();
    status.close();
    stopCountingStarts();
    const left = world.openSockets();
    const tally = counts.snapshot();
    counts.close();
    stopLogging();
    output.stopped(why, clock.now(), tally, {
      listeners: left.bindings.length,
      connections: left.connections,
    });
  };

  try {
    await deployment.startAll();
    owner.current = 'background';
    status.started();
    const meant = plan.hosts.some(
      (h) => running.has(h.name) && (h.processes.length > 0 || (settings.apps && h.apps.length > 0)),
    );
    if (meant && processesStarted === 0 && world.registry.all().length === 0) {
      output.failed('nothing could start (see the problems above)');
      stop('nothing started');
      return ExitCode.findings;
    }

    if (settings.runExpectations) {
      await status.waitSettled(settings.readyTimeoutMs, ctx.signal);
      ctx.signal.throwIfAborted();
      if (!status.ready) output.notReady(status.missing());
      output.progress(`running ${plan.expectations.length} expectations...`);
      const flows = await runExpectations({
        plan,
        world,
        deployment,
        recorder,
        owner,
        clock,
        status,
        flowDeadlineMs: settings.flowDeadlineMs,
        rebindTimeoutMs: settings.readyTimeoutMs,
        signal: ctx.signal,
      });
      output.expectations(flows);
      stop('expectations done');
      return flows.every((f) => f.ok) ? ExitCode.ok : ExitCode.findings;
    }

    void status.waitSettled(settings.readyTimeoutMs, ctx.signal).then(() => {
      if (!status.ready && !ctx.signal.aborted) output.notReady(status.missing());
    });
    await new Promise<void>((resolveStop) => {
      if (ctx.signal.aborted) resolveStop();
      else ctx.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    stop('interrupted');
    return ExitCode.ok;
  } finally {
    // An error or an interrupt in the middle must not leave sockets behind.
    deployment.close();
    world.close();
  }
}

/** Where what a `service.listen` or `bind` event opened can be reached from this machine. */
function realEndpointOf(world: UpWorld, event: SimEvent): string | undefined {
  if (event.type === 'service.listen') {
    return world.realEndpoint(event.host, udpListener(event.listener) ? 'udp' : 'tcp', portOf(event.addr));
  }
  if (event.type === 'bind' && event.ok)
    return world.realEndpoint(event.host, event.network === 'udp' ? 'udp' : 'tcp', portOf(event.addr));
  return undefined;
}
