/**
 * socks5 UDP (x/handler/socks/v5/udp.go, udp_tun.go).
 *
 * UDP ASSOCIATE (needs `udp=true`): a relay socket on the control conn's local IP; datagrams from the
 * client's IP carry the RFC 1928 header and go out through a UDP association of the handler's chain;
 * replies come back with the header naming their source. The association lives as long as the
 * control connection.
 *
 * UDP-TUN 0xF3: DST port 0 is relay mode (needs `udp=true`), any other port is UDP BIND mode (needs
 * `bind=true`, used by rudp); the server listens on that address and relays UDP-TUN frames.
 */

import { hostOf, parseIP, portOf } from '../../addr.js';
import { asGostError, GostError } from '../../errors.js';
import { concatBytes } from '../../io/bytes.js';
import { emit, type RequestContext } from '../../protocol.js';
import type { Conn, PacketConn } from '../../types.js';
import { relayDatagrams, UdpTunConn } from '../../udp/tun.js';
import type { Socks5Context } from './context.js';
import {
  decodeUdpDatagram,
  encodeReply,
  encodeUdpHeader,
  parseSocksAddr,
  Reply,
  socksAddrString,
} from './wire.js';

async function refuse(
  conn: Conn,
  reply: number,
  message: string,
  kind: 'bind-disabled' | 'protocol',
): Promise<never> {
  await conn.write(encodeReply(reply));
  throw new GostError(kind, message, { status: reply });
}

export async function udpAssociate(ctx: Socks5Context, conn: Conn, reqCtx: RequestContext): Promise<void> {
  const { env } = ctx.options;
  if (!ctx.settings.enableUdp)
    await refuse(conn, Reply.notAllowed, 'socks5: UDP relay is disabled', 'protocol');
  const localHost = hostOf(conn.localAddr);
  let relaySocket: PacketConn;
  let upstream: PacketConn;
  try {
    relaySocket = await env.network.listen(
      'udp',
      `${localHost.includes(':') ? `[${localHost}]` : localHost}:0`,
    );
  } catch (error) {
    await conn.write(encodeReply(Reply.failure)).catch(() => undefined);
    throw asGostError(error);
  }
  try {
    upstream = await ctx.options.router.associate(reqCtx);
  } catch (error) {
    relaySocket.close();
    await conn.write(encodeReply(Reply.failure)).catch(() => undefined);
    throw asGostError(error);
  }
  const host = parseIP(ctx.settings.publicAddr) ? ctx.settings.publicAddr : localHost;
  await conn.write(encodeReply(Reply.succeeded, { type: 0, host, port: portOf(relaySocket.localAddr) }));

  const clientIp = hostOf(conn.remoteAddr);
  const size = ctx.settings.udpBufferSize;
  let clientAddr: string | undefined;
  const fromClient = async () => {
    for (;;) {
      const d = await relaySocket.readFrom(size);
      if (d === null) return;
      if (hostOf(d.addr) !== clientIp) continue;
      let parsed: ReturnType<typeof decodeUdpDatagram>;
      try {
        parsed = decodeUdpDatagram(d.data);
      } catch {
        continue;
      }
      clientAddr = d.addr;
      await upstream.writeTo(parsed.data, socksAddrString(parsed.addr)).catch(() => undefined);
    }
  };
  const toClient = async () => {
    for (;;) {
      const d = await upstream.readFrom(size);
      if (d === null) return;
      if (!clientAddr) continue;
      const packet = concatBytes([encodeUdpHeader(0, 0, parseSocksAddr(d.addr)), d.data]);
      await relaySocket.writeTo(packet, clientAddr).catch(() => undefined);
    }
  };
  const controlEnded = (async () => {
    while ((await conn.read().catch(() => null)) !== null);
  })();
  void fromClient().catch(() => undefined);
  void toClient().catch(() => undefined);
  await controlEnded;
  relaySocket.close();
  upstream.close();
}

export async function udpTun(ctx: Socks5Context, conn: Conn, address: string): Promise<void> {
  const { env, service } = ctx.options;
  if (portOf(address) === 0) {
    if (!ctx.settings.enableUdp)
      await refuse(conn, Reply.notAllowed, 'socks5: UDP relay is disabled', 'protocol');
  } else if (!ctx.settings.enableBind) {
    await refuse(conn, Reply.notAllowed, 'socks5: BIND is disabled', 'bind-disabled');
  }
  let socket: PacketConn;
  try {
    socket = await env.network.listen('udp', address);
  } catch (error) {
    const e = asGostError(error);
    emit(env, {
      type: 'bind',
      host: env.hostname,
      service,
      addr: address,
      network: 'udp',
      ok: false,
      error: e.message,
    });
    throw e;
  }
  emit(env, { type: 'bind', host: env.hostname, service, addr: socket.localAddr, network: 'udp', ok: true });
  await conn.write(encodeReply(Reply.succeeded, parseSocksAddr(socket.localAddr)));
  await relayDatagrams(new UdpTunConn(conn), socket, ctx.settings.udpBufferSize);
}
