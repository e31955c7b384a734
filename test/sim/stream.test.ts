import { describe, expect, it } from 'vitest';
import { GostError } from '../../runtime/errors.js';
import { createStreamPair } from '../../sim/stream.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function pair(window = 8) {
  return createStreamPair(
    { addr: '10.0.0.1:40000', host: 'a' },
    { addr: '10.0.0.2:80', host: 'b' },
    { touch: () => undefined },
    1,
    window,
  );
}

describe('a simulated TCP connection', () => {
  it('delivers bytes in order and honours the read limit', async () => {
    const [a, b] = pair(64);
    await a.write(Uint8Array.of(1, 2, 3, 4, 5));
    expect(await b.read(2)).toEqual(Uint8Array.of(1, 2));
    expect(await b.read()).toEqual(Uint8Array.of(3, 4, 5));
  });

  it('makes a writer wait while the peer window is full', async () => {
    const [a, b] = pair(8);
    let done = false;
    const writing = a
      .write(new Uint8Array(6))
      .then(() => a.write(new Uint8Array(6)))
      .then(() => {
        done = true;
      });
    await settle();
    expect(done).toBe(false);
    expect((await b.read())?.length).toBe(6);
    await writing;
    expect(done).toBe(true);
  });

  it('holds bytes while the link is cut and delivers them once restored', async () => {
    const [a, b] = pair(64);
    b.holdInbound(true);
    await a.write(Uint8Array.of(9));
    let got: Uint8Array | null | undefined;
    void b.read().then((c) => {
      got = c;
    });
    await settle();
    expect(got).toBeUndefined();
    b.holdInbound(false);
    await settle();
    expect(got).toEqual(Uint8Array.of(9));
  });

  it('ends with EOF after a close and breaks the pipe for the peer', async () => {
    const [a, b] = pair(64);
    await a.write(Uint8Array.of(7));
    a.close();
    expect(await b.read()).toEqual(Uint8Array.of(7));
    expect(await b.read()).toBeNull();
    await expect(b.write(Uint8Array.of(1))).rejects.toMatchObject({ kind: 'reset' });
  });

  it('fails both ends on a reset', async () => {
    const [a, b] = pair(64);
    const reading = b.read();
    a.reset(new GostError('reset', 'connection reset by peer'));
    await expect(reading).rejects.toMatchObject({ kind: 'reset' });
    await expect(a.write(Uint8Array.of(1))).rejects.toMatchObject({ kind: 'reset' });
  });

  it('copies what a writer hands over, so the writer may reuse its buffer', async () => {
    const [a, b] = pair(1 << 20);
    const small = new Uint8Array(16);
    const large = new Uint8Array(8192);
    for (let i = 1; i <= 3; i++) {
      small.fill(i);
      await a.write(small);
      large.fill(i);
      await a.write(large);
    }
    for (let i = 1; i <= 3; i++) {
      expect(await b.read()).toEqual(new Uint8Array(16).fill(i));
      expect(await b.read()).toEqual(new Uint8Array(8192).fill(i));
    }
  });

  it('passes bytes a reader writes on unchanged without copying them again, in order', async () => {
    const [client, hopIn] = pair(1 << 20);
    const [hopOut, server] = pair(1 << 20);
    const chunks = Array.from({ length: 2000 }, (_, i) => Uint8Array.of(i & 0xff, i >> 8, 7));
    for (const c of chunks) await client.write(c);
    const forwarded: Uint8Array[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = (await hopIn.read()) as Uint8Array;
      forwarded.push(chunk);
      await hopOut.write(chunk);
    }
    for (const [i, sent] of chunks.entries()) {
      const got = (await server.read()) as Uint8Array;
      expect(got).toEqual(sent);
      // The hop's bytes went on as they were: the server reads the very memory the hop read.
      expect(got.buffer).toBe(forwarded[i]?.buffer);
      expect(got.byteOffset).toBe(forwarded[i]?.byteOffset);
      expect(got.buffer).not.toBe(sent.buffer);
    }
  });

  it('keeps the order of many queued chunks and of partial reads', async () => {
    const [a, b] = pair(1 << 22);
    const total = 5000;
    for (let i = 0; i < total; i++) await a.write(Uint8Array.of(i & 0xff, (i >> 8) & 0xff));
    a.close();
    const bytes: number[] = [];
    for (let c = await b.read(3); c !== null; c = await b.read(3)) bytes.push(...c);
    expect(bytes).toHaveLength(total * 2);
    for (let i = 0; i < total; i++)
      expect([bytes[2 * i], bytes[2 * i + 1]]).toEqual([i & 0xff, (i >> 8) & 0xff]);
  });
});
