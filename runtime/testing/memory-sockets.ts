/** Sockets of the in-memory network: listeners, UDP sockets and connected UDP conns. */

import { joinHostPort } from '../addr.js';
import { GostError } from '../errors.js';
import type { Conn, Datagram, Listener, PacketConn } from '../types.js';

/** An address a socket is bound to: '' = every address, '0.0.0.0' = every IPv4 one, else one. */
export interface Binding {
  ip: string;
  port: number;
}

/** What a UDP socket needs from its host. */
export interface DatagramSender {
  send(from: Binding, data: Uint8Array, address: string): void;
}

export class MemoryListener implements Listener {
  private readonly backlog: Conn[] = [];
  private readonly waiters: { resolve: (c: Conn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  constructor(
    readonly addr: string,
    private readonly release: () => void,
  ) {}

  deliver(conn: Conn): void {
    const w = this.waiters.shift();
    if (w) w.resolve(conn);
    else this.backlog.push(conn);
  }

  accept(): Promise<Conn> {
    const next = this.backlog.shift();
    if (next) return Promise.resolve(next);
    if (this.closed)
      return Promise.reject(
        new GostError('closed', `accept tcp ${this.addr}: use of closed network connection`),
      );
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    for (const c of this.backlog.splice(0)) c.close();
    const error = new GostError('closed', `accept tcp ${this.addr}: use of closed network connection`);
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}

export class MemoryPacketConn implements PacketConn {
  private readonly queue: Datagram[] = [];
  private readonly waiters: { size: number; resolve: (d: Datagram | null) => void }[] = [];
  private closed = false;

  constructor(
    private readonly host: DatagramSender,
    private readonly binding: Binding,
    readonly localAddr: string,
    private readonly release: () => void,
  ) {}

  enqueue(d: Datagram): void {
    if (this.closed) return;
    const w = this.waiters.shift();
    if (w) w.resolve(truncate(d, w.size));
    else this.queue.push(d);
  }

  readFrom(bufferSize: number): Promise<Datagram | null> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(truncate(next, bufferSize));
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push({ size: bufferSize, resolve }));
  }

  async writeTo(data: Uint8Array, addr: string): Promise<void> {
    if (this.closed)
      throw new GostError('closed', `write udp ${this.localAddr}: use of closed network connection`);
    this.host.send(this.binding, data, addr);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    for (const w of this.waiters.splice(0)) w.resolve(null);
  }
}

function truncate(d: Datagram, size: number): Datagram {
  return d.data.length > size ? { data: d.data.slice(0, size), addr: d.addr } : d;
}

/** A connected UDP socket: writes go to one peer, reads accept only that peer's datagrams. */
export class ConnectedUdp implements Conn {
  readonly datagram = true;
  readonly localAddr: string;

  constructor(
    private readonly socket: MemoryPacketConn,
    readonly remoteAddr: string,
    sourceIp: string,
  ) {
    this.localAddr = joinHostPort(sourceIp, socket.localAddr.slice(socket.localAddr.lastIndexOf(':') + 1));
  }

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
