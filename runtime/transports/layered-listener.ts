/**
 * A service listener whose connections come out of a per-connection layer (TLS, WebSocket upgrade,
 * mux session): raw TCP connections are accepted in the background, each is handed to `serve`, which
 * pushes zero or more ready conns (one for TLS/WS, many for a mux session). A failing handshake only
 * drops that connection, as a failed TLS handshake does in gost's listeners.
 */

import { asGostError, GostError } from '../errors.js';
import { type AcceptedConn, emit, type ListenerOptions, type ServiceListener } from '../protocol.js';
import type { Conn, Listener } from '../types.js';

export type LayerServe = (raw: Conn, push: (conn: Conn) => void) => Promise<void>;

export class LayeredListener implements ServiceListener {
  private readonly ready: Conn[] = [];
  private readonly waiters: { resolve: (c: AcceptedConn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  constructor(
    private readonly listener: Listener,
    private readonly options: ListenerOptions,
    private readonly serve: LayerServe,
  ) {
    void this.acceptLoop();
  }

  get addr(): string {
    return this.listener.addr;
  }

  accept(): Promise<AcceptedConn> {
    const next = this.ready.shift();
    if (next) return Promise.resolve({ conn: next });
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listener.close();
    for (const c of this.ready.splice(0)) c.close();
    for (const w of this.waiters.splice(0)) w.reject(this.closedError());
  }

  private closedError(): GostError {
    return new GostError('closed', `accept ${this.addr}: use of closed network connection`);
  }

  private push(conn: Conn): void {
    if (this.closed) {
      conn.close();
      return;
    }
    const w = this.waiters.shift();
    if (w) w.resolve({ conn });
    else this.ready.push(conn);
  }

  private async acceptLoop(): Promise<void> {
    const { env, service } = this.options;
    for (;;) {
      let raw: Conn;
      try {
        raw = await this.listener.accept();
      } catch (error) {
        if (!this.closed) {
          this.closed = true;
          for (const w of this.waiters.splice(0)) w.reject(asGostError(error));
        }
        return;
      }
      this.serve(raw, (c) => this.push(c)).catch((error: unknown) => {
        raw.close();
        const e = asGostError(error, 'handshake');
        emit(env, { type: 'error', host: env.hostname, service, kind: e.kind, message: e.message });
      });
    }
  }
}
