/**
 * The shapes protocol modules implement, after go-gost/core: a service is a Listener feeding a
 * Handler; a chain node is a Dialer (transport) plus a Connector (proxy protocol). Modules are plain
 * objects registered under gost's type names (see registry.ts and builtin.ts).
 */

import type { Authenticator } from './auth.js';
import type { Router } from './chain/router.js';
import type { Chainer } from './chain/chain.js';
import type { Hop } from './chain/hop.js';
import type { Bypass } from './filters.js';
import type { Metadata } from './metadata.js';
import type { ClientTlsOptions, ServerTlsOptions, TlsEngine } from './transports/tls-types.js';
import type { Clock, Conn, Network, Rng, TraceEvent, TraceSink } from './types.js';

/** Everything a gost instance was given, shared by all its parts. */
export interface RuntimeEnv {
  network: Network;
  clock: Clock;
  rng: Rng;
  hostname: string;
  trace?: TraceSink;
  tls: TlsEngine;
  /** Which gost line to reproduce where stable (x v0.8.1) and HEAD differ. */
  profile: 'stable' | 'head';
}

export function emit(env: RuntimeEnv, event: TraceEvent): void {
  env.trace?.emit(event);
}

/** Per-connection values gost keeps in its context (client address, client id, hash source). */
export interface RequestContext {
  service: string;
  /** The address of the peer that opened the service connection. */
  clientAddr?: string;
  /** Authenticated user (gost's client ID). */
  clientId?: string;
  /** Source for the `hash` selector strategy (client IP unless `hash: host`). */
  hashSource?: string;
  /** Metadata attached to an accepted conn (rtcp tunnels carry `host`). */
  connMetadata?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export interface Handler {
  /** Serves one accepted connection; closes it before resolving. Rejections are reported, not fatal. */
  handle(conn: Conn, ctx: RequestContext): Promise<void>;
  close?(): void;
}

export interface HandlerOptions {
  service: string;
  type: string;
  env: RuntimeEnv;
  router: Router;
  /** Undefined when the handler has no authentication at all. */
  auther?: Authenticator;
  /** The handler block's inline `auth` as written (gost's options.Auth; ss reads its method/key). */
  auth?: { username: string; password?: string };
  /** The service's bypass: proxy handlers refuse destinations it contains. */
  bypass?: Bypass;
  /** The forwarder hop; only passed to handlers whose module accepts one. */
  forwarder?: Hop;
  metadata: Metadata;
  /** Server TLS settings (service cert or the instance's default certificate). */
  tls: ServerTlsOptions;
}

export interface HandlerModule {
  readonly types: readonly string[];
  /** gost's handler.Forwarder: whether a `forwarder:` block reaches this handler. */
  readonly acceptsForwarder: boolean;
  /** gost's NewHandler + Init; throws a config GostError when Init fails. */
  create(options: HandlerOptions): Handler;
}

// ---------------------------------------------------------------------------------------------
// Listeners
// ---------------------------------------------------------------------------------------------

export interface ServiceListener {
  readonly addr: string;
  /**
   * Resolves with the next connection for the handler. A rejection whose GostError has
   * `temporary: true` makes the service retry with backoff; any other rejection ends the service.
   */
  accept(): Promise<AcceptedConn>;
  close(): void;
}

export interface AcceptedConn {
  conn: Conn;
  /** Metadata that travels with the conn to the handler (rtcp: tunnel `host`). */
  metadata?: Record<string, string>;
}

export interface ListenerOptions {
  service: string;
  type: string;
  env: RuntimeEnv;
  addr: string;
  metadata: Metadata;
  /** The listener chain (rtcp/rudp bind through it). */
  chain?: Chainer;
  auther?: Authenticator;
  tls: ServerTlsOptions;
}

export interface ListenerModule {
  readonly types: readonly string[];
  /** gost's NewListener + Init: binds now (rtcp/rudp bind lazily in accept). */
  create(options: ListenerOptions): Promise<ServiceListener>;
}

// ---------------------------------------------------------------------------------------------
// Dialers (client-side transports)
// ---------------------------------------------------------------------------------------------

export interface DialContext {
  /** Opens the raw stream to `addr`: a direct network dial, or a dial through the inner route. */
  rawDial(network: 'tcp' | 'udp', addr: string): Promise<Conn>;
}

export interface Dialer {
  /** Multiplexing dialers split the route: earlier hops become their inner route. */
  readonly multiplex: boolean;
  dial(addr: string, ctx: DialContext): Promise<Conn>;
  /** Transport handshake on a conn that reaches the node's server (TLS, WebSocket upgrade, mux stream). */
  handshake?(conn: Conn, addr: string): Promise<Conn>;
}

export interface DialerOptions {
  node: string;
  type: string;
  env: RuntimeEnv;
  metadata: Metadata;
  tls: ClientTlsOptions;
  auth?: { username: string; password?: string };
}

export interface DialerModule {
  readonly types: readonly string[];
  create(options: DialerOptions): Dialer;
}

// ---------------------------------------------------------------------------------------------
// Connectors (client side of a proxy protocol)
// ---------------------------------------------------------------------------------------------

export interface BindOptions {
  /** rtcp asks for a multiplexed bind. */
  mux?: boolean;
  backlog?: number;
  udpTtlMs?: number;
  udpReadBufferSize?: number;
  udpReadQueueSize?: number;
}

/** What a Bind returns: the remote port's inbound connections, delivered over the tunnel. */
export interface BindListener {
  readonly addr: string;
  accept(): Promise<AcceptedConn>;
  close(): void;
}

export interface Connector {
  /** Runs right after the node's transport handshake (socks5 method negotiation). */
  handshake?(conn: Conn): Promise<Conn>;
  /**
   * Asks the server to connect to `address`. For `udp` the returned conn carries datagrams; with an
   * empty address it is a UDP association whose conn also implements `DatagramTunnel`.
   */
  connect(conn: Conn, network: 'tcp' | 'udp', address: string): Promise<Conn>;
  /** Asks the server to listen on `address` (rtcp/rudp); absent means "bind unsupported". */
  bind?(conn: Conn, network: 'tcp' | 'udp', address: string, options: BindOptions): Promise<BindListener>;
}

export interface ConnectorOptions {
  node: string;
  type: string;
  env: RuntimeEnv;
  metadata: Metadata;
  tls: ClientTlsOptions;
  auth?: { username: string; password?: string };
}

export interface ConnectorModule {
  readonly types: readonly string[];
  create(options: ConnectorOptions): Connector;
}
