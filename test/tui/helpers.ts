/** Shared pieces of the TUI tests: compiled snapshots of repository files and bounded frame waits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileForTui, flowRuns, type TopologySnapshot } from '../../cli/tui/snapshot.js';
import { simulate } from '../../sim/index.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** The snapshot `topo tui` shows for a repository file, before anything is run. */
export function snapshotOf(relativePath: string): TopologySnapshot {
  const text = readFileSync(join(repoRoot, relativePath), 'utf8');
  const outcome = compileForTui(relativePath, text, {}, 1);
  return {
    file: relativePath,
    state: outcome.ok ? 'ready' : 'broken',
    ...(outcome.ok ? { topology: outcome.topology } : {}),
    diagnostics: outcome.diagnostics,
    simulation: { state: 'idle' },
    watching: false,
  };
}

/** The same snapshot after the simulator ran its flows. */
export async function simulatedSnapshotOf(relativePath: string, seed = 1): Promise<TopologySnapshot> {
  const snapshot = snapshotOf(relativePath);
  const topology = snapshot.topology!;
  const result = await simulate(topology.plan, { seed });
  return {
    ...snapshot,
    simulation: { state: 'done', seed, revision: topology.revision, flows: flowRuns(result, topology.plan) },
  };
}

/**
 * Polls `read` until `accept` holds, for at most `limitMs`; returns the last value read. Waiting
 * is bounded so a frame that never comes fails the test instead of hanging it.
 */
export async function waitFor<T>(read: () => T, accept: (value: T) => boolean, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = read();
  }
  return value;
}

/** The title of the box drawn with a heavy border (the current hop), if any. */
export function heavyBox(frame: string): string | undefined {
  return /┏━ (\S+) /.exec(frame)?.[1];
}
