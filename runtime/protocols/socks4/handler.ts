/**
 * The socks4/socks4a handler (x/handler/socks/v4/handler.go): CONNECT only (BIND is unimplemented and
 * closes the conn). The user id is checked with an EMPTY password, so only users configured without
 * a password pass (else reply 93). A failed dial answers 91.
 */

import { joinHostPort } from '../../addr.js';
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
import { parseSocks4HandlerMetadata, type Socks4HandlerSettings } from './metadata.js';
import { Code, Command, encodeReply, readRequest } from './wire.js';

class Socks4Handler implements Handler {
  private readonly settings: Socks4HandlerSettings;

  constructor(private readonly options: HandlerOptions) {
    this.settings = parseSocks4HandlerMetadata(options.metadata);
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      await this.serve(conn, ctx);
    } finally {
      conn.close();
    }
  }

  private async serve(conn: Conn, ctx: RequestContext): Promise<void> {
    const { env, service, type, auther, router } = this.options;
    const reader = new BufferedReader(conn);
    const req = await withDeadline(
      env.clock,
      this.settings.readTimeoutMs,
      readRequest(reader),
      'socks4: read request',
    );
    const address = joinHostPort(req.host, req.port);
    emit(env, {
      type: 'handler',
      host: env.hostname,
      service,
      handler: type,
      action: req.command === Command.connect ? 'connect' : 'bind',
      target: address,
      client: ctx.clientAddr,
    });
    if (auther && !auther.authenticate(req.userId, '').ok) {
      await conn.write(encodeReply(Code.rejectedUserId));
      throw new GostError('auth', 'socks4: user id rejected', { status: Code.rejectedUserId });
    }
    if (req.command !== Command.connect) throw new GostError('unsupported', 'socks4: unimplemented');
    if (this.options.bypass?.contains(address)) {
      await conn.write(encodeReply(Code.rejected));
      throw new GostError('protocol', `bypass: ${address}`, { status: Code.rejected });
    }
    let upstream: Conn;
    try {
      upstream = await router.dial(ctx, 'tcp', address);
    } catch (error) {
      await conn.write(encodeReply(Code.failed)).catch(() => undefined);
      throw error;
    }
    await conn.write(encodeReply(Code.granted));
    const result = await relay(reader.toConn(), upstream);
    emit(env, { type: 'bytes', host: env.hostname, service, sent: result.bToA, received: result.aToB });
    if (result.error) throw result.error;
  }
}

export const socks4Handler: HandlerModule = {
  types: ['socks4', 'socks4a'],
  acceptsForwarder: false,
  create: (options) => new Socks4Handler(options),
};
