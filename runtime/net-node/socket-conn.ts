/** node:net sockets and node:dgram sockets seen through the runtime's Conn / Listener / PacketConn. */

import type { Socket as UdpSocket } from 'node:dgram';
import type { Server, Socket } from 'node:net';
import { joinHostPort } from '../addr.js';
import { GostError, type GostErrorKind } from '../errors.js';
import { ChunkQueue } from '../io/queue.js';
import type { Conn, Datagram, Listener, PacketConn } from '../types.js';

const errorKinds: Record<string, GostErrorKind> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  EADDRINUSE: 'address-in-use',
  EADDRNOTAVAIL: 'address-unavailable',
  EACCES: 'permission-denied',
  ENOTFOUND: 'name-not-resolved',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

export function fromNodeError(error: Error & { code?: string }, context: string): GostError {
  return new GostError(errorKinds[error.code ?? ''] ?? 'reset', `${context}: ${error.message}`, {
    cause: error,
  });
}

function address(host: string | undefined, port: number | undefined): string {
  return joinHostPort((host ?? '').replace(/^::ffff:/, ''), port ?? 0);
}

/**
 * A connected TCP socket. Like Go's net package, it sets TCP_NODELAY: gost's small protocol headers
 * go out at once instead of waiting for Nagle's algorithm.
 */
export class SocketConn implements Conn {
  private readonly inbound = new ChunkQueue();
  readonly localAddr: string;
  readonly remoteAddr: string;
  /** Resolves once the socket is fully closed (both directions, by either side or by an error). */
  readonly closed: Promise<void>;

  constructor(private readonly socket: Socket) {
    this.localAddr = address(socket.localAddress, socket.localPort);
    this.remoteAddr = address(socket.remoteAddress, socket.remotePort);
    socket.setNoDelay(true);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      if (!this.inbound.isEnded) this.inbound.push(new Uint8Array(chunk));
    });
    socket.on('end', () => this.inbound.end());
    socket.on('close', () => this.inbound.end());
    socket.on('error', (error) => this.inbound.fail(fromNodeError(error, `read ${this.remoteAddr}`)));
  }

  read(max?: number): Promise<Uint8Array | null> {
    return this.inbound.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    if (this.socket.destroyed || !this.socket.writable) {
      return Promise.reject(new GostError('reset', `write ${this.remoteAddr}: broken pipe`));
    }
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) =>
        error ? reject(fromNodeError(error, `write ${this.remoteAddr}`)) : resolve(),
      );
    });
  }

  async closeWrite(): Promise<void> {
    this.socket.end();
  }

  close(): void {
    this.socket.destroy();
    this.inbound.end();
  }

  /** Aborts the connection with a TCP RST, as a host that goes away does: the peer reads "connection reset". */
  reset(): void {
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
    this.inbound.end();
  }
}

export class ServerListener implements Listener {
  private readonly backlog: Conn[] = [];
  private readonly waiters: { resolve: (c: Conn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  constructor(
    private readonly server: Server,
    readonly addr: string,
  ) {
    // An accept failure after the listener is up (out of file descriptors) ends it, as a failed
    // Accept ends gost's service: waiting accepts see the error instead of the process crashing.
    server.on('error', (error) => this.fail(fromNodeError(error, `accept tcp ${addr}`)));
    server.on('connection', (socket: Socket) => {
      if (this.closed) {
        socket.destroy();
        return;
      }
      const conn = new SocketConn(socket);
      const w = this.waiters.shift();
      if (w) w.resolve(conn);
      else this.backlog.push(conn);
    });
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

  /** Stops listening; connections still waiting to be accepted are closed, as the kernel resets them. */
  close(): void {
    this.fail(new GostError('closed', `accept tcp ${this.addr}: use of closed network connection`));
  }

  private fail(error: GostError): void {
    if (this.closed) return;
    this.closed = true;
    this.server.close();
    for (const conn of this.backlog.splice(0)) conn.close();
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}

export class DgramPacketConn implements PacketConn {
  private readonly queue: Datagram[] = [];
  private readonly waiters: { size: number; resolve: (d: Datagram | null) => void }[] = [];
  private closed = false;
  readonly localAddr: string;

  constructor(
    private readonly socket: UdpSocket,
    private readonly resolve: (host: string) => string,
  ) {
    const a = socket.address();
    this.localAddr = address(a.address, a.port);
    socket.on('message', (msg: Buffer, rinfo) => {
      const d = { data: new Uint8Array(msg), addr: address(rinfo.address, rinfo.port) };
      const w = this.waiters.shift();
      if (w) w.resolve(d.data.length > w.size ? { data: d.data.slice(0, w.size), addr: d.addr } : d);
      else this.queue.push(d);
    });
    socket.on('close', () => this.close());
    // A socket-level error ends the socket (reads then see its end) rather than the process.
    socket.on('error', () => this.close());
  }

  readFrom(bufferSize: number): Promise<Datagram | null> {
    const next = this.queue.shift();
    if (next)
      return Promise.resolve(
        next.data.length > bufferSize ? { data: next.data.slice(0, bufferSize), addr: next.addr } : next,
      );
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push({ size: bufferSize, resolve }));
  }

  writeTo(data: Uint8Array, addr: string): Promise<void> {
    const colon = addr.lastIndexOf(':');
    const host = this.resolve(addr.slice(0, colon).replace(/^\[|\]$/g, ''));
    const port = Number(addr.slice(colon + 1));
    return new Promise((resolve, reject) => {
      this.socket.send(data, port, host, (error) =>
        error ? reject(fromNodeError(error, `write udp ${addr}`)) : resolve(),
      );
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close();
    } catch {
      // Already closed.
    }
    for (const w of this.waiters.splice(0)) w.resolve(null);
  }
}

/** A connected UDP socket as a datagram Conn. */
export class DgramConn implements Conn {
  readonly datagram = true;

  constructor(
    private readonly socket: DgramPacketConn,
    readonly remoteAddr: string,
  ) {}

  get localAddr(): string {
    return this.socket.localAddr;
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
