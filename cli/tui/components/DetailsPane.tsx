/** The details of the selection (details.ts), wrapped to the pane and scrolled. */
import { type StyledLine, wrapLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import { Pane } from './Pane.js';

export interface DetailsPaneProps {
  lines: readonly StyledLine[];
  scroll: number;
  width: number;
  height: number;
  focused: boolean;
  theme: Theme;
}

export function DetailsPane({ lines, scroll, width, height, focused, theme }: DetailsPaneProps) {
  const wrapped = lines.flatMap((l) => wrapLine(l, Math.max(1, width - 2)));
  const rows = Math.max(1, height - 2);
  const offset = Math.max(0, Math.min(scroll, wrapped.length - rows));
  const info =
    wrapped.length > rows
      ? `${offset + 1}-${Math.min(wrapped.length, offset + rows)}/${wrapped.length}`
      : undefined;
  return (
    <Pane
      title="details"
      {...(info ? { info } : {})}
      width={width}
      height={height}
      focused={focused}
      lines={wrapped.slice(offset)}
      theme={theme}
    />
  );
}
