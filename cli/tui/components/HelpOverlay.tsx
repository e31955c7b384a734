/** The keys, from the same table the screen reads them with. */
import { keyBindings } from '../keymap.js';
import type { StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import { Pane } from './Pane.js';

export interface HelpOverlayProps {
  width: number;
  height: number;
  theme: Theme;
}

export function HelpOverlay({ width, height, theme }: HelpOverlayProps) {
  const keysWidth = Math.max(...keyBindings.map((b) => b.keys.length)) + 2;
  const lines: StyledLine[] = [
    [{ text: ' keys', token: 'heading' }],
    ...keyBindings.map(
      (b): StyledLine => [
        { text: ` ${b.keys.padEnd(keysWidth)}`, token: 'key' },
        { text: b.does, token: 'text' },
      ],
    ),
    [],
    [
      {
        text: ' In the graph: ┏━┓ is the current hop of a flow, ╔═╗ the selection, ┄ a bind;',
        token: 'muted',
      },
    ],
    [{ text: ' ✖ and ⚠ mark what the checker found. Press ? or esc to close.', token: 'muted' }],
  ];
  return <Pane title="help" width={width} height={height} focused lines={lines} theme={theme} />;
}
