import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { commandFor } from '../../cli/tui/keymap.js';
import type { FlowRun } from '../../cli/tui/snapshot.js';
import { initialUiState, reduce, type UiLists, type UiState } from '../../cli/tui/state.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

const run: FlowRun = {
  name: 'a flow',
  ok: true,
  disposition: 'DELIVERED',
  reason: '',
  steps: [
    { host: 'laptop', trace: [], services: [] },
    { host: 'relay', trace: [], services: ['service-0'] },
    { host: 'db', trace: [], services: ['ssh'] },
  ],
};

const lists: UiLists = {
  list: [
    { kind: 'heading', text: 'hosts' },
    { kind: 'entry', text: 'relay', depth: 0, selection: { kind: 'host', host: 'relay' } },
    { kind: 'heading', text: 'flows' },
    { kind: 'entry', text: 'a flow', depth: 0, selection: { kind: 'flow', flow: 'a flow' } },
  ],
  graph: [
    { kind: 'host', host: 'relay' },
    { kind: 'edge', edge: 'e0' },
  ],
  diagnostics: [],
  flows: [run],
  flowNames: ['a flow'],
};

function press(state: UiState, input: string, key: Partial<Key> = {}, using: UiLists = lists): UiState {
  return reduce(state, { type: 'key', input, key: { ...noKey, ...key } }, using);
}

describe('the screen state', () => {
  it('cycles the focus with tab and shift+tab', () => {
    let s = press(initialUiState, '', { tab: true });
    expect(s.focus).toBe('list');
    s = press(s, '', { tab: true, shift: true });
    s = press(s, '', { tab: true, shift: true });
    expect(s.focus).toBe('diagnostics');
  });

  it('moves through the graph items and selects them', () => {
    let s = press(initialUiState, 'j');
    expect(s.selection).toEqual({ kind: 'host', host: 'relay' });
    s = press(press(s, 'j'), 'j');
    expect(s.selection).toEqual({ kind: 'edge', edge: 'e0' });
    s = press(s, '', { upArrow: true });
    expect(s.selection).toEqual({ kind: 'host', host: 'relay' });
  });

  it('steps a flow within its hops, and asks for a run first when there are no results', () => {
    const none = press(initialUiState, 'n', {}, { ...lists, flows: undefined });
    expect(none.stepping).toBeUndefined();
    expect(none.hint).toMatch(/press r/);
    let s = press(initialUiState, 'n');
    expect(s.stepping).toEqual({ flow: 'a flow', step: 0 });
    for (let i = 0; i < 5; i++) s = press(s, 'n');
    expect(s.stepping?.step).toBe(2);
    s = press(press(press(s, 'p'), 'p'), 'p');
    expect(s.stepping?.step).toBe(0);
    s = press(s, '', { escape: true });
    expect(s.stepping).toBeUndefined();
  });

  it('starts stepping when the results of a requested run arrive, not otherwise', () => {
    const requested = press(initialUiState, 'r');
    expect(requested.runRequested).toBe(true);
    const stepping = reduce(requested, { type: 'simulated', flows: [run] }, lists);
    expect(stepping.stepping).toEqual({ flow: 'a flow', step: 0 });
    expect(stepping.runRequested).toBe(false);
    expect(reduce(initialUiState, { type: 'simulated', flows: [run] }, lists).stepping).toBeUndefined();
  });

  it('sends printable keys to the filter while filtering, q included', () => {
    let s = press(initialUiState, '/');
    expect(s.filtering).toBe(true);
    for (const c of 'rq') s = press(s, c);
    expect(s.filter).toBe('rq');
    expect(s.quitRequested).toBe(false);
    s = press(s, '', { backspace: true });
    expect(s.filter).toBe('r');
    s = press(s, '', { return: true });
    expect(s).toMatchObject({ filtering: false, filter: 'r' });
    s = press(s, '', { escape: true });
    expect(s.filter).toBe('');
    expect(press(s, 'q').quitRequested).toBe(true);
  });

  it('scrolls the graph to reveal a rectangle, and no further', () => {
    const view = { width: 40, height: 10 };
    let s = reduce(
      initialUiState,
      { type: 'reveal', rect: { x: 60, y: 2, width: 10, height: 4 }, view },
      lists,
    );
    expect(s.graphScroll).toEqual({ x: 30, y: 0 });
    s = reduce(s, { type: 'reveal', rect: { x: 35, y: 12, width: 5, height: 3 }, view }, lists);
    expect(s.graphScroll).toEqual({ x: 30, y: 5 });
    s = reduce(s, { type: 'reveal', rect: { x: 0, y: 0, width: 5, height: 3 }, view }, lists);
    expect(s.graphScroll).toEqual({ x: 0, y: 0 });
  });
});

describe('the key table', () => {
  it('maps the documented keys', () => {
    expect(commandFor('q', noKey, false)).toEqual({ type: 'quit' });
    expect(commandFor('?', noKey, false)).toEqual({ type: 'help' });
    expect(commandFor('', { ...noKey, downArrow: true }, false)).toEqual({ type: 'move', delta: 1 });
    expect(commandFor('l', noKey, false)).toEqual({ type: 'scroll', dx: 1 });
    expect(commandFor('x', noKey, false)).toBeUndefined();
  });
});
