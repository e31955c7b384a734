/**
 * Chains and chain groups (x/chain/chain.go). A chain picks one node per hop; a hop that yields no
 * node truncates the route there. A node whose dialer multiplexes takes the route built so far as
 * its inner route and starts a new one.
 */

import type { Metadata } from '../metadata.js';
import type { RuntimeEnv } from '../protocol.js';
import type { Hop } from './hop.js';
import { Route } from './route.js';
import type { FailMarker, Selectable, SelectContext, Selector } from './selector.js';

export interface RouteRequest extends SelectContext {
  service?: string;
  dialTimeoutMs: number;
  /** The destination the route is for; bypasses of hops and nodes match against it. */
  address: string;
}

/** Anything a router can ask for a route: a chain, a chain group, or an undefined name. */
export interface Chainer {
  readonly name: string;
  /** Undefined means "no route": the router dials directly. */
  route(request: RouteRequest): Route | undefined;
}

export class Chain implements Chainer, Selectable {
  constructor(
    readonly name: string,
    private readonly hops: readonly Hop[],
    readonly marker: FailMarker,
    readonly metadata: Metadata,
    private readonly env: RuntimeEnv,
  ) {}

  route(request: RouteRequest): Route | undefined {
    if (this.hops.length === 0) return undefined;
    let route = new Route(this.env, request.service, request.dialTimeoutMs, {
      name: this.name,
      marker: this.marker,
    });
    for (const hop of this.hops) {
      let node = hop.select(request, request.address);
      if (!node) return route;
      if (node.transport?.multiplex) {
        node = node.withInnerRoute(route);
        route = new Route(this.env, request.service, request.dialTimeoutMs, { name: this.name });
      }
      route.add(node, hop.name);
    }
    return route;
  }
}

/**
 * A chain name that is not defined: gost's registry wrapper yields no route, so dials go direct. Its
 * marker never moves, so a chain group keeps selecting it.
 */
export class UndefinedChain implements Chainer, Selectable {
  constructor(
    readonly name: string,
    readonly marker: FailMarker,
    readonly metadata: Metadata,
  ) {}
  route(): Route | undefined {
    return undefined;
  }
}

/** `chain` plus `chainGroup.chains` of a handler or listener, one selected per request. */
export class ChainGroup implements Chainer {
  constructor(
    private readonly chains: readonly (Chain | UndefinedChain)[],
    private readonly selector: Selector<Chain | UndefinedChain>,
  ) {}

  get name(): string {
    return this.chains.map((c) => c.name).join(',');
  }

  route(request: RouteRequest): Route | undefined {
    return this.selector.select(this.chains, request)?.route(request);
  }
}
