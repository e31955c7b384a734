/** Behaviours of GOST-SEMANTICS §1.4, §3 and §5 that cut across protocols. */

import { afterEach, describe, expect, it } from 'vitest';
import type { AdmissionConfig, GostConfig } from '../../compiler/gost/config.js';
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
    await lab.start('client', {
      services: [{ name: 'fwd', addr: ':8080', handler: { type: 'tcp' }, listener: { type: 'tcp' } }],
    });
    const a = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    expect((await readToEnd(a)).length).toBe(0);
    expect(await until(() => errors().some((m) => m.includes('connection refused')))).toBe(true);
    lab.close();

    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80', 'server-picked:');
    await lab.start(
      'p1',
      server('tcp', { extra: { forwarder: { nodes: [{ name: 't', addr: '10.0.0.3:80' }] } } }),
    );
    const client = forwarder('ignored:1', [
      [proxyNode('p', { connector: 'forward', addr: '10.0.0.2:8000' })],
    ]);
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
      services: [
        {
          name: 'socks',
          addr: ':1080',
          handler: { type: 'socks5', chain: 'c', metadata: { udp: true, notls: true } },
        },
      ],
      chains: [
        {
          name: 'c',
          hops: [{ name: 'h', nodes: [proxyNode('r', { connector: 'relay', addr: '10.0.0.4:8000' })] }],
        },
      ],
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
        forwarder(
          '10.0.0.3:53',
          [
            [
              proxyNode('s', {
                connector: 'socks5',
                addr: '10.0.0.2:1080',
                connectorMetadata: { notls: true, relay: 'udp' },
              }),
            ],
          ],
          { udp: true },
        ),
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
      forwarder(
        '10.0.0.3:53',
        [
          [
            proxyNode('r', {
              connector: 'relay',
              addr: '10.0.0.2:8000',
              connectorMetadata: { nodelay: true },
            }),
          ],
        ],
        { udp: true },
      ),
    );
    const app = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await app.write(utf8('q'));
    expect(await until(() => errors().includes('relay response: bad version'))).toBe(true);
  });

  it('deadlocks client nodelay against server nodelay off with a client-first protocol', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('r', { connector: 'relay', addr: '10.0.0.2:8000', connectorMetadata: { nodelay: true } })],
      ]),
    );
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
        {
          name: 'dead',
          hops: [{ name: 'h', nodes: [proxyNode('d', { connector: 'relay', addr: '10.0.0.9:8000' })] }],
        },
        {
          name: 'live',
          hops: [{ name: 'h', nodes: [proxyNode('l', { connector: 'relay', addr: '10.0.0.2:8000' })] }],
        },
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

describe('bypass and admission', () => {
  const bypasses = [
    { name: 'internal', matchers: ['10.0.0.0/24', '*.corp.example'] },
    { name: 'only-corp', whitelist: true, matchers: ['.corp.example'] },
  ];

  it('answers 3 Forbidden (relay) and 403 (http) for a bypassed destination', async () => {
    lab = createLab(hosts);
    const relay = server('relay');
    relay.services![0]!.bypass = 'internal';
    relay.bypasses = bypasses;
    await lab.start('p1', relay);
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    await c.write(Uint8Array.from([1, 1, 0, 10, 2, 0, 7, 1, 10, 0, 0, 3, 0, 80]));
    expect(Array.from(await readToEnd(c))).toEqual([1, 3, 0, 0]);
    lab.close();

    lab = createLab(hosts);
    const http = server('http');
    http.services![0]!.bypasses = ['only-corp'];
    http.bypasses = bypasses;
    await lab.start('p1', http);
    const h = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    await h.write(utf8('CONNECT www.example.org:443 HTTP/1.1\r\nHost: www.example.org:443\r\n\r\n'));
    expect(new TextDecoder().decode(await readToEnd(h))).toMatch(/^HTTP\/1.1 403 Forbidden\r\n/);
  });

  it('truncates the chain at a hop whose bypass contains the destination', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    const client = forwarder('10.0.0.3:80', [
      [proxyNode('dead', { connector: 'relay', addr: '10.0.0.9:8000' })],
    ]);
    client.chains![0]!.hops![0]!.bypass = 'internal';
    client.bypasses = bypasses;
    await lab.start('client', client);
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('direct'));
    expect(await readText(app, 6)).toBe('direct');
  });

  it('disconnects clients an admission denies; an undefined admission denies everyone', async () => {
    const cases: [AdmissionConfig, boolean][] = [
      [{ name: 'no-client', matchers: ['10.0.0.1'] }, false],
      [{ name: 'no-client', whitelist: true, matchers: ['10.0.0.0/24'] }, true],
    ];
    for (const [admission, admitted] of cases) {
      lab = createLab(hosts);
      await echoServer(lab.world.host('target'), ':80');
      const relay = server('relay');
      relay.services![0]!.admission = 'no-client';
      relay.admissions = [admission];
      await lab.start('p1', relay);
      await lab.start(
        'client',
        forwarder('10.0.0.3:80', [[proxyNode('r', { connector: 'relay', addr: '10.0.0.2:8000' })]]),
      );
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      await app.write(utf8('hi'));
      if (admitted) expect(await readText(app, 2)).toBe('hi');
      else expect((await readToEnd(app)).length).toBe(0);
      lab.close();
    }
    lab = createLab(hosts);
    const relay = server('relay');
    relay.services![0]!.admission = 'undefined-name';
    await lab.start('p1', relay);
    const c = await lab.world.host('client').network.dial('tcp', '10.0.0.2:8000');
    expect((await readToEnd(c)).length).toBe(0);
  });
});

describe('start failures', () => {
  it('fails the whole instance when a listener cannot bind, closing what already started', async () => {
    lab = createLab(hosts);
    const config: GostConfig = {
      services: [
        { name: 'a', addr: ':9000', handler: { type: 'relay' } },
        { name: 'b', addr: '0.0.0.0:9000', handler: { type: 'relay' } },
      ],
    };
    const failure = await lab.start('p1', config).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'address-in-use', service: 'b', host: 'p1' });
    const again = await lab.world.host('p1').network.listen('tcp', ':9000');
    again.close();
  });

  it("refuses duplicate names as gost's registry does", async () => {
    lab = createLab(hosts);
    const failure = await lab
      .start('p1', {
        chains: [
          { name: 'x', hops: [] },
          { name: 'x', hops: [] },
        ],
      })
      .catch((e: unknown) => e);
    expect((failure as Error).message).toBe('registry: duplicate object: chain x');
  });
});
