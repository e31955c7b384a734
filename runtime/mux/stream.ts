/** One smux stream: a Conn whose bytes travel as PSH frames of its session. */

import { GostError } from '../errors.js';
import { ChunkQueue } from '../io/queue.js';
import type { Conn } from '../types.js';

/** What a stream needs from its session. */
export interface StreamSession {
  readonly isClosed: boolean;
  readonly localAddr: string;
  readonly remoteAddr: string;
  sendData(streamId: number, data: Uint8Array): Promise<void>;
  sendFin(streamId: number): Promise<void>;
  forget(streamId: number): void;
}

export class MuxStream implements Conn {
  private readonly inbound = new ChunkQueue();
  private localClosed = false;
  private finSent = false;

  constructor(
    private readonly session: StreamSession,
    readonly id: number,
  ) {}

  get localAddr(): string {
    return this.session.localAddr;
  }

  get remoteAddr(): string {
    return this.session.remoteAddr;
  }

  deliver(data: Uint8Array): void {
    if (!this.inbound.isEnded) this.inbound.push(data);
  }

  remoteClosed(): void {
    this.inbound.end();
  }

  sessionDied(): void {
    this.inbound.end();
    this.localClosed = true;
  }

  read(max?: number): Promise<Uint8Array | null> {
    if (this.localClosed) return Promise.resolve(null);
    return this.inbound.read(max);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.localClosed || this.finSent) throw new GostError('closed', 'io: read/write on closed pipe');
    await this.session.sendData(this.id, data);
  }

  async closeWrite(): Promise<void> {
    await this.sendFin();
  }

  close(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    this.inbound.end();
    void this.sendFin();
    this.session.forget(this.id);
  }

  private async sendFin(): Promise<void> {
    if (this.finSent || this.session.isClosed) return;
    this.finSent = true;
    await this.session.sendFin(this.id).catch(() => undefined);
  }
}
