/** One line of styled runs, each drawn in its theme token's style. */
import { Text } from 'ink';
import type { StyledLine } from '../styled-text.js';
import type { Theme } from '../theme.js';

export interface StyledTextProps {
  line: StyledLine;
  theme: Theme;
}

export function StyledText({ line, theme }: StyledTextProps) {
  return (
    <Text wrap="truncate">
      {line.map((run, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their place in the line
        <Text key={i} {...theme[run.token]}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
}
