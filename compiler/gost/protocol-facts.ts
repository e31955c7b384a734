/**
 * What gost's protocols can do, as far as cross-host checks need to know (GOST-SEMANTICS §1-§3).
 * Keyed by gost type names; aliases are normalised first.
 */

import { listenerFamily as registeredListenerFamily } from './registry-names.js';

const handlerAliases: Record<string, string> = {
  socks: 'socks5',
  socks4a: 'socks4',
  ss: 'ss',
  http2: 'http2',
};
const connectorAliases: Record<string, string> = { socks: 'socks5', socks4a: 'socks4' };

export function canonicalHandler(type: string): string {
  const t = type.toLowerCase();
  return handlerAliases[t] ?? t;
}

export function canonicalConnector(type: string): string {
  const t = type.toLowerCase();
  return connectorAliases[t] ?? t;
}

/** The socket family a listener binds (`other` for unix sockets, devices, raw sockets). */
export function listenerFamily(type: string): 'tcp' | 'udp' | 'other' {
  return registeredListenerFamily(type.toLowerCase());
}

/** Dialers whose first packets are UDP datagrams. */
const udpDialers = new Set(['udp', 'kcp', 'quic', 'h3', 'http3', 'wt', 'dtls', 'icmp']);
export function dialerFamily(type: string): 'tcp' | 'udp' {
  return udpDialers.has(type.toLowerCase()) ? 'udp' : 'tcp';
}

/** Dialers that wrap the stream in TLS (and so verify certificates when `secure=true`). */
export const tlsDialers = new Set([
  'tls',
  'mtls',
  'wss',
  'mwss',
  'h2',
  'grpc',
  'quic',
  'http3',
  'h3',
  'dtls',
]);

/** Listener/dialer names that carry a WebSocket path. */
export const webSocketTransports = new Set(['ws', 'wss', 'mws', 'mwss']);

/** Connectors that implement Bind (x/chain/transport.go). */
export const bindConnectors = new Set(['relay', 'socks5', 'sshd', 'tunnel']);

/** Last-node connectors that can carry UDP for a local udp forwarder (§3.2). */
export const udpConnectors = new Set(['relay', 'socks5', 'http', 'ssu']);

/** Handlers that use a forwarder (implement Forward(hop)); a forwarder on any other is ignored. */
export const forwardingHandlers = new Set([
  'tcp',
  'udp',
  'forward',
  'rtcp',
  'rudp',
  'runix',
  'relay',
  'dns',
  'tun',
  'tap',
  'unix',
  'serial',
  'http3',
]);

/** Handlers that behave as plain port forwarders (one implementation in gost). */
export const localForwardHandlers = new Set(['tcp', 'udp', 'forward']);

/** Pass-through connectors: they send the client's raw bytes and drop the requested address. */
export const passThroughConnectors = new Set(['forward', 'tcp']);

/** Listeners whose chain opens the port remotely. */
export const remoteListeners = new Set(['rtcp', 'rudp', 'runix']);

/**
 * Which handler a connector can talk to (the ✔ cells of the §1.3 matrix). `auto` accepts http,
 * socks4 and socks5 only.
 */
export function connectorMatchesHandler(connector: string, handler: string): boolean {
  const c = canonicalConnector(connector);
  const h = canonicalHandler(handler);
  if (h === 'auto') return c === 'http' || c === 'socks5' || c === 'socks4';
  if (passThroughConnectors.has(c)) return localForwardHandlers.has(h);
  if (c === 'socks5') return h === 'socks5';
  if (c === 'socks4') return h === 'socks4';
  return c === h;
}

/** Protocols whose client would not notice a mismatch until the application does (≈ cells of §1.3). */
export function reachesForwarderVerbatim(handler: string): boolean {
  return localForwardHandlers.has(canonicalHandler(handler));
}
