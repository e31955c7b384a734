import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimRng } from '../../sim/rng.js';

const draw = (rng: SimRng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('the seeded generator', () => {
  it('repeats its sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        expect(draw(new SimRng(seed), 20)).toEqual(draw(new SimRng(seed), 20));
      }),
    );
  });

  it('draws floats in [0, 1)', () => {
    const rng = new SimRng(1);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('forks by label: the same label gives the same stream, another label another one', () => {
    const root = new SimRng(99);
    expect(draw(root.fork('host:relay'), 8)).toEqual(draw(new SimRng(99).fork('host:relay'), 8));
    expect(draw(root.fork('host:relay'), 8)).not.toEqual(draw(root.fork('host:laptop'), 8));
    // Drawing from the parent does not move a fork.
    const parent = new SimRng(5);
    const before = draw(parent.fork('x'), 4);
    draw(parent, 100);
    expect(draw(parent.fork('x'), 4)).toEqual(before);
  });

  it('differs between seeds', () => {
    expect(draw(new SimRng(1), 8)).not.toEqual(draw(new SimRng(2), 8));
  });

  it('fills byte buffers of any length', () => {
    const bytes = new SimRng(3).bytes(13);
    expect(bytes).toHaveLength(13);
    expect(new SimRng(3).bytes(13)).toEqual(bytes);
  });
});
