/**
 * The hosts of a `topo up` session at work: on each one, its apps (unless `--no-apps`) and then every
 * gost process it runs, started from the configs `topo emit` writes (sim/host-configs.ts, the path
 * the simulator takes too), over the session's real-socket world. As in the simulator, a gost
 * process that cannot start (a port in use, a config gost rejects) is recorded and simply is not
 * there; the other processes and hosts keep running.
 */

import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { TopologyPlan } from '../../compiler/lower/plan.js';
import { asGostError } from '../../runtime/errors.js';
import { type GostInstance, startGost } from '../../runtime/gost.js';
import { CryptoRng } from '../../runtime/net-node/clock.js';
import type { TraceEvent } from '../../runtime/types.js';
import { AppServer } from '../../sim/apps.js';
import { type HostProcessConfig, hostConfigs } from '../../sim/host-configs.js';
import type { SessionClock } from './clock.js';
import type { FlowOwner, SessionRecorder } from './recorder.js';
import type { UpWorld } from './world.js';

export interface DeploymentOptions {
  plan: TopologyPlan;
  world: UpWorld;
  recorder: SessionRecorder;
  clock: SessionClock;
  owner: FlowOwner;
  /** The hosts to run (default: every host). */
  hosts?: readonly string[];
  apps: boolean;
  /** Where relative certificate and key paths in configs are read from (the topology's folder). */
  baseDir: string;
}

interface HostRuntime {
  name: string;
  processes: HostProcessConfig[];
  apps: AppServer[];
  instances: GostInstance[];
}

export class Deployment {
  private readonly hosts = new Map<string, HostRuntime>();
  private readonly rng = new CryptoRng();
  /** What every host of the topology runs, whether this deployment runs it or not. */
  private readonly configs: Map<string, HostProcessConfig[]>;

  constructor(private readonly options: DeploymentOptions) {
    const { plan, world, recorder, owner } = options;
    const configs = hostConfigs(plan);
    this.configs = configs;
    const running = new Set(options.hosts ?? plan.hosts.map((h) => h.name));
    for (const host of plan.hosts) {
      if (!running.has(host.name)) continue;
      this.hosts.set(host.name, {
        name: host.name,
        processes: configs.get(host.name) ?? [],
        apps: options.apps
          ? host.apps.map(
              (app) =>
                new AppServer(
                  app,
                  world.network(host.name, `app:${app.name}`),
                  recorder,
                  () => owner.current,
                ),
            )
          : [],
        instances: [],
      });
    }
  }

  /** Names of the hosts this deployment runs, in topology order. */
  get hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  apps(): AppServer[] {
    return [...this.hosts.values()].flatMap((h) => h.apps);
  }

  processes(host: string): HostProcessConfig[] {
    return this.configs.get(host) ?? [];
  }

  /** Whether the host runs in this deployment (`--host` picks some). */
  runs(host: string): boolean {
    return this.hosts.has(host);
  }

  /** Starts every host: apps first (they are what already runs there), then each gost process. */
  async startAll(): Promise<void> {
    for (const host of this.hosts.values()) await this.startHost(host);
  }

  private readFile = (path: string): string | undefined => {
    try {
      return readFileSync(isAbsolute(path) ? path : resolve(this.options.baseDir, path), 'utf8');
    } catch {
      return undefined;
    }
  };

  private async startHost(host: HostRuntime): Promise<void> {
    const { recorder, world, clock } = this.options;
    for (const app of host.apps) await app.start().catch(() => undefined);
    for (const p of host.processes) {
      try {
        const instance = await startGost(p.config, {
          network: world.network(host.name, 'gost'),
          clock,
          rng: this.rng,
          hostname: host.name,
          trace: { emit: (event: TraceEvent) => recorder.record(event) },
          profile: 'stable',
          readFile: this.readFile,
        });
        host.instances.push(instance);
        recorder.record({
          type: 'instance.start',
          host: host.name,
          process: p.process,
          services: [...instance.services.keys()],
        });
      } catch (error) {
        const e = asGostError(error, 'config');
        recorder.record({
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
    for (const instance of host.instances.splice(0)) instance.close();
    for (const app of host.apps) app.stop();
  }

  /** A host goes down: its processes and apps stop, its connections are reset. */
  down(name: string): void {
    const host = this.hosts.get(name);
    this.options.recorder.record({ type: 'fault', action: 'down', hosts: [name] });
    if (host) this.stopHost(host);
    this.options.world.setDown(name, true);
  }

  /** A host comes back: its apps and gost processes start again. */
  async up(name: string): Promise<void> {
    if (!this.options.world.isDown(name)) return;
    this.options.recorder.record({ type: 'fault', action: 'up', hosts: [name] });
    this.options.world.setDown(name, false);
    const host = this.hosts.get(name);
    if (host) await this.startHost(host);
  }

  cut(a: string, b: string, cut: boolean): void {
    this.options.recorder.record({ type: 'fault', action: cut ? 'cut' : 'restore', hosts: [a, b] });
    this.options.world.setCut(a, b, cut);
  }

  /** Stops every process and app; the world closes what they leave open. */
  close(): void {
    for (const host of this.hosts.values()) this.stopHost(host);
  }
}
