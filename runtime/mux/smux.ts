/**
 * smux (github.com/xtaci/smux), the multiplexer gost uses for relay BIND, socks5 MBIND and the
 * mtls/mws/mwss transports (x/internal/util/mux). Frames:
 *
 *   VER(1) | CMD(1) | LENGTH(2, little-endian) | STREAM ID(4, little-endian) | DATA(LENGTH)
 *
 * CMD: 0 SYN (open), 1 FIN (close), 2 PSH (data), 3 NOP (keepalive), 4 UPD (version 2 window
 * update). Only PSH frames carry LENGTH bytes: the LENGTH of other frames is ignored, as smux does. The client side numbers streams 3, 5, 7…, the server side 2, 4, 6…. A frame with another
 * version or an unknown command is a protocol error that kills the session, which is what a
 * `mux.version` mismatch looks like. Keepalive: a NOP every interval, and the session dies when
 * nothing arrived for a whole timeout period.
 */

import { GostError } from '../errors.js';
import { Deque } from '../io/deque.js';
import { BufferedReader } from '../io/reader.js';
import type { Metadata } from '../metadata.js';
import type { Clock, Conn } from '../types.js';
import { MuxStream, type StreamSession } from './stream.js';

export interface MuxConfig {
  version: number;
  keepAliveDisabled: boolean;
  keepAliveIntervalMs: number;
  keepAliveTimeoutMs: number;
  maxFrameSize: number;
}

export const defaultMuxConfig: MuxConfig = {
  version: 1,
  keepAliveDisabled: false,
  keepAliveIntervalMs: 10_000,
  keepAliveTimeoutMs: 30_000,
  maxFrameSize: 32_768,
};

/** gost's `mux.*` metadata keys; non-positive values keep smux defaults. */
export function parseMuxConfig(md: Metadata): MuxConfig {
  const positive = (v: number, d: number) => (v > 0 ? v : d);
  return {
    version: positive(md.int('mux.version'), defaultMuxConfig.version),
    keepAliveDisabled: md.bool('mux.keepaliveDisabled'),
    keepAliveIntervalMs: positive(
      md.durationMs('mux.keepaliveInterval'),
      defaultMuxConfig.keepAliveIntervalMs,
    ),
    keepAliveTimeoutMs: positive(md.durationMs('mux.keepaliveTimeout'), defaultMuxConfig.keepAliveTimeoutMs),
    maxFrameSize: Math.min(positive(md.int('mux.maxFrameSize'), defaultMuxConfig.maxFrameSize), 65_535),
  };
}

const Cmd = { syn: 0, fin: 1, psh: 2, nop: 3, upd: 4 } as const;
const headerSize = 8;

export function encodeFrame(version: number, cmd: number, streamId: number, data?: Uint8Array): Uint8Array {
  const length = data?.length ?? 0;
  const frame = new Uint8Array(headerSize + length);
  frame[0] = version;
  frame[1] = cmd;
  frame[2] = length & 0xff;
  frame[3] = (length >> 8) & 0xff;
  frame[4] = streamId & 0xff;
  frame[5] = (streamId >>> 8) & 0xff;
  frame[6] = (streamId >>> 16) & 0xff;
  frame[7] = (streamId >>> 24) & 0xff;
  if (data) frame.set(data, headerSize);
  return frame;
}

export class MuxSession implements StreamSession {
  private readonly streams = new Map<number, MuxStream>();
  private readonly acceptQueue = new Deque<MuxStream>();
  private readonly acceptWaiters: { resolve: (s: Conn) => void; reject: (e: unknown) => void }[] = [];
  private nextId: number;
  private dead = false;
  private dataReady = false;
  private readonly stop = new AbortController();
  private readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;

  static client(conn: Conn, config: MuxConfig, clock: Clock): MuxSession {
    return new MuxSession(conn, config, clock, true);
  }

  static server(conn: Conn, config: MuxConfig, clock: Clock): MuxSession {
    return new MuxSession(conn, config, clock, false);
  }

  private constructor(
    private readonly conn: Conn,
    private readonly config: MuxConfig,
    private readonly clock: Clock,
    client: boolean,
  ) {
    this.nextId = client ? 1 : 0;
    this.closedPromise = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    void this.recvLoop();
    if (!config.keepAliveDisabled) {
      void this.pingLoop();
      void this.watchLoop();
    }
  }

  get isClosed(): boolean {
    return this.dead;
  }

  /** Resolves once the session is dead (peer gone, protocol error, keepalive timeout or close()). */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  get numStreams(): number {
    return this.streams.size;
  }

  /** OpenStream: sends SYN and returns the stream at once (smux does not wait for the peer). */
  async open(): Promise<Conn> {
    if (this.dead) throw new GostError('closed', 'io: read/write on closed pipe');
    this.nextId += 2;
    const stream = new MuxStream(this, this.nextId);
    this.streams.set(stream.id, stream);
    await this.send(Cmd.syn, stream.id);
    return stream;
  }

  accept(): Promise<Conn> {
    const next = this.acceptQueue.shift();
    if (next) return Promise.resolve(next);
    if (this.dead) return Promise.reject(new GostError('closed', 'io: read/write on closed pipe'));
    return new Promise((resolve, reject) => this.acceptWaiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.dead) return;
    this.dead = true;
    this.stop.abort();
    this.conn.close();
    for (const s of this.streams.values()) s.sessionDied();
    this.streams.clear();
    const error = new GostError('closed', 'io: read/write on closed pipe');
    for (const w of this.acceptWaiters.splice(0)) w.reject(error);
    this.resolveClosed();
  }

  get localAddr(): string {
    return this.conn.localAddr;
  }

  get remoteAddr(): string {
    return this.conn.remoteAddr;
  }

  /** Writes one whole frame; a failed write kills the session. */
  async send(cmd: number, streamId: number, data?: Uint8Array): Promise<void> {
    if (this.dead) throw new GostError('closed', 'io: read/write on closed pipe');
    try {
      await this.conn.write(encodeFrame(this.config.version, cmd, streamId, data));
    } catch (error) {
      this.close();
      throw error;
    }
  }

  async sendData(streamId: number, data: Uint8Array): Promise<void> {
    for (let offset = 0; offset < data.length; offset += this.config.maxFrameSize) {
      await this.send(Cmd.psh, streamId, data.subarray(offset, offset + this.config.maxFrameSize));
    }
  }

  sendFin(streamId: number): Promise<void> {
    return this.send(Cmd.fin, streamId);
  }

  forget(streamId: number): void {
    this.streams.delete(streamId);
  }

  private async recvLoop(): Promise<void> {
    const reader = new BufferedReader(this.conn);
    try {
      for (;;) {
        if (await reader.atEnd()) break;
        const h = await reader.readExact(headerSize, 'smux');
        this.dataReady = true;
        if (h[0] !== this.config.version) throw new GostError('protocol', 'smux: invalid protocol');
        const cmd = h[1]!;
        const length = h[2]! | (h[3]! << 8);
        const id = (h[4]! | (h[5]! << 8) | (h[6]! << 16) | (h[7]! << 24)) >>> 0;
        // Only PSH carries LENGTH bytes of data and UPD a fixed 8-byte body; smux reads nothing else.
        let data: Uint8Array = new Uint8Array(0);
        if (cmd === Cmd.psh && length > 0) data = await reader.readExact(length, 'smux');
        else if (cmd === Cmd.upd) await reader.readExact(8, 'smux');
        this.dispatch(cmd, id, data);
      }
    } catch {
      // A read error or protocol violation ends the session, as in smux's recvLoop.
    }
    this.close();
  }

  private dispatch(cmd: number, id: number, data: Uint8Array): void {
    switch (cmd) {
      case Cmd.nop:
        return;
      case Cmd.syn: {
        if (this.streams.has(id)) return;
        const stream = new MuxStream(this, id);
        this.streams.set(id, stream);
        const waiter = this.acceptWaiters.shift();
        if (waiter) waiter.resolve(stream);
        else this.acceptQueue.push(stream);
        return;
      }
      case Cmd.fin:
        this.streams.get(id)?.remoteClosed();
        return;
      case Cmd.psh:
        this.streams.get(id)?.deliver(data.slice());
        return;
      case Cmd.upd:
        return;
      default:
        throw new GostError('protocol', 'smux: invalid protocol');
    }
  }

  private async pingLoop(): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      await this.clock.sleep(this.config.keepAliveIntervalMs, signal);
      if (signal.aborted) return;
      this.send(Cmd.nop, 0).catch(() => undefined);
    }
  }

  private async watchLoop(): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      await this.clock.sleep(this.config.keepAliveTimeoutMs, signal);
      if (signal.aborted) return;
      if (!this.dataReady) {
        this.close();
        return;
      }
      this.dataReady = false;
    }
  }
}
