/**
 * Colour for every piece of terminal output goes through one helper, so the colour policy
 * lives in one place and uncoloured output (pipes, NO_COLOR, snapshots) is the same text
 * without escape codes.
 */

/** Semantic tokens; what they look like is decided here, not by the caller. */
export type StyleToken =
  | 'error'
  | 'warning'
  | 'info'
  | 'note'
  | 'help'
  | 'location'
  | 'rule'
  | 'gutter'
  | 'heading'
  | 'emphasis'
  | 'success';

export type Style = (text: string, token: StyleToken) => string;

const sgr: Record<StyleToken, [open: string, close: string]> = {
  error: ['\x1b[1;31m', '\x1b[0m'],
  warning: ['\x1b[1;33m', '\x1b[0m'],
  info: ['\x1b[1;36m', '\x1b[0m'],
  note: ['\x1b[1;32m', '\x1b[0m'],
  help: ['\x1b[1;36m', '\x1b[0m'],
  location: ['\x1b[1m', '\x1b[0m'],
  rule: ['\x1b[2m', '\x1b[0m'],
  gutter: ['\x1b[1;34m', '\x1b[0m'],
  heading: ['\x1b[1m', '\x1b[0m'],
  emphasis: ['\x1b[1m', '\x1b[0m'],
  success: ['\x1b[1;32m', '\x1b[0m'],
};

const plain: Style = (text) => text;

const coloured: Style = (text, token) => {
  if (text === '') return text;
  const [open, close] = sgr[token];
  return open + text + close;
};

/** The `style(text, token)` helper for one output: identity when colour is off. */
export function createStyle(color: boolean): Style {
  return color ? coloured : plain;
}

/**
 * Whether stdout may carry colour: an explicit --color/--no-color wins; otherwise only an
 * interactive terminal that is not TERM=dumb, and NO_COLOR unset or empty (no-color.org).
 */
export function colorEnabled(
  flag: boolean | undefined,
  stdoutIsTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (flag !== undefined) return flag;
  if (!stdoutIsTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}
