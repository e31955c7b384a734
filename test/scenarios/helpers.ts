/**
 * Scenario tests read like stories: a topology text, a simulation with a seed, then what happened
 * to each flow. Failure messages carry the seed so a run can be repeated exactly.
 */

import { compileTopology } from '../../compiler/index.js';
import type { TopologyPlan } from '../../compiler/lower/plan.js';
import { type FlowResult, type SimResult, simulate } from '../../sim/index.js';
import { formatTrace } from '../../sim/report.js';

/**
 * Compiles a topology. It must have no errors unless `broken` says the story is about one (the
 * simulator then shows what gost would do with it, as `topo sim --force` does).
 */
export function planOf(text: string, broken = false): TopologyPlan {
  const result = compileTopology('scenario.yaml', text, {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if ((errors.length > 0 && !broken) || !result.plan) {
    throw new Error(
      `the scenario topology has errors:\n${errors.map((d) => `  [${d.rule}] ${d.message}`).join('\n')}`,
    );
  }
  return result.plan;
}

export async function simulateText(text: string, seed = 1, broken = false): Promise<SimResult> {
  return simulate(planOf(text, broken), { seed });
}

export function flowNamed(result: SimResult, name: string): FlowResult {
  const flow = result.flows.find((f) => f.name === name);
  if (!flow) throw new Error(`no flow '${name}' (flows: ${result.flows.map((f) => f.name).join(', ')})`);
  return flow;
}

/** Context for an assertion message: the flow's outcome, its trace and how to reproduce it. */
export function explain(flow: FlowResult, seed: number): string {
  return `flow '${flow.name}': ${flow.observed.disposition} ${flow.observed.status ?? ''} ${flow.observed.reason}\n${formatTrace(flow.trace)}reproduce with SIM_SEED=${seed}`;
}
