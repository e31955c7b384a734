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
});
