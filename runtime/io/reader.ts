/**
 * Buffered reading over a Conn (Go's bufio.Reader / io.ReadFull), and a conn that replays the bytes a
 * reader had buffered but not consumed.
 */

import { GostError } from '../errors.js';
import type { Conn } from '../types.js';
import { concatBytes } from './bytes.js';

export class BufferedReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private eof = false;

  constructor(readonly conn: Conn) {}

  get buffered(): number {
    return this.buffer.length;
  }

  /** Reads more bytes into the buffer; false at end of stream. */
  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const chunk = await this.conn.read();
    if (chunk === null) {
      this.eof = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? chunk : concatBytes([this.buffer, chunk]);
    return true;
  }

  /** True when the stream ended with nothing left buffered (a clean boundary between messages). */
  async atEnd(): Promise<boolean> {
    while (this.buffer.length === 0) {
      if (!(await this.fill())) return true;
    }
    return false;
  }

  /** io.ReadFull: exactly `n` bytes or an "unexpected EOF" error naming `what`. */
  async readExact(n: number, what = 'read'): Promise<Uint8Array> {
    while (this.buffer.length < n) {
      if (!(await this.fill())) {
        throw new GostError(
          'eof',
          this.buffer.length === 0 && n > 0 ? `${what}: EOF` : `${what}: unexpected EOF`,
        );
      }
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  async readByte(what = 'read'): Promise<number> {
    return (await this.readExact(1, what))[0]!;
  }

  /** bufio.Peek: the next `n` bytes without consuming them. */
  async peek(n: number, what = 'peek'): Promise<Uint8Array> {
    while (this.buffer.length < n) {
      if (!(await this.fill())) throw new GostError('eof', `${what}: EOF`);
    }
    return this.buffer.subarray(0, n);
  }

  /**
   * A line ending in "\n" (included), as bufio.ReadSlice/ReadLine sees it. Without a newline it keeps
   * waiting, which is why non-HTTP bytes sent to an http handler stall rather than fail.
   */
  async readLine(limit: number, what = 'read line'): Promise<Uint8Array> {
    for (;;) {
      const index = this.buffer.indexOf(0x0a);
      if (index >= 0) {
        const line = this.buffer.subarray(0, index + 1);
        this.buffer = this.buffer.subarray(index + 1);
        return line;
      }
      if (this.buffer.length > limit) throw new GostError('protocol', `${what}: line too long`);
      if (!(await this.fill())) {
        throw new GostError('eof', this.buffer.length === 0 ? `${what}: EOF` : `${what}: unexpected EOF`);
      }
    }
  }

  /** Up to `max` bytes: buffered bytes first, else one read from the conn; null at end of stream. */
  async readSome(max?: number): Promise<Uint8Array | null> {
    if (this.buffer.length === 0) {
      if (this.eof) return null;
      return this.conn.read(max);
    }
    const n = max === undefined ? this.buffer.length : Math.min(max, this.buffer.length);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
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
