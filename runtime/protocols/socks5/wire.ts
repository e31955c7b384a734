/**
 * SOCKS5 as gosocks5 reads and writes it (RFC 1928, RFC 1929), plus gost's extensions: methods
 * 0x80 (TLS) and 0x82 (TLS + user/pass), commands 0xF2 (MBIND) and 0xF3 (UDP-TUN).
 */

import { formatIP, parseIP, splitHostPort } from '../../addr.js';
import { GostError } from '../../errors.js';
import { concatBytes, fromLatin1, latin1, readU16, u16 } from '../../io/bytes.js';
import type { BufferedReader } from '../../io/reader.js';

export const version5 = 0x05;
export const userPassVersion = 0x01;

export const Method = { noAuth: 0x00, userPass: 0x02, tls: 0x80, tlsAuth: 0x82, noAcceptable: 0xff } as const;

export const Command = { connect: 0x01, bind: 0x02, udp: 0x03, muxBind: 0xf2, udpTun: 0xf3 } as const;

export const Reply = {
  succeeded: 0x00,
  failure: 0x01,
  notAllowed: 0x02,
  netUnreachable: 0x03,
  hostUnreachable: 0x04,
  connRefused: 0x05,
  ttlExpired: 0x06,
  cmdUnsupported: 0x07,
  addrUnsupported: 0x08,
} as const;

export const AddrType = { ipv4: 1, domain: 3, ipv6: 4 } as const;

export interface SocksAddr {
  /** 0 means "pick from the host form" (gosocks5 checkType). */
  type: number;
  host: string;
  port: number;
}

/** gosocks5 Addr.ParseFrom: `host:port` with a numeric port, else an error. */
export function parseSocksAddr(address: string): SocksAddr {
  const { host, port } = splitHostPort(address);
  if (!/^\d+$/.test(port)) throw new GostError('config', `strconv.Atoi: parsing "${port}": invalid syntax`);
  return { type: 0, host, port: Number(port) & 0xffff };
}

function effectiveType(addr: SocksAddr): number {
  if (addr.type === AddrType.ipv4 || addr.type === AddrType.ipv6 || addr.type === AddrType.domain)
    return addr.type;
  if (addr.host === '') return AddrType.ipv4;
  const ip = parseIP(addr.host);
  if (!ip) return AddrType.domain;
  return ip.length === 4 ? AddrType.ipv4 : AddrType.ipv6;
}

/** gosocks5 Addr.Encode: ATYP | ADDR | PORT; unparseable IPs become all-zero. */
export function encodeSocksAddr(addr: SocksAddr | undefined): Uint8Array {
  const a = addr ?? { type: 0, host: '', port: 0 };
  const type = effectiveType(a);
  let body: Uint8Array;
  if (type === AddrType.ipv4) {
    const ip = parseIP(a.host);
    body = ip?.length === 4 ? ip : new Uint8Array(4);
  } else if (type === AddrType.ipv6) {
    const ip = parseIP(a.host);
    body = new Uint8Array(16);
    if (ip?.length === 16) body.set(ip);
    else if (ip?.length === 4) body.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip]);
  } else {
    const name = fromLatin1(a.host);
    body = concatBytes([Uint8Array.of(name.length & 0xff), name]);
  }
  return concatBytes([Uint8Array.of(type), body, u16(a.port)]);
}

export async function readSocksAddr(reader: BufferedReader, what: string): Promise<SocksAddr> {
  const type = await reader.readByte(what);
  let host: string;
  if (type === AddrType.ipv4) host = formatIP(await reader.readExact(4, what));
  else if (type === AddrType.ipv6) host = formatIP(await reader.readExact(16, what));
  else if (type === AddrType.domain) host = latin1(await reader.readExact(await reader.readByte(what), what));
  else throw new GostError('protocol', 'bad address type');
  const port = readU16(await reader.readExact(2, what), 0);
  return { type, host, port };
}

/** gosocks5 Addr.String: `[v6]:port` or `host:port`. */
export function socksAddrString(addr: SocksAddr): string {
  return addr.host.includes(':') ? `[${addr.host}]:${addr.port}` : `${addr.host}:${addr.port}`;
}

export function encodeGreeting(methods: readonly number[]): Uint8Array {
  const list = methods.length === 0 ? [Method.noAuth] : methods;
  return Uint8Array.from([version5, list.length, ...list]);
}

/** gosocks5 ReadMethods: version 5 and at least one method. */
export async function readGreeting(reader: BufferedReader): Promise<number[]> {
  const head = await reader.readExact(2, 'socks5 methods');
  if (head[0] !== version5) throw new GostError('protocol', 'bad version');
  if (head[1] === 0) throw new GostError('protocol', 'bad method');
  return Array.from(await reader.readExact(head[1]!, 'socks5 methods'));
}

export function encodeUserPass(username: string, password: string): Uint8Array {
  const u = fromLatin1(username);
  const p = fromLatin1(password);
  return concatBytes([Uint8Array.of(userPassVersion, u.length), u, Uint8Array.of(p.length), p]);
}

export async function readUserPass(reader: BufferedReader): Promise<{ username: string; password: string }> {
  const head = await reader.readExact(2, 'socks5 user/pass');
  if (head[0] !== userPassVersion) throw new GostError('protocol', 'bad version');
  const username = latin1(await reader.readExact(head[1]!, 'socks5 user/pass'));
  const plen = await reader.readByte('socks5 user/pass');
  const password = latin1(await reader.readExact(plen, 'socks5 user/pass'));
  return { username, password };
}

export async function readUserPassStatus(reader: BufferedReader): Promise<number> {
  const b = await reader.readExact(2, 'socks5 user/pass response');
  if (b[0] !== userPassVersion) throw new GostError('protocol', 'bad version');
  return b[1]!;
}

/** Request and reply share one layout: VER | CMD/REP | RSV | ATYP | ADDR | PORT. */
export function encodeRequest(code: number, addr?: SocksAddr): Uint8Array {
  return concatBytes([Uint8Array.of(version5, code, 0), encodeSocksAddr(addr)]);
}

export const encodeReply = encodeRequest;

export async function readRequest(
  reader: BufferedReader,
  what = 'socks5 request',
): Promise<{ code: number; addr: SocksAddr }> {
  const head = await reader.readExact(3, what);
  if (head[0] !== version5) throw new GostError('protocol', 'bad version');
  const addr = await readSocksAddr(reader, what);
  return { code: head[1]!, addr };
}

export const readReply = readRequest;

/** The UDP request header (RFC 1928 §7); gost puts the payload length in RSV for UDP-TUN. */
export function encodeUdpHeader(rsv: number, frag: number, addr: SocksAddr): Uint8Array {
  return concatBytes([u16(rsv), Uint8Array.of(frag), encodeSocksAddr(addr)]);
}

/** A whole RFC 1928 UDP datagram (header + data) from one packet. */
export function decodeUdpDatagram(packet: Uint8Array): {
  rsv: number;
  frag: number;
  addr: SocksAddr;
  data: Uint8Array;
} {
  const short = () => new GostError('protocol', 'socks5 udp: short packet');
  if (packet.length < 4) throw short();
  const type = packet[3]!;
  let pos = 4;
  let host: string;
  if (type === AddrType.ipv4) {
    host = formatIP(packet.subarray(pos, pos + 4));
    pos += 4;
  } else if (type === AddrType.ipv6) {
    host = formatIP(packet.subarray(pos, pos + 16));
    pos += 16;
  } else if (type === AddrType.domain) {
    const n = packet[pos] ?? 0;
    host = latin1(packet.subarray(pos + 1, pos + 1 + n));
    pos += 1 + n;
  } else {
    throw new GostError('protocol', 'bad address type');
  }
  if (packet.length < pos + 2) throw short();
  const port = readU16(packet, pos);
  return {
    rsv: readU16(packet, 0),
    frag: packet[2]!,
    addr: { type, host, port },
    data: packet.slice(pos + 2),
  };
}
