/**
 * WebSocket (RFC 6455) as gost's ws/wss/mws/mwss transports use it (gorilla/websocket): an HTTP/1.1
 * upgrade on one path, then every write is one binary message (masked from the client). The server
 * side follows Go's ServeMux: the request path must equal the configured path (or start with it when
 * the path ends in "/"), else 404; a matching request that is not an upgrade gets 400. The client
 * fails "websocket: bad handshake" on anything but a valid 101.
 */

import { createHash } from 'node:crypto';
import { GostError } from '../errors.js';
import { concatBytes, fromLatin1 } from '../io/bytes.js';
import { ChunkQueue } from '../io/queue.js';
import { BufferedReader } from '../io/reader.js';
import { encodeRequestHead, Headers, readRequestHead, readResponseHead } from '../protocols/http/wire.js';
import type { Conn, Rng } from '../types.js';

const guid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const Op = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + guid)
    .digest('base64');
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256));
}

export function encodeFrame(opcode: number, payload: Uint8Array, maskKey?: Uint8Array): Uint8Array {
  const len = payload.length;
  const head: number[] = [0x80 | opcode];
  const mask = maskKey ? 0x80 : 0;
  if (len < 126) head.push(mask | len);
  else if (len < 65_536) head.push(mask | 126, len >> 8, len & 0xff);
  else {
    head.push(mask | 127, 0, 0, 0, 0);
    head.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  if (!maskKey) return concatBytes([Uint8Array.from(head), payload]);
  const masked = payload.map((b, i) => b ^ maskKey[i % 4]!);
  return concatBytes([Uint8Array.from(head), maskKey, masked]);
}

export class WebSocketConn implements Conn {
  private readonly messages = new ChunkQueue();
  private closeSent = false;

  constructor(
    private readonly inner: Conn,
    reader: BufferedReader,
    private readonly role: 'client' | 'server',
    private readonly rng: Rng,
  ) {
    void this.readLoop(reader);
  }

  get localAddr(): string {
    return this.inner.localAddr;
  }

  get remoteAddr(): string {
    return this.inner.remoteAddr;
  }

  read(max?: number): Promise<Uint8Array | null> {
    return this.messages.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closeSent) return Promise.reject(new GostError('closed', 'websocket: close sent'));
    return this.inner.write(this.frame(Op.binary, data));
  }

  async closeWrite(): Promise<void> {
    await this.sendClose();
  }

  close(): void {
    void this.sendClose().finally(() => this.inner.close());
    this.messages.end();
  }

  private frame(opcode: number, payload: Uint8Array): Uint8Array {
    return encodeFrame(opcode, payload, this.role === 'client' ? randomBytes(this.rng, 4) : undefined);
  }

  private async sendClose(): Promise<void> {
    if (this.closeSent) return;
    this.closeSent = true;
    await this.inner.write(this.frame(Op.close, Uint8Array.of(0x03, 0xe8))).catch(() => undefined);
  }

  private async readLoop(reader: BufferedReader): Promise<void> {
    try {
      for (;;) {
        if (await reader.atEnd()) break;
        const [b0, b1] = await reader.readExact(2, 'websocket');
        let len = b1! & 0x7f;
        if (len === 126) {
          const ext = await reader.readExact(2, 'websocket');
          len = (ext[0]! << 8) | ext[1]!;
        } else if (len === 127) {
          const ext = await reader.readExact(8, 'websocket');
          len = ext.slice(4).reduce((acc, b) => acc * 256 + b, 0);
        }
        const maskKey = b1! & 0x80 ? await reader.readExact(4, 'websocket') : undefined;
        let payload = (await reader.readExact(len, 'websocket')).slice();
        if (maskKey) payload = payload.map((b, i) => b ^ maskKey[i % 4]!);
        const opcode = b0! & 0x0f;
        if (opcode === Op.close) {
          await this.sendClose();
          break;
        }
        if (opcode === Op.ping) await this.inner.write(this.frame(Op.pong, payload));
        else if (opcode === Op.binary || opcode === Op.text || opcode === Op.continuation) {
          if (payload.length > 0) this.messages.push(payload);
        }
      }
    } catch {
      // A broken frame or stream ends the WebSocket.
    }
    this.messages.end();
  }
}

export interface UpgradeOptions {
  /** Host header. */
  host: string;
  /** Request path (default "/ws"). */
  path: string;
  header?: Record<string, string>;
}

export async function clientUpgrade(conn: Conn, options: UpgradeOptions, rng: Rng): Promise<Conn> {
  const key = Buffer.from(randomBytes(rng, 16)).toString('base64');
  const headers = new Headers();
  headers.set('Upgrade', 'websocket');
  headers.set('Connection', 'Upgrade');
  headers.set('Sec-WebSocket-Key', key);
  headers.set('Sec-WebSocket-Version', '13');
  for (const [k, v] of Object.entries(options.header ?? {})) headers.set(k, v);
  await conn.write(encodeRequestHead('GET', options.path, options.host, headers));
  const reader = new BufferedReader(conn);
  const resp = await readResponseHead(reader).catch((error: unknown) => {
    throw new GostError('handshake', `websocket: bad handshake (${(error as Error).message})`);
  });
  if (resp.statusCode !== 101 || resp.headers.get('Sec-WebSocket-Accept') !== acceptKey(key)) {
    throw new GostError('handshake', 'websocket: bad handshake', { status: resp.statusCode });
  }
  return new WebSocketConn(conn, reader, 'client', rng);
}

function pathMatches(pattern: string, uri: string): boolean {
  const path = uri.split('?')[0]!;
  return pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;
}

function plainResponse(status: string, body: string, extra = ''): Uint8Array {
  return fromLatin1(
    `HTTP/1.1 ${status}\r\nContent-Length: ${body.length}\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}\r\n${body}`,
  );
}

/** Serves HTTP requests on `conn` until one upgrades on `path`; resolves with the WebSocket conn. */
export async function serverUpgrade(conn: Conn, path: string, rng: Rng): Promise<Conn> {
  const reader = new BufferedReader(conn);
  for (;;) {
    const req = await readRequestHead(reader);
    if (!pathMatches(path, req.uri)) {
      await conn.write(
        plainResponse('404 Not Found', '404 page not found\n', 'X-Content-Type-Options: nosniff\r\n'),
      );
      continue;
    }
    const upgrade = req.headers.get('Upgrade').toLowerCase() === 'websocket';
    const key = req.headers.get('Sec-WebSocket-Key');
    if (req.method !== 'GET' || !upgrade || key === '' || req.headers.get('Sec-WebSocket-Version') !== '13') {
      await conn.write(plainResponse('400 Bad Request', 'Bad Request\n', 'Sec-Websocket-Version: 13\r\n'));
      throw new GostError(
        'handshake',
        "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
      );
    }
    await conn.write(
      fromLatin1(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
      ),
    );
    return new WebSocketConn(reader.toConn(), new BufferedReader(reader.toConn()), 'server', rng);
  }
}
