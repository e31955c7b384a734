/**
 * The router a handler (or rtcp/rudp listener) dials and binds through (x/chain/router.go):
 * `retries` N gives N+1 attempts, each selecting a fresh route; each attempt's first network dial is
 * bounded by `dialTimeout` (15 s). No route (no chain, an undefined chain, a chain truncated at its
 * first hop) means a direct dial; a bind with a chain but an empty route fails "empty route".
 */

import { asGostError, GostError } from '../errors.js';
import type { BindListener, BindOptions, RequestContext, RuntimeEnv } from '../protocol.js';
import type { Conn, PacketConn } from '../types.js';
import type { Chainer, RouteRequest } from './chain.js';
import { Route } from './route.js';

export interface RouterOptions {
  env: RuntimeEnv;
  service?: string;
  chain?: Chainer;
  retries?: number;
  dialTimeoutMs?: number;
}

export const defaultDialTimeoutMs = 15_000;

export class Router {
  private readonly attempts: number;
  private readonly dialTimeoutMs: number;

  constructor(private readonly options: RouterOptions) {
    this.attempts = Math.max(1, (options.retries ?? 0) + 1);
    this.dialTimeoutMs =
      options.dialTimeoutMs && options.dialTimeoutMs > 0 ? options.dialTimeoutMs : defaultDialTimeoutMs;
  }

  get hasChain(): boolean {
    return this.options.chain !== undefined;
  }

  dial(ctx: Partial<RequestContext>, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    return this.attempt(ctx, address, (route) => route.dial(network, address));
  }

  /** A UDP association (gost's Dial("udp", "")): datagrams to any destination. */
  associate(ctx: Partial<RequestContext>): Promise<PacketConn> {
    return this.attempt(ctx, '', (route) => route.associate());
  }

  async bind(
    ctx: Partial<RequestContext>,
    network: 'tcp' | 'udp',
    address: string,
    options: BindOptions,
  ): Promise<BindListener> {
    let last: unknown;
    for (let i = 0; i < this.attempts; i++) {
      let route: Route | undefined;
      if (this.options.chain) {
        route = this.options.chain.route(this.request(ctx, address));
        if (!route || route.nodes.length === 0) {
          throw new GostError('empty-route', 'empty route', {
            host: this.options.env.hostname,
            service: this.options.service,
          });
        }
      }
      try {
        return await (route ?? this.directRoute()).bind(network, address, options);
      } catch (error) {
        last = error;
      }
    }
    throw asGostError(last);
  }

  private async attempt<T>(
    ctx: Partial<RequestContext>,
    address: string,
    run: (route: Route) => Promise<T>,
  ): Promise<T> {
    let last: unknown;
    for (let i = 0; i < this.attempts; i++) {
      const route = this.options.chain?.route(this.request(ctx, address)) ?? this.directRoute();
      try {
        return await run(route);
      } catch (error) {
        last = error;
      }
    }
    throw asGostError(last).locate({ host: this.options.env.hostname, service: this.options.service });
  }

  private request(ctx: Partial<RequestContext>, address: string): RouteRequest {
    return {
      address,
      service: this.options.service,
      dialTimeoutMs: this.dialTimeoutMs,
      clientId: ctx.clientId,
      hashSource: ctx.hashSource,
    };
  }

  private directRoute(): Route {
    return new Route(this.options.env, this.options.service, this.dialTimeoutMs);
  }
}
