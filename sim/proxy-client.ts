/**
 * What an ordinary proxy client (curl, a browser, an SSH ProxyCommand) says to the proxy before its
 * application bytes: HTTP CONNECT (with Basic credentials), SOCKS5 (RFC 1928 with RFC 1929
 * user/password; `socks5h` sends the name, `socks5` resolves it first), SOCKS4 and SOCKS4a. UDP goes
 * through SOCKS5 UDP ASSOCIATE, or through HTTP with gost's `X-Gost-Protocol: udp` extension, the
 * only way HTTP carries it; SOCKS4 cannot carry UDP at all.
 */

import type { ProxyPlan } from '../compiler/lower/plan.js';
import { joinHostPort, parseIP } from '../runtime/addr.js';
import { GostError } from '../runtime/errors.js';
import { concatBytes, fromLatin1, u16 } from '../runtime/io/bytes.js';
import { BufferedReader } from '../runtime/io/reader.js';
import { Headers, encodeRequestHead, readResponseHead } from '../runtime/protocols/http/wire.js';
import {
  Command,
  Method,
  Reply,
  encodeGreeting,
  encodeRequest,
  encodeUserPass,
  readReply,
  readUserPassStatus,
  socksAddrString,
  version5,
} from '../runtime/protocols/socks5/wire.js';
import type { Conn } from '../runtime/types.js';

/** The proxy said no: a protocol status, and whether it is about credentials or UDP. */
export class ProxyRefusal extends Error {
  override name = 'ProxyRefusal';
  constructor(
    message: string,
    /** `http_407`, `socks5_status_2`, `socks4_status_91`; undefined when no status was given. */
    readonly status: string | undefined,
    readonly reason: 'auth' | 'udp' | 'other',
  ) {
    super(message);
  }
}

export interface ProxyTarget {
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
}

export interface ProxyTunnel {
  /** The stream carrying application bytes (TCP), or UDP-TUN frames (HTTP UDP). */
  conn: Conn;
  /** SOCKS5 UDP ASSOCIATE: where datagrams go (the control connection stays open). */
  udpRelay?: string;
}

function basicCredentials(proxy: ProxyPlan): string | undefined {
  if (proxy.username === undefined) return undefined;
  return Buffer.from(`${proxy.username}:${proxy.password ?? ''}`, 'latin1').toString('base64');
}

export async function httpConnect(conn: Conn, proxy: ProxyPlan, target: ProxyTarget): Promise<ProxyTunnel> {
  const authority = joinHostPort(target.host, target.port);
  const headers = new Headers();
  headers.set('User-Agent', 'topo-sim');
  headers.set('Proxy-Connection', 'keep-alive');
  const credentials = basicCredentials(proxy);
  if (credentials) headers.set('Proxy-Authorization', `Basic ${credentials}`);
  if (target.protocol === 'udp') headers.set('X-Gost-Protocol', 'udp');
  await conn.write(encodeRequestHead('CONNECT', authority, authority, headers));
  const reader = new BufferedReader(conn);
  const response = await readResponseHead(reader);
  if (response.statusCode !== 200) {
    const reason =
      response.statusCode === 407
        ? 'auth'
        : response.statusCode === 403 && target.protocol === 'udp'
          ? 'udp'
          : 'other';
    throw new ProxyRefusal(`proxy answered ${response.status}`, `http_${response.statusCode}`, reason);
  }
  return { conn: reader.toConn() };
}

export async function socks5Connect(
  conn: Conn,
  proxy: ProxyPlan,
  target: ProxyTarget,
  resolvedHost: string,
): Promise<ProxyTunnel> {
  const reader = new BufferedReader(conn);
  const hasCredentials = proxy.username !== undefined;
  await conn.write(encodeGreeting(hasCredentials ? [Method.noAuth, Method.userPass] : [Method.noAuth]));
  const choice = await reader.readExact(2, 'socks5 method selection');
  if (choice[0] !== version5) throw new GostError('protocol', 'socks5: bad version in method selection');
  const method = choice[1];
  if (method === Method.userPass && hasCredentials) {
    await conn.write(encodeUserPass(proxy.username ?? '', proxy.password ?? ''));
    const status = await readUserPassStatus(reader);
    if (status !== 0) throw new ProxyRefusal('socks5: username/password rejected', undefined, 'auth');
  } else if (method === Method.noAcceptable) {
    throw new ProxyRefusal('socks5: no acceptable authentication method', undefined, 'auth');
  } else if (method !== Method.noAuth) {
    throw new GostError(
      'protocol',
      `socks5: the proxy chose method 0x${(method ?? 0).toString(16)}, which was not offered`,
    );
  }
  const udp = target.protocol === 'udp';
  const addr = udp
    ? { type: 0, host: '0.0.0.0', port: 0 }
    : { type: 0, host: proxy.scheme === 'socks5h' ? target.host : resolvedHost, port: target.port };
  await conn.write(encodeRequest(udp ? Command.udp : Command.connect, addr));
  const reply = await readReply(reader, 'socks5 reply');
  if (reply.code !== Reply.succeeded) {
    const aboutUdp = udp && (reply.code === Reply.notAllowed || reply.code === Reply.cmdUnsupported);
    throw new ProxyRefusal(
      `socks5: the proxy replied ${reply.code}`,
      `socks5_status_${reply.code}`,
      aboutUdp ? 'udp' : 'other',
    );
  }
  if (!udp) return { conn: reader.toConn() };
  // A relay address of 0.0.0.0 means "the address you reached me on".
  const bound =
    reply.addr.host === '0.0.0.0' || reply.addr.host === '::' || reply.addr.host === ''
      ? proxy.host
      : reply.addr.host;
  return { conn: reader.toConn(), udpRelay: socksAddrString({ ...reply.addr, host: bound }) };
}

export async function socks4Connect(
  conn: Conn,
  proxy: ProxyPlan,
  target: ProxyTarget,
  resolvedHost: string,
): Promise<ProxyTunnel> {
  if (target.protocol === 'udp') throw new ProxyRefusal('socks4 cannot carry UDP', undefined, 'udp');
  const user = fromLatin1(proxy.username ?? '');
  let ip: Uint8Array;
  let name: Uint8Array = new Uint8Array(0);
  if (proxy.scheme === 'socks4a') {
    ip = Uint8Array.of(0, 0, 0, 1);
    name = concatBytes([fromLatin1(target.host), Uint8Array.of(0)]);
  } else {
    const parsed = parseIP(resolvedHost);
    if (parsed?.length !== 4) {
      throw new GostError('unsupported', `socks4: ${resolvedHost} is not an IPv4 address`);
    }
    ip = parsed;
  }
  await conn.write(concatBytes([Uint8Array.of(4, 1), u16(target.port), ip, user, Uint8Array.of(0), name]));
  const reader = new BufferedReader(conn);
  const reply = await reader.readExact(8, 'socks4 reply');
  if (reply[1] !== 90) {
    throw new ProxyRefusal(`socks4: the proxy replied ${reply[1]}`, `socks4_status_${reply[1]}`, 'other');
  }
  return { conn: reader.toConn() };
}

/** Which address a SOCKS request names; socks5 and socks4 resolve it on the client first. */
export function needsLocalResolution(proxy: ProxyPlan): boolean {
  return proxy.scheme === 'socks5' || proxy.scheme === 'socks4';
}
