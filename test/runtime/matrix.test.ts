/**
 * The connector -> handler compatibility matrix of GOST-SEMANTICS §1.3/§1.4, run over in-memory
 * pipes: a client forwards an app connection through one node to a target echo server.
 *
 *   ok        the app's bytes come back
 *   eof       the connection is closed without the app's bytes (parse failure on the server)
 *   stall     nothing happens: a side waits for bytes that never come (http without a newline,
 *             socks4 waiting for 8 bytes)
 *   forwarded a tcp/forward handler passed the connector's own bytes to its target
 *
 * relay -> http/auto is "eof" here, not a stall: a relay request for an IPv4 target has FEALEN
 * 0x000a, a newline, so Go's ReadRequest gets a (malformed) line at once. With a domain target no
 * newline appears and the http handler waits (tested separately).
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { Conn } from '../../runtime/types.js';
import { utf8 } from '../../runtime/io/bytes.js';
import { forwarder, proxyNode, server } from './chains.js';
import { createLab, type Lab, settle } from './helpers.js';

type Outcome = 'ok' | 'eof' | 'stall' | 'forwarded';

const handlers = ['relay', 'socks5', 'socks4', 'http', 'auto', 'tcp'] as const;

const expected: Record<string, Record<(typeof handlers)[number], Outcome>> = {
  relay: { relay: 'ok', socks5: 'eof', socks4: 'eof', http: 'eof', auto: 'eof', tcp: 'forwarded' },
  socks5: { relay: 'eof', socks5: 'ok', socks4: 'stall', http: 'stall', auto: 'ok', tcp: 'forwarded' },
  socks4: { relay: 'eof', socks5: 'eof', socks4: 'ok', http: 'stall', auto: 'ok', tcp: 'forwarded' },
  http: { relay: 'eof', socks5: 'eof', socks4: 'eof', http: 'ok', auto: 'ok', tcp: 'forwarded' },
  forward: { relay: 'eof', socks5: 'eof', socks4: 'stall', http: 'stall', auto: 'stall', tcp: 'ok' },
};

let lab: Lab;
afterEach(() => lab?.close());

async function recordingEcho(firstChunks: Uint8Array[]): Promise<void> {
  const ln = await lab.world.host('target').network.listen('tcp', ':80');
  void (async () => {
    for (;;) {
      const conn = await ln.accept().catch(() => undefined);
      if (!conn) return;
      void (async () => {
        let first = true;
        for (;;) {
          const chunk = await conn.read().catch(() => null);
          if (chunk === null) break;
          if (first) firstChunks.push(chunk);
          first = false;
          await conn.write(chunk).catch(() => undefined);
        }
        conn.close();
      })();
    }
  })();
}

async function observe(app: Conn): Promise<'ok' | 'eof' | 'stall'> {
  let result: Uint8Array | null | undefined;
  app.read().then(
    (chunk) => {
      result = chunk;
    },
    () => {
      result = null;
    },
  );
  for (let i = 0; i < 30 && result === undefined; i++) await settle();
  if (result === undefined) return 'stall';
  if (result === null) return 'eof';
  return new TextDecoder().decode(result) === 'ping' ? 'ok' : 'eof';
}

describe('connector x handler matrix', () => {
  for (const connector of Object.keys(expected)) {
    for (const handler of handlers) {
      const want = expected[connector]![handler];
      it(`${connector} -> ${handler}: ${want}`, async () => {
        lab = createLab({ client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] });
        const firstChunks: Uint8Array[] = [];
        await recordingEcho(firstChunks);
        const tcpForwarder = { forwarder: { nodes: [{ name: 'fw', addr: '10.0.0.3:80' }] } };
        await lab.start('proxy', server(handler, handler === 'tcp' ? { extra: tcpForwarder } : {}));
        await lab.start('client', forwarder('10.0.0.3:80', [[proxyNode('p', { connector })]]));
        const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
        await app.write(utf8('ping'));
        const seen = await observe(app);
        const forwardedOwnBytes =
          handler === 'tcp' && firstChunks.length > 0 && new TextDecoder().decode(firstChunks[0]) !== 'ping';
        expect(forwardedOwnBytes ? 'forwarded' : seen).toBe(want);
      });
    }
  }
});

describe('relay request to an http handler', () => {
  it('stalls when the header holds no newline byte (domain target)', async () => {
    lab = createLab({ client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] });
    lab.world.addName('db.internal', '10.0.0.3');
    await recordingEcho([]);
    await lab.start('proxy', server('http'));
    await lab.start('client', forwarder('db.internal:80', [[proxyNode('p', { connector: 'relay' })]]));
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('ping'));
    expect(await observe(app)).toBe('stall');
  });
});
