/**
 * Real sockets seen in topology terms. The runtime on a host must not be able to tell `topo up` from
 * the simulator, so every address it sees is the topology's: a connection from the laptop reads as
 * coming from 198.51.100.7:<port>, not 127.0.1.6:<port>; a listener on `:8080` reports `[::]:8080`
 * whatever port the machine gave it. These wrappers carry the translation the session world
 * (world.ts) worked out, and report to it what happens on them (bytes of a new flow on an old
 * connection, closes) so it can trace flows and close everything at the end.
 */

import { GostError } from '../../runtime/errors.js';
import type { DgramPacketConn, ServerListener, SocketConn } from '../../runtime/net-node/socket-conn.js';
import type { Conn, Datagram, Listener, PacketConn } from '../../runtime/types.js';
import type { Binding } from './bindings.js';

/** One TCP connection between two hosts of the session (or a host and a client outside it). */
export class Link {
  readonly ends: TopoConn[] = [];
  /** Readers wait while the link between its hosts is cut; bytes are kept, not lost. */
  private hold: { released: Promise<void>; release: () => void } | undefined;

  constructor(
    readonly id: number,
    /** The dialling host and the accepting host (undefined for a peer outside the topology). */
    readonly client: string | undefined,
    readonly server: string | undefined,
    /** The flow whose bytes it carried last. */
    public lastOwner: string,
  ) {}

  touches(host: string): boolean {
    return this.client === host || this.server === host;
  }

  setHeld(held: boolean): void {
    if (held && !this.hold) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      this.hold = { released, release };
    } else if (!held && this.hold) {
      this.hold.release();
      this.hold = undefined;
    }
  }

  get held(): Promise<void> | undefined {
    return this.hold?.released;
  }
}

export interface ConnObserver {
  /** Bytes about to be written on `link` from `host`. */
  writing(link: Link, host: string | undefined, bytes: number): void;
  closed(conn: TopoConn): void;
}

export class TopoConn implements Conn {
  private done = false;

  constructor(
    readonly inner: SocketConn,
    readonly localAddr: string,
    readonly remoteAddr: string,
    readonly link: Link,
    /** The host this end belongs to. */
    readonly host: string | undefined,
    private readonly observer: ConnObserver,
  ) {
    link.ends.push(this);
    void inner.closed.then(() => this.finish());
  }

  async read(max?: number): Promise<Uint8Array | null> {
    const held = this.link.held;
    if (held) await held;
    return this.inner.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    if (data.length > 0) this.observer.writing(this.link, this.host, data.length);
    return this.inner.write(data);
  }

  closeWrite(): Promise<void> {
    return this.inner.closeWrite();
  }

  close(): void {
    this.inner.close();
    this.finish();
  }

  /** A reset, as when the host at the other end goes away. */
  reset(): void {
    this.inner.reset();
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.observer.closed(this);
  }
}

export interface AcceptTranslator {
  /** The accepted real connection in topology terms. */
  adopt(conn: SocketConn, binding: Binding): Promise<TopoConn>;
  released(binding: Binding): void;
}

export class TopoListener implements Listener {
  private closed = false;

  constructor(
    private readonly inner: ServerListener,
    readonly binding: Binding,
    readonly addr: string,
    private readonly translator: AcceptTranslator,
  ) {}

  async accept(): Promise<Conn> {
    const conn = (await this.inner.accept()) as SocketConn;
    if (this.closed) {
      conn.close();
      throw new GostError('closed', `accept tcp ${this.addr}: use of closed network connection`);
    }
    return this.translator.adopt(conn, this.binding);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inner.close();
    this.translator.released(this.binding);
  }
}

export interface DatagramRouter {
  /** Sends from `socket` to a topology address (or a peer outside the topology that wrote first). */
  send(socket: TopoPacketConn, data: Uint8Array, addr: string): Promise<void>;
  /** The topology address a datagram from the real `source` to `socket` came from, if a host sent it. */
  sourceOf(socket: TopoPacketConn, realSource: string): string | undefined;
  released(socket: TopoPacketConn): void;
}

/** Datagrams a socket queues before further ones are dropped (its receive buffer). */
const receiveQueueLimit = 1024;

/**
 * A UDP socket in topology terms. Its own queue (rather than the real socket's) lets the world
 * report "connection refused" on the next read, as Linux does after an ICMP port unreachable.
 */
export class TopoPacketConn implements PacketConn {
  private readonly queue: Datagram[] = [];
  private readonly waiters: {
    size: number;
    resolve: (d: Datagram | null) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private closed = false;
  private pendingError: GostError | undefined;
  /** Topology addresses this socket sent to: their replies pass its host's NAT. */
  readonly contacted = new Set<string>();
  /** Real addresses of peers outside the topology that wrote to it (clients on this machine). */
  readonly outsidePeers = new Set<string>();

  constructor(
    readonly inner: DgramPacketConn,
    readonly binding: Binding,
    readonly localAddr: string,
    private readonly router: DatagramRouter,
  ) {
    void this.pump();
  }

  /** This socket's real address. */
  get realAddr(): string {
    return this.inner.localAddr;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const d = await this.inner.readFrom(65_536);
      if (d === null) return this.close();
      const source = this.router.sourceOf(this, d.addr);
      if (source === undefined) this.outsidePeers.add(d.addr);
      const datagram = { data: d.data, addr: source ?? d.addr };
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(truncate(datagram, waiter.size));
      else if (this.queue.length < receiveQueueLimit) this.queue.push(datagram);
    }
  }

  /** An ICMP error: wakes a pending read with it, or keeps it for the next one. */
  fail(error: GostError): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.reject(error);
    else this.pendingError = error;
  }

  readFrom(bufferSize: number): Promise<Datagram | null> {
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
    await this.router.send(this, data, addr);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inner.close();
    this.queue.length = 0;
    for (const w of this.waiters.splice(0)) w.resolve(null);
    this.router.released(this);
  }
}

function truncate(d: Datagram, size: number): Datagram {
  return d.data.length > size ? { data: d.data.slice(0, size), addr: d.addr } : d;
}

/** A connected UDP socket (what a UDP dial returns): talks to one peer, keeps only its datagrams. */
export class TopoUdpConn implements Conn {
  readonly datagram = true;

  constructor(
    readonly socket: TopoPacketConn,
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
