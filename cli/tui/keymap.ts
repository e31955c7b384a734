/**
 * Keys to commands, as data: the help overlay is generated from the same table the screen reads
 * keys with, so the two cannot disagree.
 */
import type { Key } from 'ink';
import type { UiAction } from './state.js';

export type KeyCommand = Exclude<UiAction, { type: 'key' }> | { type: 'quit' };

export interface KeyBinding {
  keys: string;
  does: string;
}

export const keyBindings: readonly KeyBinding[] = [
  { keys: '↑ ↓  k j', does: 'move in the focused pane (scroll the details)' },
  { keys: '← →  h l', does: 'scroll the graph sideways' },
  { keys: 'PgUp PgDn', does: 'move ten at a time' },
  { keys: 'tab  shift+tab', does: 'next / previous pane' },
  { keys: 'enter', does: 'show details; on a flow: step through it' },
  { keys: '/', does: 'filter hosts, services, flows and diagnostics' },
  { keys: 'r', does: 'run the simulator on the expected flows' },
  { keys: 'n  p', does: 'next / previous hop of the flow' },
  { keys: 'esc', does: 'close help, clear the filter, stop stepping' },
  { keys: '?', does: 'this help' },
  { keys: 'q', does: 'quit' },
];

/** The command for a key press; `filtering` sends printable keys to the filter. */
export function commandFor(input: string, key: Key, filtering: boolean): KeyCommand | undefined {
  if (filtering) {
    if (key.escape) return { type: 'escape' };
    if (key.return) return { type: 'filter-done' };
    if (key.backspace || key.delete) return { type: 'filter-delete' };
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return undefined;
    return input !== '' ? { type: 'filter-type', text: input } : undefined;
  }
  if (key.tab) return { type: 'focus', delta: key.shift ? -1 : 1 };
  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'move', delta: -10 };
  if (key.pageDown) return { type: 'move', delta: 10 };
  if (key.leftArrow) return { type: 'scroll', dx: -1 };
  if (key.rightArrow) return { type: 'scroll', dx: 1 };
  if (key.return) return { type: 'enter' };
  if (key.escape) return { type: 'escape' };
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'k':
      return { type: 'move', delta: -1 };
    case 'j':
      return { type: 'move', delta: 1 };
    case 'h':
      return { type: 'scroll', dx: -1 };
    case 'l':
      return { type: 'scroll', dx: 1 };
    case '/':
      return { type: 'filter-start' };
    case 'r':
      return { type: 'run' };
    case 'n':
      return { type: 'step', delta: 1 };
    case 'p':
      return { type: 'step', delta: -1 };
    case '?':
      return { type: 'help' };
    case 'q':
      return { type: 'quit' };
    default:
      return undefined;
  }
}
