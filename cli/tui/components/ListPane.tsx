/** The side list: hosts with their services and apps, then the expected flows with their results. */
import type { StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import type { ListItem } from '../view-model.js';
import { Pane } from './Pane.js';

export interface ListPaneProps {
  items: readonly ListItem[];
  /** Index among the entries (headings are not counted). */
  cursor: number;
  /** Whether the cursor's entry is the selection (it shows inverse only then). */
  active: boolean;
  filter: string;
  width: number;
  height: number;
  focused: boolean;
  theme: Theme;
}

const marks = {
  error: { text: '✖ ', token: 'error' },
  warning: { text: '⚠ ', token: 'warning' },
  ok: { text: '✔ ', token: 'success' },
  failed: { text: '✖ ', token: 'error' },
} as const;

export function ListPane({ items, cursor, active, filter, width, height, focused, theme }: ListPaneProps) {
  const lines: StyledLine[] = [];
  let entry = -1;
  let cursorLine = 0;
  for (const item of items) {
    if (item.kind === 'heading') {
      lines.push([{ text: item.text, token: 'heading' }]);
      continue;
    }
    entry++;
    const here = entry === cursor && active;
    if (entry === cursor) cursorLine = lines.length;
    const mark = item.mark ? marks[item.mark] : { text: '  ', token: 'plain' as const };
    lines.push([
      { text: `${' '.repeat(1 + item.depth * 2)}`, token: 'plain' },
      { text: mark.text, token: mark.token },
      { text: item.text, token: here ? 'cursor' : item.depth === 0 ? 'title' : 'text' },
    ]);
  }
  if (items.length === 0)
    lines.push([{ text: filter ? `nothing matches "${filter}"` : 'nothing to list', token: 'muted' }]);
  const rows = Math.max(1, height - 2);
  const offset = Math.max(0, Math.min(cursorLine - Math.floor(rows / 2), lines.length - rows));
  return (
    <Pane
      title="hosts · flows"
      {...(filter ? { info: `/${filter}` } : {})}
      width={width}
      height={height}
      focused={focused}
      lines={lines.slice(offset)}
      theme={theme}
    />
  );
}
