/**
 * The type names the gost binary registers, by kind. gost's command-line parser falls back to a
 * default type whenever a scheme part is not registered (handler `auto`, listener `tcp`,
 * connector `http`, dialer `tcp`), so these sets decide what a `-L`/`-F` URL turns into.
 *
 * Gathered from the `registry.<Kind>Registry().Register("…")` calls in go-gost/x
 * (`handler/*`, `listener/*`, `connector/*`, `dialer/*`) for the packages the gost binary imports
 * in `cmd/gost/register.go`. Aliases share one implementation (`socks`/`socks5`, `ws`/`wss`, …).
 * Packages that exist in go-gost/x but that the binary does not import (e.g. `dialer/wg`,
 * `listener/tungo`, the retired `com` serial handler) are not registered and so are not listed.
 */

export type RegistryKind = 'handler' | 'listener' | 'connector' | 'dialer';

/**
 * Handler types: `x/handler/*`. `runix` is the handler gost's command line pairs with the `runix`
 * listener in forward mode (x/config/cmd/cmd.go; docs "port-forwarding", remote Unix sockets).
 */
export const handlerNames: readonly string[] = [
  'auto',
  'dns',
  'file',
  'forward',
  'http',
  'http2',
  'http3',
  'masque',
  'metrics',
  'red',
  'redir',
  'redirect',
  'redu',
  'relay',
  'router',
  'rtcp',
  'rudp',
  'runix',
  'serial',
  'sni',
  'socks',
  'socks4',
  'socks4a',
  'socks5',
  'ss',
  'sshd',
  'ssu',
  'tap',
  'tcp',
  'tun',
  'tunnel',
  'udp',
  'unix',
];

/** Listener types: `x/listener/*`. */
export const listenerNames: readonly string[] = [
  'dns',
  'dtls',
  'ftcp',
  'grpc',
  'h2',
  'h2c',
  'h3',
  'http2',
  'http3',
  'icmp',
  'icmp6',
  'kcp',
  'mtcp',
  'mtls',
  'mws',
  'mwss',
  'ohttp',
  'otls',
  'pht',
  'phts',
  'quic',
  'red',
  'redir',
  'redirect',
  'redu',
  'rtcp',
  'rudp',
  'runix',
  'serial',
  'ssh',
  'sshd',
  'stdio',
  'tap',
  'tcp',
  'tls',
  'tun',
  'udp',
  'unix',
  'ws',
  'wss',
  'wt',
];

/** Connector types: `x/connector/*`. */
export const connectorNames: readonly string[] = [
  'direct',
  'forward',
  'http',
  'http2',
  'masque',
  'relay',
  'router',
  'serial',
  'sni',
  'socks',
  'socks4',
  'socks4a',
  'socks5',
  'ss',
  'sshd',
  'ssu',
  'tcp',
  'tunnel',
  'unix',
  'virtual',
];

/** Dialer types: `x/dialer/*`. */
export const dialerNames: readonly string[] = [
  'direct',
  'dtls',
  'ftcp',
  'grpc',
  'h2',
  'h2c',
  'h3',
  'h3-masque',
  'http2',
  'http3',
  'icmp',
  'icmp6',
  'kcp',
  'mtcp',
  'mtls',
  'mws',
  'mwss',
  'ohttp',
  'otls',
  'pht',
  'phts',
  'quic',
  'serial',
  'ssh',
  'sshd',
  'tcp',
  'tls',
  'udp',
  'unix',
  'utls',
  'virtual',
  'ws',
  'wss',
  'wt',
];

const byKind: Record<RegistryKind, ReadonlySet<string>> = {
  handler: new Set(handlerNames),
  listener: new Set(listenerNames),
  connector: new Set(connectorNames),
  dialer: new Set(dialerNames),
};

/** Whether the gost binary registers `name` as a `kind`. Names are case-sensitive, as in gost. */
export function isRegistered(kind: RegistryKind, name: string): boolean {
  return byKind[kind].has(name);
}

/** All names of one kind. */
export function registeredNames(kind: RegistryKind): readonly string[] {
  switch (kind) {
    case 'handler':
      return handlerNames;
    case 'listener':
      return listenerNames;
    case 'connector':
      return connectorNames;
    case 'dialer':
      return dialerNames;
  }
}

/**
 * Listeners that bind a TCP socket, so two of them on overlapping addresses collide
 * (GOST-SEMANTICS §9 rule 37). `rtcp` binds on the chain's last host when it has a listener chain.
 */
export const tcpFamilyListeners: readonly string[] = [
  'grpc',
  'h2',
  'h2c',
  'http2',
  'mtcp',
  'mtls',
  'mws',
  'mwss',
  'ohttp',
  'otls',
  'pht',
  'phts',
  'red',
  'redir',
  'redirect',
  'rtcp',
  'ssh',
  'sshd',
  'tcp',
  'tls',
  'ws',
  'wss',
];

/**
 * Listeners that bind a UDP socket. `dns` listens on UDP in its default mode (`mode=udp`);
 * `rudp` binds on the chain's last host when it has a listener chain.
 */
export const udpFamilyListeners: readonly string[] = [
  'dns',
  'dtls',
  'h3',
  'http3',
  'kcp',
  'quic',
  'redu',
  'rudp',
  'udp',
  'wt',
];

/**
 * Listeners bound to neither a TCP nor a UDP port: raw sockets (`ftcp`, `icmp`, `icmp6`), Unix
 * sockets (`unix`, `runix`), devices (`serial`, `tun`, `tap`) and the process's stdio.
 */
export const otherFamilyListeners: readonly string[] = [
  'ftcp',
  'icmp',
  'icmp6',
  'runix',
  'serial',
  'stdio',
  'tap',
  'tun',
  'unix',
];

const tcpListenerSet = new Set(tcpFamilyListeners);
const udpListenerSet = new Set(udpFamilyListeners);

/** The socket family a listener binds, or `other` when it binds no TCP/UDP port. */
export function listenerFamily(type: string): 'tcp' | 'udp' | 'other' {
  if (tcpListenerSet.has(type)) return 'tcp';
  if (udpListenerSet.has(type)) return 'udp';
  return 'other';
}

/**
 * Dialers whose `Multiplex()` returns true: they keep one session per node address and open a
 * stream per connection, which splits a chain's route (GOST-SEMANTICS §2.5).
 */
export const multiplexDialers: readonly string[] = [
  'grpc',
  'h2',
  'h2c',
  'h3',
  'h3-masque',
  'http2',
  'http3',
  'icmp',
  'icmp6',
  'kcp',
  'mtcp',
  'mtls',
  'mws',
  'mwss',
  'pht',
  'phts',
  'quic',
  'ssh',
  'sshd',
  'wt',
];

const multiplexDialerSet = new Set(multiplexDialers);

export function isMultiplexDialer(type: string): boolean {
  return multiplexDialerSet.has(type);
}

/** Dialers that run a TLS (or DTLS/QUIC) client handshake and so use the dialer's `tls` block. */
export const tlsClientDialers: readonly string[] = [
  'dtls',
  'grpc',
  'h2',
  'h3',
  'h3-masque',
  'http2',
  'http3',
  'mtls',
  'mwss',
  'phts',
  'quic',
  'tls',
  'utls',
  'wss',
  'wt',
];

/** Listeners that run a TLS (or DTLS/QUIC) server handshake and so use the listener's `tls` block. */
export const tlsServerListeners: readonly string[] = [
  'dtls',
  'grpc',
  'h2',
  'h3',
  'http2',
  'http3',
  'mtls',
  'mwss',
  'phts',
  'quic',
  'tls',
  'wss',
  'wt',
];

const tlsDialerSet = new Set(tlsClientDialers);
const tlsListenerSet = new Set(tlsServerListeners);

export function dialerUsesTLS(type: string): boolean {
  return tlsDialerSet.has(type);
}

export function listenerUsesTLS(type: string): boolean {
  return tlsListenerSet.has(type);
}
