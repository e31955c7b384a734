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

  it('lays out each draw lowest byte first, into fresh buffers and views at any offset alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.nat({ max: 70 }),
        fc.nat({ max: 7 }),
        (seed, n, offset) => {
          const reference = new SimRng(seed);
          const expected = new Uint8Array(n);
          for (let i = 0; i < n; i += 4) {
            let v = reference.nextUint32();
            for (let j = i; j < Math.min(n, i + 4); j++) {
              expected[j] = v & 0xff;
              v >>>= 8;
            }
          }
          const fresh = new SimRng(seed);
          expect(fresh.bytes(n)).toEqual(expected);
          const view = new Uint8Array(n + offset).subarray(offset);
          const filling = new SimRng(seed);
          filling.fill(view);
          expect(view).toEqual(expected);
          // Both leave the generator where the draws left it.
          const next = reference.nextUint32();
          expect(fresh.nextUint32()).toBe(next);
          expect(filling.nextUint32()).toBe(next);
        },
      ),
    );
  });

  it('fills byte buffers of any length', () => {
    const bytes = new SimRng(3).bytes(13);
    expect(bytes).toHaveLength(13);
    expect(new SimRng(3).bytes(13)).toEqual(bytes);
  });
});
