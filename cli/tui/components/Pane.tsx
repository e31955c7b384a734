/**
 * A bordered pane with its title in the top border, drawn as text so the title, the focus and the
 * border characters are exactly what the screen shows. Lines are cut or padded to the inside width;
 * lines past the height are not drawn.
 */
import { Box } from 'ink';
import { fitLine, lineWidth, type StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';
import { StyledText } from './StyledText.js';

export interface PaneProps {
  title: string;
  /** Shown at the right end of the top border (a count, a scroll position). */
  info?: string;
  width: number;
  height: number;
  focused: boolean;
  lines: readonly StyledLine[];
  theme: Theme;
}

export function Pane({ title, info, width, height, focused, lines, theme }: PaneProps) {
  const inner = Math.max(0, width - 2);
  const frame = focused ? 'frameFocused' : 'frame';
  const titleRun: StyledLine = [
    { text: '╭─', token: frame },
    { text: ` ${title} `, token: focused ? 'frameFocused' : 'title' },
  ];
  const infoRun: StyledLine = info ? [{ text: ` ${info} `, token: 'muted' }] : [];
  const fill = Math.max(0, width - 1 - lineWidth(titleRun) - lineWidth(infoRun));
  const top = fitLine(
    [...titleRun, { text: '─'.repeat(fill), token: frame }, ...infoRun, { text: '╮', token: frame }],
    width,
  );
  const rows = Math.max(0, height - 2);
  const body: StyledLine[] = [];
  for (let i = 0; i < rows; i++)
    body.push([{ text: '│', token: frame }, ...fitLine(lines[i] ?? [], inner), { text: '│', token: frame }]);
  const bottom: StyledLine = [{ text: `╰${'─'.repeat(inner)}╯`, token: frame }];
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <StyledText line={top} theme={theme} />
      {body.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the pane
        <StyledText key={i} line={l} theme={theme} />
      ))}
      <StyledText line={bottom} theme={theme} />
    </Box>
  );
}
