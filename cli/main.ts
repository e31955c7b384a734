#!/usr/bin/env node
/**
 * The `topo` executable: binds the CLI to this process (streams, environment, signals, exit
 * status). Imports stay minimal so `topo --help` starts as fast as node itself.
 */
import type { Output } from './command.js';
import { internalErrorReport, runCli } from './run-cli.js';

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof signalExitCodes;
/** How long a command may take to wind down after the abort signal before the process just ends. */
const shutdownGraceMs = 2000;

const controller = new AbortController();
let receivedSignal: HandledSignal | undefined;

function onSignal(signal: HandledSignal): void {
  // A second signal means the command is not stopping on its own: leave now.
  if (receivedSignal) process.exit(signalExitCodes[signal]);
  receivedSignal = signal;
  controller.abort(new Error(`interrupted by ${signal}`));
  // A command blocked on input it does not abandon (a pipe that never closes) must not keep an
  // interrupted process alive; unref() lets a command that does stop exit without waiting.
  setTimeout(() => process.exit(signalExitCodes[signal]), shutdownGraceMs).unref();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// A reader that goes away early (`topo check ... | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

function output(stream: NodeJS.WriteStream): Output {
  return { write: (chunk) => void stream.write(chunk), isTTY: stream.isTTY === true };
}

// Errors that escape a command's promise (a stray callback) are still topo bugs: one line, exit 3.
function crash(error: unknown): never {
  process.stderr.write(internalErrorReport(error, process.env.TOPO_DEBUG === '1'));
  process.exit(3);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

const code = await runCli(process.argv.slice(2), {
  stdout: output(process.stdout),
  stderr: output(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).catch(crash);

process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
// Setting exitCode instead of calling exit() lets piped output drain completely.
process.exitCode = receivedSignal ? signalExitCodes[receivedSignal] : code;
