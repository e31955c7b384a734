/**
 * The rtcp and rudp listeners (x/listener/rtcp, x/listener/rudp). Nothing is bound at start: the
 * first accept asks the listener chain to BIND (rtcp with a multiplexed session; rudp with the UDP
 * session settings), and every loss of that bind (failed bind, session gone) is a temporary accept
 * error, so the service retries after 1 s, 2 s, 4 s, then every 5 s. Without a listener chain the
 * bind is local: a plain TCP listen, or a UDP listen with keepalive forced on.
 */

import { Router } from '../../chain/router.js';
import { asGostError, GostError } from '../../errors.js';
import type {
  AcceptedConn,
  BindListener,
  BindOptions,
  ListenerModule,
  ListenerOptions,
  ServiceListener,
} from '../../protocol.js';
import { parseRudpListenerMetadata } from './metadata.js';

class RemoteListener implements ServiceListener {
  private bound: BindListener | undefined;
  private closed = false;
  private readonly router: Router;

  constructor(
    private readonly options: ListenerOptions,
    private readonly network: 'tcp' | 'udp',
    private readonly bindOptions: BindOptions,
  ) {
    this.router = new Router({ env: options.env, service: options.service, chain: options.chain });
  }

  get addr(): string {
    return this.options.addr;
  }

  async accept(): Promise<AcceptedConn> {
    if (this.closed) throw new GostError('closed', `accept ${this.addr}: use of closed network connection`);
    if (!this.bound) {
      try {
        this.bound = await this.router.bind(
          { service: this.options.service },
          this.network,
          this.options.addr,
          this.bindOptions,
        );
      } catch (error) {
        throw asGostError(error).asTemporary();
      }
      if (this.closed) this.bound.close();
    }
    try {
      return await this.bound.accept();
    } catch (error) {
      this.bound?.close();
      this.bound = undefined;
      if (this.closed) throw asGostError(error);
      throw asGostError(error).asTemporary();
    }
  }

  close(): void {
    this.closed = true;
    this.bound?.close();
    this.bound = undefined;
  }
}

export const rtcpListener: ListenerModule = {
  types: ['rtcp'],
  async create(options) {
    return new RemoteListener(options, 'tcp', { mux: true });
  },
};

export const rudpListener: ListenerModule = {
  types: ['rudp'],
  async create(options) {
    const s = parseRudpListenerMetadata(options.metadata);
    return new RemoteListener(options, 'udp', {
      backlog: s.backlog,
      udpTtlMs: s.ttlMs,
      udpReadBufferSize: s.readBufferSize,
      udpReadQueueSize: s.readQueueSize,
    });
  },
};
