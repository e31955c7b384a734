/** Plain TCP: the `tcp` listener and dialer (x/listener/tcp, x/dialer/tcp). */

import type {
  AcceptedConn,
  DialContext,
  Dialer,
  DialerModule,
  ListenerModule,
  ListenerOptions,
  ServiceListener,
} from '../protocol.js';
import type { Conn, Listener } from '../types.js';

export class StreamServiceListener implements ServiceListener {
  constructor(private readonly listener: Listener) {}

  get addr(): string {
    return this.listener.addr;
  }

  async accept(): Promise<AcceptedConn> {
    return { conn: await this.listener.accept() };
  }

  close(): void {
    this.listener.close();
  }
}

export const tcpListener: ListenerModule = {
  types: ['tcp'],
  async create(options: ListenerOptions) {
    return new StreamServiceListener(await options.env.network.listen('tcp', options.addr));
  },
};

class TcpDialer implements Dialer {
  readonly multiplex = false;
  dial(addr: string, ctx: DialContext): Promise<Conn> {
    return ctx.rawDial('tcp', addr);
  }
}

export const tcpDialer: DialerModule = {
  types: ['tcp'],
  create: () => new TcpDialer(),
};
