/**
 * The contracts between the gost data plane and the world it runs in.
 *
 * The runtime never touches sockets, timers or randomness directly: a host's gost instance is handed
 * a `Network` (sockets on behalf of that one host), a `Clock` and an `Rng`. The simulator implements
 * them with virtual time and an in-memory fabric; `runtime/net-node/` implements them with loopback
 * sockets and the real clock. Addresses are always `host:port` strings as Go's net package writes
 * them (`[v6]:port` for IPv6); name resolution belongs to the network.
 */

/** A reliable, ordered, bidirectional byte stream (TCP, or any stream layered on top of one). */
export interface Conn {
  readonly localAddr: string;
  readonly remoteAddr: string;
  /**
   * Set on connections that carry whole datagrams (a UDP session, a relay UDP tunnel): every read
   * returns exactly one message and every write sends one.
   */
  readonly datagram?: boolean;
  /**
   * Resolves with the next chunk of bytes, or `null` at end of stream. With `max`, at most `max`
   * bytes are returned: a stream keeps the rest for the next read, a datagram conn discards it
   * (truncation, as a socket read into a short buffer does).
   */
  read(max?: number): Promise<Uint8Array | null>;
  /** Resolves once the bytes are handed to the peer's side; rejects when the conn is closed or reset. */
  write(data: Uint8Array): Promise<void>;
  /** Half-close: the peer reads end of stream after the bytes already written. */
  closeWrite(): Promise<void>;
  /** Closes both directions; pending and later reads end, later writes reject. Idempotent. */
  close(): void;
}

/** An accepting stream socket. */
export interface Listener {
  /** The bound address, with the real port when port 0 was requested. */
  readonly addr: string;
  /** Resolves with the next inbound connection; rejects once the listener is closed. */
  accept(): Promise<Conn>;
  close(): void;
}

export interface Datagram {
  data: Uint8Array;
  /** The peer address (source on read, destination on write). */
  addr: string;
}

/** An unconnected datagram socket. */
export interface PacketConn {
  readonly localAddr: string;
  /**
   * Resolves with the next datagram truncated to `bufferSize` bytes (the rest of a longer datagram is
   * lost, as with a socket read into a short buffer), or `null` once the socket is closed.
   */
  readFrom(bufferSize: number): Promise<Datagram | null>;
  writeTo(data: Uint8Array, addr: string): Promise<void>;
  close(): void;
}

/**
 * What a gost instance needs from the world, on behalf of ONE host. Implementations reject with a
 * `GostError` whose `kind` says what went wrong: `address-in-use`, `address-unavailable`,
 * `permission-denied` (listen); `refused`, `unreachable`, `timeout`, `name-not-resolved` (dial).
 */
export interface Network {
  /** `address` as gost passes it to the OS: `:8080` (all interfaces), `0.0.0.0:8080`, `10.0.0.1:0`. */
  listen(network: 'tcp', address: string): Promise<Listener>;
  listen(network: 'udp', address: string): Promise<PacketConn>;
  /**
   * `address` is `host:port`; the host may be a name, resolved by the network from this host's
   * point of view. `udp` returns a connected datagram conn (`datagram: true`).
   */
  dial(network: 'tcp' | 'udp', address: string): Promise<Conn>;
}

/** Time as the runtime sees it. Every timeout, retry backoff and keepalive goes through it. */
export interface Clock {
  /** Milliseconds since an arbitrary epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. When `signal` aborts first the promise resolves at once and the
   * timer is dropped, so abandoned timeouts do not keep a virtual clock busy.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A source of randomness (a seeded generator in the simulator). */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
}

/** Structured events for observers (the simulator turns them into hop traces). */
export type TraceEvent =
  | { type: 'service.listen'; host: string; service: string; listener: string; handler: string; addr: string }
  | { type: 'service.error'; host: string; service: string; error: string; retryInMs?: number }
  | { type: 'service.accept'; host: string; service: string; remote: string; local: string }
  | {
      type: 'handler';
      host: string;
      service: string;
      handler: string;
      action: string;
      network?: string;
      target?: string;
      client?: string;
    }
  | {
      type: 'route';
      host: string;
      service?: string;
      chain?: string;
      hop?: string;
      node: string;
      addr: string;
      step: 'dial' | 'handshake' | 'connect' | 'bind';
      ok: boolean;
      error?: string;
    }
  | {
      type: 'direct';
      host: string;
      service?: string;
      network: string;
      target: string;
      ok: boolean;
      error?: string;
    }
  | {
      type: 'bind';
      host: string;
      service: string;
      addr: string;
      network: string;
      ok: boolean;
      error?: string;
    }
  | { type: 'bytes'; host: string; service: string; sent: number; received: number }
  | { type: 'error'; host: string; service?: string; node?: string; kind: string; message: string };

export interface TraceSink {
  emit(event: TraceEvent): void;
}
