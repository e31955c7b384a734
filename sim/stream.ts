/**
 * A simulated TCP connection: two directions with flow control. A write resolves once the bytes
 * ahead of it in the peer's receive window fit, so a fast writer waits for a slow reader as it would
 * on a socket. A direction can be held (its link is cut: bytes wait, nothing is lost) and failed (a
 * reset: queued bytes are dropped and both ends see the error).
 */

import { GostError } from '../runtime/errors.js';
import type { Conn } from '../runtime/types.js';
import { Deque } from '../runtime/io/deque.js';

/** Bytes a direction buffers before a writer has to wait (the peer's receive window). */
export const defaultWindowBytes = 256 * 1024;

export interface StreamHooks {
  /** Called on every state change, so the scheduler knows the world is still moving. */
  touch(): void;
  /** Called when `conn` writes bytes (the fabric attributes them to the running owner). */
  onWrite?(conn: SimStreamConn, bytes: number): void;
  onClose?(conn: SimStreamConn): void;
}

/**
 * Buffers the simulated network filled itself. Bytes entering the network are copied, as a socket
 * copies them, so a writer may reuse its buffer once the write returns. Bytes a reader got from a
 * simulated connection and writes on unchanged (every forwarder's copy loop) already live in such a
 * buffer and are passed on as they are, instead of being copied again at every hop. So bytes read
 * from a simulated connection are not to be changed once they were handed on (nothing in the
 * runtime changes bytes it read; its transforms write new buffers).
 */
const networkBuffers = new WeakSet<ArrayBufferLike>();

/**
 * Small writes (handshakes, frames, short messages) are copied into shared slabs rather than each
 * into a buffer of its own: one allocation per slab instead of one per write. Copies start on 8-byte
 * boundaries, so readers can view them as words.
 */
const smallWriteBytes = 2048;
const slabBytes = 32 * 1024;
let slab = new Uint8Array(0);
let slabUsed = 0;

function networkCopy(data: Uint8Array): Uint8Array {
  if (networkBuffers.has(data.buffer)) return data;
  if (data.length > smallWriteBytes) {
    const copy = data.slice();
    networkBuffers.add(copy.buffer);
    return copy;
  }
  if (slabUsed + data.length > slab.length) {
    slab = new Uint8Array(slabBytes);
    slabUsed = 0;
    networkBuffers.add(slab.buffer);
  }
  const copy = slab.subarray(slabUsed, slabUsed + data.length);
  copy.set(data);
  slabUsed += (data.length + 7) & ~7;
  return copy;
}

interface PendingRead {
  max: number | undefined;
  resolve: (chunk: Uint8Array | null) => void;
  reject: (error: unknown) => void;
}

interface PendingWrite {
  /** The write completes once no more than this many bytes are unread. */
  until: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class Direction {
  private readonly chunks = new Deque<Uint8Array>();
  private queued = 0;
  private readonly readers = new Deque<PendingRead>();
  private readonly writers = new Deque<PendingWrite>();
  private ended = false;
  private readerGone = false;
  private failure: GostError | undefined;
  held = false;
  /** Bytes the reader consumed. */
  delivered = 0;

  constructor(
    private readonly window: number,
    private readonly touch: () => void,
  ) {}

  write(data: Uint8Array, describe: () => string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended)
      return Promise.reject(new GostError('closed', `write ${describe()}: use of closed network connection`));
    if (this.readerGone) return Promise.reject(new GostError('reset', `write ${describe()}: broken pipe`));
    this.touch();
    if (data.length === 0) return Promise.resolve();
    this.chunks.push(networkCopy(data));
    this.queued += data.length;
    this.drainReaders();
    const until = Math.max(this.window, data.length);
    if (this.queued <= until) return Promise.resolve();
    return new Promise((resolve, reject) => this.writers.push({ until, resolve, reject }));
  }

  read(max: number | undefined): Promise<Uint8Array | null> {
    this.touch();
    if (this.readers.length === 0) {
      const chunk = this.take(max);
      if (chunk) return Promise.resolve(chunk);
      if (this.failure) return Promise.reject(this.failure);
      if (this.ended && !this.held) return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => this.readers.push({ max, resolve, reject }));
  }

  /** End of stream from the writer (FIN): readers get null after the queued bytes. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.touch();
    this.drainReaders();
  }

  /** The reading end closed: queued bytes are dropped, the writer gets "broken pipe". */
  abandon(describe: string): void {
    if (this.readerGone) return;
    this.readerGone = true;
    this.touch();
    this.dropQueued();
    for (const r of this.readers.drain()) r.resolve(null);
    if (this.writers.length === 0) return;
    const error = new GostError('reset', `write ${describe}: broken pipe`);
    for (const w of this.writers.drain()) w.reject(error);
  }

  fail(error: GostError): void {
    if (this.failure) return;
    this.failure = error;
    this.touch();
    this.dropQueued();
    for (const r of this.readers.drain()) r.reject(error);
    for (const w of this.writers.drain()) w.reject(error);
  }

  hold(held: boolean): void {
    this.held = held;
    this.touch();
    this.drainReaders();
  }

  private dropQueued(): void {
    this.chunks.clear();
    this.queued = 0;
  }

  private take(max: number | undefined): Uint8Array | undefined {
    if (this.held) return undefined;
    const head = this.chunks.peek();
    if (!head) return undefined;
    let out: Uint8Array;
    if (max === undefined || head.length <= max) {
      this.chunks.shift();
      out = head;
    } else {
      this.chunks.replaceFront(head.subarray(max));
      out = head.subarray(0, max);
    }
    this.queued -= out.length;
    this.delivered += out.length;
    this.wakeWriters();
    return out;
  }

  private drainReaders(): void {
    while (this.readers.length > 0) {
      const chunk = this.take(this.readers.peek()?.max);
      if (chunk) {
        this.readers.shift()?.resolve(chunk);
        continue;
      }
      if (this.held) return;
      if (this.failure) {
        const failure = this.failure;
        for (const r of this.readers.drain()) r.reject(failure);
      } else if (this.ended) {
        for (const r of this.readers.drain()) r.resolve(null);
      }
      return;
    }
  }

  private wakeWriters(): void {
    for (let next = this.writers.peek(); next && this.queued <= next.until; next = this.writers.peek()) {
      this.writers.shift();
      next.resolve();
    }
  }
}

/** One end of a simulated TCP connection. */
export class SimStreamConn implements Conn {
  readonly id: number;
  private closed = false;

  constructor(
    readonly localAddr: string,
    readonly remoteAddr: string,
    /** Host names of this end and the peer, for tracing. */
    readonly localHost: string,
    readonly remoteHost: string,
    private readonly inbound: Direction,
    private readonly outbound: Direction,
    private readonly hooks: StreamHooks,
    id: number,
  ) {
    this.id = id;
  }

  peer?: SimStreamConn;

  get bytesRead(): number {
    return this.inbound.delivered;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  read(max?: number): Promise<Uint8Array | null> {
    if (this.closed) return Promise.resolve(null);
    return this.inbound.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed)
      return Promise.reject(
        new GostError('closed', `write ${this.describe()}: use of closed network connection`),
      );
    const pending = this.outbound.write(data, () => this.describe());
    this.hooks.onWrite?.(this, data.length);
    return pending;
  }

  async closeWrite(): Promise<void> {
    this.outbound.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbound.end();
    this.inbound.abandon(`${this.remoteAddr}->${this.localAddr}`);
    this.hooks.onClose?.(this);
  }

  /** A reset: both directions fail with `error` at once (peer crashed, host went down). */
  reset(error: GostError): void {
    this.inbound.fail(error);
    this.outbound.fail(error);
  }

  /** Holds or releases the bytes travelling towards this end (a cut link). */
  holdInbound(held: boolean): void {
    this.inbound.hold(held);
  }

  private describe(): string {
    return `tcp ${this.localAddr}->${this.remoteAddr}`;
  }
}

/** A connected pair: `client` talks to `server`; `id` names the connection in traces. */
export function createStreamPair(
  client: { addr: string; host: string },
  server: { addr: string; host: string },
  hooks: StreamHooks,
  id: number,
  windowBytes = defaultWindowBytes,
): [SimStreamConn, SimStreamConn] {
  const toServer = new Direction(windowBytes, hooks.touch);
  const toClient = new Direction(windowBytes, hooks.touch);
  const a = new SimStreamConn(
    client.addr,
    server.addr,
    client.host,
    server.host,
    toClient,
    toServer,
    hooks,
    id,
  );
  const b = new SimStreamConn(
    server.addr,
    client.addr,
    server.host,
    client.host,
    toServer,
    toClient,
    hooks,
    id,
  );
  a.peer = b;
  b.peer = a;
  return [a, b];
}
