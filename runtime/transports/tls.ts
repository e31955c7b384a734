/**
 * Real TLS (node:tls) over any Conn, with gost's client verification modes
 * (x/internal/util/tls LoadClientConfig):
 * - `secure` off, no CA: no verification at all;
 * - `secure` off, CA given: the chain must lead to that CA, the host name is not checked;
 * - `secure` on: chain (system roots or the CA) and host name are checked.
 * Errors are reported with Go's wording ("x509: certificate signed by unknown authority").
 */

import { Duplex } from 'node:stream';
import {
  checkServerIdentity,
  connect,
  createSecureContext,
  type TLSSocket,
  TLSSocket as TLSSocketClass,
} from 'node:tls';
import { parseIP } from '../addr.js';
import { GostError } from '../errors.js';
import { ChunkQueue } from '../io/queue.js';
import type { Conn } from '../types.js';
import type { ClientTlsOptions, ServerTlsOptions, TlsEngine } from './tls-types.js';

/** A Conn seen as a Node Duplex, so node:tls can run over it. */
class ConnDuplex extends Duplex {
  private reading = false;

  constructor(private readonly conn: Conn) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {
    if (this.reading) return;
    this.reading = true;
    this.conn.read().then(
      (chunk) => {
        this.reading = false;
        if (chunk === null) this.push(null);
        else if (this.push(Buffer.from(chunk))) this._read();
      },
      (error: Error) => {
        this.reading = false;
        this.destroy(error);
      },
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.conn.write(new Uint8Array(chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.conn.closeWrite().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.conn.close();
    callback(error);
  }
}

/** A TLS socket seen as a Conn. */
class TlsConn implements Conn {
  private readonly inbound = new ChunkQueue();
  private closed = false;

  constructor(
    private readonly socket: TLSSocket,
    private readonly inner: Conn,
  ) {
    socket.on('data', (chunk: Buffer) => {
      if (!this.inbound.isEnded) this.inbound.push(new Uint8Array(chunk));
    });
    socket.on('end', () => this.inbound.end());
    socket.on('close', () => this.inbound.end());
    socket.on('error', () => this.inbound.end());
  }

  get localAddr(): string {
    return this.inner.localAddr;
  }

  get remoteAddr(): string {
    return this.inner.remoteAddr;
  }

  read(max?: number): Promise<Uint8Array | null> {
    return this.inbound.read(max);
  }

  write(data: Uint8Array): Promise<void> {
    if (this.closed || this.socket.destroyed)
      return Promise.reject(new GostError('closed', 'tls: use of closed connection'));
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) => (error ? reject(new GostError('reset', error.message)) : resolve()));
    });
  }

  async closeWrite(): Promise<void> {
    this.socket.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.inner.close();
  }
}

function goError(error: Error & { code?: string }, serverName: string): GostError {
  switch (error.code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_SIGNATURE_FAILURE':
      return new GostError(
        'handshake',
        'tls: failed to verify certificate: x509: certificate signed by unknown authority',
        {
          cause: error,
        },
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new GostError(
        'handshake',
        `tls: failed to verify certificate: x509: certificate is not valid for ${serverName}`,
        {
          cause: error,
        },
      );
    default:
      return new GostError('handshake', `tls: handshake failure: ${error.message}`, { cause: error });
  }
}

function waitFor(socket: TLSSocket, event: 'secureConnect' | 'secure', serverName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      socket.destroy();
      reject(goError(error, serverName));
    };
    socket.once('error', onError);
    socket.once('close', () =>
      reject(new GostError('handshake', 'tls: handshake failure: connection closed')),
    );
    socket.once(event, () => {
      socket.off('error', onError);
      socket.on('error', () => undefined);
      resolve();
    });
  });
}

export class NodeTlsEngine implements TlsEngine {
  async client(conn: Conn, options: ClientTlsOptions): Promise<Conn> {
    const isIP = parseIP(options.serverName) !== undefined;
    const verify = options.secure || options.caPem !== undefined;
    const socket = connect({
      socket: new ConnDuplex(conn),
      host: options.serverName,
      servername: isIP || options.serverName === '' ? undefined : options.serverName,
      rejectUnauthorized: verify,
      ...(options.caPem ? { ca: [options.caPem] } : {}),
      ...(options.certificate ? { cert: options.certificate.certPem, key: options.certificate.keyPem } : {}),
      checkServerIdentity: options.secure ? checkServerIdentity : () => undefined,
    });
    await waitFor(socket, 'secureConnect', options.serverName);
    return new TlsConn(socket, conn);
  }

  async server(conn: Conn, options: ServerTlsOptions): Promise<Conn> {
    const requireClientCert = options.clientCaPem !== undefined;
    const socket = new TLSSocketClass(new ConnDuplex(conn), {
      isServer: true,
      secureContext: createSecureContext({
        cert: options.certificate.certPem,
        key: options.certificate.keyPem,
        ...(requireClientCert ? { ca: [options.clientCaPem!] } : {}),
      }),
      requestCert: requireClientCert,
      rejectUnauthorized: requireClientCert,
    });
    await waitFor(socket, 'secure', '');
    return new TlsConn(socket, conn);
  }
}
