import { afterEach, describe, expect, it } from 'vitest';
import { hex, utf8 } from '../../../runtime/io/bytes.js';
import { BufferedReader } from '../../../runtime/io/reader.js';
import { forwarder, proxyNode, server } from '../chains.js';
import { createLab, echoServer, type Lab, readText, readToEnd, udpEchoServer, until } from '../helpers.js';

const hosts = { client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());

const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

async function roundTrip(payload = 'ping'): Promise<string> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8(payload));
  const got = await readText(app, payload.length);
  app.close();
  return got;
}

describe('socks5 connector -> socks5 handler', () => {
  it('negotiates byte-exactly without TLS (notls) and connects', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    const raw = await lab.world.host('proxy').network.listen('tcp', ':8000');
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'socks5', connectorMetadata: { notls: true } })],
      ]),
    );
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    const conn = await raw.accept();
    const reader = new BufferedReader(conn);
    expect(hex(await reader.readExact(3))).toBe('050100');
    await conn.write(Uint8Array.of(5, 0));
    expect(hex(await reader.readExact(10))).toBe('050100010a0000030050');
    await conn.write(Uint8Array.of(5, 0, 0, 1, 0, 0, 0, 0, 0, 0));
    await app.write(utf8('x'));
    expect(hex(await reader.readExact(1))).toBe('78');
  });

  it('offers 00 02 80 82 with credentials and runs user/pass inside TLS against a gost server', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('socks5', { auth: { username: 'u', password: 'p' } }));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'socks5', auth: { username: 'u', password: 'p' } })],
      ]),
    );
    expect(await roundTrip()).toBe('ping');
  });

  it('uses TLS method 0x80 by default between gost peers', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('socks5'));
    await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'socks5' })]]));
    expect(await roundTrip('tls!')).toBe('tls!');
  });

  it('fails "auth failure" with wrong or missing credentials', async () => {
    for (const auth of [{ username: 'u', password: 'bad' }, undefined]) {
      lab = createLab(hosts);
      await lab.start(
        'proxy',
        server('socks5', { auth: { username: 'u', password: 'p' }, metadata: { notls: true } }),
      );
      await lab.start(
        'client',
        forwarder('10.0.0.3:80', [
          [proxyNode('p', { connector: 'socks5', auth, connectorMetadata: { notls: true } })],
        ]),
      );
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      expect((await readToEnd(app)).length).toBe(0);
      expect(await until(() => errors().includes('auth failure'))).toBe(true);
      lab.close();
    }
  });

  it('accepts any credentials when the auther name is undefined', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('socks5', { extra: { handler: { type: 'socks5', auther: 'nobody' } } }));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'socks5', auth: { username: 'x', password: 'y' } })],
      ]),
    );
    expect(await roundTrip()).toBe('ping');
  });

  it('replies 03 to a failed dial and the client reports "host unreachable"', async () => {
    lab = createLab(hosts);
    await lab.start('proxy', server('socks5'));
    await lab.start('client', forwarder('10.0.0.3:81', [[proxyNode('p', { connector: 'socks5' })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(app)).length).toBe(0);
    expect(await until(() => errors().includes('host unreachable'))).toBe(true);
  });

  it('relays UDP with UDP-TUN when the server has udp=true, refuses otherwise', async () => {
    for (const udp of [true, false]) {
      lab = createLab(hosts);
      await udpEchoServer(lab.world.host('target'), ':53', 'r:');
      await lab.start('proxy', server('socks5', { metadata: { udp } }));
      await lab.start(
        'client',
        forwarder('10.0.0.3:53', [[proxyNode('p', { connector: 'socks5' })]], { udp: true }),
      );
      const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
      await app.write(utf8('dns?'));
      if (udp) {
        expect(await readText(app, 6)).toBe('r:dns?');
      } else {
        expect(await until(() => errors().includes('get socks5 UDP tunnel failure'))).toBe(true);
      }
      lab.close();
    }
  });

  it('relays UDP with a standard UDP ASSOCIATE when the connector sets relay=udp', async () => {
    lab = createLab(hosts);
    await udpEchoServer(lab.world.host('target'), ':53', 'std:');
    await lab.start('proxy', server('socks5', { metadata: { udp: true, notls: true } }));
    await lab.start(
      'client',
      forwarder(
        '10.0.0.3:53',
        [[proxyNode('p', { connector: 'socks5', connectorMetadata: { relay: 'udp', notls: true } })]],
        { udp: true },
      ),
    );
    const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await app.write(utf8('q'));
    expect(await readText(app, 5)).toBe('std:q');
  });

  it('answers 07 to an unknown command', async () => {
    lab = createLab(hosts);
    await lab.start('proxy', server('socks5', { metadata: { notls: true } }));
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    await c.write(Uint8Array.of(5, 1, 0));
    await c.write(Uint8Array.of(5, 0x09, 0, 1, 1, 2, 3, 4, 0, 80));
    expect(hex(await readToEnd(c))).toBe('0500' + '05070001000000000000');
  });
});
