/**
 * mtls, mws and mwss: an smux session inside TLS, WebSocket or WebSocket over TLS
 * (x/listener/mtls, x/listener/mws, x/dialer/mtls, x/dialer/mws). The listener runs the smux server
 * side; `mux.*` metadata must agree on both ends (a version mismatch kills the session).
 */

import { MuxSession, parseMuxConfig } from '../mux/smux.js';
import type { DialerModule, DialerOptions, ListenerModule, ListenerOptions } from '../protocol.js';
import type { Conn } from '../types.js';
import { LayeredListener } from './layered-listener.js';
import { MuxDialer } from './mux-dialer.js';
import { wsClientLayer, wsServerLayer } from './ws-transport.js';

type ServerLayer = (raw: Conn, options: ListenerOptions) => Promise<Conn>;

function muxListener(types: string[], layer: ServerLayer): ListenerModule {
  return {
    types,
    async create(options) {
      const ln = await options.env.network.listen('tcp', options.addr);
      const config = parseMuxConfig(options.metadata);
      return new LayeredListener(ln, options, async (raw, push) => {
        const session = MuxSession.server(await layer(raw, options), config, options.env.clock);
        try {
          for (;;) push(await session.accept());
        } catch {
          // Session over.
        }
      });
    },
  };
}

function muxDialer(
  types: string[],
  layer: (raw: Conn, addr: string, options: DialerOptions) => Promise<Conn>,
): DialerModule {
  return {
    types,
    create: (options) =>
      new MuxDialer(
        (raw, addr) => layer(raw, addr, options),
        parseMuxConfig(options.metadata),
        options.env.clock,
      ),
  };
}

export const mtlsListener = muxListener(['mtls'], (raw, o) => o.env.tls.server(raw, o.tls));
export const mwsListener = muxListener(['mws'], (raw, o) => wsServerLayer(raw, o));
export const mwssListener = muxListener(['mwss'], async (raw, o) =>
  wsServerLayer(await o.env.tls.server(raw, o.tls), o),
);

export const mtlsDialer = muxDialer(['mtls'], (raw, _addr, o) => o.env.tls.client(raw, o.tls));
export const mwsDialer = muxDialer(['mws'], (raw, addr, o) => wsClientLayer(raw, addr, o));
export const mwssDialer = muxDialer(['mwss'], async (raw, addr, o) =>
  wsClientLayer(await o.env.tls.client(raw, o.tls), addr, o),
);
