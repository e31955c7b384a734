/**
 * Simulated UDP sockets. An unconnected socket reads whole datagrams truncated to the caller's
 * buffer (the rest is lost, as with a socket read into a short buffer); a connected one (what a UDP
 * dial returns) talks to one peer and reports "connection refused" after the peer's host answered a
 * datagram with port unreachable, as Linux does on the next read.
 */

import { GostError } from '../runtime/errors.js';
import type { Conn, Datagram, PacketConn } from '../runtime/types.js';

/** Datagrams a socket queues before further ones are dropped (its receive buffer). */
const receiveQueueLimit = 1024;

export interface DatagramRoute {
  /** Sends `data` from `socket` to `address`; resolves once handed to the network. */
  send(socket: SimPacketConn, data: Uint8Array, address: string): void;
  release(socket: SimPacketConn): void;
  touch(): void;
}

export class SimPacketConn implements PacketConn {
  private readonly queue: Datagram[] = [];
  private readonly waiters: {
    size: number;
    resolve: (d: Datagram | null) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private closed = false;
  /** Peers this socket sent to: their replies pass the sender's NAT. */
  readonly contacted = new Set<string>();
  /** Set by a connected socket: an ICMP error to report on the next read. */
  pendingError: GostError | undefined;

  constructor(
    readonly host: string,
    /** '' = every address, '0.0.0.0' = every IPv4 address, else one address. */
    readonly bindIp: string,
    readonly port: number,
    readonly localAddr: string,
    private readonly route: DatagramRoute,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  deliver(datagram: Datagram): boolean {
    if (this.closed || this.queue.length >= receiveQueueLimit) return false;
    this.route.touch();
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(truncate(datagram, waiter.size));
    else this.queue.push(datagram);
    return true;
  }

  /** An ICMP error for a connected socket: wakes a pending read with it, or keeps it for the next. */
  fail(error: GostError): void {
    this.route.touch();
    const waiter = this.waiters.shift();
    if (waiter) waiter.reject(error);
    else this.pendingError = error;
  }

  readFrom(bufferSize: number): Promise<Datagram | null> {
    this.route.touch();
    const next = this.queue.shift();
    if (next) return Promise.resolve(truncate(next, bufferSize));
    if (this.pendingError) {
      const error = this.pendingError;
      this.pendingError = undefined;
      return Promise.reject(error);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => this.waiters.push({ size: bufferSize, resolve, reject }));
  }

  async writeTo(data: Uint8Array, addr: string): Promise<void> {
    if (this.closed)
      throw new GostError('closed', `write udp ${this.localAddr}: use of closed network connection`);
    this.route.send(this, data.slice(), addr);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.route.touch();
    this.route.release(this);
    this.queue.length = 0;
    for (const w of this.waiters.splice(0)) w.resolve(null);
  }
}

function truncate(d: Datagram, size: number): Datagram {
  return d.data.length > size ? { data: d.data.slice(0, size), addr: d.addr } : d;
}

/** A connected UDP socket: writes go to `remoteAddr`; reads keep only that peer's datagrams. */
export class SimUdpConn implements Conn {
  readonly datagram = true;

  constructor(
    readonly socket: SimPacketConn,
    readonly localAddr: string,
    readonly remoteAddr: string,
  ) {}

  async read(max?: number): Promise<Uint8Array | null> {
    for (;;) {
      const d = await this.socket.readFrom(max ?? 65_535);
      if (d === null) return null;
      if (d.addr === this.remoteAddr) return d.data;
    }
  }

  write(data: Uint8Array): Promise<void> {
    return this.socket.writeTo(data, this.remoteAddr);
  }

  async closeWrite(): Promise<void> {}

  close(): void {
    this.socket.close();
  }
}
