import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../compiler/suggest.js';

const commands = ['check', 'convert', 'emit', 'graph', 'sim', 'tui', 'up'];

describe('closestMatch', () => {
  it('suggests the command a typo most likely meant', () => {
    expect(closestMatch('chek', commands)).toBe('check');
    expect(closestMatch('chekc', commands)).toBe('check');
    expect(closestMatch('conver', commands)).toBe('convert');
    expect(closestMatch('CHECK', commands)).toBe('check');
    expect(closestMatch('gra', commands)).toBe('graph');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestMatch('deploy', commands)).toBeUndefined();
    expect(closestMatch('x', ['check'])).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('check', 'check')).toBe(0);
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(editDistance('chock', 'check')).toBe(1);
    expect(editDistance('', 'sim')).toBe(3);
    expect(editDistance('emit', 'tui')).toBe(3);
  });
});
