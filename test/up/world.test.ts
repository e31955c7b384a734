/**
 * The real-socket world of `topo up`, in-process: names and reachability are the topology's, every
 * address the runtime sees is a topology address, ports move by the offset, and nothing else on this
 * machine is ever dialled unless --allow-external names it. Real sockets on loopback only.
 */

import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import { assignAddresses, parseExternal } from '../../cli/up/addresses.js';
import { buildStack, type SessionStack } from '../../cli/up/session.js';
import { GostError } from '../../runtime/errors.js';
import type { Conn } from '../../runtime/types.js';

const topology = `name: world
networks:
  internet: {}
  office: { nat: internet }
  lab: { isolated: true }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
  gw:
    addresses: { office: 10.0.0.2 }
  db:
    addresses: { office: 10.0.0.3 }
    apps:
      ssh: { listen: tcp/22, kind: banner }
  web:
    addresses: { internet: 198.51.100.80 }
    names: [www.example.com]
    apps:
      echo: { listen: tcp/7 }
      dns: { listen: udp/5353 }
  lab1:
    addresses: { lab: 192.168.9.1 }
`;

const stacks: SessionStack[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const s of stacks.splice(0)) {
    s.deployment.close();
    s.world.close();
  }
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function start(first: string, options: { offset?: number; externals?: string[] } = {}) {
  const plan = compileTopology('world.yaml', topology, {}).plan;
  if (!plan) throw new Error('the test topology does not compile');
  const stack = buildStack(plan, {
    addresses: assignAddresses(
      plan.hosts.map((h) => h.name),
      first,
    ),
    externals: (options.externals ?? []).map(parseExternal),
    running: new Set(plan.hosts.map((h) => h.name)),
    apps: true,
    keepLog: true,
    baseDir: process.cwd(),
  });
  stack.world.applyPortOffset(options.offset ?? 0);
  stacks.push(stack);
  await stack.deployment.startAll();
  return stack;
}

async function failure(promise: Promise<unknown>): Promise<GostError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GostError) return error;
    throw error;
  }
  throw new Error('expected the operation to fail');
}

async function readAll(conn: Conn, n: number): Promise<string> {
  let text = '';
  while (text.length < n) {
    const chunk = await conn.read();
    if (chunk === null) break;
    text += Buffer.from(chunk).toString('latin1');
  }
  return text;
}

describe('dialling in the topology', () => {
  it('reaches a host by name on its loopback address, with topology addresses on both ends', async () => {
    const { world, deployment } = await start('127.0.31.1');
    const conn = await world.network('gw', 'client').dial('tcp', 'www.example.com:7');
    expect(conn.remoteAddr).toBe('198.51.100.80:7');
    expect(conn.localAddr).toMatch(/^10\.0\.0\.2:\d+$/);
    await conn.write(new TextEncoder().encode('echo me'));
    expect(await readAll(conn, 7)).toBe('echo me');
    const echo = deployment.apps().find((a) => a.name === 'web/echo');
    expect(echo?.receipts[0]?.peer).toBe(conn.localAddr);
    conn.close();
  });

  it('refuses to route into a network behind NAT from outside, and lets its own hosts in', async () => {
    const { world } = await start('127.0.32.1');
    const error = await failure(world.network('relay', 'client').dial('tcp', '10.0.0.3:22'));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('dial tcp 10.0.0.3:22: connect: no route to host');
    const inside = await world.network('gw', 'client').dial('tcp', '10.0.0.3:22');
    expect(await readAll(inside, 14)).toBe('SSH-2.0-topo\r\n');
    inside.close();
    const fromLab = await failure(world.network('lab1', 'client').dial('tcp', 'www.example.com:7'));
    expect(fromLab.kind).toBe('unreachable');
  });

  it('dials nothing outside the topology: unknown names, foreign addresses, other processes here', async () => {
    const { world } = await start('127.0.33.1');
    const net = world.network('relay', 'client');
    expect((await failure(net.dial('tcp', 'nowhere.example:80'))).kind).toBe('name-not-resolved');
    expect((await failure(net.dial('tcp', '8.8.8.8:53'))).kind).toBe('unreachable');
    // A real server on the web host's own loopback address, but not bound through the topology.
    const stranger = createServer((s) => s.end('should not be reached'));
    servers.push(stranger);
    await new Promise<void>((resolve) => stranger.listen(9999, world.realAddress('web'), resolve));
    const refused = await failure(net.dial('tcp', 'www.example.com:9999'));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toBe('dial tcp 198.51.100.80:9999: connect: connection refused');
  });

  it('reaches what --allow-external names, and only that', async () => {
    const local = createServer((s) => s.end('outside the topology'));
    servers.push(local);
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const port = (local.address() as { port: number }).port;
    const { world } = await start('127.0.34.1', { externals: [`api.example.com:443=127.0.0.1:${port}`] });
    const conn = await world.network('gw', 'client').dial('tcp', 'api.example.com:443');
    expect(conn.remoteAddr).toBe('api.example.com:443');
    expect(await readAll(conn, 20)).toBe('outside the topology');
    conn.close();
    expect((await failure(world.network('gw', 'client').dial('tcp', 'api.example.com:80'))).kind).toBe(
      'name-not-resolved',
    );
  });

  it('lets only its own host dial a service on 127.0.0.1', async () => {
    const { world } = await start('127.0.35.1');
    const listener = await world.network('relay', 'gost').listen('tcp', '127.0.0.1:2222');
    expect(listener.addr).toBe('127.0.0.1:2222');
    const accepted = listener.accept();
    const own = await world.network('relay', 'client').dial('tcp', '127.0.0.1:2222');
    const server = await accepted;
    expect(server.remoteAddr).toBe(own.localAddr);
    expect(server.localAddr).toBe('127.0.0.1:2222');
    own.close();
    server.close();
    const other = await failure(world.network('web', 'client').dial('tcp', 'relay.example.com:2222'));
    expect(other.kind).toBe('refused');
    const self = await failure(world.network('relay', 'client').dial('tcp', '203.0.113.10:2222'));
    expect(self.kind).toBe('refused');
    listener.close();
  });

  it('shifts every listening port, and every dial to one, by the offset', async () => {
    const { world } = await start('127.0.36.1', { offset: 20_000 });
    const listener = await world.network('relay', 'gost').listen('tcp', ':8443');
    expect(listener.addr).toBe('[::]:8443');
    expect(world.realEndpoint('relay', 'tcp', 8443)).toBe('127.0.36.1:28443');
    expect(world.realEndpoint('web', 'tcp', 7)).toBe('127.0.36.4:20007');
    const conn = await world.network('web', 'client').dial('tcp', 'relay.example.com:8443');
    const server = await listener.accept();
    expect(server.remoteAddr).toBe(conn.localAddr);
    expect(server.localAddr).toBe('203.0.113.10:8443');
    conn.close();
    server.close();
    listener.close();
    const taken = await world.network('relay', 'gost').listen('tcp', ':8443');
    const again = await failure(world.network('relay', 'gost').listen('tcp', '0.0.0.0:8443'));
    expect(again.kind).toBe('address-in-use');
    taken.close();
  });
});

describe('datagrams in the topology', () => {
  it('lets replies back through NAT only to a socket that sent first', async () => {
    const { world, recorder } = await start('127.0.37.1');
    const socket = await world.network('gw', 'client').listen('udp', ':0');
    await socket.writeTo(new TextEncoder().encode('query'), 'www.example.com:5353');
    const reply = await socket.readFrom(1500);
    expect(reply && Buffer.from(reply.data).toString()).toBe('query');
    expect(reply?.addr).toBe('198.51.100.80:5353');
    const port = socket.localAddr.slice(socket.localAddr.lastIndexOf(':') + 1);
    // An unsolicited datagram from another port of the web host is dropped at the NAT.
    const stranger = await world.network('web', 'client').listen('udp', ':0');
    await stranger.writeTo(new TextEncoder().encode('unsolicited'), `10.0.0.2:${port}`);
    const dropped = recorder.entries.filter(
      (e) => e.event.type === 'net.datagram' && e.event.result === 'dropped',
    );
    expect(dropped.map((e) => e.event)).toEqual([
      expect.objectContaining({ from: 'web', dst: `10.0.0.2:${port}`, to: 'gw' }),
    ]);
    stranger.close();
    socket.close();
  });

  it('reports connection refused on a connected socket after a datagram to a closed port', async () => {
    const { world } = await start('127.0.38.1');
    const conn = await world.network('gw', 'client').dial('udp', 'www.example.com:9');
    await conn.write(new TextEncoder().encode('anyone?'));
    const error = await failure(conn.read());
    expect(error.kind).toBe('refused');
    conn.close();
  });
});

describe('faults', () => {
  it('resets the connections of a host that goes down, and routes nothing to it until it is up', async () => {
    const { world, recorder } = await start('127.0.39.1');
    const conn = await world.network('gw', 'client').dial('tcp', 'www.example.com:7');
    await conn.write(new TextEncoder().encode('x'));
    expect(await readAll(conn, 1)).toBe('x');
    world.setDown('web', true);
    const after = await conn.read().then(
      (chunk) => (chunk === null ? 'end' : 'data'),
      (error: GostError) => error.kind,
    );
    expect(after).toBe('reset');
    const dial = await failure(world.network('gw', 'client').dial('tcp', 'www.example.com:7'));
    expect(dial.kind).toBe('unreachable');
    expect(recorder.entries.some((e) => e.event.type === 'net.reset' && e.event.conns === 1)).toBe(true);
    world.setDown('web', false);
    expect(world.registry.ofHost('web')).toEqual([]);
  });
});
