/**
 * A chain or forwarder node (core/chain Node, x/chain Transport). Chain nodes carry a transport:
 * the node's dialer (how to reach its server) and connector (what to say to it). Forwarder nodes
 * are just targets.
 */

import { GostError } from '../errors.js';
import type { Metadata } from '../metadata.js';
import type { BindListener, BindOptions, Connector, Dialer, RuntimeEnv } from '../protocol.js';
import type { Conn } from '../types.js';
import type { Bypass } from '../filters.js';
import { withDeadline } from '../io/deadline.js';
import type { FailMarker, Selectable } from './selector.js';
import type { Route } from './route.js';

export interface NodeFilters {
  /** Forwarder node `network` (overrides the network the handler would use). */
  network?: string;
  host?: string;
  protocol?: string;
  path?: string;
}

export class NodeTransport {
  constructor(
    readonly dialerType: string,
    readonly connectorType: string,
    private readonly dialer: Dialer,
    private readonly connector: Connector,
    private readonly env: RuntimeEnv,
    /** The hops before a multiplexing node, through which its dialer reaches the server. */
    readonly innerRoute?: Route,
  ) {}

  get multiplex(): boolean {
    return this.dialer.multiplex;
  }

  withInnerRoute(route: Route): NodeTransport {
    return new NodeTransport(
      this.dialerType,
      this.connectorType,
      this.dialer,
      this.connector,
      this.env,
      route,
    );
  }

  /** Opens the transport to the node's server from this host (first node of a route). */
  dial(addr: string, timeoutMs: number): Promise<Conn> {
    const inner = this.innerRoute;
    return this.dialer.dial(addr, {
      rawDial: (network, target) => {
        if (inner && inner.nodes.length > 0) return inner.dial(network, target);
        return withDeadline(
          this.env.clock,
          timeoutMs,
          this.env.network.dial(network, target),
          `dial ${network} ${target}`,
        );
      },
    });
  }

  /** Dialer handshake (TLS, WebSocket, mux stream) then connector handshake (socks5 methods). */
  async handshake(conn: Conn, addr: string): Promise<Conn> {
    let c = conn;
    if (this.dialer.handshake) c = await this.dialer.handshake(c, addr);
    if (this.connector.handshake) c = await this.connector.handshake(c);
    return c;
  }

  connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn> {
    return this.connector.connect(conn, network, address);
  }

  bind(conn: Conn, network: 'tcp' | 'udp', address: string, options: BindOptions): Promise<BindListener> {
    if (!this.connector.bind) throw new GostError('bind-unsupported', 'bind unsupported');
    return this.connector.bind(conn, network, address, options);
  }
}

export class ChainNode implements Selectable {
  constructor(
    readonly name: string,
    readonly addr: string,
    readonly metadata: Metadata,
    readonly marker: FailMarker,
    readonly filters: NodeFilters = {},
    readonly transport?: NodeTransport,
    /** Destinations it contains skip this node. */
    readonly bypass?: Bypass,
  ) {}

  /** A copy whose transport dials through `route` (the marker is shared with the original). */
  withInnerRoute(route: Route): ChainNode {
    if (!this.transport) return this;
    return new ChainNode(
      this.name,
      this.addr,
      this.metadata,
      this.marker,
      this.filters,
      this.transport.withInnerRoute(route),
      this.bypass,
    );
  }
}
