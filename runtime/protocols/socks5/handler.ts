/**
 * The socks5 handler (x/handler/socks/v5, gosocks5 server handshake).
 *
 * Method selection (selector.go): 0x80 TLS when the client offers it and `notls` is off, else 0x00;
 * with an authenticator 0x00 becomes 0x02 and 0x80 becomes 0x82, whatever the client offered.
 * User/pass failure answers 01 01 ("auth failure"). Then one request (deadline readTimeout):
 * CONNECT (dial failure: reply 03 Network unreachable), BIND, MBIND 0xF2, UDP ASSOCIATE, UDP-TUN
 * 0xF3, anything else reply 07 Command not supported.
 */

import { GostError } from '../../errors.js';
import { withDeadline } from '../../io/deadline.js';
import { BufferedReader } from '../../io/reader.js';
import { relay } from '../../io/transport.js';
import {
  emit,
  type Handler,
  type HandlerModule,
  type HandlerOptions,
  type RequestContext,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import type { Socks5Context } from './context.js';
import { bindMux, bindStandard } from './handler-bind.js';
import { udpAssociate, udpTun } from './handler-udp.js';
import { parseSocks5HandlerMetadata } from './metadata.js';
import {
  Command,
  encodeReply,
  Method,
  readGreeting,
  readRequest,
  readUserPass,
  Reply,
  socksAddrString,
  userPassVersion,
  version5,
} from './wire.js';

class Socks5Handler implements Handler {
  private readonly ctx: Socks5Context;

  constructor(options: HandlerOptions) {
    this.ctx = { options, settings: parseSocks5HandlerMetadata(options.metadata) };
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      const { options, settings } = this.ctx;
      const negotiated = await withDeadline(
        options.env.clock,
        settings.readTimeoutMs,
        this.negotiate(conn, ctx),
        'socks5: handshake',
      );
      await this.dispatch(negotiated.reader, negotiated.ctx, negotiated.request);
    } finally {
      conn.close();
    }
  }

  private select(offered: readonly number[]): number {
    const { settings, options } = this.ctx;
    let method: number = offered.includes(Method.tls) && !settings.noTLS ? Method.tls : Method.noAuth;
    if (options.auther) method = method === Method.noAuth ? Method.userPass : Method.tlsAuth;
    return method;
  }

  private async negotiate(conn: Conn, ctx: RequestContext) {
    let reader = new BufferedReader(conn);
    const method = this.select(await readGreeting(reader));
    await conn.write(Uint8Array.of(version5, method));
    let stream: Conn = reader.toConn();
    if (method === Method.tls || method === Method.tlsAuth) {
      stream = await this.ctx.options.env.tls.server(stream, this.ctx.options.tls);
      reader = new BufferedReader(stream);
    }
    if (method === Method.userPass || method === Method.tlsAuth) {
      const { username, password } = await readUserPass(reader);
      const result = this.ctx.options.auther?.authenticate(username, password) ?? { ok: true, id: '' };
      if (!result.ok) {
        await stream.write(Uint8Array.of(userPassVersion, 0x01));
        throw new GostError('auth', 'auth failure');
      }
      await stream.write(Uint8Array.of(userPassVersion, 0x00));
      ctx = { ...ctx, clientId: result.id };
    }
    const request = await readRequest(reader);
    return { reader, ctx, request };
  }

  private async dispatch(
    reader: BufferedReader,
    ctx: RequestContext,
    request: { code: number; addr: { host: string; port: number; type: number } },
  ): Promise<void> {
    const { options } = this.ctx;
    const address = socksAddrString(request.addr);
    const stream = reader.toConn();
    const action =
      { 1: 'connect', 2: 'bind', 3: 'udp', 242: 'mbind', 243: 'udp-tun' }[request.code] ??
      `cmd-${request.code}`;
    emit(options.env, {
      type: 'handler',
      host: options.env.hostname,
      service: options.service,
      handler: options.type,
      action,
      target: address,
      client: ctx.clientAddr,
    });
    switch (request.code) {
      case Command.connect:
        return this.connect(stream, ctx, address);
      case Command.bind:
        return bindStandard(this.ctx, stream, address);
      case Command.muxBind:
        return bindMux(this.ctx, stream, address);
      case Command.udp:
        return udpAssociate(this.ctx, stream, ctx);
      case Command.udpTun:
        return udpTun(this.ctx, stream, address);
      default:
        await stream.write(encodeReply(Reply.cmdUnsupported));
        throw new GostError('protocol', 'socks5: unknown command', { status: Reply.cmdUnsupported });
    }
  }

  private async connect(conn: Conn, ctx: RequestContext, address: string): Promise<void> {
    const { options, settings } = this.ctx;
    if (options.bypass?.contains(address)) {
      await conn.write(encodeReply(Reply.notAllowed));
      throw new GostError('protocol', `bypass: ${address}`, { status: Reply.notAllowed });
    }
    const requestCtx = settings.hash === 'host' ? { ...ctx, hashSource: address } : ctx;
    let upstream: Conn;
    try {
      upstream = await options.router.dial(requestCtx, 'tcp', address);
    } catch (error) {
      await conn.write(encodeReply(Reply.netUnreachable)).catch(() => undefined);
      throw error;
    }
    await conn.write(encodeReply(Reply.succeeded));
    const result = await relay(conn, upstream);
    emit(options.env, {
      type: 'bytes',
      host: options.env.hostname,
      service: options.service,
      sent: result.bToA,
      received: result.aToB,
    });
    if (result.error) throw result.error;
  }
}

export const socks5Handler: HandlerModule = {
  types: ['socks5', 'socks'],
  acceptsForwarder: false,
  create: (options) => new Socks5Handler(options),
};
