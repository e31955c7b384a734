/** The live TUI: the topology hook's snapshot and the terminal's size, handed to the pure screen. */
import { useApp } from 'ink';
import type { Env } from '../../../compiler/index.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTopology } from '../hooks/use-topology.js';
import type { Theme } from '../theme.js';
import { App } from './App.js';

export interface TopologyScreenProps {
  file: string;
  cwd: string;
  env: Env;
  watch: boolean;
  seed: number;
  theme: Theme;
  /** Fixed size instead of the terminal's (tests). */
  size?: { columns: number; rows: number };
  debounceMs?: number;
}

export function TopologyScreen({
  file,
  cwd,
  env,
  watch,
  seed,
  theme,
  size,
  debounceMs,
}: TopologyScreenProps) {
  const { snapshot, run } = useTopology({
    file,
    cwd,
    env,
    watch,
    seed,
    ...(debounceMs !== undefined ? { debounceMs } : {}),
  });
  const terminal = useTerminalSize();
  const { exit } = useApp();
  const { columns, rows } = size ?? terminal;
  return (
    <App
      snapshot={snapshot}
      columns={columns}
      // One row short of the screen: an output as tall as the terminal makes Ink clear it on every frame.
      rows={rows - 1}
      theme={theme}
      cwd={cwd}
      interactive
      onRun={run}
      onQuit={() => exit()}
    />
  );
}
