/**
 * Relay's delayed headers (x/connector/relay/conn.go, x/handler/relay/conn.go). With `nodelay` off
 * the client's request header waits to go out in the same write as the first payload, and the
 * server's OK response waits for the first bytes flowing back. The client reads (and checks) the
 * response lazily on its first read. UDP conns frame every datagram as LEN(2) | DATA.
 */

import { GostError } from '../../errors.js';
import { concatBytes } from '../../io/bytes.js';
import { BufferedReader } from '../../io/reader.js';
import type { Conn } from '../../types.js';
import { encodeLengthFrame, readMessage, statusText, Status } from './wire.js';

/** Reads a relay response and turns a non-OK status into the "<code> <name>" error. */
export async function readResponse(reader: BufferedReader): Promise<void> {
  const resp = await readMessage(reader, 'relay response');
  if (resp.code !== Status.ok) {
    throw new GostError('relay-status', statusText(resp.code), { status: resp.code });
  }
}

abstract class RelayConn implements Conn {
  protected readonly reader: BufferedReader;
  /** Header bytes waiting to be sent with the first write. */
  protected pendingHeader: Uint8Array | undefined;
  /** Client side: the response still has to be read before any data. */
  protected responsePending: boolean;
  private responseRead: Promise<void> | undefined;

  constructor(
    protected readonly inner: Conn,
    options: { pendingHeader?: Uint8Array; expectResponse: boolean; reader?: BufferedReader },
  ) {
    this.reader = options.reader ?? new BufferedReader(inner);
    this.pendingHeader = options.pendingHeader;
    this.responsePending = options.expectResponse;
  }

  get localAddr(): string {
    return this.inner.localAddr;
  }

  get remoteAddr(): string {
    return this.inner.remoteAddr;
  }

  protected async awaitResponse(): Promise<void> {
    if (!this.responsePending) return;
    this.responseRead ??= readResponse(this.reader);
    await this.responseRead;
    this.responsePending = false;
  }

  /**
   * Once the header went out, writes go straight to the inner conn (every relayed chunk does), still
   * failing as a rejected promise, never a throw.
   */
  protected send(payload: Uint8Array): Promise<void> {
    const header = this.pendingHeader;
    this.pendingHeader = undefined;
    try {
      return this.inner.write(header ? concatBytes([header, payload]) : payload);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  abstract read(max?: number): Promise<Uint8Array | null>;
  abstract write(data: Uint8Array): Promise<void>;

  closeWrite(): Promise<void> {
    return this.inner.closeWrite();
  }

  close(): void {
    this.inner.close();
  }
}

export class RelayStreamConn extends RelayConn {
  read(max?: number): Promise<Uint8Array | null> {
    if (!this.responsePending) return this.reader.readSome(max);
    return this.awaitResponse().then(() => this.reader.readSome(max));
  }

  write(data: Uint8Array): Promise<void> {
    return this.send(data);
  }
}

export class RelayDatagramConn extends RelayConn {
  readonly datagram = true;

  async read(max?: number): Promise<Uint8Array | null> {
    await this.awaitResponse();
    if (await this.reader.atEnd()) return null;
    const len = await this.reader.readExact(2, 'relay udp frame');
    const data = await this.reader.readExact((len[0]! << 8) | len[1]!, 'relay udp frame');
    return max !== undefined && data.length > max ? data.slice(0, max) : data.slice();
  }

  write(data: Uint8Array): Promise<void> {
    return this.send(encodeLengthFrame(data));
  }
}
