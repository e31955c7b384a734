/**
 * The shape every `topo` subcommand has. Commands are listed explicitly in commands/index.ts and
 * loaded lazily, so `topo check` never pays for the simulator or the TUI.
 */

export interface Output {
  write(chunk: string): void;
  /** True when this stream is an interactive terminal. */
  readonly isTTY: boolean;
}

export interface CommandContext {
  /** Arguments after the subcommand name. */
  argv: string[];
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether colour may be used on stdout (NO_COLOR, TERM=dumb and non-TTY turn it off). */
  color: boolean;
  /** Aborted on SIGINT/SIGTERM, for long-running commands. */
  signal: AbortSignal;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

export interface Command {
  name: string;
  /** One line for `topo --help`. */
  summary: string;
  /** The full text printed by `topo <name> --help`. */
  help: string;
  run(ctx: CommandContext): Promise<number>;
}

/** A usage error: printed as `topo <cmd>: <message>` plus a hint to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
