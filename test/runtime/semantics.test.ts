/** Behaviours of GOST-SEMANTICS §1.4, §3 and §5 that cut across protocols. */

import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../compiler/gost/config.js';
import { utf8 } from '../../runtime/io/bytes.js';
import { forwarder, proxyNode, server } from './chains.js';
import { createLab, echoServer, type Lab, readText, readToEnd, udpEchoServer, until } from './helpers.js';

const hosts = { client: ['10.0.0.1'], p1: ['10.0.0.2'], p2: ['10.0.0.4'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());
const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

describe('forwarding without a target', () => {
  it('dials ":0" directly and fails, but lets a forward last node hand the choice to its server', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80', 'server-picked:');
    await lab.start('client', { services: [{ name: 'fwd', addr: ':8080', handler: { type: 'tcp' }, listener: { type: 'tcp' } }] });
    const a = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(a)).length).toBe(0);
    expect(await until(() => errors().some((m) => m.includes('connection refused')))).toBe(true);
    lab.close();

    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80', 'server-picked:');
    await lab.start('p1', server('tcp', { extra: { forwarder: { nodes: [{ name: 't', addr: '10.0.0.3:80' }] } } }));
    const client = forwarder('ignored:1', [[proxyNode('p', { connector: 'forward', addr: '10.0.0.2:8000' })]]);
    delete client.services![0]!.forwarder;
    await lab.start('client', client);
    const b = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await b.write(utf8('!'));
    expect(await readText(b, 15)).toBe('server-picked:!');
  });
});

describe('UDP associations through a relay (socks5 UDP ASSOCIATE behind a relay chain)', () => {
  function socksOverRelay(bind: boolean): [GostConfig, GostConfig] {
    const socks: GostConfig = {
      services: [{ name: 'socks', addr: ':1080', handler: { type: 'socks5', chain: 'c', metadata: { udp: true, notls: true } } }],
      chains: [{ name: 'c', hops: [{ name: 'h', nodes: [proxyNode('r', { connector: 'relay', addr: '10.0.0.4:8000' })] }] }],
    };
    return [socks, server('relay', { metadata: { bind } })];
  }

  for (const bind of [true, false]) {
    it(`${bind ? 'works when' : 'fails unless'} the relay server has bind=true`, async () => {
      lab = createLab(hosts);
      await udpEchoServer(lab.world.host('target'), ':53', 'u:');
      const [socks, relay] = socksOverRelay(bind);
      await lab.start('p2', relay);
      await lab.start('p1', socks);
      await lab.start(
        'client',
        forwarder('10.0.0.3:53', [[proxyNode('s', { connector: 'socks5', addr: '10.0.0.2:1080', connectorMetadata: { notls: true, relay: 'udp' } })]], { udp: true }),
      );
      const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
      await app.write(utf8('dns'));
      if (bind) expect(await readText(app, 5)).toBe('u:dns');
      else expect(await until(() => errors().includes('get socks5 UDP tunnel failure'))).toBe(true);
    });
  }
});

describe('relay quirks', () => {
  it('UDP with client nodelay reads a second response and fails "bad version"', async () => {
    lab = createLab(hosts);
    await udpEchoServer(lab.world.host('target'), ':53', 'u:');
    await lab.start('p1', server('relay', { metadata: { nodelay: true } }));
    await lab.start(
      'client',
      forwarder('10.0.0.3:53', [[proxyNode('r', { connector: 'relay', addr: '10.0.0.2:8000', connectorMetadata: { nodelay: true } })]], { udp: true }),
    );
    const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await app.write(utf8('q'));
    expect(await until(() => errors().includes('relay response: bad version'))).toBe(true);
  });

  it('deadlocks client nodelay against server nodelay off with a client-first protocol', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('r', { connector: 'relay', addr: '10.0.0.2:8000', connectorMetadata: { nodelay: true } })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('GET'));
    let answered = false;
    void app.read().then(() => {
      answered = true;
    });
    expect(await until(() => answered, 40)).toBe(false);
    expect(lab.events.filter((e) => e.type === 'error')).toEqual([]);
  });
});

describe('chain groups', () => {
  it('round-robins between the chains of a group and skips a failed one', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    const config: GostConfig = {
      services: [
        {
          name: 'fwd',
          addr: ':8080',
          handler: { type: 'tcp', chainGroup: { chains: ['dead', 'live'] } },
          listener: { type: 'tcp' },
          forwarder: { nodes: [{ name: 't', addr: '10.0.0.3:80' }] },
        },
      ],
      chains: [
        { name: 'dead', hops: [{ name: 'h', nodes: [proxyNode('d', { connector: 'relay', addr: '10.0.0.9:8000' })] }] },
        { name: 'live', hops: [{ name: 'h', nodes: [proxyNode('l', { connector: 'relay', addr: '10.0.0.2:8000' })] }] },
      ],
    };
    await lab.start('client', config);
    const results: string[] = [];
    for (let i = 0; i < 4; i++) {
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      await app.write(utf8(`${i}`));
      const chunk = await app.read().catch(() => null);
      results.push(chunk ? new TextDecoder().decode(chunk) : '');
      app.close();
    }
    expect(results).toEqual(['', '1', '2', '3']);
  });
});
