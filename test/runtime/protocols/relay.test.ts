import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig, ServiceConfig } from '../../../compiler/gost/config.js';
import { hex, utf8 } from '../../../runtime/io/bytes.js';
import { BufferedReader } from '../../../runtime/io/reader.js';
import {
  createLab,
  echoServer,
  isPending,
  type Lab,
  readBytes,
  readText,
  readToEnd,
  settle,
  udpEchoServer,
} from '../helpers.js';

const hosts = { client: ['10.0.0.1'], relay: ['10.0.0.2'], target: ['10.0.0.3'] };

function relayServer(metadata: Record<string, unknown> = {}, extra: Partial<ServiceConfig> = {}): GostConfig {
  return {
    services: [
      {
        name: 'relay',
        addr: ':8420',
        handler: { type: 'relay', metadata },
        listener: { type: 'tcp' },
        ...extra,
      },
    ],
  };
}

function forwardClient(
  target: string,
  options: {
    connector?: Record<string, unknown>;
    auth?: { username: string; password: string };
    udp?: boolean;
  } = {},
): GostConfig {
  return {
    services: [
      {
        name: 'fwd',
        addr: ':8080',
        handler: { type: options.udp ? 'udp' : 'tcp', chain: 'c' },
        listener: { type: options.udp ? 'udp' : 'tcp', metadata: options.udp ? { keepalive: true } : {} },
        forwarder: { nodes: [{ name: 't', addr: target }] },
      },
    ],
    chains: [
      {
        name: 'c',
        hops: [
          {
            name: 'h',
            nodes: [
              {
                name: 'n',
                addr: '10.0.0.2:8420',
                connector: {
                  type: 'relay',
                  metadata: options.connector ?? {},
                  ...(options.auth ? { auth: options.auth } : {}),
                },
                dialer: { type: 'tcp' },
              },
            ],
          },
        ],
      },
    ],
  };
}

let lab: Lab;
afterEach(() => lab?.close());

const errors = (l: Lab) =>
  l.events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.message : ''));

describe('relay CONNECT through a chain', () => {
  it('carries a TCP stream client -> relay -> target', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('relay', relayServer());
    await lab.start('client', forwardClient('10.0.0.3:80'));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('hello'));
    expect(await readText(app, 5)).toBe('hello');
    app.close();
  });

  it('holds the request header back and sends it with the first payload (client nodelay off)', async () => {
    lab = createLab(hosts);
    const server = await lab.world.host('relay').network.listen('tcp', ':8420');
    await lab.start('client', forwardClient('10.0.0.3:80'));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    const accepted = await server.accept();
    const first = accepted.read();
    expect(await isPending(first)).toBe(true);
    await app.write(utf8('GET'));
    // One write: 01 01 000a | Addr feature 02 0007 01 0a000003 0050 | "GET"
    expect(hex((await first)!)).toBe('0101000a' + '020007010a0000030050' + '474554');
  });

  it('sends the request at once and waits for the response with client nodelay on', async () => {
    lab = createLab(hosts);
    const server = await lab.world.host('relay').network.listen('tcp', ':8420');
    await lab.start('client', forwardClient('10.0.0.3:80', { connector: { nodelay: true } }));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    const accepted = await server.accept();
    const reader = new BufferedReader(accepted);
    expect(hex(await reader.readExact(14))).toBe('0101000a020007010a0000030050');
    await accepted.write(Uint8Array.of(1, 0, 0, 0));
    await accepted.write(utf8('banner'));
    expect(await readText(app, 6)).toBe('banner');
  });

  it('prepends the OK response to the first reply bytes (server nodelay off) and sends it alone with nodelay', async () => {
    for (const nodelay of [false, true]) {
      lab = createLab(hosts);
      const target = await lab.world.host('target').network.listen('tcp', ':80');
      await lab.start('relay', relayServer({ nodelay }));
      const client = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8420');
      await client.write(fromParts('0101000a', '020007010a0000030050'));
      const upstream = await target.accept();
      const first = client.read();
      expect(await isPending(first)).toBe(!nodelay);
      await upstream.write(utf8('hi'));
      const head = (await first)!;
      expect(hex(head)).toBe(nodelay ? '01000000' : `01000000${hex(utf8('hi'))}`);
      if (nodelay) expect(hex(await readBytes(client, 2))).toBe(hex(utf8('hi')));
      lab.close();
    }
  });

  it('answers 2 Unauthorized to a client without the right credentials', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start(
      'relay',
      relayServer({}, { handler: { type: 'relay', auth: { username: 'u', password: 'p' } } }),
    );
    await lab.start('client', forwardClient('10.0.0.3:80', { auth: { username: 'u', password: 'wrong' } }));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('x'));
    expect((await readToEnd(app)).length).toBe(0);
    await settle();
    expect(errors(lab)).toContain('2 Unauthorized');
  });

  it('accepts the right credentials (UserAuth feature)', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start(
      'relay',
      relayServer({}, { handler: { type: 'relay', auth: { username: 'u', password: 'p' } } }),
    );
    await lab.start('client', forwardClient('10.0.0.3:80', { auth: { username: 'u', password: 'p' } }));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('ok'));
    expect(await readText(app, 2)).toBe('ok');
  });

  it('reports 7 Network Unreachable when the server cannot reach the target', async () => {
    lab = createLab(hosts);
    await lab.start('relay', relayServer());
    await lab.start('client', forwardClient('10.0.0.3:81', { connector: { nodelay: true } }));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(app)).length).toBe(0);
    await settle();
    expect(errors(lab)).toContain('7 Network Unreachable');
    expect(errors(lab).some((m) => m.includes('connection refused'))).toBe(true);
  });

  it('in forward mode ignores the client target and uses the server forwarder', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':9000', 'forwarded:');
    await lab.start(
      'relay',
      relayServer({}, { forwarder: { nodes: [{ name: 'fw', addr: '10.0.0.3:9000' }] } }),
    );
    await lab.start('client', forwardClient('10.9.9.9:1'));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('!'));
    expect(await readText(app, 11)).toBe('forwarded:!');
  });

  it('in forward mode with no target answers 5 Service Unavailable', async () => {
    lab = createLab(hosts);
    await lab.start('relay', relayServer({}, { forwarder: { hop: 'missing' } }));
    const client = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8420');
    await client.write(fromParts('01010000'));
    expect(hex(await readToEnd(client))).toBe('01050000');
  });

  it('refuses BIND without bind=true (3 Forbidden) and rejects non-relay bytes silently', async () => {
    lab = createLab(hosts);
    await lab.start('relay', relayServer());
    const c1 = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8420');
    await c1.write(fromParts('01020007', '020004', '03000050'));
    expect(hex(await readToEnd(c1))).toBe('01030000');
    const c2 = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8420');
    await c2.write(utf8('GET / HTTP/1.1\r\n\r\n'));
    expect((await readToEnd(c2)).length).toBe(0);
  });

  it('closes a short request after readTimeout', async () => {
    lab = createLab(hosts);
    await lab.start('relay', relayServer());
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8420');
    await c.write(Uint8Array.of(1, 1));
    const end = readToEnd(c);
    await lab.clock.advance(14_000);
    expect(await isPending(end)).toBe(true);
    await lab.clock.advance(1_000);
    expect((await end).length).toBe(0);
  });
});

describe('relay UDP', () => {
  it('forwards datagrams with LEN(2) frames through a udp service', async () => {
    lab = createLab(hosts);
    await udpEchoServer(lab.world.host('target'), ':53', 'echo:');
    await lab.start('relay', relayServer());
    await lab.start('client', forwardClient('10.0.0.3:53', { udp: true }));
    const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await app.write(utf8('q1'));
    expect(await readText(app, 7)).toBe('echo:q1');
    await app.write(utf8('q2'));
    expect(await readText(app, 7)).toBe('echo:q2');
  });

  it('frames the request and first datagram as 01 81 ... | LEN | DATA', async () => {
    lab = createLab(hosts);
    const server = await lab.world.host('relay').network.listen('tcp', ':8420');
    await lab.start('client', forwardClient('10.0.0.3:53', { udp: true }));
    const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await app.write(utf8('q'));
    const accepted = await server.accept();
    // 01 81 | FEALEN 0x000f | Network 04 0002 0001 | Addr 02 0007 01 0a000003 0035 | 0001 'q'
    expect(hex((await accepted.read())!)).toBe('0181000f' + '0400020001' + '020007010a0000030035' + '000171');
  });
});

function fromParts(...parts: string[]): Uint8Array {
  const text = parts.join('');
  return Uint8Array.from(text.match(/../g)!.map((b) => Number.parseInt(b, 16)));
}
