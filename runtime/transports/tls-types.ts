/**
 * TLS settings as gost resolves them (x/internal/util/tls): servers always have a certificate (the
 * service's or the instance's default one); clients skip verification unless `secure`, and pin to a
 * CA without checking the host name when only `caFile` is given.
 */

import type { Conn } from '../types.js';

export interface Certificate {
  certPem: string;
  keyPem: string;
}

export interface ServerTlsOptions {
  certificate: Certificate;
  /** PEM of the CA that client certificates must chain to; set means client certificates are required. */
  clientCaPem?: string;
}

export interface ClientTlsOptions {
  /** Full verification (chain and host name). */
  secure: boolean;
  /** SNI and the name verified with `secure`; defaults to the node's host. */
  serverName: string;
  /** Trust anchor; with `secure: false` the chain is checked but the name is not. */
  caPem?: string;
  /** Client certificate for mutual TLS. */
  certificate?: Certificate;
}

/** Runs TLS over any Conn. */
export interface TlsEngine {
  server(conn: Conn, options: ServerTlsOptions): Promise<Conn>;
  client(conn: Conn, options: ClientTlsOptions): Promise<Conn>;
}
