import { describe, expect, it } from 'vitest';
import { colorEnabled, createStyle } from '../../cli/style.js';

describe('colorEnabled', () => {
  it('colours an interactive terminal by default', () => {
    expect(colorEnabled(undefined, true, {})).toBe(true);
    expect(colorEnabled(undefined, true, { TERM: 'xterm-256color', NO_COLOR: '' })).toBe(true);
  });

  it('does not colour pipes, NO_COLOR with a value, or TERM=dumb', () => {
    expect(colorEnabled(undefined, false, {})).toBe(false);
    expect(colorEnabled(undefined, true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(undefined, true, { TERM: 'dumb' })).toBe(false);
  });

  it('lets --color and --no-color override everything', () => {
    expect(colorEnabled(true, false, { NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
    expect(colorEnabled(false, true, {})).toBe(false);
  });
});

describe('createStyle', () => {
  it('returns the text unchanged when colour is off', () => {
    expect(createStyle(false)('error:', 'error')).toBe('error:');
  });

  it('wraps the text in escape codes when colour is on, and leaves empty text alone', () => {
    const style = createStyle(true);
    expect(style('error:', 'error')).toBe('\x1b[1;31merror:\x1b[0m');
    expect(style('', 'error')).toBe('');
  });
});
