/**
 * Server side of relay BIND (x/handler/relay/bind.go, entrypoint.go).
 *
 * TCP: listen strictly on the requested address (in use => 5 Service Unavailable), answer OK with the
 * bound address, then turn the conn into an smux session in which this SERVER is the client: every
 * inbound peer gets a new stream that starts with `OK + Addr(peer)`. Streams the client opens are
 * closed unread. The port lives as long as the session.
 *
 * UDP: listen on the requested address (failure closes the conn with no response), answer OK with the
 * bound address, then relay UDP-TUN frames between the stream and the socket.
 */

import { asGostError } from '../../errors.js';
import { relay } from '../../io/transport.js';
import { MuxSession } from '../../mux/smux.js';
import { emit, type RuntimeEnv } from '../../protocol.js';
import type { Conn, Listener, PacketConn } from '../../types.js';
import { relayDatagrams, UdpTunConn } from '../../udp/tun.js';
import type { RelayHandlerSettings } from './metadata.js';
import { addrFeature, encodeMessage, Status, version1 } from './wire.js';

export interface BindContext {
  env: RuntimeEnv;
  service: string;
  settings: RelayHandlerSettings;
}

function response(status: number, addr?: string): Uint8Array {
  return encodeMessage({
    version: version1,
    code: status,
    features: addr === undefined ? [] : [addrFeature(addr)],
  });
}

export async function bindTcp(ctx: BindContext, conn: Conn, address: string): Promise<void> {
  const { env, service } = ctx;
  let ln: Listener;
  try {
    ln = await env.network.listen('tcp', address);
  } catch (error) {
    const e = asGostError(error);
    emit(env, {
      type: 'bind',
      host: env.hostname,
      service,
      addr: address,
      network: 'tcp',
      ok: false,
      error: e.message,
    });
    await conn.write(response(Status.serviceUnavailable)).catch(() => undefined);
    throw e;
  }
  emit(env, { type: 'bind', host: env.hostname, service, addr: ln.addr, network: 'tcp', ok: true });
  try {
    await conn.write(response(Status.ok, ln.addr));
  } catch (error) {
    ln.close();
    throw error;
  }
  const session = MuxSession.client(conn, ctx.settings.mux, env.clock);
  void session.closed.then(() => ln.close());
  void discardInbound(session);
  try {
    for (;;) {
      const peer = await ln.accept();
      void servePeer(session, peer);
    }
  } catch {
    // The listener closes when the session dies (or the other way round): the bind is over.
  } finally {
    session.close();
    ln.close();
  }
}

async function discardInbound(session: MuxSession): Promise<void> {
  try {
    for (;;) (await session.accept()).close();
  } catch {
    // Session closed.
  }
}

async function servePeer(session: MuxSession, peer: Conn): Promise<void> {
  let stream: Conn;
  try {
    stream = await session.open();
    await stream.write(response(Status.ok, peer.remoteAddr));
  } catch {
    peer.close();
    return;
  }
  await relay(peer, stream);
}

export async function bindUdp(ctx: BindContext, conn: Conn, address: string): Promise<void> {
  const { env, service } = ctx;
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
  try {
    await conn.write(response(Status.ok, socket.localAddr));
  } catch (error) {
    socket.close();
    throw error;
  }
  await relayDatagrams(new UdpTunConn(conn), socket, ctx.settings.udpBufferSize);
}
