/**
 * Buffered reading over a Conn (Go's bufio.Reader / io.ReadFull), and a conn that replays the bytes a
 * reader had buffered but not consumed.
 */

import { GostError } from '../errors.js';
import type { Conn } from '../types.js';
import { concatBytes } from './bytes.js';

const empty = new Uint8Array(0);

export class BufferedReader {
  /** The contiguous front of what was read and not consumed. */
  private buffer: Uint8Array = empty;
  /**
   * Chunks read after `buffer`, joined only when a read needs them contiguous: appending each chunk
   * to the buffer as it arrives copies a large message once per chunk, quadratic in its length.
   */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private eof = false;

  constructor(readonly conn: Conn) {}

  get buffered(): number {
    return this.buffer.length + this.pendingBytes;
  }

  /** Reads more bytes; false at end of stream. */
  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = await this.conn.read();
    if (chunk === null) {
      this.eof = true;
      return false;
    }
    if (chunk.length === 0) return true;
    if (this.buffer.length === 0) this.buffer = chunk;
    else {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    return true;
  }

  /** Makes at least `n` buffered bytes (or all of them, when fewer) contiguous in `buffer`. */
  private gather(n: number): void {
    if (this.buffer.length >= n || this.pending.length === 0) return;
    this.buffer = concatBytes([this.buffer, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Fills until `n` bytes are buffered; false when the stream ends first. */
  private async fillTo(n: number): Promise<boolean> {
    while (this.buffered < n) {
      if (!(await this.fill())) return false;
    }
    this.gather(n);
    return true;
  }

  private consume(n: number): Uint8Array {
    const out = this.buffer.subarray(0, n);
    // An emptied buffer lets go of the chunk it viewed, which may be part of a larger allocation.
    this.buffer = n < this.buffer.length ? this.buffer.subarray(n) : empty;
    if (this.buffer.length === 0 && this.pending.length > 0) {
      this.buffer = this.pending.shift() as Uint8Array;
      this.pendingBytes -= this.buffer.length;
    }
    return out;
  }

  /** True when the stream ended with nothing left buffered (a clean boundary between messages). */
  async atEnd(): Promise<boolean> {
    while (this.buffered === 0) {
      if (!(await this.fill())) return true;
    }
    return false;
  }

  /** io.ReadFull: exactly `n` bytes or an "unexpected EOF" error naming `what`. */
  async readExact(n: number, what = 'read'): Promise<Uint8Array> {
    if (!(await this.fillTo(n))) {
      throw new GostError('eof', this.buffered === 0 && n > 0 ? `${what}: EOF` : `${what}: unexpected EOF`);
    }
    return this.consume(n);
  }

  async readByte(what = 'read'): Promise<number> {
    return (await this.readExact(1, what))[0]!;
  }

  /** bufio.Peek: the next `n` bytes without consuming them. */
  async peek(n: number, what = 'peek'): Promise<Uint8Array> {
    if (!(await this.fillTo(n))) throw new GostError('eof', `${what}: EOF`);
    return this.buffer.subarray(0, n);
  }

  /**
   * A line ending in "\n" (included), as bufio.ReadSlice/ReadLine sees it. Without a newline it keeps
   * waiting, which is why non-HTTP bytes sent to an http handler stall rather than fail.
   */
  async readLine(limit: number, what = 'read line'): Promise<Uint8Array> {
    for (;;) {
      this.gather(this.buffered);
      const index = this.buffer.indexOf(0x0a);
      if (index >= 0) return this.consume(index + 1);
      if (this.buffer.length > limit) throw new GostError('protocol', `${what}: line too long`);
      if (!(await this.fill())) {
        throw new GostError('eof', this.buffer.length === 0 ? `${what}: EOF` : `${what}: unexpected EOF`);
      }
    }
  }

  /**
   * Up to `max` bytes: buffered bytes first, else one read from the conn; null at end of stream. Once
   * the buffer is empty a read goes straight through (how relayed data flows), failing as a rejected
   * promise, never a throw.
   */
  readSome(max?: number): Promise<Uint8Array | null> {
    if (this.buffer.length === 0) {
      if (this.eof) return Promise.resolve(null);
      try {
        return this.conn.read(max);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return Promise.resolve(
      this.consume(max === undefined ? this.buffer.length : Math.min(max, this.buffer.length)),
    );
  }

  /** A conn that first yields what this reader buffered, then reads the underlying conn. */
  toConn(): Conn {
    return new ReaderConn(this);
  }
}

class ReaderConn implements Conn {
  readonly datagram?: boolean;
  constructor(private readonly reader: BufferedReader) {
    if (reader.conn.datagram) this.datagram = true;
  }
  get localAddr(): string {
    return this.reader.conn.localAddr;
  }
  get remoteAddr(): string {
    return this.reader.conn.remoteAddr;
  }
  read(max?: number): Promise<Uint8Array | null> {
    return this.reader.readSome(max);
  }
  write(data: Uint8Array): Promise<void> {
    return this.reader.conn.write(data);
  }
  closeWrite(): Promise<void> {
    return this.reader.conn.closeWrite();
  }
  close(): void {
    this.reader.conn.close();
  }
}
