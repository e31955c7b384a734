import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIP, parseIP } from '../../runtime/addr.js';
import { fromHex, hex, utf8 } from '../../runtime/io/bytes.js';
import { createPipe } from '../../runtime/io/pipe.js';
import { BufferedReader } from '../../runtime/io/reader.js';
import { encodeFrame } from '../../runtime/mux/smux.js';
import * as relay from '../../runtime/protocols/relay/wire.js';
import * as socks4 from '../../runtime/protocols/socks4/wire.js';
import * as socks5 from '../../runtime/protocols/socks5/wire.js';
import { encodeTunFrame, readTunFrame } from '../../runtime/udp/tun.js';

/** A reader over fixed bytes. */
function readerOf(bytes: Uint8Array): BufferedReader {
  const [a, b] = createPipe('a:1', 'b:2');
  void a.write(bytes).then(() => a.closeWrite());
  return new BufferedReader(b);
}

describe('relay wire format (GOST-SEMANTICS §7)', () => {
  it('encodes CONNECT with UserAuth and a domain Addr', () => {
    const bytes = relay.encodeMessage({
      version: 1,
      code: relay.Cmd.connect,
      features: [
        { type: 'userAuth', username: 'user', password: 'pass' },
        relay.addrFeature('example.com:443'),
      ],
    });
    // 01 01 | FEALEN 0x001f | 01 000a 04 "user" 04 "pass" | 02 000f 03 0b "example.com" 01bb
    expect(hex(bytes)).toBe(
      '0101001f' +
        '01000a' +
        '04' +
        hex(utf8('user')) +
        '04' +
        hex(utf8('pass')) +
        '02000f' +
        '030b' +
        hex(utf8('example.com')) +
        '01bb',
    );
  });

  it('encodes IPv6, an empty host and the network feature', () => {
    expect(
      hex(
        relay.encodeMessage({
          version: 1,
          code: 0x82,
          features: [{ type: 'network', network: 1 }, relay.addrFeature(':2222')],
        }),
      ),
    ).toBe('0182000c' + '0400020001' + '020004' + '0300' + '08ae');
    const v6 = relay.addrFeature('[2001:db8::1]:53');
    expect(v6.atyp).toBe(4);
    expect(hex(relay.encodeMessage({ version: 1, code: 0, features: [v6] }))).toBe(
      '01000016020013' + '0420010db8000000000000000000000001' + '0035',
    );
  });

  it('decodes what it encodes', async () => {
    const addr = fc.oneof(
      fc.ipV4(),
      fc.ipV6().map((ip) => formatIP(parseIP(ip)!)),
      fc.domain(),
    );
    await fc.assert(
      fc.asyncProperty(
        addr,
        fc.integer({ min: 0, max: 65535 }),
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 0, max: 255 }),
        async (host, port, user, code) => {
          const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
          const features: relay.Feature[] = [
            { type: 'userAuth', username: user, password: user },
            relay.addrFeature(address),
          ];
          const bytes = relay.encodeMessage({ version: 1, code, features });
          const decoded = await relay.readMessage(readerOf(bytes), 'test');
          expect(decoded.code).toBe(code);
          expect(relay.featureAddress(decoded.features[1] as relay.Feature & { type: 'addr' })).toBe(address);
          expect(relay.encodeMessage(decoded)).toEqual(bytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a bad version and an unknown feature type', async () => {
    await expect(relay.readMessage(readerOf(fromHex('05010000')), 'r')).rejects.toThrow('r: bad version');
    await expect(relay.readMessage(readerOf(fromHex('01010003' + '090000')), 'r')).rejects.toThrow(
      'unknown feature',
    );
  });

  it('names every status as the client reports it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(relay.statusText)).toEqual([
      '0 OK',
      '1 Bad Request',
      '2 Unauthorized',
      '3 Forbidden',
      '4 Timeout',
      '5 Service Unavailable',
      '6 Host Unreachable',
      '7 Network Unreachable',
      '8 Internal Server Error',
    ]);
  });
});

describe('SOCKS5 (RFC 1928 / RFC 1929) and gost extensions', () => {
  it('encodes greetings, requests and replies', () => {
    expect(hex(socks5.encodeGreeting([0]))).toBe('050100');
    expect(hex(socks5.encodeGreeting([0, 2, 0x80, 0x82]))).toBe('050400028082');
    expect(hex(socks5.encodeRequest(1, socks5.parseSocksAddr('127.0.0.1:80')))).toBe('050100017f0000010050');
    expect(hex(socks5.encodeRequest(1, socks5.parseSocksAddr('example.com:443')))).toBe(
      `05010003 0b${hex(utf8('example.com'))}01bb`.replace(' ', ''),
    );
    expect(hex(socks5.encodeRequest(1, socks5.parseSocksAddr('[::1]:22')))).toBe(
      '05010004' + '00000000000000000000000000000001' + '0016',
    );
    expect(hex(socks5.encodeReply(0))).toBe('05000001000000000000');
    expect(hex(socks5.encodeRequest(socks5.Command.udpTun))).toBe('05f30001000000000000');
    expect(hex(socks5.encodeRequest(socks5.Command.muxBind, socks5.parseSocksAddr(':2222')))).toBe(
      '05f2000100000000' + '08ae',
    );
  });

  it('encodes RFC 1929 user/pass and the UDP header', () => {
    expect(hex(socks5.encodeUserPass('alice', 'secret'))).toBe(
      `0105${hex(utf8('alice'))}06${hex(utf8('secret'))}`,
    );
    expect(hex(socks5.encodeUdpHeader(0, 0, socks5.parseSocksAddr('8.8.8.8:53')))).toBe(
      '000000010808080800' + '35',
    );
  });

  it('reads requests of every address type', async () => {
    const req = await socks5.readRequest(readerOf(fromHex('0501000304' + hex(utf8('host')) + '1f90')));
    expect(req).toEqual({ code: 1, addr: { type: 3, host: 'host', port: 8080 } });
    await expect(socks5.readRequest(readerOf(fromHex('0401000100000000')))).rejects.toThrow('bad version');
    await expect(socks5.readRequest(readerOf(fromHex('0501000900')))).rejects.toThrow('bad address type');
  });

  it('round-trips UDP-TUN frames (RSV = length, FRAG = 0xff)', async () => {
    expect(hex(encodeTunFrame(utf8('hi'), '1.2.3.4:53'))).toBe('0002ff01010203040035' + hex(utf8('hi')));
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.ipV4(),
        fc.integer({ min: 0, max: 65535 }),
        async (data, ip, port) => {
          const frame = await readTunFrame(readerOf(encodeTunFrame(data, `${ip}:${port}`)));
          expect(frame).toEqual({ data, addr: `${ip}:${port}` });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('SOCKS4a and smux framing', () => {
  it('writes a SOCKS4a request with 0.0.0.1 and the host after the user id', async () => {
    const bytes = socks4.encodeRequest({
      command: 1,
      host: 'example.com',
      port: 80,
      domain: true,
      userId: 'bob',
    });
    expect(hex(bytes)).toBe(`04010050000000016${'2'}${hex(utf8('ob'))}00${hex(utf8('example.com'))}00`);
    expect(await socks4.readRequest(readerOf(bytes))).toEqual({
      command: 1,
      host: 'example.com',
      port: 80,
      domain: true,
      userId: 'bob',
    });
    expect(hex(socks4.encodeReply(socks4.Code.granted))).toBe('005a000000000000');
  });

  it('encodes smux v1 headers little-endian: VER CMD LEN(2) SID(4)', () => {
    expect(hex(encodeFrame(1, 0, 3))).toBe('0100000003000000');
    expect(hex(encodeFrame(1, 2, 0x01020304, utf8('ab')))).toBe('0102020004030201' + hex(utf8('ab')));
  });
});
