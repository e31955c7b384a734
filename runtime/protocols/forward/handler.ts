/**
 * Port-forwarding handlers: `tcp`, `udp`, `forward` (x/handler/forward/local), and the same logic for
 * `rtcp`, `rudp` (x/handler/forward/remote, registered from ../rtcp).
 *
 * The network is decided by the accepted conn, not the handler name: datagram conns (udp/rudp
 * listeners) forward UDP, everything else TCP; a forwarder node's `network` overrides it.
 * Local handlers without a forwarder dial an empty node, i.e. ":0" (a forward/tcp last connector
 * lets the server pick the target; anything else fails). Remote handlers take the target from the
 * tunnel's `host` metadata, else from the forwarder, else fail "node not available". A target
 * without a port gets ":0". Dial failures mark the forwarder node; successes reset it.
 */

import { trySplitHostPort } from '../../addr.js';
import { GostError } from '../../errors.js';
import { relay } from '../../io/transport.js';
import {
  emit,
  type Handler,
  type HandlerModule,
  type HandlerOptions,
  type RequestContext,
} from '../../protocol.js';
import type { Conn } from '../../types.js';
import { type ForwardHandlerSettings, parseForwardHandlerMetadata } from './metadata.js';

interface Target {
  name: string;
  addr: string;
  network?: string;
  marker?: { mark(): void; reset(): void };
}

export class ForwardHandler implements Handler {
  private readonly settings: ForwardHandlerSettings;

  constructor(
    private readonly options: HandlerOptions,
    private readonly remote: boolean,
  ) {
    this.settings = parseForwardHandlerMetadata(options.metadata);
  }

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      await this.serve(conn, ctx);
    } finally {
      conn.close();
    }
  }

  private selectTarget(ctx: RequestContext): Target | undefined {
    const host = ctx.connMetadata?.host;
    if (this.remote && host) return { name: '', addr: host };
    const forwarder = this.options.forwarder;
    if (!forwarder) return this.remote ? undefined : { name: '', addr: '' };
    const node = forwarder.select(ctx);
    return node && { name: node.name, addr: node.addr, network: node.filters.network, marker: node.marker };
  }

  private async serve(conn: Conn, ctx: RequestContext): Promise<void> {
    const { env, service, type } = this.options;
    const target = this.selectTarget(ctx);
    if (!target) {
      emit(env, {
        type: 'handler',
        host: env.hostname,
        service,
        handler: type,
        action: 'forward',
        client: ctx.clientAddr,
      });
      throw new GostError('node-unavailable', 'node not available');
    }
    let network: string = conn.datagram ? 'udp' : 'tcp';
    if (target.network) network = target.network;
    let addr = target.addr;
    if (!trySplitHostPort(addr)) addr += ':0';
    emit(env, {
      type: 'handler',
      host: env.hostname,
      service,
      handler: type,
      action: 'forward',
      network,
      target: addr,
      client: ctx.clientAddr,
    });
    if (network !== 'tcp' && network !== 'udp')
      throw new GostError('network-unsupported', `network ${network} is unsupported`);

    let upstream: Conn;
    try {
      upstream = await this.options.router.dial(ctx, network, addr);
    } catch (error) {
      target.marker?.mark();
      throw error instanceof GostError && target.name ? error.locate({ node: target.name }) : error;
    }
    target.marker?.reset();
    const result = await relay(conn, upstream, { clock: env.clock, ms: this.settings.idleTimeoutMs });
    emit(env, { type: 'bytes', host: env.hostname, service, sent: result.aToB, received: result.bToA });
    if (result.error) throw result.error;
  }
}

export const forwardHandler: HandlerModule = {
  types: ['tcp', 'udp', 'forward'],
  acceptsForwarder: true,
  create: (options) => new ForwardHandler(options, false),
};
