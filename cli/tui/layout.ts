/**
 * Where the panes go for a terminal of a given size. The graph takes the full width on top, as
 * tall as it needs up to about three fifths of the screen; below it, the side list and the
 * diagnostics share a column beside the details, or sit in three columns on a wide terminal.
 */

export interface Box {
  width: number;
  height: number;
}

export interface ScreenLayout {
  graph: Box;
  list: Box;
  details: Box;
  diagnostics: Box;
  /** The side list and the diagnostics are stacked in one column (narrow terminals). */
  stacked: boolean;
}

export const minColumns = 40;
export const minRows = 12;
const headerRows = 1;
const statusRows = 1;

export function screenLayout(columns: number, rows: number, graphRows: number): ScreenLayout {
  const width = Math.max(minColumns, columns);
  const body = Math.max(minRows, rows) - headerRows - statusRows;
  const graphHeight = Math.max(5, Math.min(graphRows + 2, Math.floor(body * 0.6), body - 7));
  const bottom = body - graphHeight;
  if (width >= 120) {
    const list = Math.floor(width * 0.26);
    const diagnostics = Math.floor(width * 0.3);
    return {
      graph: { width, height: graphHeight },
      list: { width: list, height: bottom },
      diagnostics: { width: diagnostics, height: bottom },
      details: { width: width - list - diagnostics, height: bottom },
      stacked: false,
    };
  }
  const left = Math.max(24, Math.floor(width * 0.36));
  const listHeight = Math.ceil(bottom * 0.55);
  return {
    graph: { width, height: graphHeight },
    list: { width: left, height: listHeight },
    diagnostics: { width: left, height: bottom - listHeight },
    details: { width: width - left, height: bottom },
    stacked: true,
  };
}
