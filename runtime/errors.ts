/**
 * Every failure the data plane reports is a `GostError`: a closed set of kinds a simulator can turn
 * into a disposition, a message worded as gost words it (e.g. "2 Unauthorized", "bind unsupported",
 * "407 Proxy Authentication Required") and where it happened.
 */

export type GostErrorKind =
  // Network-level outcomes (raised by `Network` implementations or the runtime's own sockets).
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'name-not-resolved'
  | 'address-in-use'
  | 'address-unavailable'
  | 'permission-denied'
  | 'reset'
  | 'closed'
  | 'eof'
  // Transport handshakes (TLS, WebSocket upgrade, mux, modelled layers).
  | 'handshake'
  // Protocol-level refusals and mismatches.
  | 'protocol'
  | 'relay-status'
  | 'socks-reply'
  | 'http-status'
  | 'auth'
  | 'bind-unsupported'
  | 'bind-disabled'
  | 'network-unsupported'
  | 'node-unavailable'
  | 'empty-route'
  // Configuration and capability.
  | 'config'
  | 'unsupported';

export interface ErrorLocation {
  host?: string;
  service?: string;
  chain?: string;
  hop?: string;
  node?: string;
}

export interface GostErrorOptions extends ErrorLocation {
  /** Protocol status code when the error is a relay status, SOCKS reply or HTTP status. */
  status?: number;
  /** A listener accept failure the service retries with backoff (gost's temporary net.Error). */
  temporary?: boolean;
  cause?: unknown;
}

export class GostError extends Error {
  readonly kind: GostErrorKind;
  readonly status?: number;
  readonly temporary: boolean;
  host?: string;
  service?: string;
  chain?: string;
  hop?: string;
  node?: string;

  constructor(kind: GostErrorKind, message: string, options: GostErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GostError';
    this.kind = kind;
    this.status = options.status;
    this.temporary = options.temporary ?? false;
    this.host = options.host;
    this.service = options.service;
    this.chain = options.chain;
    this.hop = options.hop;
    this.node = options.node;
  }

  /** The same failure marked temporary: a listener accept error the service retries with backoff. */
  asTemporary(): GostError {
    return new GostError(this.kind, this.message, {
      status: this.status,
      temporary: true,
      cause: this,
      host: this.host,
      service: this.service,
      chain: this.chain,
      hop: this.hop,
      node: this.node,
    });
  }

  /** Fills in location fields that are not set yet (inner locations win). */
  locate(where: ErrorLocation): this {
    this.host ??= where.host;
    this.service ??= where.service;
    this.chain ??= where.chain;
    this.hop ??= where.hop;
    this.node ??= where.node;
    return this;
  }
}

/** Turns anything thrown into a GostError, keeping GostErrors as they are. */
export function asGostError(error: unknown, fallback: GostErrorKind = 'protocol'): GostError {
  if (error instanceof GostError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GostError(fallback, message, { cause: error });
}
