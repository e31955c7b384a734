/**
 * A running simulated deployment: the fabric, every host's apps and gost processes (started from
 * the emitted configs), and the faults that take hosts down, bring them back and cut links. A gost
 * process that fails to start (a port in use, a config gost rejects) is recorded, as the process
 * would exit, and its services simply are not there.
 */

import type { TopologyPlan } from '../compiler/lower/plan.js';
import { asGostError } from '../runtime/errors.js';
import { type GostInstance, startGost } from '../runtime/gost.js';
import type { TraceEvent } from '../runtime/types.js';
import { AppServer } from './apps.js';
import { Recorder } from './events.js';
import { Fabric } from './fabric.js';
import { type HostProcessConfig, hostConfigs } from './host-configs.js';
import { SimHostNetwork } from './host-network.js';
import type { SimRng } from './rng.js';
import type { Scheduler } from './scheduler.js';

export interface WorldOptions {
  plan: TopologyPlan;
  scheduler: Scheduler;
  rng: SimRng;
  /** Fabric tuning (benchmarks lift the loop guard). */
  loopLimit?: number;
  windowBytes?: number;
  /** Which gost line the runtime reproduces. */
  profile?: 'stable' | 'head';
}

interface HostRuntime {
  name: string;
  processes: HostProcessConfig[];
  apps: AppServer[];
  instances: GostInstance[];
  starts: number;
}

export class SimWorld {
  readonly recorder: Recorder;
  readonly fabric: Fabric;
  readonly scheduler: Scheduler;
  private readonly hosts = new Map<string, HostRuntime>();

  constructor(private readonly options: WorldOptions) {
    const { plan, scheduler } = options;
    this.scheduler = scheduler;
    this.recorder = new Recorder({
      now: () => scheduler.clock.now(),
      owner: () => scheduler.current,
      touch: () => scheduler.touch(),
    });
    this.fabric = new Fabric({
      networks: plan.networks,
      hosts: plan.hosts,
      clock: scheduler.clock,
      recorder: this.recorder,
      owner: () => scheduler.current,
      touch: () => scheduler.touch(),
      ...(options.loopLimit !== undefined ? { loopLimit: options.loopLimit } : {}),
      ...(options.windowBytes !== undefined ? { windowBytes: options.windowBytes } : {}),
    });
    const configs = hostConfigs(plan);
    for (const host of plan.hosts) {
      this.hosts.set(host.name, {
        name: host.name,
        processes: configs.get(host.name) ?? [],
        apps: host.apps.map(
          (app) =>
            new AppServer(
              app,
              this.network(host.name, `app:${app.name}`),
              this.recorder,
              () => scheduler.current,
            ),
        ),
        instances: [],
        starts: 0,
      });
    }
  }

  get plan(): TopologyPlan {
    return this.options.plan;
  }

  network(host: string, label: string): SimHostNetwork {
    return new SimHostNetwork(this.fabric, host, label);
  }

  apps(): AppServer[] {
    return [...this.hosts.values()].flatMap((h) => h.apps);
  }

  processes(host: string): HostProcessConfig[] {
    return this.hosts.get(host)?.processes ?? [];
  }

  /** Starts every host: apps first (they are what already runs there), then each gost process. */
  async startAll(): Promise<void> {
    for (const host of this.hosts.values()) await this.startHost(host);
  }

  private async startHost(host: HostRuntime): Promise<void> {
    for (const app of host.apps) await app.start().catch(() => undefined);
    const rng = this.options.rng.fork(`host:${host.name}#${host.starts++}`);
    for (const p of host.processes) {
      const trace = {
        emit: (event: TraceEvent) => this.recorder.record(event),
      };
      try {
        const instance = await startGost(p.config, {
          network: this.network(host.name, 'gost'),
          clock: this.scheduler.clock,
          rng: rng.fork(`process:${p.process}`),
          hostname: host.name,
          trace,
          profile: this.options.profile ?? 'stable',
        });
        host.instances.push(instance);
        this.recorder.record({
          type: 'instance.start',
          host: host.name,
          process: p.process,
          services: [...instance.services.keys()],
        });
      } catch (error) {
        const e = asGostError(error, 'config');
        this.recorder.record({
          type: 'instance.error',
          host: host.name,
          process: p.process,
          ...(e.service ? { service: e.service } : {}),
          kind: e.kind,
          message: e.message,
        });
      }
    }
  }

  private stopHost(host: HostRuntime): void {
    for (const i of host.instances.splice(0)) i.close();
    for (const app of host.apps) app.stop();
  }

  async down(name: string): Promise<void> {
    const host = this.hosts.get(name);
    if (!host) return;
    this.recorder.record({ type: 'fault', action: 'down', hosts: [name] });
    this.stopHost(host);
    this.fabric.setDown(name, true);
  }

  async up(name: string): Promise<void> {
    const host = this.hosts.get(name);
    if (!host || !this.fabric.isDown(name)) return;
    this.recorder.record({ type: 'fault', action: 'up', hosts: [name] });
    this.fabric.setDown(name, false);
    await this.startHost(host);
  }

  cut(a: string, b: string, cut: boolean): void {
    this.recorder.record({ type: 'fault', action: cut ? 'cut' : 'restore', hosts: [a, b] });
    this.fabric.setCut(a, b, cut);
  }

  close(): void {
    for (const host of this.hosts.values()) this.stopHost(host);
  }
}
