/**
 * A reliable stream over datagrams for the modelled UDP transports (kcp, quic). It assumes the
 * datagram path delivers in order and without loss (KCP's ARQ/FEC and QUIC's recovery are not
 * modelled); what it keeps is that these transports live on UDP ports and handshake there:
 *
 *   HELLO(json settings) -> ACCEPT(json) | nothing (a server that cannot decrypt drops the packet)
 *   DATA(bytes) ... FIN
 *
 * Packet: TYPE(1) | PAYLOAD, payloads at most 1200 bytes.
 */

import { GostError } from '../../errors.js';
import { concatBytes, fromUtf8, utf8 } from '../../io/bytes.js';
import { withDeadline } from '../../io/deadline.js';
import { ChunkQueue } from '../../io/queue.js';
import type { Clock, Conn, Listener, PacketConn } from '../../types.js';
import type { Settings } from './hello.js';

const Type = { hello: 1, accept: 2, data: 3, fin: 4 } as const;
const maxPayload = 1200;

function packet(type: number, payload?: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(type), payload ?? new Uint8Array(0)]);
}

class DatagramStream implements Conn {
  private readonly inbound = new ChunkQueue();
  private finSent = false;

  constructor(
    readonly localAddr: string,
    readonly remoteAddr: string,
    private readonly send: (p: Uint8Array) => Promise<void>,
    private readonly onClose: () => void,
  ) {}

  deliver(p: Uint8Array): void {
    if (p[0] === Type.data && !this.inbound.isEnded) this.inbound.push(p.slice(1));
    else if (p[0] === Type.fin) this.inbound.end();
  }

  read(max?: number): Promise<Uint8Array | null> {
    return this.inbound.read(max);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.finSent) throw new GostError('closed', 'use of closed connection');
    for (let i = 0; i < data.length; i += maxPayload)
      await this.send(packet(Type.data, data.subarray(i, i + maxPayload)));
  }

  async closeWrite(): Promise<void> {
    if (this.finSent) return;
    this.finSent = true;
    await this.send(packet(Type.fin)).catch(() => undefined);
  }

  close(): void {
    void this.closeWrite();
    this.inbound.end();
    this.onClose();
  }
}

export interface ClientHandshake {
  transport: string;
  settings: Settings;
  timeoutMs: number;
  clock: Clock;
  /** Checks the server's ACCEPT settings (QUIC certificate); throws to refuse. */
  verify?: (accept: Settings) => void;
}

/** Client side over a connected datagram conn. */
export async function dialDatagramStream(socket: Conn, handshake: ClientHandshake): Promise<Conn> {
  await socket.write(
    packet(Type.hello, utf8(JSON.stringify({ transport: handshake.transport, ...handshake.settings }))),
  );
  const first = socket.read().then((p) => {
    if (p === null || p[0] !== Type.accept)
      throw new GostError('handshake', `${handshake.transport}: handshake failure`);
    return JSON.parse(fromUtf8(p.subarray(1))) as Settings;
  });
  let accept: Settings;
  try {
    accept = await withDeadline(
      handshake.clock,
      handshake.timeoutMs,
      first,
      `${handshake.transport}: handshake`,
    );
  } catch (error) {
    socket.close();
    if (error instanceof GostError && error.kind === 'timeout') {
      throw new GostError('timeout', `${handshake.transport}: timeout: no recent network activity`);
    }
    throw error;
  }
  handshake.verify?.(accept);
  const stream = new DatagramStream(
    socket.localAddr,
    socket.remoteAddr,
    (p) => socket.write(p),
    () => socket.close(),
  );
  void (async () => {
    for (;;) {
      const p = await socket.read().catch(() => null);
      if (p === null) break;
      stream.deliver(p);
    }
    stream.deliver(packet(Type.fin));
  })();
  return stream;
}

/** Server side: sessions per peer on one socket; `check` answers a HELLO with ACCEPT settings or drops it. */
export class DatagramStreamServer implements Listener {
  private readonly sessions = new Map<string, DatagramStream>();
  private readonly ready: Conn[] = [];
  private readonly waiters: { resolve: (c: Conn) => void; reject: (e: unknown) => void }[] = [];
  private closed = false;

  constructor(
    private readonly socket: PacketConn,
    private readonly check: (hello: Settings) => Settings | undefined,
  ) {
    void this.readLoop();
  }

  get addr(): string {
    return this.socket.localAddr;
  }

  accept(): Promise<Conn> {
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    if (this.closed)
      return Promise.reject(new GostError('closed', `accept ${this.addr}: use of closed network connection`));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
    for (const s of this.sessions.values()) s.deliver(packet(Type.fin));
    const error = new GostError('closed', `accept ${this.addr}: use of closed network connection`);
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private async readLoop(): Promise<void> {
    for (;;) {
      const d = await this.socket.readFrom(65_535).catch(() => null);
      if (d === null) break;
      const session = this.sessions.get(d.addr);
      if (session) {
        session.deliver(d.data);
        continue;
      }
      if (d.data[0] !== Type.hello) continue;
      let hello: Settings;
      try {
        hello = JSON.parse(fromUtf8(d.data.subarray(1))) as Settings;
      } catch {
        continue;
      }
      const accept = this.check(hello);
      if (!accept) continue;
      const stream = new DatagramStream(
        this.addr,
        d.addr,
        (p) => this.socket.writeTo(p, d.addr),
        () => this.sessions.delete(d.addr),
      );
      this.sessions.set(d.addr, stream);
      await this.socket
        .writeTo(packet(Type.accept, utf8(JSON.stringify(accept))), d.addr)
        .catch(() => undefined);
      const w = this.waiters.shift();
      if (w) w.resolve(stream);
      else this.ready.push(stream);
    }
    this.close();
  }
}
