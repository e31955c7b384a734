/**
 * socks5 connector binds (x/connector/socks/v5/bind.go, listener.go): rtcp asks for MBIND 0xF2 and
 * runs an smux SERVER session over the conn (always with default smux settings, whatever `mux.*`
 * says); a plain BIND yields the one peer on the conn itself; rudp sends UDP-TUN 0xF3 with the bind
 * address. A refused request is "bind on <addr>/<network> failed". An empty bind host is sent as
 * IPv4 0.0.0.0.
 */

import { GostError } from '../../errors.js';
import { withAddrs } from '../../io/conn-view.js';
import { BufferedReader } from '../../io/reader.js';
import { defaultMuxConfig, MuxSession } from '../../mux/smux.js';
import type { AcceptedConn, BindListener, BindOptions, ConnectorOptions } from '../../protocol.js';
import type { Conn } from '../../types.js';
import { UdpSessionListener } from '../../udp/session-listener.js';
import { UdpTunConn } from '../../udp/tun.js';
import {
  Command,
  encodeRequest,
  parseSocksAddr,
  Reply,
  readReply,
  type SocksAddr,
  socksAddrString,
} from './wire.js';

function bindAddr(address: string): SocksAddr {
  try {
    return parseSocksAddr(address);
  } catch {
    return { type: 0, host: '', port: 0 };
  }
}

export async function socks5Bind(
  options: ConnectorOptions,
  conn: Conn,
  network: 'tcp' | 'udp',
  address: string,
  bind: BindOptions,
): Promise<BindListener> {
  const command = network === 'udp' ? Command.udpTun : bind.mux ? Command.muxBind : Command.bind;
  const reader = new BufferedReader(conn);
  await conn.write(encodeRequest(command, bindAddr(address)));
  const reply = await readReply(reader, 'socks5 bind');
  if (reply.code !== Reply.succeeded) {
    throw new GostError('socks-reply', `bind on ${address}/${network} failed`, { status: reply.code });
  }
  const bound = socksAddrString(reply.addr);
  const stream = reader.toConn();
  if (command === Command.muxBind) {
    return new MuxBindListener(bound, MuxSession.server(stream, defaultMuxConfig, options.env.clock));
  }
  if (command === Command.bind) return new SingleBindListener(bound, stream);
  return new UdpSessionListener(new UdpTunConn(stream), options.env.clock, {
    addr: bound,
    backlog: bind.backlog ?? 128,
    readQueueSize: bind.udpReadQueueSize ?? 1024,
    readBufferSize: bind.udpReadBufferSize ?? 8192,
    ttlMs: bind.udpTtlMs ?? 5000,
    keepalive: true,
  });
}

async function peerReply(conn: Conn, localAddr: string): Promise<Conn> {
  const reader = new BufferedReader(conn);
  const reply = await readReply(reader, 'socks5 peer');
  if (reply.code !== Reply.succeeded)
    throw new GostError('socks-reply', 'peer connect failed', { status: reply.code });
  return withAddrs(reader.toConn(), localAddr, socksAddrString(reply.addr));
}

class MuxBindListener implements BindListener {
  constructor(
    readonly addr: string,
    private readonly session: MuxSession,
  ) {}

  async accept(): Promise<AcceptedConn> {
    const stream = await this.session.accept();
    try {
      return { conn: await peerReply(stream, this.addr) };
    } catch (error) {
      stream.close();
      throw error;
    }
  }

  close(): void {
    this.session.close();
  }
}

class SingleBindListener implements BindListener {
  constructor(
    readonly addr: string,
    private readonly conn: Conn,
  ) {}

  async accept(): Promise<AcceptedConn> {
    return { conn: await peerReply(this.conn, this.addr) };
  }

  close(): void {
    this.conn.close();
  }
}
