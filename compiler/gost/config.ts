/**
 * The gost v3 configuration as gost reads it (x/config/config.go): field names and casing are
 * gost's own. This is the contract between the compiler, the emitter and the runtime.
 */

export type Metadata = Record<string, unknown>;

export interface AuthConfig {
  username: string;
  password?: string;
}

export interface TLSOptions {
  minVersion?: string;
  maxVersion?: string;
  cipherSuites?: string[];
  alpn?: string[];
}

export interface TLSConfig {
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  secure?: boolean;
  serverName?: string;
  options?: TLSOptions;
  validity?: string | number;
  commonName?: string;
  organization?: string;
}

export interface SelectorConfig {
  strategy?: string;
  maxFails?: number;
  failTimeout?: string | number;
}

export interface ChainGroupConfig {
  chains?: string[];
  selector?: SelectorConfig;
}

export interface HandlerConfig {
  type: string;
  retries?: number;
  chain?: string;
  chainGroup?: ChainGroupConfig;
  auther?: string;
  authers?: string[];
  auth?: AuthConfig;
  tls?: TLSConfig;
  limiter?: string;
  observer?: string;
  metadata?: Metadata;
}

export interface ListenerConfig {
  type: string;
  chain?: string;
  chainGroup?: ChainGroupConfig;
  auther?: string;
  authers?: string[];
  auth?: AuthConfig;
  tls?: TLSConfig;
  metadata?: Metadata;
}

export interface ForwardNodeConfig {
  name?: string;
  addr?: string;
  network?: string;
  host?: string;
  protocol?: string;
  path?: string;
  bypass?: string;
  bypasses?: string[];
  auth?: AuthConfig;
  metadata?: Metadata;
  [other: string]: unknown;
}

export interface ForwarderConfig {
  name?: string;
  hop?: string;
  selector?: SelectorConfig;
  nodes?: ForwardNodeConfig[];
}

export interface ServiceConfig {
  name: string;
  addr?: string;
  interface?: string;
  admission?: string;
  admissions?: string[];
  bypass?: string;
  bypasses?: string[];
  resolver?: string;
  hosts?: string;
  limiter?: string;
  climiter?: string;
  rlimiter?: string;
  logger?: string;
  loggers?: string[];
  observer?: string;
  recorders?: unknown[];
  handler?: HandlerConfig;
  listener?: ListenerConfig;
  forwarder?: ForwarderConfig;
  metadata?: Metadata;
  [other: string]: unknown;
}

export interface ConnectorConfig {
  type: string;
  auth?: AuthConfig;
  tls?: TLSConfig;
  metadata?: Metadata;
}

export interface DialerConfig {
  type: string;
  auth?: AuthConfig;
  tls?: TLSConfig;
  metadata?: Metadata;
}

export interface NodeConfig {
  name: string;
  addr?: string;
  network?: string;
  connector?: ConnectorConfig;
  dialer?: DialerConfig;
  bypass?: string;
  bypasses?: string[];
  resolver?: string;
  hosts?: string;
  interface?: string;
  netns?: string;
  metadata?: Metadata;
  [other: string]: unknown;
}

export interface HopConfig {
  name: string;
  selector?: SelectorConfig;
  bypass?: string;
  bypasses?: string[];
  resolver?: string;
  hosts?: string;
  nodes?: NodeConfig[];
  metadata?: Metadata;
  [other: string]: unknown;
}

export interface ChainConfig {
  name: string;
  hops?: HopConfig[];
  metadata?: Metadata;
}

export interface NamedObject {
  name: string;
  [other: string]: unknown;
}

export interface GostConfig {
  services?: ServiceConfig[];
  chains?: ChainConfig[];
  hops?: HopConfig[];
  authers?: NamedObject[];
  admissions?: NamedObject[];
  bypasses?: NamedObject[];
  resolvers?: NamedObject[];
  hosts?: NamedObject[];
  ingresses?: NamedObject[];
  routers?: NamedObject[];
  sds?: NamedObject[];
  recorders?: NamedObject[];
  limiters?: NamedObject[];
  climiters?: NamedObject[];
  rlimiters?: NamedObject[];
  observers?: NamedObject[];
  loggers?: NamedObject[];
  tls?: TLSConfig;
  log?: Record<string, unknown>;
  profiling?: { addr: string };
  api?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  [other: string]: unknown;
}
