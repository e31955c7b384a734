/**
 * Every colour the TUI shows comes from here: components name a semantic token and the theme says
 * what it looks like. Without colour (NO_COLOR, --no-color, a dumb terminal) tokens keep only
 * weight and inverse video, which the help and the highlights still read by; the graph itself
 * marks highlights with its line characters.
 */
import type { CanvasToken } from '../graph/terminal/canvas.js';

export type TuiToken =
  | CanvasToken
  | 'frameFocused'
  | 'heading'
  | 'key'
  | 'success'
  | 'status'
  | 'cursor'
  | 'dim';

export interface TokenStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export type Theme = Readonly<Record<TuiToken, TokenStyle>>;

const coloured: Theme = {
  plain: {},
  frame: { color: 'gray' },
  frameFocused: { color: 'cyan', bold: true },
  title: { bold: true },
  text: {},
  muted: { color: 'gray' },
  edge: { color: 'blue' },
  label: { color: 'blueBright' },
  selected: { color: 'cyan', bold: true },
  step: { color: 'magenta', bold: true },
  error: { color: 'red', bold: true },
  warning: { color: 'yellow', bold: true },
  info: { color: 'cyan' },
  heading: { bold: true },
  key: { color: 'yellow', bold: true },
  success: { color: 'green', bold: true },
  status: { inverse: true },
  cursor: { inverse: true },
  dim: { dimColor: true },
};

const monochrome: Theme = {
  plain: {},
  frame: {},
  frameFocused: { bold: true },
  title: { bold: true },
  text: {},
  muted: { dimColor: true },
  edge: {},
  label: {},
  selected: { bold: true },
  step: { bold: true },
  error: { bold: true },
  warning: { bold: true },
  info: {},
  heading: { bold: true },
  key: { bold: true },
  success: { bold: true },
  status: { inverse: true },
  cursor: { inverse: true },
  dim: { dimColor: true },
};

export function createTheme(color: boolean): Theme {
  return color ? coloured : monochrome;
}
