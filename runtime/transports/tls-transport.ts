/**
 * The `tls` listener and dialer (x/listener/tls, x/dialer/tls): TLS over TCP with the service's (or
 * the default) certificate; the client verifies only with `secure` or a CA (see tls.ts).
 */

import type { Dialer, DialerModule, DialerOptions, ListenerModule } from '../protocol.js';
import type { Conn } from '../types.js';
import { LayeredListener } from './layered-listener.js';

export const tlsListener: ListenerModule = {
  types: ['tls'],
  async create(options) {
    const ln = await options.env.network.listen('tcp', options.addr);
    return new LayeredListener(ln, options, async (raw, push) =>
      push(await options.env.tls.server(raw, options.tls)),
    );
  },
};

class TlsDialer implements Dialer {
  readonly multiplex = false;
  constructor(private readonly options: DialerOptions) {}
  dial(addr: string, ctx: Parameters<Dialer['dial']>[1]): Promise<Conn> {
    return ctx.rawDial('tcp', addr);
  }
  handshake(conn: Conn): Promise<Conn> {
    return this.options.env.tls.client(conn, this.options.tls);
  }
}

export const tlsDialer: DialerModule = {
  types: ['tls'],
  create: (options) => new TlsDialer(options),
};
