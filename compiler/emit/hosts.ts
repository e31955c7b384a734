/**
 * What `topo emit` writes for each host: the gost config of every gost process the host runs, as
 * gost prints it, and the one `gost ...` command line that starts them all, or the reason there is
 * none. The simulator and `topo up` run exactly these configs.
 */
import { shellQuote } from '../cmd/shell-words.js';
import type { GostConfig } from '../gost/config.js';
import type { HostPlan, TopologyPlan } from '../lower/plan.js';
import { emitCommandLine } from './cmdline.js';
import type { DecodeProblem } from './go-decode.js';
import { decodeGoConfig } from './go-decode.js';
import { writeGostJson, writeGostYaml } from './gost-yaml.js';

export interface EmittedProcess {
  /** The config as gost reads it back from the emitted YAML. */
  config: GostConfig;
  yaml: string;
  json: string;
  /** Keys and values gost would ignore or reject while reading the config. */
  problems: DecodeProblem[];
  /** File name under the host's folder: `gost.yaml`, or `gost-N.yaml` when the host runs several processes. */
  file: string;
}

export interface EmittedHost {
  host: string;
  processes: EmittedProcess[];
  /** `gost ...` for the whole host (process groups joined with ` -- `), quoted for a POSIX shell. */
  cli?: string;
  argv?: string[];
  /** Why no command line reproduces the host's configs. */
  cliUnavailable?: string;
}

function emitProcess(config: GostConfig, file: string): EmittedProcess {
  const yaml = writeGostYaml(config);
  const json = writeGostJson(config);
  // The emitted config is what gost decodes from the YAML: run and compare that, not the input.
  const decoded = decodeGoConfig(config, 'yaml');
  return {
    config: decoded.config as GostConfig,
    yaml: yaml.text,
    json: json.text,
    problems: yaml.problems,
    file,
  };
}

export function emitHost(host: HostPlan): EmittedHost {
  const several = host.processes.length > 1;
  const processes = host.processes.map((p, i) =>
    emitProcess(p.config, several ? `gost-${i + 1}.yaml` : 'gost.yaml'),
  );
  const argv: string[] = [];
  for (const [i, p] of host.processes.entries()) {
    const line = emitCommandLine(p.config);
    if (!line.ok) {
      const which = several
        ? `process ${i + 1} (${p.origin === 'cli' ? 'from gost:' : 'from config:'})`
        : 'the config';
      return { host: host.name, processes, cliUnavailable: `${which}: ${line.reason}` };
    }
    if (argv.length > 0) argv.push('--');
    argv.push(...line.argv);
  }
  if (argv.length === 0) return { host: host.name, processes };
  const line = ['gost', ...argv].map(shellQuote).join(' ');
  return { host: host.name, processes, argv, cli: line };
}

/** Every host that runs gost, in topology order. */
export function emitHosts(plan: TopologyPlan): EmittedHost[] {
  return plan.hosts.filter((h) => h.processes.length > 0).map(emitHost);
}
