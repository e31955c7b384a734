/**
 * socks5 BIND and gost's MBIND 0xF2 (x/handler/socks/v5/bind.go, mbind.go). Both need `bind=true`
 * (else reply 02 Not allowed, "socks5: BIND is disabled") and listen strictly on this host (in use:
 * reply 01 Failure), never through the handler's chain.
 *
 * BIND: one peer; second reply carries its address, then the conn carries its bytes.
 * MBIND: the conn becomes an smux session in which this server opens a stream per peer, each starting
 * with a `05 00 00 ATYP ADDR PORT` reply naming the peer (omitted with `comp=true`).
 */

import { portOf } from '../../addr.js';
import { asGostError, GostError } from '../../errors.js';
import { relay, transport } from '../../io/transport.js';
import { MuxSession } from '../../mux/smux.js';
import { emit } from '../../protocol.js';
import type { Conn, Listener } from '../../types.js';
import { advertised, type Socks5Context } from './context.js';
import { encodeReply, parseSocksAddr, Reply } from './wire.js';

async function listen(ctx: Socks5Context, conn: Conn, address: string): Promise<Listener> {
  const { env, service } = ctx.options;
  if (!ctx.settings.enableBind) {
    await conn.write(encodeReply(Reply.notAllowed));
    throw new GostError('bind-disabled', 'socks5: BIND is disabled', { status: Reply.notAllowed });
  }
  try {
    const ln = await env.network.listen('tcp', address);
    emit(env, { type: 'bind', host: env.hostname, service, addr: ln.addr, network: 'tcp', ok: true });
    return ln;
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
    await conn.write(encodeReply(Reply.failure)).catch(() => undefined);
    throw e;
  }
}

export async function bindStandard(ctx: Socks5Context, conn: Conn, address: string): Promise<void> {
  const ln = await listen(ctx, conn, address);
  try {
    await conn.write(encodeReply(Reply.succeeded, advertised(ctx, conn, portOf(ln.addr))));
    // The control conn ending first cancels the bind.
    const ended = conn.read().then(() => undefined);
    const peer = await Promise.race([ln.accept(), ended]);
    if (!peer) return;
    await conn.write(encodeReply(Reply.succeeded, parseSocksAddr(peer.remoteAddr)));
    await transport(conn, peer);
    peer.close();
  } catch (error) {
    await conn.write(encodeReply(Reply.failure)).catch(() => undefined);
    throw error;
  } finally {
    ln.close();
  }
}

export async function bindMux(ctx: Socks5Context, conn: Conn, address: string): Promise<void> {
  const ln = await listen(ctx, conn, address);
  try {
    await conn.write(encodeReply(Reply.succeeded, advertised(ctx, conn, portOf(ln.addr))));
  } catch (error) {
    ln.close();
    throw error;
  }
  const session = MuxSession.client(conn, ctx.settings.mux, ctx.options.env.clock);
  void session.closed.then(() => ln.close());
  void (async () => {
    try {
      for (;;) (await session.accept()).close();
    } catch {
      // Session closed.
    }
  })();
  try {
    for (;;) {
      const peer = await ln.accept();
      void servePeer(ctx, session, peer);
    }
  } catch {
    // Listener closed with the session: the bind is over.
  } finally {
    session.close();
    ln.close();
  }
}

async function servePeer(ctx: Socks5Context, session: MuxSession, peer: Conn): Promise<void> {
  let stream: Conn;
  try {
    stream = await session.open();
    if (!ctx.settings.compatibilityMode)
      await stream.write(encodeReply(Reply.succeeded, parseSocksAddr(peer.remoteAddr)));
  } catch {
    peer.close();
    return;
  }
  await relay(stream, peer);
}
