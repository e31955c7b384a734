/**
 * Generated from schemas/topology.schema.json by scripts/gen-types.ts. Do not edit: change the schema,
 * then run `npm run gen:types`.
 */
import type { GostConfig } from '../gost/config.generated.js';

/**
 * A whole gost deployment in one file: networks, hosts, what gost runs on each, the apps flows
 * should reach, and the flows that must or must not work. Every string may use ${VAR} and
 * ${VAR:-default}.
 */
export interface Topology {
  /** Name of the deployment. */
  name: string;
  /** Free text. */
  description?: string;
  /** The networks hosts sit on, by name. */
  networks?: Record<string, Network>;
  /** Every machine of the deployment, by name. */
  hosts: Record<string, Host>;
  /** Flows `topo sim` drives and checks. */
  expect?: Expectation[];
  /** Timed events for `topo sim`: host down/up, link cut/restore. */
  faults?: Fault[];
}

/** Name of a network, host or app: a letter or digit, then letters, digits, `.`, `_` or `-`. */
export type Name = string;
/** Name of a host of this topology. */
export type HostName = Name;
/** Name of a network of this topology. */
export type NetworkName = Name;
/** An IPv4 or IPv6 address (or a `${VAR}` reference). */
export type IPAddress = string;
/**
 * A span of simulated time: one or more number-unit pairs with units `ms`, `s`, `m`, `h` (`500ms`,
 * `10s`, `1m30s`), or `0`.
 */
export type SimDuration = string;

/**
 * A network hosts sit on. Without `nat` or `isolated` it is public: every host on it reaches every
 * other. With `nat` it is private behind NAT; with `isolated` it has no way out at all.
 */
export interface Network {
  /** Makes the network private: its hosts reach the named network through NAT (outbound only). */
  nat?: NetworkName;
  /**
   * Makes the network private with no way out: its hosts reach only hosts on this network (an
   * air-gapped LAN). Cannot be combined with `nat`.
   */
  isolated?: boolean;
  /** Free text. */
  description?: string;
}

/**
 * The arguments after `gost` on this host, in gost's own -L/-F/-C syntax: a string split like a
 * POSIX shell would, or a list taken as argv. `--` separates process groups.
 */
export type GostArguments = string | string[];
/**
 * What the app does: `echo` returns what it reads (udp: each datagram), `banner` is a server-first
 * app that sends a banner before reading (SSH, SMTP, MySQL, VNC), `http` answers one HTTP/1.1
 * request with `200 OK`.
 */
export type AppKind = 'echo' | 'banner' | 'http';
/** Who sends first on a connection: the `client` (default) or the server (`first`). */
export type Speaker = 'client' | 'first';

/** An application listening on the host: the place flows are meant to arrive. */
export interface App {
  /**
   * Where the app listens: `tcp/PORT`, `udp/PORT`, `tcp/IP:PORT` or `udp/IP:PORT`; without an IP it
   * listens on every address of the host.
   */
  listen: string;
  /** What the app does (default `echo`). */
  kind?: AppKind;
  /** Who sends first: `client` (default) or `first`; `first` is implied by `kind: banner`. */
  speaks?: Speaker;
  /** The banner a server-first app sends (default `SSH-2.0-topo\r\n`). */
  banner?: string;
}

/**
 * A machine of the deployment: its addresses, its DNS names, what gost runs on it and which apps
 * listen on it.
 */
export interface Host {
  /** The host's address on each network it is on. */
  addresses: Record<string, IPAddress>;
  /** DNS names that resolve to this host, for every host of the topology. */
  names?: string[];
  /** The gost command line of this host (string or argv list). */
  gost?: GostArguments;
  /**
   * A native gost v3 config (services, chains, hops, authers, ...) exactly as in gost's YAML.
   * Unknown keys are reported.
   */
  config?: GostConfig;
  /** Applications listening on this host, by name. */
  apps?: Record<string, App>;
  /** Free text. */
  description?: string;
}

/** How a flow fails. */
export type FailureKind =
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'handshake_failed'
  | 'auth_failed'
  | 'bind_disabled'
  | 'bind_unsupported'
  | 'port_in_use'
  | 'udp_unsupported'
  | 'stalled'
  | 'truncated'
  | 'loop';
/**
 * A status a protocol reported: `relay_status_N`, `socks5_status_N`, `socks4_status_N` or
 * `http_NNN`.
 */
export type StatusDisposition = string;
/**
 * How a flow must fail: a failure kind, or a status a protocol reported (`relay_status_5`,
 * `http_403`).
 */
export type Disposition = FailureKind | StatusDisposition;

/** What the client sends. */
export interface Payload {
  /** Bytes in each message (default 64). */
  size?: number;
  /** Number of messages (default 1); for udp each is one datagram. */
  count?: number;
}

/** A flow `topo sim` drives and checks: it must arrive at an app, or fail in a given way. */
export interface Expectation {
  /** Unique name of the flow. */
  name: string;
  /** The host the client runs on. */
  from: HostName;
  /** The destination the client dials, or asks the proxy for: `tcp HOST:PORT` or `udp HOST:PORT`. */
  connect: string;
  /**
   * A proxy the client speaks to first: `http://`, `socks5://`, `socks5h://` or `socks4://`, with
   * optional `user:pass@`, then `HOST:PORT`.
   */
  proxy?: string;
  /** What the client sends (default one message of 64 bytes). */
  payload?: Payload;
  /** When the flow starts, in simulated time (default 0). */
  at?: SimDuration;
  /** The app the flow must reach, `HOST/APP`, with its data intact and the reply back. */
  arrives?: string;
  /** Hosts the flow must pass, in order. */
  via?: HostName[];
  /** How the flow must fail. */
  fails?: Disposition;
}

/** Two hosts: the link between them. */
export type HostPair = [HostName, HostName];

/** A timed event for `topo sim`: `at` and exactly one of `down`, `up`, `cut`, `restore`. */
export interface Fault {
  /** When the fault happens, in simulated time. */
  at: SimDuration;
  /** The host goes down: its connections break and it stops answering. */
  down?: HostName;
  /** The host comes back up. */
  up?: HostName;
  /** The link between two hosts is cut. */
  cut?: HostPair;
  /** The link between two hosts is restored. */
  restore?: HostPair;
}
