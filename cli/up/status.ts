/**
 * Whether a `topo up` session is ready, and what went wrong on the way, read from the trace as it
 * happens. A session is ready when every gost process started (so every listener is bound) and
 * every rtcp/rudp service holds its port: with a listener chain, once its relay acknowledged the
 * bind (a `route` event of step `bind` that succeeded); without one, once it listens locally.
 * Problems become notices naming host and service: a process that did not start (a port in use), an
 * app that could not listen, a bind the relay refused (with the relay's own reason when its trace
 * has one), a relay that cannot be reached, a bind lost when its relay went away and regained when
 * it came back, a service whose accept loop ended.
 */

import type { SimEvent } from '../../sim/events.js';
import type { SessionClock } from './clock.js';
import type { SessionRecorder } from './recorder.js';
import type { ServiceInfo } from './services.js';
import type { UpWorld } from './world.js';

export type NoticeKind =
  | 'start-failed'
  | 'app-failed'
  | 'bind-refused'
  | 'relay-unreachable'
  | 'bind-lost'
  | 'bound-again'
  | 'crashed';

export interface Notice {
  level: 'error' | 'warn' | 'info';
  kind: NoticeKind;
  host: string;
  service?: string;
  app?: string;
  message: string;
}

type BindState = 'pending' | 'bound' | 'failed' | 'lost';

interface TrackedBind {
  info: ServiceInfo;
  state: BindState;
  failures: number;
  lastMessage?: string;
}

interface RelaySideRefusal {
  host: string;
  service: string;
  kind: string;
  message: string;
  at: number;
}

/** How long after a client-side bind failure the relay's own account of it may still arrive. */
const explanationWaitMs = 250;
const explanationWindowMs = 3000;

const relayHints: Record<string, string> = {
  'bind-disabled': "; the relay's service needs bind=true",
  'bind-unsupported': '; that server cannot bind ports for its clients',
  'address-in-use': '; the port is already taken on the relay',
  auth: '; the credentials do not match',
};

export interface StatusOptions {
  services: readonly ServiceInfo[];
  recorder: SessionRecorder;
  world: UpWorld;
  clock: SessionClock;
  notify(notice: Notice): void;
  /** Called once, the first time the session is ready. */
  onReady(): void;
}

export class SessionStatus {
  private readonly binds = new Map<string, TrackedBind>();
  private readonly refusals: RelaySideRefusal[] = [];
  private readonly failedProcesses: { host: string; process: number }[] = [];
  private startedAll = false;
  private announcedReady = false;
  private readonly unsubscribe: () => void;
  private readonly unlisten: () => void;

  constructor(private readonly options: StatusOptions) {
    for (const info of options.services) {
      if (info.reverse) this.binds.set(key(info.host, info.name), { info, state: 'pending', failures: 0 });
    }
    this.unsubscribe = options.recorder.subscribe((event, at) => this.observe(event, at));
    const onListen = (b: { host: string; network: 'tcp' | 'udp'; port: number; label: string }) => {
      for (const bind of this.binds.values()) {
        const { info } = bind;
        if (info.reverse?.relays.length || b.label !== 'gost' || info.host !== b.host) continue;
        if (info.network === b.network && (info.port === 0 || info.port === b.port)) this.setBound(bind);
      }
    };
    options.world.onListen.add(onListen);
    this.unlisten = () => options.world.onListen.delete(onListen);
  }

  /** Every host has been started (whatever the outcome). */
  started(): void {
    this.startedAll = true;
    this.checkReady();
  }

  get ready(): boolean {
    return (
      this.startedAll &&
      this.failedProcesses.length === 0 &&
      [...this.binds.values()].every((b) => b.state === 'bound')
    );
  }

  /** Every remote bind either holds or has failed at least once: waiting longer tells nothing new. */
  get settled(): boolean {
    return (
      this.startedAll &&
      [...this.binds.values()].every(
        (b) => b.state === 'bound' || b.failures > 0 || this.processFailed(b.info),
      )
    );
  }

  /** Binds and services not up, for a "running, not ready" report. */
  missing(): string[] {
    const out = this.failedProcesses.map((p) => `${p.host}: gost process ${p.process} did not start`);
    for (const b of this.binds.values()) {
      if (b.state !== 'bound' && !this.processFailed(b.info)) {
        out.push(`${b.info.host}/${b.info.name}: ${b.info.listener} ${b.info.addr} not bound`);
      }
    }
    return out;
  }

  /** Waits until settled, at most `timeoutMs`, or until `signal` aborts. */
  async waitSettled(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const until = this.options.clock.now() + timeoutMs;
    while (!this.settled && !signal?.aborted && this.options.clock.now() < until) {
      await this.options.clock.wait(25, signal);
    }
  }

  async waitReady(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const until = this.options.clock.now() + timeoutMs;
    while (!this.ready && !signal?.aborted && this.options.clock.now() < until) {
      await this.options.clock.wait(25, signal);
    }
    return this.ready;
  }

  close(): void {
    this.unsubscribe();
    this.unlisten();
  }

  private processFailed(info: ServiceInfo): boolean {
    return this.failedProcesses.some((p) => p.host === info.host && p.process === info.process);
  }

  private checkReady(): void {
    if (this.announcedReady || !this.ready) return;
    this.announcedReady = true;
    this.options.onReady();
  }

  private setBound(bind: TrackedBind): void {
    const before = bind.state;
    bind.state = 'bound';
    bind.lastMessage = undefined;
    if (before === 'lost' || before === 'failed') {
      const relay = bind.info.reverse?.relays.find((r) => r.host)?.host;
      this.options.notify({
        level: 'info',
        kind: 'bound-again',
        host: bind.info.host,
        service: bind.info.name,
        message: `${label(bind.info)}: bound ${bind.info.addr}${relay ? ` on ${relay}` : ''} again`,
      });
    }
    this.checkReady();
  }

  private fail(bind: TrackedBind, kind: NoticeKind, message: string, state: BindState = 'failed'): void {
    bind.failures++;
    if (bind.state === 'bound') state = 'lost';
    bind.state = state;
    if (bind.lastMessage === message) return;
    bind.lastMessage = message;
    this.options.notify({
      level: kind === 'bind-lost' ? 'warn' : 'error',
      kind,
      host: bind.info.host,
      service: bind.info.name,
      message,
    });
  }

  private observe(event: SimEvent, at: number): void {
    switch (event.type) {
      case 'instance.error': {
        this.failedProcesses.push({ host: event.host, process: event.process });
        const where = event.service ? `${event.host}/${event.service}` : event.host;
        this.options.notify({
          level: 'error',
          kind: 'start-failed',
          host: event.host,
          ...(event.service ? { service: event.service } : {}),
          message: `${where}: gost process ${event.process} on ${event.host} did not start: ${event.message}; the other hosts keep running`,
        });
        return;
      }
      case 'instance.start':
        this.forgetFailedProcess(event.host, event.process);
        return;
      case 'app.error':
        this.options.notify({
          level: 'error',
          kind: 'app-failed',
          host: event.host,
          app: event.app,
          message: `${event.host}/app ${event.app}: could not listen: ${event.message}`,
        });
        return;
      case 'error':
        if (event.service && relayHints[event.kind] !== undefined) {
          this.refusals.push({
            host: event.host,
            service: event.service,
            kind: event.kind,
            message: event.message,
            at,
          });
          this.trimRefusals(at);
        }
        return;
      case 'bind':
        if (!event.ok) {
          const kind = /in use/.test(event.error ?? '') ? 'address-in-use' : 'bind';
          this.refusals.push({
            host: event.host,
            service: event.service,
            kind,
            message: event.error ?? `listen ${event.network} ${event.addr} failed`,
            at,
          });
          this.trimRefusals(at);
        }
        return;
      case 'route':
        this.observeRoute(event, at);
        return;
      case 'service.error': {
        const bind = this.binds.get(key(event.host, event.service));
        if (event.retryInMs === undefined) {
          this.options.notify({
            level: 'error',
            kind: 'crashed',
            host: event.host,
            service: event.service,
            message: `${event.host}/${event.service}: the service stopped accepting connections: ${event.error}; the other services keep running`,
          });
          return;
        }
        if (bind?.state === 'bound') {
          const relay = bind.info.reverse?.relays.find((r) => r.host)?.host;
          this.fail(
            bind,
            'bind-lost',
            `${label(bind.info)}: lost its bind${relay ? ` on ${relay}` : ''} (${event.error}); retrying in ${event.retryInMs / 1000}s`,
            'lost',
          );
        }
        return;
      }
      default:
        return;
    }
  }

  private forgetFailedProcess(host: string, process: number): void {
    const i = this.failedProcesses.findIndex((p) => p.host === host && p.process === process);
    if (i >= 0) this.failedProcesses.splice(i, 1);
    this.checkReady();
  }

  private trimRefusals(now: number): void {
    while (this.refusals.length > 0 && now - (this.refusals[0]?.at ?? now) > explanationWindowMs)
      this.refusals.shift();
  }

  private observeRoute(event: Extract<SimEvent, { type: 'route' }>, at: number): void {
    const bind = event.service ? this.binds.get(key(event.host, event.service)) : undefined;
    if (!bind?.info.reverse?.relays.length) return;
    if (event.step === 'bind') {
      if (event.ok) {
        this.setBound(bind);
        return;
      }
      void this.options.clock.wait(explanationWaitMs).then(() => this.explainRefusal(bind, event, at));
      return;
    }
    if (event.ok) return;
    const node = bind.info.reverse.relays.find((r) => r.node === event.node);
    const relay = node?.host ? ` (${node.host})` : '';
    this.fail(
      bind,
      'relay-unreachable',
      `${label(bind.info)}: cannot reach the relay ${event.addr}${relay} to bind ${bind.info.addr}: ${event.error ?? 'failed'}; retrying`,
    );
  }

  private explainRefusal(bind: TrackedBind, event: Extract<SimEvent, { type: 'route' }>, at: number): void {
    const relays = bind.info.reverse?.relays ?? [];
    const node = relays.find((r) => r.node === event.node) ?? relays[0];
    const relayHosts = new Set(relays.map((r) => r.host).filter((h) => h !== undefined));
    const own = this.refusals.filter(
      (r) => relayHosts.has(r.host) && Math.abs(r.at - at) <= explanationWindowMs,
    );
    const refusal = own[own.length - 1];
    const relay = node?.host ? `${node.host} (${node.addr})` : (node?.addr ?? 'the relay');
    const message = refusal
      ? `${label(bind.info)}: the relay refused the bind: ${refusal.host}/${refusal.service} answered "${refusal.message}"${relayHints[refusal.kind] ?? ''}`
      : `${label(bind.info)}: the relay refused the bind: ${relay} answered "${event.error ?? 'failed'}"`;
    this.fail(bind, 'bind-refused', message);
  }
}

function key(host: string, service: string): string {
  return `${host}\u0000${service}`;
}

function label(info: ServiceInfo): string {
  return `${info.host}/${info.name} (${info.listener} ${info.addr})`;
}
