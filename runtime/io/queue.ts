/**
 * One direction of an in-memory connection: chunks written on one side wait here until the other
 * side reads them. Delivery uses promise continuations only (no timers), so a virtual clock sees no
 * hidden time passing.
 */

import { GostError } from '../errors.js';
import { Deque } from './deque.js';

interface PendingRead {
  max: number | undefined;
  resolve: (chunk: Uint8Array | null) => void;
  reject: (error: unknown) => void;
}

/** Bytes a stream queue holds before writers wait (a socket buffer's worth). */
export const defaultHighWater = 1024 * 1024;

export class ChunkQueue {
  private readonly chunks = new Deque<Uint8Array>();
  private readonly readers = new Deque<PendingRead>();
  private readonly drainWaiters: (() => void)[] = [];
  private ended = false;
  private failure: GostError | undefined;
  /** Bytes waiting to be read. */
  private buffered = 0;

  /** @param datagram keep message boundaries: a read returns one whole (possibly truncated) message. */
  constructor(
    private readonly datagram = false,
    private readonly highWater = defaultHighWater,
  ) {}

  get isEnded(): boolean {
    return this.ended || this.failure !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.isEnded) throw this.failure ?? new GostError('closed', 'write on closed pipe');
    if (chunk.length === 0 && !this.datagram) return;
    this.buffered += chunk.length;
    this.chunks.push(chunk);
    this.drain();
  }

  /**
   * push() that resolves once the reader has caught up below the high-water mark, so a fast writer
   * waits for a slow reader as with a full socket buffer.
   */
  async pushAndWait(chunk: Uint8Array): Promise<void> {
    this.push(chunk);
    if (this.datagram || this.buffered <= this.highWater || this.isEnded) return;
    await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  private releaseWriters(): void {
    if (this.buffered > this.highWater && !this.isEnded) return;
    for (const w of this.drainWaiters.splice(0)) w();
  }

  /** End of stream: readers get `null` after the queued chunks. */
  end(): void {
    if (this.isEnded) return;
    this.ended = true;
    this.drain();
    this.releaseWriters();
  }

  /** Abort: queued chunks are dropped and readers reject with `error`. */
  fail(error: GostError): void {
    if (this.failure) return;
    this.failure = error;
    this.chunks.clear();
    this.buffered = 0;
    this.drain();
    this.releaseWriters();
  }

  read(max?: number): Promise<Uint8Array | null> {
    if (this.readers.length === 0) {
      const immediate = this.take(max);
      if (immediate !== undefined) return Promise.resolve(immediate);
      if (this.failure) return Promise.reject(this.failure);
      if (this.ended) return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      this.readers.push({ max, resolve, reject });
    });
  }

  private take(max: number | undefined): Uint8Array | undefined {
    const out = this.takeChunk(max);
    if (out) {
      this.buffered -= this.datagram ? (this.lastTaken ?? out.length) : out.length;
      this.lastTaken = undefined;
      this.releaseWriters();
    }
    return out;
  }

  /** Full size of the last datagram taken (a truncated read still frees the whole message). */
  private lastTaken: number | undefined;

  private takeChunk(max: number | undefined): Uint8Array | undefined {
    const head = this.chunks.peek();
    if (!head) return undefined;
    if (this.datagram) {
      this.chunks.shift();
      this.lastTaken = head.length;
      return max !== undefined && head.length > max ? head.slice(0, max) : head;
    }
    if (max === undefined || head.length <= max) {
      this.chunks.shift();
      return head;
    }
    this.chunks.replaceFront(head.subarray(max));
    return head.subarray(0, max);
  }

  private drain(): void {
    while (this.readers.length > 0) {
      const chunk = this.take(this.readers.peek()!.max);
      if (chunk !== undefined) {
        this.readers.shift()!.resolve(chunk);
        continue;
      }
      if (this.failure) {
        const failure = this.failure;
        for (const r of this.readers.drain()) r.reject(failure);
        return;
      }
      if (this.ended) {
        for (const r of this.readers.drain()) r.resolve(null);
      }
      return;
    }
  }
}
