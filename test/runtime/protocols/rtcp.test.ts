import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { utf8 } from '../../../runtime/io/bytes.js';
import { proxyNode, server } from '../chains.js';
import { createLab, echoServer, type Lab, readText, readToEnd, udpEchoServer, until } from '../helpers.js';

const hosts = { office: ['10.0.0.1'], relay: ['10.0.0.2'], db: ['10.0.0.3'], laptop: ['10.0.0.4'] };
let lab: Lab;
afterEach(() => lab?.close());

function remoteForward(
  type: 'rtcp' | 'rudp',
  connector: string,
  target: string,
  connectorMetadata = {},
): GostConfig {
  return {
    services: [
      {
        name: type,
        addr: ':2222',
        handler: { type },
        listener: { type, chain: 'c' },
        forwarder: { nodes: [{ name: 'db', addr: target }] },
      },
    ],
    chains: [{ name: 'c', hops: [{ name: 'h', nodes: [proxyNode('n', { connector, connectorMetadata })] }] }],
  };
}

const bindOk = (l: Lab, host: string) => () =>
  l.events.some((e) => e.type === 'bind' && e.host === host && e.ok);
const retries = (l: Lab) =>
  l.events.flatMap((e) => (e.type === 'service.error' && e.retryInMs ? [e.retryInMs] : []));

async function laptopEcho(port = '10.0.0.2:2222', text = 'ssh'): Promise<string> {
  const app = await lab.world.host('laptop').network.dial('tcp', port);
  await app.write(utf8(text));
  const got = await readText(app, text.length);
  app.close();
  return got;
}

describe('rtcp', () => {
  for (const connector of ['relay', 'socks5']) {
    it(`opens the port on the ${connector} server and carries inbound connections back`, async () => {
      lab = createLab(hosts);
      await echoServer(lab.world.host('db'), ':22');
      await lab.start('relay', server(connector, { metadata: { bind: true } }));
      await lab.start('office', remoteForward('rtcp', connector, '10.0.0.3:22'));
      expect(await until(bindOk(lab, 'relay'))).toBe(true);
      expect(await laptopEcho()).toBe('ssh');
      expect(await laptopEcho('10.0.0.2:2222', 'again')).toBe('again');
    });
  }

  it('retries a refused bind after 1 s, 2 s, 4 s, then every 5 s', async () => {
    lab = createLab(hosts);
    await lab.start('relay', server('relay'));
    await lab.start('office', remoteForward('rtcp', 'relay', '10.0.0.3:22'));
    await until(() => retries(lab).length === 1);
    for (let i = 0; i < 5; i++) await lab.clock.advance(5_000);
    expect(retries(lab).slice(0, 6)).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    expect(lab.events.some((e) => e.type === 'service.error' && e.error === 'bind on :2222/tcp failed')).toBe(
      true,
    );
  });

  it('re-binds after the relay host goes away and comes back', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('db'), ':22');
    await lab.start('relay', server('relay', { metadata: { bind: true } }));
    await lab.start('office', remoteForward('rtcp', 'relay', '10.0.0.3:22'));
    await until(bindOk(lab, 'relay'));
    expect(await laptopEcho()).toBe('ssh');
    lab.world.host('relay').crash();
    await until(() => retries(lab).length > 0);
    await lab.clock.advance(1_000);
    await lab.start('relay', server('relay', { metadata: { bind: true } }));
    await lab.clock.advance(2_000);
    await until(() => lab.events.filter((e) => e.type === 'bind' && e.ok).length === 2);
    expect(await laptopEcho()).toBe('ssh');
  });

  it('binds locally without a listener chain', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('db'), ':22');
    await lab.start('office', {
      services: [
        {
          name: 'rtcp',
          addr: ':2222',
          handler: { type: 'rtcp' },
          listener: { type: 'rtcp' },
          forwarder: { nodes: [{ name: 'db', addr: '10.0.0.3:22' }] },
        },
      ],
    });
    expect(await laptopEcho('10.0.0.1:2222')).toBe('ssh');
  });

  it('fails "bind unsupported" through an http node and "node not available" without a forwarder', async () => {
    lab = createLab(hosts);
    await lab.start('relay', server('http'));
    await lab.start('office', remoteForward('rtcp', 'http', '10.0.0.3:22'));
    expect(
      await until(() => lab.events.some((e) => e.type === 'service.error' && e.error === 'bind unsupported')),
    ).toBe(true);
    lab.close();

    lab = createLab(hosts);
    await lab.start('relay', server('relay', { metadata: { bind: true } }));
    const config = remoteForward('rtcp', 'relay', '10.0.0.3:22');
    delete config.services![0]!.forwarder;
    await lab.start('office', config);
    await until(bindOk(lab, 'relay'));
    const app = await lab.world.host('laptop').network.dial('tcp', '10.0.0.2:2222');
    expect((await readToEnd(app)).length).toBe(0);
    expect(
      await until(() => lab.events.some((e) => e.type === 'error' && e.message === 'node not available')),
    ).toBe(true);
  });
});

describe('rudp', () => {
  for (const connector of ['relay', 'socks5']) {
    it(`opens a UDP port on the ${connector} server and answers each peer`, async () => {
      lab = createLab(hosts);
      await udpEchoServer(lab.world.host('db'), ':53', 'db:');
      await lab.start('relay', server(connector, { metadata: { bind: true } }));
      await lab.start('office', remoteForward('rudp', connector, '10.0.0.3:53'));
      expect(await until(bindOk(lab, 'relay'))).toBe(true);
      const peer = await lab.world.host('laptop').network.dial('udp', '10.0.0.2:2222');
      await peer.write(utf8('a'));
      expect(await readText(peer, 4)).toBe('db:a');
      await peer.write(utf8('b'));
      expect(await readText(peer, 4)).toBe('db:b');
    });
  }
});
