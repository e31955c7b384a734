/**
 * The sshd handler (x/handler/sshd): serves only what the sshd listener produces ("sshd: wrong
 * connection type" otherwise). direct-tcpip channels are dialled through the handler's chain; remote
 * forwards listen on this host with no `bind` switch and live as long as the SSH session.
 */

import { GostError } from '../../errors.js';
import { relay } from '../../io/transport.js';
import {
  emit,
  type Handler,
  type HandlerModule,
  type HandlerOptions,
  type RequestContext,
} from '../../protocol.js';
import type { Conn, Listener } from '../../types.js';
import { line, SshdChannelConn } from './channel.js';

class SshdHandler implements Handler {
  constructor(private readonly options: HandlerOptions) {}

  async handle(conn: Conn, ctx: RequestContext): Promise<void> {
    try {
      if (!(conn instanceof SshdChannelConn)) throw new GostError('protocol', 'sshd: wrong connection type');
      const { env, service, type } = this.options;
      emit(env, {
        type: 'handler',
        host: env.hostname,
        service,
        handler: type,
        action: conn.kind,
        target: conn.target,
        client: ctx.clientAddr,
      });
      if (conn.kind === 'direct-tcpip') await this.direct(conn, ctx);
      else await this.forward(conn);
    } finally {
      conn.close();
    }
  }

  private async direct(conn: SshdChannelConn, ctx: RequestContext): Promise<void> {
    let upstream: Conn;
    try {
      upstream = await this.options.router.dial(ctx, 'tcp', conn.target);
    } catch (error) {
      await conn.write(line('ERR', 'connect failed', `(${(error as Error).message})`)).catch(() => undefined);
      throw error;
    }
    await conn.write(line('OK'));
    const result = await relay(conn, upstream);
    if (result.error) throw result.error;
  }

  private async forward(conn: SshdChannelConn): Promise<void> {
    const { env, service } = this.options;
    let ln: Listener;
    try {
      ln = await env.network.listen('tcp', conn.target);
    } catch (error) {
      emit(env, {
        type: 'bind',
        host: env.hostname,
        service,
        addr: conn.target,
        network: 'tcp',
        ok: false,
        error: (error as Error).message,
      });
      await conn.write(line('ERR', 'tcpip-forward', 'request', 'denied')).catch(() => undefined);
      throw error;
    }
    emit(env, { type: 'bind', host: env.hostname, service, addr: ln.addr, network: 'tcp', ok: true });
    await conn.write(line('OK', ln.addr));
    const stop = () => ln.close();
    void conn.session.closed.then(stop);
    void conn.read().then(stop, stop);
    try {
      for (;;) {
        const peer = await ln.accept();
        void (async () => {
          try {
            const stream = await conn.session.open();
            await stream.write(line('forwarded-tcpip', ln.addr, peer.remoteAddr));
            await relay(peer, stream);
          } catch {
            peer.close();
          }
        })();
      }
    } catch {
      // The forward ends with the session or the request channel.
    } finally {
      ln.close();
    }
  }
}

export const sshdHandler: HandlerModule = {
  types: ['sshd'],
  acceptsForwarder: false,
  create: (options) => new SshdHandler(options),
};
