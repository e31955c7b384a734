/** The checker's findings; the selected one is highlighted where it is on the graph. */
import type { StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import type { DiagnosticItem } from '../view-model.js';
import { Pane } from './Pane.js';

export interface DiagnosticsPaneProps {
  items: readonly DiagnosticItem[];
  cursor: number;
  active: boolean;
  /** The list belongs to a version of the file that did not compile. */
  broken: boolean;
  width: number;
  height: number;
  focused: boolean;
  theme: Theme;
}

const symbols = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export function DiagnosticsPane({
  items,
  cursor,
  active,
  broken,
  width,
  height,
  focused,
  theme,
}: DiagnosticsPaneProps) {
  const lines: StyledLine[] = items.map((item, i) => {
    const d = item.diagnostic;
    return [
      { text: ` ${symbols[d.severity]} `, token: d.severity },
      { text: `${d.span.start.line}:${d.span.start.column} `, token: 'muted' },
      { text: d.rule, token: i === cursor && active ? 'cursor' : 'text' },
      { text: ` ${d.message}`, token: 'muted' },
    ];
  });
  if (lines.length === 0) lines.push([{ text: ' ✔ no problems found', token: 'success' }]);
  const errors = items.filter((i) => i.diagnostic.severity === 'error').length;
  const warnings = items.filter((i) => i.diagnostic.severity === 'warning').length;
  const rows = Math.max(1, height - 2);
  const offset = Math.max(0, Math.min(cursor - Math.floor(rows / 2), lines.length - rows));
  return (
    <Pane
      title={broken ? 'diagnostics (file broken)' : 'diagnostics'}
      {...(errors + warnings > 0 ? { info: `✖ ${errors} ⚠ ${warnings}` } : {})}
      width={width}
      height={height}
      focused={focused}
      lines={lines.slice(offset)}
      theme={theme}
    />
  );
}
