/**
 * The simulation's only source of randomness: xoshiro128** seeded through splitmix32. `fork(label)`
 * derives an independent generator from the seed and a label (one per host, one per flow), so adding
 * a host or a flow does not shift the numbers every other part draws.
 */

import type { Rng } from '../runtime/types.js';

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the label's UTF-16 code units: a stable 32-bit hash. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class SimRng implements Rng {
  private readonly s = new Uint32Array(4);

  constructor(readonly seed: number) {
    const next = splitmix32(seed);
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1] as number, 5) >>> 0, 7), 9) >>> 0;
    const t = ((s[1] as number) << 9) >>> 0;
    s[2] ^= s[0] as number;
    s[3] ^= s[1] as number;
    s[1] ^= s[2] as number;
    s[0] ^= s[3] as number;
    s[2] ^= t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Random bytes: each draw gives four, lowest byte first. Bulk payloads go through here, so the
   * generator runs on local variables and stores whole words where it can.
   */
  bytes(n: number): Uint8Array {
    return this.fill(new Uint8Array(n));
  }

  /** Overwrites `out` with what `bytes(out.length)` would return, and returns it. */
  fill(out: Uint8Array): Uint8Array {
    const n = out.length;
    let i = 0;
    if (littleEndian && out.byteOffset % 4 === 0) {
      const words = n >>> 2;
      fillWords(this.s, new Int32Array(out.buffer, out.byteOffset, words));
      i = words * 4;
    }
    for (; i < n; i += 4) {
      let v = this.nextUint32();
      for (let j = i; j < Math.min(n, i + 4); j++) {
        out[j] = v & 0xff;
        v >>>= 8;
      }
    }
    return out;
  }

  /** An independent generator for `label`, fixed by this generator's seed and the label alone. */
  fork(label: string): SimRng {
    return new SimRng((splitmix32(this.seed ^ hashLabel(label))() ^ hashLabel(`${label}#`)) >>> 0);
  }
}

/**
 * `words.length` draws of xoshiro128** from `state` into `words`, as `nextUint32` makes them, on
 * local int32 variables: the loop bulk payloads spend their time in.
 */
function fillWords(state: Uint32Array, words: Int32Array): void {
  let s0 = (state[0] as number) | 0;
  let s1 = (state[1] as number) | 0;
  let s2 = (state[2] as number) | 0;
  let s3 = (state[3] as number) | 0;
  for (let i = 0; i < words.length; i++) {
    const m = Math.imul(s1, 5);
    words[i] = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** Whether a typed array stores its words lowest byte first, as `bytes` lays them out. */
const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
