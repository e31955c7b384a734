import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { utf8 } from '../../../runtime/io/bytes.js';
import { createLab, isPending, type Lab, settle, until } from '../helpers.js';

const hosts = { client: ['10.0.0.1'], gw: ['10.0.0.2'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());

function udpForward(metadata: Record<string, unknown>): GostConfig {
  return {
    services: [
      {
        name: 'dns',
        addr: ':5353',
        handler: { type: 'udp' },
        listener: { type: 'udp', metadata },
        forwarder: { nodes: [{ name: 't', addr: '10.0.0.3:53' }] },
      },
    ],
  };
}

/** A UDP server that answers every datagram twice and records what it received. */
async function chattyServer(received: Uint8Array[]) {
  const socket = await lab.world.host('target').network.listen('udp', ':53');
  void (async () => {
    for (;;) {
      const d = await socket.readFrom(65_535);
      if (d === null) return;
      received.push(d.data);
      await socket.writeTo(utf8('one'), d.addr);
      await socket.writeTo(utf8('two'), d.addr);
    }
  })();
}

const sessions = () => lab.events.filter((e) => e.type === 'service.accept').length;

describe('udp listener sessions', () => {
  it('without keepalive closes the session after the first reply; later datagrams open new ones', async () => {
    lab = createLab(hosts);
    await chattyServer([]);
    await lab.start('gw', udpForward({}));
    const app = await lab.world.host('client').network.dial('udp', '10.0.0.2:5353');
    await app.write(utf8('q1'));
    expect(new TextDecoder().decode((await app.read())!)).toBe('one');
    const second = app.read();
    expect(await isPending(second)).toBe(true);
    await app.write(utf8('q2'));
    expect(new TextDecoder().decode((await second)!)).toBe('one');
    expect(sessions()).toBe(2);
  });

  it('with keepalive keeps one session and closes it between one and two ttl periods after the last activity', async () => {
    lab = createLab(hosts);
    await chattyServer([]);
    await lab.start('gw', udpForward({ keepalive: true, ttl: '10s' }));
    const app = await lab.world.host('client').network.dial('udp', '10.0.0.2:5353');
    await app.write(utf8('q'));
    expect(new TextDecoder().decode((await app.read())!)).toBe('one');
    expect(new TextDecoder().decode((await app.read())!)).toBe('two');
    await lab.clock.advance(9_000);
    await app.write(utf8('q'));
    await settle();
    expect(sessions()).toBe(1);
    // Tick at 10 s flags it idle (activity since the last tick), tick at 20 s closes it.
    await lab.clock.advance(1_000);
    await lab.clock.advance(10_000);
    await app.write(utf8('q'));
    expect(await until(() => sessions() === 2)).toBe(true);
  });

  it('truncates datagrams to readBufferSize (default 4096)', async () => {
    for (const [metadata, expected] of [
      [{}, 4096],
      [{ readBufferSize: 100 }, 100],
      [{ 'udp.bufferSize': 2000 }, 2000],
    ] as const) {
      lab = createLab(hosts);
      const received: Uint8Array[] = [];
      await chattyServer(received);
      await lab.start('gw', udpForward(metadata));
      const app = await lab.world.host('client').network.dial('udp', '10.0.0.2:5353');
      await app.write(new Uint8Array(5000).fill(7));
      expect(await until(() => received.length === 1)).toBe(true);
      expect(received[0]!.length).toBe(expected);
      lab.close();
    }
  });

  it('drops new clients while backlog sessions wait to be accepted', async () => {
    lab = createLab(hosts);
    const socket = await lab.world.host('gw').network.listen('udp', ':9999');
    const { UdpSessionListener } = await import('../../../runtime/udp/session-listener.js');
    const drops: string[] = [];
    const ln = new UdpSessionListener(socket, lab.clock, {
      backlog: 1,
      readQueueSize: 1,
      readBufferSize: 64,
      ttlMs: 5000,
      keepalive: true,
      onDrop: (r) => drops.push(r),
    });
    const a = await lab.world.host('client').network.dial('udp', '10.0.0.2:9999');
    const b = await lab.world.host('target').network.dial('udp', '10.0.0.2:9999');
    await a.write(utf8('a1'));
    await a.write(utf8('a2'));
    await b.write(utf8('b1'));
    await settle();
    expect(drops).toEqual([
      'data discarded: recv queue is full',
      'connection queue is full, client 10.0.0.3:40000 discarded',
    ]);
    const first = await ln.accept();
    expect(new TextDecoder().decode((await first.conn.read())!)).toBe('a1');
    ln.close();
  });
});
