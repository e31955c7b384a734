/**
 * Every protocol module the runtime ships, registered under gost's type names. An explicit list (no
 * import side effects), the counterpart of gost's cmd/gost/register.go.
 */

import { autoHandler } from './protocols/auto/handler.js';
import { forwardConnector } from './protocols/forward/connector.js';
import { forwardHandler } from './protocols/forward/handler.js';
import { httpConnector } from './protocols/http/connector.js';
import { httpHandler } from './protocols/http/handler.js';
import { relayConnector } from './protocols/relay/connector.js';
import { relayHandler } from './protocols/relay/handler.js';
import { remoteForwardHandler } from './protocols/rtcp/handler.js';
import { rtcpListener, rudpListener } from './protocols/rtcp/listener.js';
import { socks4Connector } from './protocols/socks4/connector.js';
import { socks4Handler } from './protocols/socks4/handler.js';
import { socks5Connector } from './protocols/socks5/connector.js';
import { socks5Handler } from './protocols/socks5/handler.js';
import { ssConnector } from './protocols/ss/connector.js';
import { ssHandler } from './protocols/ss/handler.js';
import { sshdConnector } from './protocols/sshd/connector.js';
import { sshdHandler } from './protocols/sshd/handler.js';
import { sshdDialer, sshdListener } from './protocols/sshd/transport.js';
import type { ConnectorModule, DialerModule, HandlerModule, ListenerModule } from './protocol.js';
import { createRegistries, type Registries, registerModule } from './registry.js';
import { grpc, h2, h2c, ssh } from './transports/modelled/stream.js';
import { kcp, quic } from './transports/modelled/udp-based.js';
import {
  mtlsDialer,
  mtlsListener,
  mwsDialer,
  mwsListener,
  mwssDialer,
  mwssListener,
} from './transports/mux-transports.js';
import { tcpDialer, tcpListener } from './transports/tcp.js';
import { tlsDialer, tlsListener } from './transports/tls-transport.js';
import { udpDialer, udpListener } from './transports/udp.js';
import { wsDialer, wsListener, wssDialer, wssListener } from './transports/ws-transport.js';

export const builtinHandlers: readonly HandlerModule[] = [
  autoHandler,
  forwardHandler,
  httpHandler,
  relayHandler,
  remoteForwardHandler,
  socks4Handler,
  socks5Handler,
  ssHandler,
  sshdHandler,
];

export const builtinListeners: readonly ListenerModule[] = [
  grpc.listener,
  h2.listener,
  h2c.listener,
  kcp.listener,
  mtlsListener,
  mwsListener,
  mwssListener,
  rtcpListener,
  rudpListener,
  quic.listener,
  ssh.listener,
  sshdListener,
  tcpListener,
  tlsListener,
  udpListener,
  wsListener,
  wssListener,
];

export const builtinConnectors: readonly ConnectorModule[] = [
  forwardConnector,
  httpConnector,
  relayConnector,
  socks4Connector,
  socks5Connector,
  ssConnector,
  sshdConnector,
];

export const builtinDialers: readonly DialerModule[] = [
  grpc.dialer,
  h2.dialer,
  h2c.dialer,
  kcp.dialer,
  mtlsDialer,
  mwsDialer,
  mwssDialer,
  quic.dialer,
  ssh.dialer,
  sshdDialer,
  tcpDialer,
  tlsDialer,
  udpDialer,
  wsDialer,
  wssDialer,
];

export function builtinRegistries(): Registries {
  const registries = createRegistries();
  for (const m of builtinHandlers) registerModule(registries.handlers, m);
  for (const m of builtinListeners) registerModule(registries.listeners, m);
  for (const m of builtinConnectors) registerModule(registries.connectors, m);
  for (const m of builtinDialers) registerModule(registries.dialers, m);
  return registries;
}
