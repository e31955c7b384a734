/**
 * Starting the TUI. On a terminal it takes over the screen (the alternate screen, so the shell's
 * screen comes back as it was), reads keys and redraws until `q`; whatever ends it, the terminal
 * is left with the main screen back and the cursor shown. Elsewhere (a pipe, a CI log) it prints
 * one frame and returns.
 */
import { render, renderToString } from 'ink';
import type { Env } from '../../compiler/index.js';
import type { Output } from '../command.js';
import { ExitCode } from '../command.js';
import { App } from './components/App.js';
import { TopologyScreen } from './components/TopologyScreen.js';
import { loadSnapshot } from './snapshot.js';
import { createTheme } from './theme.js';

export interface TuiOptions {
  file: string;
  cwd: string;
  env: Env;
  watch: boolean;
  seed: number;
  color: boolean;
  signal: AbortSignal;
}

const enterAlternateScreen = '\x1b[?1049h\x1b[H\x1b[2J';
const leaveAlternateScreen = '\x1b[?25h\x1b[?1049l';

/** One frame of the TUI for the file, as text `columns` wide. */
export async function staticFrame(
  options: Omit<TuiOptions, 'watch' | 'signal'>,
  size: { columns: number; rows: number },
): Promise<{ frame: string; unreadable?: string }> {
  const snapshot = await loadSnapshot(options.file, options.cwd, options.env);
  const frame = renderToString(
    <App
      snapshot={snapshot}
      columns={size.columns}
      rows={size.rows}
      theme={createTheme(options.color)}
      cwd={options.cwd}
      interactive={false}
      onRun={() => {}}
      onQuit={() => {}}
    />,
    { columns: size.columns },
  );
  return {
    frame,
    ...(snapshot.state === 'unreadable' ? { unreadable: snapshot.problem ?? 'unreadable' } : {}),
  };
}

export async function printStaticFrame(
  options: Omit<TuiOptions, 'watch' | 'signal'>,
  size: { columns: number; rows: number },
  stdout: Output,
  stderr: Output,
): Promise<number> {
  const { frame, unreadable } = await staticFrame(options, size);
  if (unreadable !== undefined) {
    stderr.write(`topo tui: ${options.file}: ${unreadable}\n`);
    return ExitCode.usage;
  }
  stdout.write(`${frame}\n`);
  return ExitCode.ok;
}

export async function runInteractive(options: TuiOptions): Promise<number> {
  const stdout = process.stdout;
  stdout.write(enterAlternateScreen);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(leaveAlternateScreen);
  };
  // Even an exit that skips the finally below (process.exit from a second Ctrl-C) gives the screen back.
  process.once('exit', restore);
  const instance = render(
    <TopologyScreen
      file={options.file}
      cwd={options.cwd}
      env={options.env}
      watch={options.watch}
      seed={options.seed}
      theme={createTheme(options.color)}
    />,
    { stdout, stdin: process.stdin, exitOnCtrlC: true, patchConsole: true },
  );
  const onAbort = () => instance.unmount();
  options.signal.addEventListener('abort', onAbort);
  try {
    await instance.waitUntilExit();
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    restore();
    process.off('exit', restore);
  }
  return ExitCode.ok;
}
