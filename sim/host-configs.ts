/**
 * The one place the simulator obtains what gost runs on each host: the configs `topo emit` writes,
 * one per gost process (a `--` group or a native `config:`), in the order the host declares them,
 * as gost decodes them from the emitted YAML. The simulator never reads the topology's gost parts
 * any other way.
 */

import { emitHosts } from '../compiler/emit/hosts.js';
import type { GostConfig } from '../compiler/gost/config.js';
import type { TopologyPlan } from '../compiler/lower/plan.js';

export interface HostProcessConfig {
  host: string;
  /** Position among the host's processes. */
  process: number;
  config: GostConfig;
}

export function hostConfigs(plan: TopologyPlan): Map<string, HostProcessConfig[]> {
  const byHost = new Map<string, HostProcessConfig[]>();
  for (const host of plan.hosts) byHost.set(host.name, []);
  for (const emitted of emitHosts(plan)) {
    byHost.set(
      emitted.host,
      emitted.processes.map((p, i) => ({ host: emitted.host, process: i, config: p.config })),
    );
  }
  return byHost;
}
