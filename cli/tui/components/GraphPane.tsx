/** The flow graph, drawn by cli/graph/terminal, seen through the pane's window at its scroll offset. */
import type { Segment } from '../../graph/terminal/canvas.js';
import type { TerminalGraph } from '../../graph/terminal/draw.js';
import { lineCells } from '../../formatters/display-width.js';
import type { StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import { Pane } from './Pane.js';

export interface GraphPaneProps {
  graph: TerminalGraph | undefined;
  scroll: { x: number; y: number };
  width: number;
  height: number;
  focused: boolean;
  /** Shown above the graph (e.g. that the file is broken and this is its last good version). */
  notice?: StyledLine;
  /** What to show when there is no graph. */
  empty: StyledLine;
  theme: Theme;
}

/** The columns [from, from + width) of a row of runs. */
export function sliceColumns(row: readonly Segment[], from: number, width: number): StyledLine {
  const out: StyledLine = [];
  let column = 0;
  for (const run of row) {
    let text = '';
    for (const cell of lineCells(run.text)) {
      if (column >= from && column + cell.width <= from + width) text += cell.text;
      column += cell.width;
    }
    if (text !== '') out.push({ text, token: run.token });
    if (column >= from + width) break;
  }
  return out;
}

export function GraphPane({ graph, scroll, width, height, focused, notice, empty, theme }: GraphPaneProps) {
  const inner = Math.max(0, width - 2);
  const rows = Math.max(0, height - 2 - (notice ? 1 : 0));
  const lines: StyledLine[] = notice ? [notice] : [];
  if (!graph) lines.push(empty);
  else
    for (let y = scroll.y; y < Math.min(graph.height, scroll.y + rows); y++)
      lines.push(sliceColumns(graph.rows[y]!, scroll.x, inner));
  const clipped = graph && (graph.width > inner || graph.height > rows);
  const info = clipped
    ? `${scroll.x > 0 ? '◀ ' : ''}h/l scroll${graph.width - scroll.x > inner ? ' ▶' : ''}`
    : undefined;
  return (
    <Pane
      title="flow graph"
      {...(info ? { info } : {})}
      width={width}
      height={height}
      focused={focused}
      lines={lines}
      theme={theme}
    />
  );
}
