/**
 * The applications a topology declares, as servers on their hosts:
 * - `echo` (TCP): returns what it reads; (UDP): returns each datagram to its sender;
 * - `banner`: server-first: writes its banner before reading anything, then echoes;
 * - `http`: answers one HTTP/1.1 request with `200 OK` and a body naming host and app, then closes.
 * Each app keeps a receipt of what every connection (or UDP peer) delivered — byte count, a running
 * hash (payload-hash.ts) and datagram sizes — so a flow can tell whether its data arrived intact
 * without the app holding every byte.
 */

import type { AppPlan } from '../compiler/lower/plan.js';
import { asGostError } from '../runtime/errors.js';
import { fromLatin1, utf8 } from '../runtime/io/bytes.js';
import { BufferedReader } from '../runtime/io/reader.js';
import { Headers, encodeResponse, readRequestHead } from '../runtime/protocols/http/wire.js';
import type { Conn, Listener, Network, PacketConn } from '../runtime/types.js';
import type { Recorder } from './events.js';
import { emptyHash, PayloadHash } from './payload-hash.js';

export interface Receipt {
  /** The flow (or setup step) the bytes belonged to. */
  owner: string;
  peer: string;
  bytes: number;
  hash: number;
  /** Sizes of the datagrams received (UDP apps). */
  datagrams: number[];
  replies: number;
}

/** The body an `http` app answers with; flows check it to know which app answered. */
export function httpAppBody(host: string, app: string): string {
  return `${host}/${app}\n`;
}

export class AppServer {
  readonly receipts: Receipt[] = [];
  private listener: Listener | undefined;
  private socket: PacketConn | undefined;
  private readonly conns = new Set<Conn>();
  private readonly hashes = new WeakMap<Receipt, PayloadHash>();
  private stopped = false;

  constructor(
    readonly plan: AppPlan,
    private readonly network: Network,
    private readonly recorder: Recorder,
    private readonly owner: () => string,
  ) {}

  get name(): string {
    return `${this.plan.host}/${this.plan.name}`;
  }

  private listenAddress(): string {
    const ip = this.plan.ip;
    if (ip === undefined) return `:${this.plan.port}`;
    return ip.includes(':') ? `[${ip}]:${this.plan.port}` : `${ip}:${this.plan.port}`;
  }

  /** Starts listening; a failure (port taken) is recorded and rethrown. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      if (this.plan.protocol === 'udp') {
        this.socket = await this.network.listen('udp', this.listenAddress());
        void this.serveUdp(this.socket);
      } else {
        this.listener = await this.network.listen('tcp', this.listenAddress());
        void this.acceptLoop(this.listener);
      }
    } catch (error) {
      const e = asGostError(error);
      this.recorder.record({
        type: 'app.error',
        host: this.plan.host,
        app: this.plan.name,
        kind: e.kind,
        message: e.message,
      });
      throw e;
    }
  }

  stop(): void {
    this.stopped = true;
    this.listener?.close();
    this.socket?.close();
    for (const c of this.conns) c.close();
    this.conns.clear();
  }

  private receipt(peer: string): Receipt {
    const receipt: Receipt = {
      owner: this.owner(),
      peer,
      bytes: 0,
      hash: emptyHash,
      datagrams: [],
      replies: 0,
    };
    this.receipts.push(receipt);
    return receipt;
  }

  private received(receipt: Receipt, data: Uint8Array): void {
    receipt.bytes += data.length;
    let hash = this.hashes.get(receipt);
    if (!hash) {
      hash = new PayloadHash();
      this.hashes.set(receipt, hash);
    }
    hash.update(data);
    receipt.hash = hash.value;
    this.recorder.record({
      type: 'app.receive',
      host: this.plan.host,
      app: this.plan.name,
      bytes: data.length,
    });
  }

  private async reply(conn: Conn, receipt: Receipt, data: Uint8Array): Promise<void> {
    await conn.write(data);
    receipt.replies += data.length;
    this.recorder.record({
      type: 'app.reply',
      host: this.plan.host,
      app: this.plan.name,
      bytes: data.length,
    });
  }

  private async acceptLoop(listener: Listener): Promise<void> {
    for (;;) {
      let conn: Conn;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      if (this.stopped) {
        conn.close();
        return;
      }
      this.conns.add(conn);
      this.recorder.record({
        type: 'app.accept',
        host: this.plan.host,
        app: this.plan.name,
        remote: conn.remoteAddr,
      });
      const receipt = this.receipt(conn.remoteAddr);
      const serve =
        this.plan.kind === 'http' ? this.serveHttp(conn, receipt) : this.serveStream(conn, receipt);
      void serve
        .catch(() => undefined)
        .finally(() => {
          conn.close();
          this.conns.delete(conn);
        });
    }
  }

  private async serveStream(conn: Conn, receipt: Receipt): Promise<void> {
    if (this.plan.speaksFirst || this.plan.kind === 'banner') {
      await this.reply(conn, receipt, utf8(this.plan.banner));
    }
    for (;;) {
      const chunk = await conn.read();
      if (chunk === null) return;
      this.received(receipt, chunk);
      await this.reply(conn, receipt, chunk);
    }
  }

  private async serveHttp(conn: Conn, receipt: Receipt): Promise<void> {
    const reader = new BufferedReader(conn);
    let length = 0;
    try {
      const head = await readRequestHead(reader);
      length = Number(head.headers.get('Content-Length') || '0');
      if (!Number.isInteger(length) || length < 0) throw new Error('bad Content-Length');
    } catch {
      await this.reply(conn, receipt, encodeResponse(400, new Headers()));
      return;
    }
    let remaining = length;
    while (remaining > 0) {
      const chunk = await reader.readSome(remaining);
      if (chunk === null) return;
      this.received(receipt, chunk);
      remaining -= chunk.length;
    }
    const body = httpAppBody(this.plan.host, this.plan.name);
    const head = [
      'HTTP/1.1 200 OK',
      `Content-Length: ${body.length}`,
      'Connection: close',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '',
    ].join('\r\n');
    await this.reply(conn, receipt, fromLatin1(head + body));
  }

  private async serveUdp(socket: PacketConn): Promise<void> {
    // One receipt per owner: a flow's datagrams may come from several source ports (a forwarder
    // without keepalive opens a new upstream socket per datagram), in the order they were sent.
    const byOwner = new Map<string, Receipt>();
    for (;;) {
      const datagram = await socket.readFrom(65_535).catch(() => null);
      if (datagram === null) return;
      const owner = this.owner();
      let receipt = byOwner.get(owner);
      if (!receipt) {
        receipt = this.receipt(datagram.addr);
        byOwner.set(owner, receipt);
      }
      receipt.datagrams.push(datagram.data.length);
      this.received(receipt, datagram.data);
      try {
        await socket.writeTo(datagram.data, datagram.addr);
        receipt.replies += datagram.data.length;
        this.recorder.record({
          type: 'app.reply',
          host: this.plan.host,
          app: this.plan.name,
          bytes: datagram.data.length,
        });
      } catch {
        // The reply could not be sent (host going down): the client sees no answer.
      }
    }
  }
}
