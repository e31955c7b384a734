/**
 * The TUI's one screen: the flow graph on top, the side list, the details and the diagnostics
 * below, a header and a status bar. It receives the topology snapshot and the terminal size as
 * props, keeps only its own UI state (state.ts), and reads keys in one place.
 */
import { Box, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { drawFlowGraph, type Rect } from '../../graph/terminal/draw.js';
import { detailsLines } from '../details.js';
import { graphHighlight, type Stepping } from '../highlight.js';
import { screenLayout } from '../layout.js';
import type { TopologySnapshot } from '../snapshot.js';
import { initialUiState, reduce, type UiAction, type UiLists, type UiState } from '../state.js';
import { headerLine, statusLine } from '../status-lines.js';
import { fitLine, line } from '../styled-text.js';
import type { Theme } from '../theme.js';
import { diagnosticItems, graphItems, listItems, sameSelection } from '../view-model.js';
import { DetailsPane } from './DetailsPane.js';
import { DiagnosticsPane } from './DiagnosticsPane.js';
import { GraphPane } from './GraphPane.js';
import { HelpOverlay } from './HelpOverlay.js';
import { ListPane } from './ListPane.js';
import { StyledText } from './StyledText.js';

export interface AppProps {
  snapshot: TopologySnapshot;
  columns: number;
  rows: number;
  theme: Theme;
  /** Directory file names in the details are shown relative to. */
  cwd: string;
  /** Whether keys are read (false for a one-off frame). */
  interactive: boolean;
  onRun(): void;
  onQuit(): void;
  /** The UI state to start from (tests and static frames). */
  initial?: Partial<UiState>;
}

export function App({ snapshot, columns, rows, theme, cwd, interactive, onRun, onQuit, initial }: AppProps) {
  const topology = snapshot.topology;
  const lists = useRef<UiLists>({ list: [], graph: [], diagnostics: [], flows: undefined, flowNames: [] });
  const [ui, dispatch] = useReducer(
    (state: UiState, action: UiAction) => reduce(state, action, lists.current),
    { ...initialUiState, ...initial },
  );

  const list = useMemo(() => listItems(snapshot, ui.filter), [snapshot, ui.filter]);
  const diagnostics = useMemo(() => diagnosticItems(snapshot, ui.filter), [snapshot, ui.filter]);
  const flows = snapshot.simulation.state === 'done' ? snapshot.simulation.flows : undefined;
  lists.current = {
    list,
    graph: topology ? graphItems(topology.graph) : [],
    diagnostics,
    flows,
    flowNames: topology?.flows.map((f) => f.name) ?? [],
  };

  const stepping: Stepping | undefined = useMemo(() => {
    if (!ui.stepping || !flows) return undefined;
    const run = flows.find((f) => f.name === ui.stepping!.flow);
    return run ? { run, step: Math.min(ui.stepping.step, run.steps.length - 1) } : undefined;
  }, [ui.stepping, flows]);

  const placed = snapshot.state === 'ready';
  const highlight = useMemo(
    () => (topology ? graphHighlight(topology.graph, ui.selection, stepping, placed) : {}),
    [topology, ui.selection, stepping, placed],
  );
  const provisional = screenLayout(columns, rows, 0);
  const drawn = useMemo(
    () => (topology ? drawFlowGraph(topology.graph, highlight, provisional.graph.width - 2) : undefined),
    [topology, highlight, provisional.graph.width],
  );
  const layout = screenLayout(columns, rows, (drawn?.height ?? 1) + (snapshot.state === 'broken' ? 1 : 0));

  // Keys go through the reducer, which reads them against the state they arrive in.
  useInput((input, key) => dispatch({ type: 'key', input, key }), { isActive: interactive });

  useEffect(() => {
    if (ui.quitRequested) onQuit();
  }, [ui.quitRequested, onQuit]);

  const runRequested = useRef(ui.runRequested);
  useEffect(() => {
    if (ui.runRequested && !runRequested.current) onRun();
    runRequested.current = ui.runRequested;
  }, [ui.runRequested, onRun]);

  useEffect(() => {
    if (snapshot.simulation.state === 'done')
      dispatch({ type: 'simulated', flows: snapshot.simulation.flows });
  }, [snapshot.simulation]);

  // Keep what is highlighted inside the graph's window.
  const target: Rect | undefined = useMemo(() => {
    if (!drawn || !topology) return undefined;
    if (highlight.stepHost) return drawn.boxes.get(highlight.stepHost);
    if (highlight.host) return drawn.boxes.get(highlight.host);
    if (highlight.edges?.[0]) return drawn.edges.get(highlight.edges[0]);
    const node = highlight.nodes?.[0] ?? highlight.problem?.nodes[0];
    if (node) return drawn.boxes.get(topology.graph.nodes.find((n) => n.id === node)?.host ?? '');
    if (highlight.problem?.edges[0]) return drawn.edges.get(highlight.problem.edges[0]);
    if (highlight.problem?.hosts[0]) return drawn.boxes.get(highlight.problem.hosts[0]);
    return undefined;
  }, [drawn, topology, highlight]);
  const viewWidth = layout.graph.width - 2;
  const viewHeight = layout.graph.height - 2 - (snapshot.state === 'broken' ? 1 : 0);
  useEffect(() => {
    if (target) dispatch({ type: 'reveal', rect: target, view: { width: viewWidth, height: viewHeight } });
  }, [target, viewWidth, viewHeight]);

  const entryCount = list.filter((i) => i.kind === 'entry').length;
  const listCursor = Math.min(ui.listCursor, Math.max(0, entryCount - 1));
  const listEntry = list.filter((i) => i.kind === 'entry')[listCursor];
  const details = detailsLines({ snapshot, selection: ui.selection, stepping, diagnostics, cwd });
  const notice =
    snapshot.state === 'broken' && topology
      ? line('✖ the file does not compile: this is its last good version (errors below)', 'error')
      : undefined;
  const empty =
    snapshot.state === 'unreadable'
      ? line(`cannot read ${snapshot.file}: ${snapshot.problem ?? ''}`, 'error')
      : snapshot.state === 'loading'
        ? line('reading the topology…', 'muted')
        : line('the file does not compile: see the diagnostics', 'error');

  const graphPane = (
    <GraphPane
      graph={drawn}
      scroll={ui.graphScroll}
      width={layout.graph.width}
      height={layout.graph.height}
      focused={ui.focus === 'graph'}
      {...(notice ? { notice } : {})}
      empty={empty}
      theme={theme}
    />
  );
  const listPane = (
    <ListPane
      items={list}
      cursor={listCursor}
      active={listEntry !== undefined && sameSelection(listEntry.selection, ui.selection)}
      filter={ui.filter}
      width={layout.list.width}
      height={layout.list.height}
      focused={ui.focus === 'list'}
      theme={theme}
    />
  );
  const diagnosticCursor = Math.min(ui.diagnosticCursor, Math.max(0, diagnostics.length - 1));
  const diagnosticsPane = (
    <DiagnosticsPane
      items={diagnostics}
      cursor={diagnosticCursor}
      active={ui.selection?.kind === 'diagnostic'}
      broken={snapshot.state === 'broken'}
      width={layout.diagnostics.width}
      height={layout.diagnostics.height}
      focused={ui.focus === 'diagnostics'}
      theme={theme}
    />
  );
  const detailsPane = (
    <DetailsPane
      lines={details}
      scroll={ui.detailsScroll}
      width={layout.details.width}
      height={layout.details.height}
      focused={ui.focus === 'details'}
      theme={theme}
    />
  );
  const bottomHeight = layout.details.height;
  return (
    <Box flexDirection="column" width={layout.graph.width}>
      <StyledText
        line={fitLine(headerLine(snapshot, layout.graph.width), layout.graph.width)}
        theme={theme}
      />
      {graphPane}
      {ui.help ? (
        <HelpOverlay width={layout.graph.width} height={bottomHeight} theme={theme} />
      ) : layout.stacked ? (
        <Box flexDirection="row" height={bottomHeight}>
          <Box flexDirection="column" width={layout.list.width}>
            {listPane}
            {diagnosticsPane}
          </Box>
          {detailsPane}
        </Box>
      ) : (
        <Box flexDirection="row" height={bottomHeight}>
          {listPane}
          {detailsPane}
          {diagnosticsPane}
        </Box>
      )}
      <StyledText line={fitLine(statusLine(ui, snapshot), layout.graph.width)} theme={theme} />
    </Box>
  );
}
