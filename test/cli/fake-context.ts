/** A command context that records what a command writes, for in-process CLI tests. */
import type { CommandContext, Output } from '../../cli/command.js';

export interface RecordingOutput extends Output {
  readonly text: string;
}

export function recordingOutput(isTTY = false): RecordingOutput {
  let text = '';
  return {
    isTTY,
    write(chunk: string) {
      text += chunk;
    },
    get text() {
      return text;
    },
  };
}

export interface FakeContext extends CommandContext {
  stdout: RecordingOutput;
  stderr: RecordingOutput;
}

export function fakeContext(
  argv: string[],
  overrides: Partial<Omit<CommandContext, 'argv'>> = {},
): FakeContext {
  return {
    argv,
    stdout: recordingOutput(),
    stderr: recordingOutput(),
    env: {},
    cwd: process.cwd(),
    color: false,
    signal: new AbortController().signal,
    ...overrides,
  } as FakeContext;
}
