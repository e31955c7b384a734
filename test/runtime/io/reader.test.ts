import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPipe } from '../../../runtime/io/pipe.js';
import { BufferedReader } from '../../../runtime/io/reader.js';
import type { Conn } from '../../../runtime/types.js';

/** A conn that yields `chunks` one read at a time (a read limit splits one), then EOF. */
function chunked(chunks: readonly Uint8Array[]): Conn {
  const queue = [...chunks];
  return {
    localAddr: 'a:1',
    remoteAddr: 'b:2',
    read: async (max) => {
      const head = queue.shift();
      if (!head) return null;
      if (max === undefined || head.length <= max) return head;
      queue.unshift(head.subarray(max));
      return head.subarray(0, max);
    },
    write: async () => undefined,
    closeWrite: async () => undefined,
    close: () => undefined,
  };
}

/** Cuts `bytes` at the given fractions into consecutive chunks (some may be empty). */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

type Step =
  | { op: 'exact'; n: number }
  | { op: 'some'; max: number }
  | { op: 'line' }
  | { op: 'peek'; n: number };

describe('the buffered reader', () => {
  it('reads the same bytes however the stream is cut into chunks', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constant('exact' as const), n: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ op: fc.constant('some' as const), max: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ op: fc.constant('line' as const) }),
      fc.record({ op: fc.constant('peek' as const), n: fc.integer({ min: 0, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        fc.array(step, { maxLength: 40 }),
        async (bytes, cuts, steps) => {
          const reader = new BufferedReader(chunked(cut(bytes, cuts)));
          let offset = 0;
          for (const s of steps) {
            const left = bytes.length - offset;
            if (s.op === 'exact') {
              if (s.n > left) {
                await expect(reader.readExact(s.n, 'x')).rejects.toMatchObject({ kind: 'eof' });
                return;
              }
              expect(await reader.readExact(s.n)).toEqual(bytes.subarray(offset, offset + s.n));
              offset += s.n;
            } else if (s.op === 'peek') {
              if (s.n > left) {
                await expect(reader.peek(s.n)).rejects.toMatchObject({ kind: 'eof' });
                return;
              }
              expect(await reader.peek(s.n)).toEqual(bytes.subarray(offset, offset + s.n));
            } else if (s.op === 'line') {
              const newline = bytes.indexOf(0x0a, offset);
              if (newline < 0) {
                await expect(reader.readLine(1000)).rejects.toMatchObject({ kind: 'eof' });
                return;
              }
              expect(await reader.readLine(1000)).toEqual(bytes.subarray(offset, newline + 1));
              offset = newline + 1;
            } else {
              const got = await reader.readSome(s.max);
              if (got === null) {
                expect(left).toBe(0);
                return;
              }
              expect(got.length).toBeLessThanOrEqual(s.max);
              expect(got).toEqual(bytes.subarray(offset, offset + got.length));
              offset += got.length;
            }
            expect(reader.buffered).toBeLessThanOrEqual(bytes.length - offset);
          }
          const rest: Uint8Array[] = [];
          for (let c = await reader.readSome(); c !== null; c = await reader.readSome()) rest.push(c);
          expect(Buffer.concat(rest)).toEqual(Buffer.from(bytes.subarray(offset)));
        },
      ),
    );
  });

  it('joins a message spread over many chunks once it is whole', async () => {
    const message = Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i * 7) & 0xff);
    const chunks = Array.from({ length: 64 }, (_, i) => message.subarray(i * 1024, (i + 1) * 1024));
    const reader = new BufferedReader(chunked([Uint8Array.of(9), ...chunks, Uint8Array.of(1, 2)]));
    expect(await reader.readByte()).toBe(9);
    expect(await reader.readExact(message.length)).toEqual(message);
    expect(reader.buffered).toBe(0);
    expect(await reader.readExact(2)).toEqual(Uint8Array.of(1, 2));
    expect(await reader.atEnd()).toBe(true);
  });

  it('hands over what it buffered before reading the conn again', async () => {
    const [a, b] = createPipe('a:1', 'b:2');
    const reader = new BufferedReader(b);
    await a.write(Uint8Array.of(1, 2, 3));
    await a.write(Uint8Array.of(4, 5));
    expect(await reader.peek(4)).toEqual(Uint8Array.of(1, 2, 3, 4));
    const conn = reader.toConn();
    await a.write(Uint8Array.of(6));
    expect(await conn.read()).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(await conn.read()).toEqual(Uint8Array.of(6));
  });
});
