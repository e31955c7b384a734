/**
 * The socks5 connector (x/connector/socks/v5, gosocks5 client handshake).
 *
 * Handshake (right after the node's transport handshake): offers 0x00, +0x02 with credentials,
 * +0x80 unless `notls`, +0x82 with credentials unless `notls`; follows the server's pick (TLS with the
 * connector's TLS settings, user/pass with empty strings when it has none). Errors: "bad version",
 * "bad method" (0xFF), "auth failure".
 * CONNECT: an empty host becomes 127.0.0.1; any reply but 00 is "host unreachable".
 * UDP: 0xF3 with 0.0.0.0:0 then UDP-TUN frames ("get socks5 UDP tunnel failure" on refusal); with
 * `relay=udp` a standard UDP ASSOCIATE whose datagrams go DIRECTLY from this host to the server's
 * relay port.
 */

import { GostError } from '../../errors.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import type {
  BindListener,
  BindOptions,
  Connector,
  ConnectorModule,
  ConnectorOptions,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import { UdpTunConn } from '../../udp/tun.js';
import { socks5Bind } from './connector-bind.js';
import { parseSocks5ConnectorMetadata, type Socks5ConnectorSettings } from './metadata.js';
import { StandardUdpConn } from './udp-relay-conn.js';
import {
  Command,
  encodeGreeting,
  encodeRequest,
  encodeUserPass,
  Method,
  parseSocksAddr,
  readReply,
  readUserPassStatus,
  Reply,
  socksAddrString,
  version5,
} from './wire.js';

class Socks5Connector implements Connector {
  private readonly settings: Socks5ConnectorSettings;
  private readonly methods: number[];

  constructor(private readonly options: ConnectorOptions) {
    this.settings = parseSocks5ConnectorMetadata(options.metadata);
    const withAuth = options.auth !== undefined;
    this.methods = [Method.noAuth];
    if (withAuth) this.methods.push(Method.userPass);
    if (!this.settings.noTLS) {
      this.methods.push(Method.tls);
      if (withAuth) this.methods.push(Method.tlsAuth);
    }
  }

  private limited<T>(operation: Promise<T>, what: string): Promise<T> {
    return withDeadline(this.options.env.clock, this.settings.connectTimeoutMs, operation, what);
  }

  handshake(conn: Conn): Promise<Conn> {
    return this.limited(this.negotiate(conn), 'socks5 handshake');
  }

  private async negotiate(conn: Conn): Promise<Conn> {
    await conn.write(encodeGreeting(this.methods));
    let reader = new BufferedReader(conn);
    const reply = await reader.readExact(2, 'socks5 method');
    if (reply[0] !== version5) throw new GostError('protocol', 'bad version');
    const method = reply[1]!;
    let stream = reader.toConn();
    switch (method) {
      case Method.noAuth:
        return stream;
      case Method.tls:
        return this.options.env.tls.client(stream, this.options.tls);
      case Method.userPass:
      case Method.tlsAuth: {
        if (method === Method.tlsAuth) {
          stream = await this.options.env.tls.client(stream, this.options.tls);
          reader = new BufferedReader(stream);
        }
        const auth = this.options.auth;
        await stream.write(encodeUserPass(auth?.username ?? '', auth?.password ?? ''));
        if ((await readUserPassStatus(reader)) !== Reply.succeeded)
          throw new GostError('auth', 'auth failure');
        return reader.toConn();
      }
      case Method.noAcceptable:
        throw new GostError('auth', 'bad method');
      default:
        throw new GostError('protocol', 'bad format');
    }
  }

  async connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    if (network === 'udp') return this.connectUdp(conn, address);
    const addr = parseSocksAddr(address);
    if (addr.host === '') Object.assign(addr, { type: 1, host: '127.0.0.1' });
    const reader = new BufferedReader(conn);
    const reply = await this.limited(
      conn.write(encodeRequest(Command.connect, addr)).then(() => readReply(reader, 'socks5 reply')),
      'socks5 connect',
    );
    if (reply.code !== Reply.succeeded)
      throw new GostError('socks-reply', 'host unreachable', { status: reply.code });
    return reader.toConn();
  }

  private async connectUdp(conn: Conn, address: string): Promise<Conn> {
    const reader = new BufferedReader(conn);
    const command = this.settings.relay === 'udp' ? Command.udp : Command.udpTun;
    const reply = await this.limited(
      conn.write(encodeRequest(command)).then(() => readReply(reader, 'socks5 reply')),
      'socks5 udp',
    );
    if (reply.code !== Reply.succeeded) {
      throw new GostError('socks-reply', 'get socks5 UDP tunnel failure', { status: reply.code });
    }
    if (command === Command.udpTun) return new UdpTunConn(reader.toConn(), address || undefined);
    const socket = await this.options.env.network.dial('udp', socksAddrString(reply.addr));
    return new StandardUdpConn(socket, reader.toConn(), address || undefined, this.settings.udpBufferSize);
  }

  bind(conn: Conn, network: 'tcp' | 'udp', address: string, options: BindOptions): Promise<BindListener> {
    return socks5Bind(this.options, conn, network, address, options);
  }
}

export const socks5Connector: ConnectorModule = {
  types: ['socks5', 'socks'],
  create: (options) => new Socks5Connector(options),
};
