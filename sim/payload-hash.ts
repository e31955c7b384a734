/**
 * A running hash of a byte stream, the same however the stream is cut into chunks: a flow hashes the
 * payload it sends message by message, an app hashes what it reads chunk by chunk, and the two agree
 * exactly when the app received the payload intact. Its shape is xxHash32's (four independent lanes
 * over 16-byte stripes, then the remaining words and bytes, then an avalanche), so it keeps pace
 * with the bytes a bulk flow moves; the value is not meant to match any other implementation.
 */

const prime1 = 0x9e3779b1 | 0;
const prime2 = 0x85ebca77 | 0;
const prime3 = 0xc2b2ae3d | 0;
const prime4 = 0x27d4eb2f | 0;
const prime5 = 0x165667b1 | 0;

const stripeBytes = 16;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(lane: number, word: number): number {
  return Math.imul(rotl((lane + Math.imul(word, prime2)) | 0, 13), prime1);
}

/** Whether an Int32Array reads its words lowest byte first, as the byte-wise paths assemble them. */
const littleEndian = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

function wordAt(bytes: Uint8Array, i: number): number {
  return (
    (bytes[i] as number) |
    ((bytes[i + 1] as number) << 8) |
    ((bytes[i + 2] as number) << 16) |
    ((bytes[i + 3] as number) << 24)
  );
}

export class PayloadHash {
  private readonly lanes = Int32Array.of((prime1 + prime2) | 0, prime2, 0, -prime1 | 0);
  /** Bytes of an incomplete stripe, waiting for the next chunk. */
  private readonly stripe = new Uint8Array(stripeBytes);
  private stripeFill = 0;
  private length = 0;

  update(bytes: Uint8Array): void {
    const n = bytes.length;
    this.length += n;
    let i = 0;
    if (this.stripeFill > 0) {
      const take = Math.min(stripeBytes - this.stripeFill, n);
      this.stripe.set(bytes.subarray(0, take), this.stripeFill);
      this.stripeFill += take;
      i = take;
      if (this.stripeFill < stripeBytes) return;
      this.consumeStripes(this.stripe, 0, 1);
      this.stripeFill = 0;
    }
    const stripes = Math.floor((n - i) / stripeBytes);
    this.consumeStripes(bytes, i, stripes);
    i += stripes * stripeBytes;
    if (i < n) {
      this.stripe.set(bytes.subarray(i), 0);
      this.stripeFill = n - i;
    }
  }

  private consumeStripes(bytes: Uint8Array, start: number, stripes: number): void {
    const lanes = this.lanes;
    let v1 = lanes[0] as number;
    let v2 = lanes[1] as number;
    let v3 = lanes[2] as number;
    let v4 = lanes[3] as number;
    const offset = bytes.byteOffset + start;
    if (littleEndian && offset % 4 === 0) {
      const words = new Int32Array(bytes.buffer, offset, stripes * 4);
      for (let w = 0; w < words.length; w += 4) {
        v1 = round(v1, words[w] as number);
        v2 = round(v2, words[w + 1] as number);
        v3 = round(v3, words[w + 2] as number);
        v4 = round(v4, words[w + 3] as number);
      }
    } else {
      const end = start + stripes * stripeBytes;
      for (let i = start; i < end; i += stripeBytes) {
        v1 = round(v1, wordAt(bytes, i));
        v2 = round(v2, wordAt(bytes, i + 4));
        v3 = round(v3, wordAt(bytes, i + 8));
        v4 = round(v4, wordAt(bytes, i + 12));
      }
    }
    lanes[0] = v1;
    lanes[1] = v2;
    lanes[2] = v3;
    lanes[3] = v4;
  }

  /** The hash of every byte so far (the stream may go on). */
  get value(): number {
    const [v1, v2, v3, v4] = this.lanes as unknown as [number, number, number, number];
    let h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18) + prime5) | 0;
    h = (h + this.length) | 0;
    let i = 0;
    for (; i + 4 <= this.stripeFill; i += 4) {
      h = Math.imul(rotl((h + Math.imul(wordAt(this.stripe, i), prime3)) | 0, 17), prime4);
    }
    for (; i < this.stripeFill; i++) {
      h = Math.imul(rotl((h + Math.imul(this.stripe[i] as number, prime5)) | 0, 11), prime1);
    }
    h ^= h >>> 15;
    h = Math.imul(h, prime2);
    h ^= h >>> 13;
    h = Math.imul(h, prime3);
    h ^= h >>> 16;
    return h >>> 0;
  }
}

/** The hash of an empty stream. */
export const emptyHash = new PayloadHash().value;
