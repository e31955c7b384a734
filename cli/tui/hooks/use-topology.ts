/**
 * The TUI's one subscription: reads and compiles the topology file, re-reads it when it changes
 * (with --watch; debounced, since editors write a file in several steps), keeps the last version
 * that compiled while the file is broken, and runs the simulator on request. Everything it knows
 * comes out as one immutable snapshot; components never do I/O.
 */
import { watch as watchFs, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Env } from '../../../compiler/index.js';
import { readInput } from '../../read-input.js';
import { compileForTui, flowRuns, type TopologySnapshot } from '../snapshot.js';

export interface UseTopologyOptions {
  file: string;
  cwd: string;
  env: Env;
  watch: boolean;
  seed: number;
  /** Quiet time after the last change before the file is read again. */
  debounceMs?: number;
}

export interface TopologyHandle {
  snapshot: TopologySnapshot;
  /** Runs the simulator on the current topology (ignored while a run is going). */
  run(): void;
}

const defaultDebounceMs = 60;

export function useTopology(options: UseTopologyOptions): TopologyHandle {
  const { file, cwd, env, watch, seed } = options;
  const debounceMs = options.debounceMs ?? defaultDebounceMs;
  const [snapshot, setSnapshot] = useState<TopologySnapshot>({
    file,
    state: 'loading',
    diagnostics: [],
    simulation: { state: 'idle' },
    watching: watch,
  });
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const revision = useRef(0);
  const reads = useRef(0);
  const mounted = useRef(true);

  const load = useCallback(async () => {
    const read = ++reads.current;
    const input = await readInput(file, cwd);
    // A newer read started while this one waited for the disk: it wins.
    if (!mounted.current || read !== reads.current) return;
    if (input.kind === 'unreadable') {
      setSnapshot((s) => ({ ...s, state: 'unreadable', problem: input.problem }));
      return;
    }
    const outcome = compileForTui(file, input.text, env, revision.current + 1);
    setSnapshot((s) => {
      const base = { ...s, diagnostics: outcome.diagnostics };
      delete base.problem;
      if (input.kind === 'not-text') base.problem = input.problem;
      if (!outcome.ok) return { ...base, state: 'broken' };
      revision.current = outcome.topology.revision;
      // Results of a run belong to the topology they ran: a new version starts without any.
      return { ...base, state: 'ready', topology: outcome.topology, simulation: { state: 'idle' } };
    });
  }, [file, cwd, env]);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  useEffect(() => {
    if (!watch) return;
    const path = resolve(cwd, file);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watcher: FSWatcher | undefined;
    // The folder is watched, not the file: editors that save by renaming a new file over the old
    // one would leave a watcher on the file looking at a file that no longer exists.
    try {
      watcher = watchFs(dirname(path), (_event, name) => {
        if (name !== null && name.toString() !== basename(path)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void load(), debounceMs);
      });
    } catch (error) {
      setSnapshot((s) => ({
        ...s,
        watching: false,
        problem: `cannot watch ${file}: ${(error as Error).message}`,
      }));
    }
    return () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    };
  }, [watch, cwd, file, load, debounceMs]);

  const run = useCallback(() => {
    const topology = latest.current.topology;
    if (!topology || latest.current.simulation.state === 'running') return;
    setSnapshot((s) => ({ ...s, simulation: { state: 'running', seed } }));
    void (async () => {
      try {
        const { simulate } = await import('../../../sim/index.js');
        const result = await simulate(topology.plan, { seed });
        if (!mounted.current) return;
        setSnapshot((s) =>
          s.topology?.revision === topology.revision
            ? {
                ...s,
                simulation: {
                  state: 'done',
                  seed,
                  revision: topology.revision,
                  flows: flowRuns(result, topology.plan),
                },
              }
            : s,
        );
      } catch (error) {
        if (!mounted.current) return;
        setSnapshot((s) => ({
          ...s,
          simulation: {
            state: 'failed',
            seed,
            message: error instanceof Error ? error.message : String(error),
          },
        }));
      }
    })();
  }, [seed]);

  return { snapshot, run };
}
