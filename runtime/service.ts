/**
 * A running service: accept loop + handler (x/service/service.go). Temporary accept errors (rtcp/rudp
 * binds that failed or whose session was lost) are retried after 1 s, 2 s, 4 s, then every 5 s; the
 * delay resets after a successful accept. Any other accept error ends the service.
 */

import { hostOf } from './addr.js';
import { asGostError } from './errors.js';
import type { Admission } from './filters.js';
import { emit, type Handler, type RuntimeEnv, type ServiceListener } from './protocol.js';

const maxRetryDelayMs = 5000;

export class Service {
  private closed = false;
  private readonly stop = new AbortController();
  /** Resolves when the accept loop ends (close() or a permanent accept error). */
  readonly done: Promise<void>;

  constructor(
    readonly name: string,
    readonly listener: ServiceListener,
    private readonly handler: Handler,
    private readonly env: RuntimeEnv,
    /** Clients it does not admit are disconnected at once. */
    private readonly admission?: Admission,
  ) {
    this.done = this.serve();
  }

  get addr(): string {
    return this.listener.addr;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort();
    this.handler.close?.();
    this.listener.close();
  }

  private async serve(): Promise<void> {
    const { env, name } = this;
    let delay = 0;
    while (!this.closed) {
      let accepted: Awaited<ReturnType<ServiceListener['accept']>>;
      try {
        accepted = await this.listener.accept();
      } catch (error) {
        if (this.closed) return;
        const e = asGostError(error);
        if (!e.temporary) {
          emit(env, { type: 'service.error', host: env.hostname, service: name, error: e.message });
          return;
        }
        delay = delay === 0 ? 1000 : Math.min(delay * 2, maxRetryDelayMs);
        emit(env, {
          type: 'service.error',
          host: env.hostname,
          service: name,
          error: e.message,
          retryInMs: delay,
        });
        await env.clock.sleep(delay, this.stop.signal);
        continue;
      }
      delay = 0;
      const { conn, metadata } = accepted;
      if (this.admission && !this.admission.admit(conn.remoteAddr)) {
        conn.close();
        emit(env, {
          type: 'error',
          host: env.hostname,
          service: name,
          kind: 'admission',
          message: `admission: ${conn.remoteAddr} is denied`,
        });
        continue;
      }
      emit(env, {
        type: 'service.accept',
        host: env.hostname,
        service: name,
        remote: conn.remoteAddr,
        local: conn.localAddr,
      });
      const clientHost = hostOf(conn.remoteAddr);
      this.handler
        .handle(conn, {
          service: name,
          clientAddr: conn.remoteAddr,
          hashSource: clientHost,
          connMetadata: metadata,
        })
        .catch((error: unknown) => {
          const e = asGostError(error).locate({ host: env.hostname, service: name });
          emit(env, {
            type: 'error',
            host: env.hostname,
            service: name,
            node: e.node,
            kind: e.kind,
            message: e.message,
          });
        });
    }
  }
}
