/**
 * In-memory connection pairs: what one side writes the other side reads. Used by the in-memory
 * network, by mux streams and by tests.
 */

import { GostError } from '../errors.js';
import type { Conn } from '../types.js';
import { ChunkQueue } from './queue.js';

export interface PipeOptions {
  /** Message-oriented pipe (a connected UDP socket pair). */
  datagram?: boolean;
}

/** A conn reading from `inbound` and writing to `outbound`. */
export class QueueConn implements Conn {
  readonly datagram?: boolean;
  private closed = false;
  /** Called once when this end closes (used by networks to release ports). */
  onClose?: () => void;

  constructor(
    readonly localAddr: string,
    readonly remoteAddr: string,
    private readonly inbound: ChunkQueue,
    private readonly outbound: ChunkQueue,
    datagram = false,
  ) {
    if (datagram) this.datagram = true;
  }

  read(max?: number): Promise<Uint8Array | null> {
    if (this.closed) return Promise.resolve(null);
    return this.inbound.read(max);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.closed)
      throw new GostError('closed', `write ${this.localAddr}->${this.remoteAddr}: use of closed connection`);
    if (this.outbound.isEnded)
      throw new GostError('reset', `write ${this.localAddr}->${this.remoteAddr}: broken pipe`);
    // Copy so the writer may reuse its buffer, as with a kernel socket.
    await this.outbound.pushAndWait(data.slice());
  }

  async closeWrite(): Promise<void> {
    this.outbound.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbound.end();
    this.inbound.end();
    this.onClose?.();
  }
}

/** Two connected ends: `a` talks to `b`. */
export function createPipe(aAddr: string, bAddr: string, options: PipeOptions = {}): [QueueConn, QueueConn] {
  const ab = new ChunkQueue(options.datagram);
  const ba = new ChunkQueue(options.datagram);
  const a = new QueueConn(aAddr, bAddr, ba, ab, options.datagram);
  const b = new QueueConn(bAddr, aAddr, ab, ba, options.datagram);
  return [a, b];
}
