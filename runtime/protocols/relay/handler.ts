/**
 * The relay handler (x/handler/relay/handler.go, connect.go, forward.go).
 *
 *   read request (deadline readTimeout) -- bad version / short / unknown feature: close, no response
 *     -> auth (handler auther)            -- fails: 2 Unauthorized
 *     -> network = Network feature, FUDP flag forces udp
 *     -> forwarder set? ("forward mode")  -- EVERY command goes to the forwarder target:
 *          no node: 5 Service Unavailable; dial fails: 6 Host Unreachable (node marked)
 *     -> CONNECT (or command 0)           -- no Addr: 1 Bad Request; dial fails: 7 Network Unreachable
 *     -> BIND                              -- needs `bind`, else 3 Forbidden (see bind.ts)
 *     -> anything else                     -- 1 Bad Request
 *
 * With `nodelay` off the OK response is held back and sent with the first bytes of the reply.
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
import { bindTcp, bindUdp } from './bind.js';
import { RelayDatagramConn, RelayStreamConn } from './conn.js';
import { parseRelayHandlerMetadata, type RelayHandlerSettings } from './metadata.js';
import { Cmd, encodeMessage, featureAddress, networkName, readMessage, Status, version1 } from './wire.js';

function response(status: number): Uint8Array {
  return encodeMessage({ version: version1, code: status, features: [] });
}

class RelayHandler implements Handler {
  private readonly settings: RelayHandlerSettings;

  constructor(private readonly options: HandlerOptions) {
    this.settings = parseRelayHandlerMetadata(options.metadata);
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      await this.serve(conn, ctx);
    } finally {
      conn.close();
    }
  }

  private async serve(conn: Conn, ctx: RequestContext): Promise<void> {
    const { env } = this.options;
    const reader = new BufferedReader(conn);
    const req = await withDeadline(
      env.clock,
      this.settings.readTimeoutMs,
      readMessage(reader, 'relay request'),
      'relay: read request',
    );

    let user = '';
    let pass = '';
    let address = '';
    let networkId = 0;
    for (const f of req.features) {
      if (f.type === 'userAuth') {
        user = f.username;
        pass = f.password;
      } else if (f.type === 'addr') address = featureAddress(f);
      else if (f.type === 'network') networkId = f.network;
    }

    const auther = this.options.auther;
    if (auther) {
      const result = auther.authenticate(user, pass);
      if (!result.ok) {
        await conn.write(response(Status.unauthorized));
        throw new GostError('auth', 'relay: unauthorized', { status: Status.unauthorized });
      }
      ctx = { ...ctx, clientId: result.id };
    }

    const network = (req.code & Cmd.udpFlag) !== 0 ? 'udp' : networkName(networkId);
    const stream = reader.toConn();

    if (this.options.forwarder) return this.forward(stream, ctx, network);

    switch (req.code & Cmd.mask) {
      case 0:
      case Cmd.connect:
        return this.connect(stream, ctx, network, address);
      case Cmd.bind:
        return this.bind(stream, network, address);
      default:
        await conn.write(response(Status.badRequest));
        throw new GostError('protocol', 'relay: unknown command', { status: Status.badRequest });
    }
  }

  private trace(action: string, ctx: RequestContext, network: string, target: string): void {
    const { env, service, type } = this.options;
    emit(env, {
      type: 'handler',
      host: env.hostname,
      service,
      handler: type,
      action,
      network,
      target,
      client: ctx.clientAddr,
    });
  }

  private async connect(conn: Conn, ctx: RequestContext, network: string, address: string): Promise<void> {
    this.trace('connect', ctx, network, address);
    if (address === '') {
      await conn.write(response(Status.badRequest));
      throw new GostError('protocol', 'target not specified', { status: Status.badRequest });
    }
    if (network !== 'tcp' && network !== 'udp') {
      await conn.write(response(Status.networkUnreachable));
      throw new GostError('network-unsupported', `network ${network} is unsupported`);
    }
    if (this.options.bypass?.contains(address)) {
      await conn.write(response(Status.forbidden));
      throw new GostError('protocol', `bypass: ${address}`, { status: Status.forbidden });
    }
    const requestCtx = this.settings.hash === 'host' ? { ...ctx, hashSource: address } : ctx;
    let upstream: Conn;
    try {
      upstream = await this.options.router.dial(requestCtx, network, address);
    } catch (error) {
      await conn.write(response(Status.networkUnreachable)).catch(() => undefined);
      throw error;
    }
    await this.pipe(conn, upstream, network);
  }

  private async forward(conn: Conn, ctx: RequestContext, network: string): Promise<void> {
    const target = this.options.forwarder!.select(ctx);
    this.trace('forward', ctx, network, target?.addr ?? '');
    if (!target) {
      await conn.write(response(Status.serviceUnavailable));
      throw new GostError('node-unavailable', 'target not available', { status: Status.serviceUnavailable });
    }
    if (network !== 'tcp' && network !== 'udp') {
      await conn.write(response(Status.hostUnreachable));
      throw new GostError('network-unsupported', `network ${network} is unsupported`);
    }
    let upstream: Conn;
    try {
      upstream = await this.options.router.dial(ctx, network, target.addr);
    } catch (error) {
      target.marker.mark();
      await conn.write(response(Status.hostUnreachable)).catch(() => undefined);
      throw error instanceof GostError ? error.locate({ node: target.name }) : error;
    }
    target.marker.reset();
    await this.pipe(conn, upstream, network);
  }

  private async pipe(conn: Conn, upstream: Conn, network: 'tcp' | 'udp'): Promise<void> {
    if (this.settings.noDelay) await conn.write(response(Status.ok));
    const pendingHeader = this.settings.noDelay ? undefined : response(Status.ok);
    const wrapped =
      network === 'udp'
        ? new RelayDatagramConn(conn, { pendingHeader, expectResponse: false })
        : new RelayStreamConn(conn, { pendingHeader, expectResponse: false });
    const { env, service } = this.options;
    const result = await relay(wrapped, upstream);
    emit(env, { type: 'bytes', host: env.hostname, service, sent: result.bToA, received: result.aToB });
    if (result.error) throw result.error;
  }

  private async bind(conn: Conn, network: string, address: string): Promise<void> {
    const { env, service } = this.options;
    emit(env, {
      type: 'handler',
      host: env.hostname,
      service,
      handler: this.options.type,
      action: 'bind',
      network,
      target: address,
    });
    if (!this.settings.enableBind) {
      await conn.write(response(Status.forbidden));
      throw new GostError('bind-disabled', 'relay: BIND is disabled', { status: Status.forbidden });
    }
    const ctx = { env, service, settings: this.settings };
    if (network === 'tcp') return bindTcp(ctx, conn, address);
    return bindUdp(ctx, conn, address);
  }
}

export const relayHandler: HandlerModule = {
  types: ['relay'],
  acceptsForwarder: true,
  create: (options) => new RelayHandler(options),
};
