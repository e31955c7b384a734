import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyHash, PayloadHash } from '../../sim/payload-hash.js';

function hashOf(...chunks: Uint8Array[]): number {
  const hash = new PayloadHash();
  for (const c of chunks) hash.update(c);
  return hash.value;
}

describe('the payload hash', () => {
  it('does not depend on how the stream is cut into chunks, nor on where the chunks sit in memory', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat({ max: 200 }), { maxLength: 12 }),
        fc.nat({ max: 7 }),
        (bytes, cuts, shift) => {
          const points = [...new Set(cuts.filter((c) => c <= bytes.length))].sort((a, b) => a - b);
          // The same bytes at an offset that is not a multiple of four.
          const shifted = new Uint8Array(bytes.length + shift);
          shifted.set(bytes, shift);
          const moved = shifted.subarray(shift);
          const pieces: Uint8Array[] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            pieces.push(moved.subarray(from, p));
            from = p;
          }
          expect(hashOf(...pieces)).toBe(hashOf(bytes));
        },
      ),
    );
  });

  it('changes with any flipped bit, a swap of two words, a lost or an added byte', () => {
    const bytes = Uint8Array.from({ length: 4099 }, (_, i) => (i * 131 + (i >> 8)) & 0xff);
    const original = hashOf(bytes);
    fc.assert(
      fc.property(fc.nat({ max: bytes.length * 8 - 1 }), (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        expect(hashOf(flipped)).not.toBe(original);
      }),
    );
    const swapped = bytes.slice();
    swapped.set(bytes.subarray(0, 4), 16);
    swapped.set(bytes.subarray(16, 20), 0);
    expect(hashOf(swapped)).not.toBe(original);
    expect(hashOf(bytes.subarray(0, bytes.length - 1))).not.toBe(original);
    expect(hashOf(bytes, Uint8Array.of(0))).not.toBe(original);
  });

  it('tells an empty stream from one of zero bytes, and reads as it goes', () => {
    expect(hashOf()).toBe(emptyHash);
    expect(hashOf(new Uint8Array(16))).not.toBe(emptyHash);
    expect(hashOf(new Uint8Array(16))).not.toBe(hashOf(new Uint8Array(17)));
    const running = new PayloadHash();
    running.update(Uint8Array.of(1, 2, 3));
    expect(running.value).toBe(hashOf(Uint8Array.of(1, 2, 3)));
    running.update(Uint8Array.of(4));
    expect(running.value).toBe(hashOf(Uint8Array.of(1, 2, 3, 4)));
  });
});
