/**
 * The screen's own state (which pane has focus, what is selected, the filter, the flow being
 * stepped) and how each command changes it: a pure reducer over the lists the panes show, so every
 * key's effect can be tested without a terminal.
 */
import type { Key } from 'ink';
import { commandFor } from './keymap.js';
import type { FlowRun } from './snapshot.js';
import type { DiagnosticItem, ListItem, Selection } from './view-model.js';

export type PaneId = 'graph' | 'list' | 'details' | 'diagnostics';

export const paneOrder: readonly PaneId[] = ['graph', 'list', 'details', 'diagnostics'];

export interface UiState {
  focus: PaneId;
  selection?: Selection;
  listCursor: number;
  graphCursor: number;
  diagnosticCursor: number;
  detailsScroll: number;
  graphScroll: { x: number; y: number };
  filter: string;
  filtering: boolean;
  help: boolean;
  /** The flow being stepped through, and the index of its current hop. */
  stepping?: { flow: string; step: number };
  /** `r` was pressed: when the results come, start stepping. */
  runRequested: boolean;
  /** A one-line hint for the status bar after a key that could not do anything. */
  hint?: string;
  /** `q` was pressed. */
  quitRequested: boolean;
}

export const initialUiState: UiState = {
  focus: 'graph',
  listCursor: 0,
  graphCursor: -1,
  diagnosticCursor: 0,
  detailsScroll: 0,
  graphScroll: { x: 0, y: 0 },
  filter: '',
  filtering: false,
  help: false,
  runRequested: false,
  quitRequested: false,
};

export type UiAction =
  /** A key press, read against the state it arrives in (the filter takes printable keys). */
  | { type: 'key'; input: string; key: Key }
  | { type: 'focus'; delta: 1 | -1 }
  | { type: 'move'; delta: number }
  | { type: 'scroll'; dx: number }
  | { type: 'enter' }
  | { type: 'escape' }
  | { type: 'filter-start' }
  | { type: 'filter-type'; text: string }
  | { type: 'filter-delete' }
  | { type: 'filter-done' }
  | { type: 'help' }
  | { type: 'run' }
  | { type: 'step'; delta: 1 | -1 }
  /** The simulator finished: `flows` are its results. */
  | { type: 'simulated'; flows: readonly FlowRun[] }
  /** Scroll the graph so that `rect` is inside the `view`-sized window. */
  | {
      type: 'reveal';
      rect: { x: number; y: number; width: number; height: number };
      view: { width: number; height: number };
    };

/** The lists the reducer moves through, as the panes show them right now. */
export interface UiLists {
  list: readonly ListItem[];
  graph: readonly Selection[];
  diagnostics: readonly DiagnosticItem[];
  flows: readonly FlowRun[] | undefined;
  /** Names of the topology's expected flows, in order. */
  flowNames: readonly string[];
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

function entries(list: readonly ListItem[]) {
  return list.flatMap((item) => (item.kind === 'entry' ? [item] : []));
}

function startStepping(state: UiState, flows: readonly FlowRun[], flowNames: readonly string[]): UiState {
  const wanted = state.selection?.kind === 'flow' ? state.selection.flow : flowNames[0];
  const flow = flows.find((f) => f.name === wanted) ?? flows[0];
  const next = { ...state, runRequested: false };
  delete next.hint;
  if (!flow) return { ...next, hint: 'the topology has no flows to step through' };
  return { ...next, stepping: { flow: flow.name, step: 0 } };
}

export function reduce(state: UiState, action: UiAction, lists: UiLists): UiState {
  const next: UiState = { ...state };
  delete next.hint;
  switch (action.type) {
    case 'key': {
      const command = commandFor(action.input, action.key, state.filtering);
      if (!command) return state;
      if (command.type === 'quit') return { ...next, quitRequested: true };
      return reduce(state, command, lists);
    }
    case 'focus': {
      const i = paneOrder.indexOf(state.focus);
      return { ...next, focus: paneOrder[(i + action.delta + paneOrder.length) % paneOrder.length]! };
    }
    case 'move':
      return move(next, action.delta, lists);
    case 'scroll':
      if (state.focus === 'graph')
        return {
          ...next,
          graphScroll: { ...state.graphScroll, x: Math.max(0, state.graphScroll.x + action.dx * 8) },
        };
      return next;
    case 'enter': {
      if (state.focus === 'list') {
        const entry = entries(lists.list)[state.listCursor];
        if (entry?.selection.kind === 'flow') {
          if (lists.flows)
            return startStepping({ ...next, selection: entry.selection }, lists.flows, lists.flowNames);
          const requested: UiState = { ...next, selection: entry.selection, runRequested: true };
          delete requested.stepping;
          return requested;
        }
        return { ...next, focus: 'details', detailsScroll: 0 };
      }
      if (state.focus === 'graph' || state.focus === 'diagnostics')
        return { ...next, focus: 'details', detailsScroll: 0 };
      return next;
    }
    case 'escape':
      if (state.help) return { ...next, help: false };
      if (state.filtering || state.filter !== '') return { ...next, filtering: false, filter: '' };
      if (state.stepping) {
        const stopped = { ...next };
        delete stopped.stepping;
        return stopped;
      }
      return next;
    case 'filter-start':
      return { ...next, filtering: true, filter: '', listCursor: 0, diagnosticCursor: 0 };
    case 'filter-type':
      return { ...next, filter: state.filter + action.text, listCursor: 0, diagnosticCursor: 0 };
    case 'filter-delete':
      return { ...next, filter: state.filter.slice(0, -1) };
    case 'filter-done':
      return { ...next, filtering: false };
    case 'help':
      return { ...next, help: !state.help };
    case 'run': {
      const running = { ...next, runRequested: true };
      delete running.stepping;
      return running;
    }
    case 'simulated':
      return state.runRequested ? startStepping(next, action.flows, lists.flowNames) : next;
    case 'step': {
      if (!state.stepping) {
        if (!lists.flows) return { ...next, hint: 'press r to run the simulator first' };
        return startStepping(next, lists.flows, lists.flowNames);
      }
      const run = lists.flows?.find((f) => f.name === state.stepping!.flow);
      if (!run) return next;
      const step = clamp(state.stepping.step + action.delta, 0, run.steps.length - 1);
      return { ...next, stepping: { flow: run.name, step }, detailsScroll: 0 };
    }
    case 'reveal': {
      const { rect, view } = action;
      let { x, y } = state.graphScroll;
      if (rect.x < x) x = rect.x;
      else if (rect.x + rect.width > x + view.width) x = Math.min(rect.x, rect.x + rect.width - view.width);
      if (rect.y < y) y = rect.y;
      else if (rect.y + rect.height > y + view.height)
        y = Math.min(rect.y, rect.y + rect.height - view.height);
      if (x === state.graphScroll.x && y === state.graphScroll.y) return state;
      return { ...next, graphScroll: { x: Math.max(0, x), y: Math.max(0, y) } };
    }
  }
}

function move(state: UiState, delta: number, lists: UiLists): UiState {
  switch (state.focus) {
    case 'list': {
      const list = entries(lists.list);
      if (list.length === 0) return state;
      const cursor = clamp(state.listCursor + delta, 0, list.length - 1);
      return { ...state, listCursor: cursor, selection: list[cursor]!.selection, detailsScroll: 0 };
    }
    case 'graph': {
      if (lists.graph.length === 0) return state;
      const cursor = clamp(state.graphCursor + delta, 0, lists.graph.length - 1);
      return { ...state, graphCursor: cursor, selection: lists.graph[cursor]!, detailsScroll: 0 };
    }
    case 'diagnostics': {
      if (lists.diagnostics.length === 0) return state;
      const cursor = clamp(state.diagnosticCursor + delta, 0, lists.diagnostics.length - 1);
      return {
        ...state,
        diagnosticCursor: cursor,
        selection: { kind: 'diagnostic', index: lists.diagnostics[cursor]!.index },
        detailsScroll: 0,
      };
    }
    case 'details':
      return { ...state, detailsScroll: Math.max(0, state.detailsScroll + delta) };
  }
}
