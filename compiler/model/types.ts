/**
 * The cross-host model: every service, chain, hop, node and forward target of every host, with
 * each address resolved to what answers it from the host that really dials it (GOST-SEMANTICS
 * §2.5). Rules, graph export, the TUI and flow planning read this.
 */
import type { buildGraph } from './graph.js';
import type { Span } from '../diagnostics.js';
import type {
  ChainConfig,
  ConnectorConfig,
  DialerConfig,
  ForwardNodeConfig,
  HopConfig,
  NodeConfig,
  ServiceConfig,
} from '../gost/config.js';
import type { ConfigPath } from '../gost/span-index.js';
import type { AppPlan, GostProcess, HostPlan, NetworkPlan, TopologyPlan } from '../lower/plan.js';

export type Family = 'tcp' | 'udp';

/** A parsed `host:port` listen or dial address. */
export interface Endpoint {
  /** Host part as written (may be empty, a name or an IP). */
  host: string;
  port?: number;
  raw: string;
}

export type Resolution =
  /** A service of the topology answers the address. */
  | { kind: 'service'; host: string; service: ServiceModel }
  /** A port opened by an rtcp/rudp bind answers it. */
  | { kind: 'bind'; host: string; bind: BindModel }
  /** An application answers it. */
  | { kind: 'app'; host: string; app: AppPlan }
  /** The host is reachable but nothing listens on that port. */
  | { kind: 'no-listener'; host: string }
  /** The host exists but cannot be reached from the dialling host. */
  | { kind: 'unreachable'; host: string; reason: string }
  /** The address is not in the topology. */
  | { kind: 'external' }
  /** The address cannot be dialled at all (no port, port 0, port range, ...). */
  | { kind: 'invalid'; reason: string };

/** Something that dials an address from a host: a chain node or a forward target. */
export interface Dial {
  endpoint: Endpoint;
  family: Family;
  /** Hosts the address is dialled from (several when the previous hop has several servers). */
  from: string[];
  /** What answers, per dialling host, in the order of `from`. */
  resolutions: Resolution[];
}

export interface ServiceModel {
  id: string;
  host: string;
  process: GostProcess;
  index: number;
  name: string;
  config: ServiceConfig;
  path: ConfigPath;
  handler: string;
  listener: string;
  listen: Endpoint;
  /** The socket family the listener binds; `other` binds no TCP/UDP port (unix, tun, ...). */
  family: Family | 'other';
  /** rtcp/rudp with a listener chain: the port opens on the chain's last server, not here. */
  remote: boolean;
  handlerChain?: ChainRef;
  listenerChain?: ChainRef;
  targets: TargetModel[];
  /** The port this service opens elsewhere (rtcp/rudp through a chain). */
  bind?: BindModel;
}

export interface ChainRef {
  name: string;
  path: ConfigPath;
  /** Undefined when the name does not resolve (gost then dials direct). */
  chain?: ChainModel;
}

export interface ChainModel {
  id: string;
  host: string;
  process: GostProcess;
  name: string;
  config: ChainConfig;
  path: ConfigPath;
  hops: HopModel[];
}

export interface HopModel {
  id: string;
  chain: ChainModel;
  index: number;
  name: string;
  config: HopConfig;
  path: ConfigPath;
  /** Set when the chain entry refers to a top-level hop by name. */
  reference?: { name: string; resolved: boolean; path: ConfigPath };
  nodes: NodeModel[];
}

export interface NodeModel {
  id: string;
  hop: HopModel;
  index: number;
  name: string;
  config: NodeConfig;
  path: ConfigPath;
  connector: string;
  dialer: string;
  connectorConfig?: ConnectorConfig;
  dialerConfig?: DialerConfig;
  dial: Dial;
}

export interface TargetModel {
  id: string;
  service: ServiceModel;
  index: number;
  name: string;
  config: ForwardNodeConfig;
  path: ConfigPath;
  dial: Dial;
}

export interface BindModel {
  id: string;
  service: ServiceModel;
  /** The host where the port opens (the server of the listener chain's last node). */
  host: string;
  /** The node whose server opens the port. */
  node: NodeModel;
  server?: ServiceModel;
  ip: string;
  port: number;
  family: Family;
}

export interface Model {
  plan: TopologyPlan;
  networks: Map<string, NetworkPlan>;
  hosts: Map<string, HostPlan>;
  services: ServiceModel[];
  chains: ChainModel[];
  nodes: NodeModel[];
  targets: TargetModel[];
  binds: BindModel[];
  apps: AppPlan[];
  /** The model as a graphology graph; built on first access. */
  readonly graph: ReturnType<typeof buildGraph>;
  /** The span of a config value of a process, falling back to the nearest written ancestor. */
  spanOf(process: GostProcess, path: ConfigPath): Span;
  /** What answers `endpoint` when `from` dials it (GOST-SEMANTICS §2.5 viewpoints), binds included. */
  resolve(from: string, endpoint: Endpoint, family: Family): Resolution;
}
