import { afterEach, describe, expect, it } from 'vitest';
import type { GostError } from '../../../runtime/errors.js';
import { hex, utf8 } from '../../../runtime/io/bytes.js';
import { createPipe } from '../../../runtime/io/pipe.js';
import { AeadState, masterKey, pickCipher, ShadowConn, subkey } from '../../../runtime/protocols/ss/wire.js';
import { SeededRng } from '../../../runtime/testing/clock.js';
import { forwarder, proxyNode, server } from '../chains.js';
import { createLab, echoServer, isPending, type Lab, readText, until } from '../helpers.js';

const hosts = { client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());
const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

describe('shadowsocks AEAD', () => {
  it('derives the master key with EVP_BytesToKey (MD5)', () => {
    expect(hex(masterKey('password', 16))).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(hex(masterKey('password', 32)).slice(0, 32)).toBe('5f4dcc3b5aa765d61d8327deb882cf99');
  });

  it('frames the first write as salt | sealed length | sealed payload and counts nonces up', async () => {
    const spec = pickCipher('AEAD_AES_256_GCM');
    const key = masterKey('secret', 32);
    const [a, b] = createPipe('a:1', 'b:2');
    const client = new ShadowConn(a, spec, key, new SeededRng(9), Uint8Array.of(1, 10, 0, 0, 3, 0, 80));
    await client.write(utf8('hello'));
    const wire = (await b.read())!;
    expect(wire.length).toBe(32 + 2 + 16 + 12 + 16);
    const state = new AeadState(spec, subkey(key, wire.subarray(0, 32)));
    expect(hex(state.open(wire.subarray(32, 50)))).toBe('000c');
    expect(hex(state.open(wire.subarray(50)))).toBe(`010a00000300 50${hex(utf8('hello'))}`.replace(' ', ''));
    expect(() => new AeadState(spec, subkey(key, wire.subarray(0, 32))).open(wire.subarray(50))).toThrow(
      'message authentication failed',
    );
  });

  it('knows gost cipher names and refuses unknown ones', () => {
    expect(pickCipher('chacha20-ietf-poly1305').algorithm).toBe('chacha20-poly1305');
    expect(pickCipher('none').algorithm).toBe('none');
    expect(() => pickCipher('rc4-md5')).toThrow('cipher not supported');
    expect(
      (() => {
        try {
          pickCipher('2022-blake3-aes-256-gcm');
        } catch (e) {
          return (e as GostError).kind;
        }
      })(),
    ).toBe('unsupported');
  });

  for (const method of ['aes-256-gcm', 'chacha20-ietf-poly1305', 'aes-128-gcm']) {
    it(`carries a stream end to end with ${method}`, async () => {
      lab = createLab(hosts);
      await echoServer(lab.world.host('target'), ':80');
      await lab.start('proxy', server('ss', { auth: { username: method, password: 'pw' } }));
      await lab.start(
        'client',
        forwarder('10.0.0.3:80', [
          [proxyNode('p', { connector: 'ss', auth: { username: method, password: 'pw' } })],
        ]),
      );
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      await app.write(utf8('over ss'));
      expect(await readText(app, 7)).toBe('over ss');
    });
  }

  it('drains a stream it cannot decrypt without answering, and refuses UDP and missing auth', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('ss', { auth: { username: 'aes-256-gcm', password: 'right' } }));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [
        [proxyNode('p', { connector: 'ss', auth: { username: 'aes-256-gcm', password: 'wrong' } })],
      ]),
    );
    const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(utf8('x'));
    expect(await isPending(app.read())).toBe(true);
    lab.close();

    lab = createLab(hosts);
    await expect(lab.start('proxy', server('ss'))).rejects.toThrow('ss: auth is required');
    await lab.start('proxy', server('ss', { auth: { username: 'aes-256-gcm', password: 'pw' } }));
    await lab.start(
      'client',
      forwarder(
        '10.0.0.3:53',
        [[proxyNode('p', { connector: 'ss', auth: { username: 'aes-256-gcm', password: 'pw' } })]],
        { udp: true },
      ),
    );
    const udp = await lab.world.host('client').network.dial('udp', '127.0.0.1:8080');
    await udp.write(utf8('q'));
    expect(await until(() => errors().includes('network udp is unsupported'))).toBe(true);
  });
});
