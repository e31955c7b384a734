/**
 * The topology after loading and lowering: every host's gost processes as GostConfigs with
 * spans, apps, networks and expectations, in a form the model and the simulator read.
 */
import type { Span } from '../diagnostics.js';
import type { GostConfig } from '../gost/config.js';
import type { SpanIndex } from '../gost/span-index.js';
import type { SourceFile } from '../source.js';

export interface NetworkPlan {
  name: string;
  /** The network this one reaches through NAT; undefined for a public network. */
  nat?: string;
  /** A private network with no way out: its hosts reach only each other. */
  isolated?: boolean;
  span: Span;
}

export interface AddressPlan {
  network: string;
  ip: string;
  span: Span;
}

export interface GostProcess {
  host: string;
  /** Whether it came from the host's `gost:` command line or its native `config:`. */
  origin: 'cli' | 'config';
  /** Position among the host's processes, also its id in names (`p0`, `p1`, ...). */
  index: number;
  /** How many gost processes the host runs (messages name the process only when there are several). */
  ofHost: number;
  config: GostConfig;
  spans: SpanIndex;
}

export type AppKind = 'echo' | 'banner' | 'http';

export interface AppPlan {
  host: string;
  name: string;
  protocol: 'tcp' | 'udp';
  /** The address it listens on; undefined for every address of the host. */
  ip?: string;
  port: number;
  kind: AppKind;
  speaksFirst: boolean;
  banner: string;
  span: Span;
}

export interface HostPlan {
  name: string;
  addresses: AddressPlan[];
  names: string[];
  apps: AppPlan[];
  processes: GostProcess[];
  span: Span;
}

export interface ProxyPlan {
  scheme: 'http' | 'socks5' | 'socks5h' | 'socks4' | 'socks4a';
  host: string;
  port: number;
  username?: string;
  password?: string;
}

export interface ExpectationPlan {
  name: string;
  from: string;
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
  proxy?: ProxyPlan;
  payloadSize: number;
  payloadCount: number;
  atMs: number;
  arrives?: { host: string; app: string };
  via: string[];
  fails?: string;
  span: Span;
}

export type FaultPlan =
  | { atMs: number; kind: 'down' | 'up'; host: string; span: Span }
  | { atMs: number; kind: 'cut' | 'restore'; hosts: [string, string]; span: Span };

export interface TopologyPlan {
  name: string;
  source: SourceFile;
  networks: NetworkPlan[];
  hosts: HostPlan[];
  expectations: ExpectationPlan[];
  faults: FaultPlan[];
  /** Values substituted from the environment: written to files, never printed. */
  secrets: Set<string>;
}
