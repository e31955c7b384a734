import { describe, expect, it } from 'vitest';
import { Recorder } from '../../sim/events.js';
import { Fabric } from '../../sim/fabric.js';
import { Scheduler } from '../../sim/scheduler.js';
import { planOf } from '../scenarios/helpers.js';

const topology = `
name: fabric
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
  gw:
    addresses: { office: 10.0.0.2, internet: 203.0.113.2 }
  db:
    addresses: { office: 10.0.0.3 }
  laptop:
    addresses: { internet: 198.51.100.7 }
`;

function world() {
  const scheduler = new Scheduler();
  const recorder = new Recorder({
    now: () => scheduler.clock.now(),
    owner: () => scheduler.current,
    touch: () => scheduler.touch(),
  });
  const plan = planOf(topology);
  const fabric = new Fabric({
    networks: plan.networks,
    hosts: plan.hosts,
    clock: scheduler.clock,
    recorder,
    owner: () => scheduler.current,
    touch: () => scheduler.touch(),
    synTimeoutMs: 5000,
  });
  return { scheduler, recorder, fabric };
}

describe('names', () => {
  it('resolves host names, names: and loopback from the asking host', () => {
    const { fabric } = world();
    expect(fabric.resolve('laptop', 'relay.example.com')).toBe('203.0.113.10');
    expect(fabric.resolve('laptop', 'RELAY')).toBe('203.0.113.10');
    expect(fabric.resolve('laptop', 'localhost')).toBe('127.0.0.1');
    expect(fabric.resolve('laptop', 'nowhere.example')).toBeUndefined();
    // gw has an office and an internet address: each asker gets one it can reach.
    expect(fabric.resolve('db', 'gw')).toBe('10.0.0.2');
    expect(fabric.resolve('laptop', 'gw')).toBe('203.0.113.2');
  });
});

describe('TCP', () => {
  it('connects to a listener and shows the dialler its source address', async () => {
    const { fabric } = world();
    const ln = fabric.listenTcp('relay', ':8420', 'gost');
    const accepted = ln.accept();
    const conn = await fabric.dialTcp('db', 'relay.example.com:8420');
    const server = await accepted;
    // A NAT'd host is seen with its address on the network it leaves through.
    expect(server.remoteAddr).toBe(conn.localAddr);
    expect(conn.localAddr).toMatch(/^10\.0\.0\.3:\d+$/);
    expect(conn.remoteAddr).toBe('203.0.113.10:8420');
  });

  it('refuses a port nobody listens on, and cannot dial into a private network', async () => {
    const { fabric } = world();
    await expect(fabric.dialTcp('laptop', '203.0.113.10:22')).rejects.toMatchObject({ kind: 'refused' });
    await expect(fabric.dialTcp('laptop', '10.0.0.3:22')).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(fabric.dialTcp('laptop', '192.0.2.1:22')).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(fabric.dialTcp('laptop', 'nowhere.example:22')).rejects.toMatchObject({
      kind: 'name-not-resolved',
    });
  });

  it('applies the bind rules: wildcards overlap everything, specific addresses must be owned', () => {
    const { fabric } = world();
    fabric.listenTcp('gw', ':80', 'gost');
    expect(() => fabric.listenTcp('gw', '10.0.0.2:80', 'gost')).toThrow(
      expect.objectContaining({ kind: 'address-in-use' }),
    );
    fabric.listenTcp('gw', '127.0.0.1:81', 'gost');
    fabric.listenTcp('gw', '10.0.0.2:81', 'gost');
    expect(() => fabric.listenTcp('gw', '0.0.0.0:81', 'gost')).toThrow(
      expect.objectContaining({ kind: 'address-in-use' }),
    );
    expect(() => fabric.listenTcp('gw', '203.0.113.10:82', 'gost')).toThrow(
      expect.objectContaining({ kind: 'address-unavailable' }),
    );
    expect(fabric.listenTcp('gw', ':0', 'gost').addr).toMatch(/^\[::\]:\d+$/);
  });

  it('loopback is per host', async () => {
    const { fabric } = world();
    fabric.listenTcp('relay', '127.0.0.1:2222', 'gost');
    await expect(fabric.dialTcp('laptop', '127.0.0.1:2222')).rejects.toMatchObject({ kind: 'refused' });
    await expect(fabric.dialTcp('relay', 'localhost:2222')).resolves.toBeDefined();
  });

  it('times out across a cut link and resets connections of a host that goes down', async () => {
    const { fabric, scheduler } = world();
    fabric.listenTcp('relay', ':8420', 'gost');
    const open = await fabric.dialTcp('laptop', 'relay:8420');
    fabric.setCut('laptop', 'relay', true);
    let outcome: unknown;
    void fabric.dialTcp('laptop', 'relay:8420').catch((e) => {
      outcome = e;
    });
    await scheduler.run(() => outcome !== undefined);
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expect(scheduler.clock.now()).toBe(5000);
    fabric.setCut('laptop', 'relay', false);
    const reading = open.read();
    fabric.setDown('relay', true);
    await expect(reading).rejects.toMatchObject({ kind: 'reset' });
    await expect(fabric.dialTcp('laptop', 'relay:8420')).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('UDP', () => {
  it('passes replies back through NAT only to a socket that sent first', async () => {
    const { fabric } = world();
    const server = fabric.listenUdp('relay', ':53');
    const client = fabric.listenUdp('db', ':0');
    await client.writeTo(Uint8Array.of(1, 2, 3), '203.0.113.10:53');
    const query = await server.readFrom(2);
    // Read into a short buffer: the rest of the datagram is lost.
    expect(query?.data).toEqual(Uint8Array.of(1, 2));
    await server.writeTo(Uint8Array.of(4), query?.addr ?? '');
    expect((await client.readFrom(100))?.data).toEqual(Uint8Array.of(4));
    // An unsolicited datagram into the private network is dropped.
    const stranger = fabric.listenUdp('laptop', ':0');
    await stranger.writeTo(Uint8Array.of(5), query?.addr ?? '');
    await server.writeTo(Uint8Array.of(6), query?.addr ?? '');
    expect((await client.readFrom(100))?.data).toEqual(Uint8Array.of(6));
  });

  it('reports connection refused on a connected socket after port unreachable', async () => {
    const { fabric } = world();
    const { socket } = fabric.dialUdp('laptop', '203.0.113.10:9999');
    await socket.writeTo(Uint8Array.of(1), '203.0.113.10:9999');
    await expect(socket.readFrom(100)).rejects.toMatchObject({ kind: 'refused' });
  });
});
