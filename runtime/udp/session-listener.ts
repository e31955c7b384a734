/**
 * Turns a datagram socket into per-client sessions (x/internal/net/udp listener.go and pool.go):
 *
 * - datagrams are read into a `readBufferSize` buffer (longer ones are truncated) and grouped by
 *   source address; an unknown source creates a session handed to `accept()`, unless `backlog`
 *   sessions are already waiting (the client is then dropped);
 * - each session queues up to `readQueueSize` datagrams ("data discarded" beyond that);
 * - without `keepalive` a session closes right after the first datagram written back;
 * - a ticker fires every `ttl`: a session idle since the previous tick is closed, any other is
 *   flagged idle. Activity = a datagram queued, consumed, or written back.
 */

import { GostError } from '../errors.js';
import { ChunkQueue } from '../io/queue.js';
import type { AcceptedConn } from '../protocol.js';
import type { Clock, Conn, PacketConn } from '../types.js';

export interface SessionListenerConfig {
  /** The address reported by `addr` (defaults to the socket's). */
  addr?: string;
  backlog: number;
  readQueueSize: number;
  readBufferSize: number;
  ttlMs: number;
  keepalive: boolean;
  /** Called when a datagram or client is dropped, for tracing. */
  onDrop?: (reason: string) => void;
}

export class UdpSessionListener {
  private readonly sessions = new Map<string, UdpSession>();
  private readonly pending: UdpSession[] = [];
  private readonly waiters: { resolve: (c: AcceptedConn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;
  private failure: GostError | undefined;
  private readonly stopTicker = new AbortController();

  constructor(
    private readonly socket: PacketConn,
    private readonly clock: Clock,
    private readonly config: SessionListenerConfig,
  ) {
    void this.readLoop();
    void this.tickLoop();
  }

  get addr(): string {
    return this.config.addr ?? this.socket.localAddr;
  }

  accept(): Promise<AcceptedConn> {
    const next = this.pending.shift();
    if (next) return Promise.resolve({ conn: next });
    if (this.closed || this.failure)
      return Promise.reject(
        this.failure ?? new GostError('closed', `accept ${this.addr}: use of closed network connection`),
      );
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopTicker.abort();
    this.socket.close();
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
    const error = new GostError('closed', `accept ${this.addr}: use of closed network connection`);
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private async readLoop(): Promise<void> {
    for (;;) {
      let dgram: Awaited<ReturnType<PacketConn['readFrom']>>;
      try {
        dgram = await this.socket.readFrom(this.config.readBufferSize);
      } catch (error) {
        this.fail(error instanceof GostError ? error : new GostError('closed', String(error)));
        return;
      }
      if (dgram === null) {
        this.fail(new GostError('closed', `read ${this.addr}: use of closed network connection`));
        return;
      }
      const session = this.sessionFor(dgram.addr);
      if (!session) continue;
      if (!session.enqueue(dgram.data)) this.config.onDrop?.('data discarded: recv queue is full');
    }
  }

  private fail(error: GostError): void {
    if (this.closed) return;
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private sessionFor(remote: string): UdpSession | undefined {
    const existing = this.sessions.get(remote);
    if (existing && !existing.isClosed) return existing;
    const session = new UdpSession(
      this.socket,
      this.addr,
      remote,
      this.config.readQueueSize,
      this.config.keepalive,
    );
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve({ conn: session });
    else if (this.pending.length < this.config.backlog) this.pending.push(session);
    else {
      session.close();
      this.config.onDrop?.(`connection queue is full, client ${remote} discarded`);
      return undefined;
    }
    this.sessions.set(remote, session);
    return session;
  }

  private async tickLoop(): Promise<void> {
    const signal = this.stopTicker.signal;
    while (!signal.aborted) {
      await this.clock.sleep(this.config.ttlMs, signal);
      if (signal.aborted) return;
      for (const [key, s] of this.sessions) {
        if (s.isClosed) {
          this.sessions.delete(key);
        } else if (s.idle) {
          s.close();
          this.sessions.delete(key);
        } else {
          s.idle = true;
        }
      }
    }
  }
}

/** One client's virtual connection; reads return whole datagrams. */
export class UdpSession implements Conn {
  readonly datagram = true;
  idle = false;
  private readonly queue = new ChunkQueue(true);
  private queued = 0;
  private closed = false;

  constructor(
    private readonly socket: PacketConn,
    readonly localAddr: string,
    readonly remoteAddr: string,
    private readonly queueSize: number,
    private readonly keepalive: boolean,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  enqueue(data: Uint8Array): boolean {
    if (this.closed || this.queued >= this.queueSize) return false;
    this.queued++;
    this.idle = false;
    this.queue.push(data);
    return true;
  }

  async read(max?: number): Promise<Uint8Array | null> {
    const chunk = await this.queue.read(max);
    if (chunk !== null) {
      this.queued--;
      this.idle = false;
    }
    return chunk;
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.closed)
      throw new GostError('closed', `write ${this.remoteAddr}: use of closed network connection`);
    this.idle = false;
    try {
      await this.socket.writeTo(data, this.remoteAddr);
    } finally {
      if (!this.keepalive) this.close();
    }
  }

  async closeWrite(): Promise<void> {
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.fail(new GostError('closed', `read ${this.remoteAddr}: use of closed network connection`));
  }
}
