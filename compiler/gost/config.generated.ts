/**
 * Generated from schemas/gost-config.schema.json by scripts/gen-types.ts. Do not edit: change the schema,
 * then run `npm run gen:types`.
 */
/**
 * A gost v3 configuration file (YAML or JSON), as gost's Go structs read it (go-gost/x
 * config/config.go). Unknown keys are errors here although gost silently ignores them: a misspelt
 * or misplaced key is the most common reason a config "does nothing". Gost matches keys
 * case-insensitively; write them in the casing shown. Component `type` values are checked against
 * gost's registry by topo's rules, not by this schema.
 */
export interface GostConfig {
  /** Services this gost process runs. */
  services?: ServiceConfig[];
  /** Forwarding chains, referenced by name from handlers and listeners. */
  chains?: ChainConfig[];
  /** Hops defined once and referenced by name from chains or forwarders. */
  hops?: HopConfig[];
  /** Authenticators. */
  authers?: AutherConfig[];
  /** Admission controllers. */
  admissions?: AdmissionConfig[];
  /** Bypasses. */
  bypasses?: BypassConfig[];
  /** DNS resolvers. */
  resolvers?: ResolverConfig[];
  /** Static host tables. */
  hosts?: HostsConfig[];
  /**
   * Ingresses for tunnels. Only rules belong here: a service block indented under `ingresses` is
   * silently ignored by gost.
   */
  ingresses?: IngressConfig[];
  /** Routing tables. */
  routers?: RouterConfig[];
  /** Service discovery backends. */
  sds?: SDConfig[];
  /** Recorders. */
  recorders?: RecorderConfig[];
  /** Bandwidth limiters. */
  limiters?: LimiterConfig[];
  /** Concurrent-connection limiters. */
  climiters?: LimiterConfig[];
  /** Request-rate limiters. */
  rlimiters?: LimiterConfig[];
  /** Observers. */
  observers?: ObserverConfig[];
  /** Named loggers. */
  loggers?: LoggerConfig[];
  /** Default server certificate for every TLS listener without its own. */
  tls?: TLSConfig;
  /** Global logging. */
  log?: LogConfig;
  /** Go pprof endpoint. */
  profiling?: ProfilingConfig;
  /** Web API. */
  api?: APIConfig;
  /** Prometheus metrics. */
  metrics?: MetricsConfig;
}

/**
 * A duration. A string is parsed with Go's time.ParseDuration (`500ms`, `30s`, `1m30s`; a bare
 * number such as `30` is rejected by gost). An integer is handed to Go's time.Duration unchanged
 * and therefore counts NANOSECONDS: `failTimeout: 30` means 30ns, not 30s. (Inside metadata maps
 * gost reads integers as seconds instead.)
 */
export type Duration = string | number;
/**
 * Free-form options for the component (gost calls them metadata). Keys are case-insensitive in
 * gost; values may be strings, numbers or booleans (strings such as "true" or "10s" are converted
 * by the component). Durations given as integers here count seconds.
 */
export type Metadata = Record<string, unknown>;
/** A map of string keys to string values, such as HTTP header names to values. */
export type StringMap = Record<string, string>;

/** Credentials: a username and password, or (gost 3.3+) a file holding them. */
export interface AuthConfig {
  /** User name. */
  username?: string;
  /** Password for the user. */
  password?: string;
  /** Path of a file holding the credentials instead of writing them here (gost 3.3+). */
  file?: string;
}

/** Fine-tuning of the TLS handshake. */
export interface TLSOptions {
  /** Lowest TLS version accepted, e.g. `VersionTLS12`. */
  minVersion?: string;
  /** Highest TLS version offered, e.g. `VersionTLS13`. */
  maxVersion?: string;
  /** Cipher suites allowed, by Go name (e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`). */
  cipherSuites?: string[];
  /** ALPN protocol names offered or accepted, e.g. `h2`, `http/1.1`. */
  alpn?: string[];
}

/**
 * TLS settings. On a listener or the top-level `tls` block it describes the server side
 * (certificate, key, client CA); on a dialer or connector it describes the client side
 * (verification, server name). Without a certificate gost uses a self-signed one generated at
 * startup.
 */
export interface TLSConfig {
  /**
   * PEM certificate file. Server side: the certificate presented. Client side: a client certificate
   * for mutual TLS.
   */
  certFile?: string;
  /** PEM private key file matching `certFile`. */
  keyFile?: string;
  /**
   * PEM CA bundle. Server side: clients must present a certificate signed by it (mutual TLS). Client
   * side: the roots used to verify the server.
   */
  caFile?: string;
  /**
   * Client side: verify the server certificate and its name. Off by default, so any certificate is
   * accepted.
   */
  secure?: boolean;
  /**
   * Client side: the name sent as SNI and checked against the server certificate when `secure` is
   * on.
   */
  serverName?: string;
  /** Versions, cipher suites and ALPN. */
  options?: TLSOptions;
  /** Lifetime of the self-signed certificate gost generates when no certificate is given. */
  validity?: Duration;
  /** Common name of the generated self-signed certificate. */
  commonName?: string;
  /** Organization of the generated self-signed certificate. */
  organization?: string;
  /**
   * Server side (gost 3.3+): refuse handshakes whose SNI is missing or not listed in `serverNames`,
   * before any certificate is sent.
   */
  rejectUnknownSNI?: boolean;
  /** Server side (gost 3.3+): the SNI names accepted when `rejectUnknownSNI` is on. */
  serverNames?: string[];
}

/**
 * TLS towards a forwarding target or node, used when gost itself opens TLS to it (e.g. a reverse
 * proxy to an HTTPS backend).
 */
export interface TLSNodeConfig {
  /** Name sent as SNI and verified when `secure` is on. */
  serverName?: string;
  /** Verify the target certificate. */
  secure?: boolean;
  /** Versions, cipher suites and ALPN. */
  options?: TLSOptions;
}

/** How one node (or chain) is picked from a group, and when a failing one is set aside. */
export interface SelectorConfig {
  /**
   * Selection strategy: `round`/`rr` (default, round robin), `rand`/`random` (weighted by node
   * metadata `weight`), `fifo`/`ha` (first healthy node in order: failover), `hash` (by client IP
   * or, with handler metadata `hash: host`, by target), and since gost 3.3 `parallel` and
   * `lowestlatency`/`lowest`/`ll`. Unknown values fall back to `round`.
   */
  strategy?: string;
  /** Failed attempts after which a node is marked dead (default 1; zero or less means 1). */
  maxFails?: number;
  /**
   * How long a dead node stays out of selection (default 10s in YAML; the command line fills in
   * 30s).
   */
  failTimeout?: Duration;
  /** Gost 3.3+: skip nodes whose probed latency exceeds this. Nodes without probe results are kept. */
  maxLatency?: Duration;
}

/** Socket options. */
export interface SockOptsConfig {
  /** Linux SO_MARK value set on outgoing sockets (for policy routing). */
  mark?: number;
}

/** Several chains with a selector that picks one per connection. */
export interface ChainGroupConfig {
  /** Names of top-level chains in the group. Unknown names are skipped with a warning. */
  chains?: string[];
  /** How a chain is picked from the group. */
  selector?: SelectorConfig;
}

/** An external plugin that implements the component over gRPC or HTTP. */
export interface PluginConfig {
  /** Plugin protocol: `grpc` (default) or `http`. */
  type?: string;
  /** Address of the plugin server (host:port for gRPC, a URL for HTTP). */
  addr?: string;
  /** TLS towards the plugin server; without it the connection is plain. */
  tls?: TLSConfig;
  /** Timeout of each plugin request. */
  timeout?: Duration;
  /** Token sent to the plugin for authentication. */
  token?: string;
}

/** Load the entries from a local file. */
export interface FileLoader {
  /** Path of the file. */
  path?: string;
}

/** Load the entries from Redis. */
export interface RedisLoader {
  /** Redis server address (host:port). */
  addr?: string;
  /** Redis database number. */
  db?: number;
  /** Redis user name. */
  username?: string;
  /** Redis password. */
  password?: string;
  /** Redis key holding the entries. */
  key?: string;
  /** Redis data type of the key: `set` (default), `list` or `hash`, depending on the component. */
  type?: string;
}

/** Load the entries from an HTTP URL. */
export interface HTTPLoader {
  /** URL fetched with GET. */
  url?: string;
  /** Timeout of the request. */
  timeout?: Duration;
}

/** Deprecated (use `matcher`): route a request to this node only when it matches. */
export interface NodeFilterConfig {
  /** Host name the request must carry. */
  host?: string;
  /** Sniffed protocol the request must use, e.g. `http`, `tls`. */
  protocol?: string;
  /** URL path prefix of an HTTP request. */
  path?: string;
}

/** Route a request to this node only when the rule matches. */
export interface NodeMatcherConfig {
  /** Matching rule expression, e.g. `Host(`example.com`) && PathPrefix(`/api`)`. */
  rule?: string;
  /** Rules with a higher priority are tried first. */
  priority?: number;
}

/** Rewrite of the request URL path. */
export interface HTTPURLRewriteConfig {
  /** Regular expression matched against the path. */
  match?: string;
  /** Replacement; may use the groups of `match`. */
  replacement?: string;
}

/** Rewrite of the response body. */
export interface HTTPBodyRewriteConfig {
  /** MIME type the response must have for the rewrite to apply (`text/html` when empty). */
  type?: string;
  /** Regular expression matched against the body. */
  match?: string;
  /** Replacement; may use the groups of `match`. */
  replacement?: string;
}

/** HTTP-level settings applied when gost forwards HTTP to this node (reverse proxy). */
export interface HTTPNodeConfig {
  /** Rewrite the Host header to this value. */
  host?: string;
  /** Deprecated (use `requestHeader`): headers added to the request. */
  header?: StringMap;
  /** Headers added to each request. */
  requestHeader?: StringMap;
  /** Headers added to each response. */
  responseHeader?: StringMap;
  /** Deprecated (use `rewriteURL`): URL path rewrites. */
  rewrite?: HTTPURLRewriteConfig[];
  /** URL path rewrites, applied in order. */
  rewriteURL?: HTTPURLRewriteConfig[];
  /** Response body rewrites, applied in order. */
  rewriteBody?: HTTPBodyRewriteConfig[];
  /** HTTP basic authentication sent to the node. */
  auth?: AuthConfig;
}

/**
 * Gost 3.3+: active health check of the node. Failed probes mark the node dead; probe latency
 * feeds the `lowestlatency` strategy and `maxLatency`.
 */
export interface ProbeConfig {
  /**
   * Probe kind: `tcp` (default: dial and handshake through the node), `http` (GET through the node)
   * or `cmd` (run a local command).
   */
  type?: string;
  /** Address reached THROUGH the node for tcp and http probes. */
  addr?: string;
  /** Time between probes (default 30s). */
  interval?: Duration;
  /** Timeout of one probe (default 10s). */
  timeout?: Duration;
  /** Path requested by http probes (default `/`). */
  httpPath?: string;
  /** Host header of http probes (default: `addr`). */
  httpHost?: string;
  /** Extra headers of http probes. */
  httpHeaders?: StringMap;
  /** Status code an http probe must get (default 200). */
  expectedStatus?: number;
  /** Shell command of cmd probes; exit status 0 means healthy. */
  command?: string;
}

/**
 * The protocol a chain node speaks to the next hop (http, socks5, relay, ss, forward, ...).
 * Transport options such as `ws`, paths or TLS layers belong to the dialer, not here.
 */
export interface ConnectorConfig {
  /**
   * Connector type, e.g. `http`, `socks5`, `relay`, `forward`. Gost uses `http` when it is empty or
   * the block is missing.
   */
  type?: string;
  /** Credentials the connector presents to the server. */
  auth?: AuthConfig;
  /**
   * TLS used by connectors that negotiate it inside their protocol (e.g. socks5 TLS methods). This
   * is not the transport: use a tls/wss dialer for that.
   */
  tls?: TLSConfig;
  /** Connector options, e.g. `nodelay` for relay, `udp` for socks5. */
  metadata?: Metadata;
}

/** The transport a chain node uses to reach the next hop (tcp, tls, ws, wss, kcp, quic, ssh, ...). */
export interface DialerConfig {
  /**
   * Dialer type, e.g. `tcp`, `tls`, `ws`, `wss`, `kcp`. Gost uses `tcp` when it is empty or the
   * block is missing.
   */
  type?: string;
  /** Credentials of transports that authenticate (e.g. `ssh`, `sshd`). */
  auth?: AuthConfig;
  /** Client TLS of TLS-based transports: `secure`, `serverName`, `caFile`, client certificate. */
  tls?: TLSConfig;
  /** Transport options, e.g. `path` and `host` for ws/wss, `keepalive`. */
  metadata?: Metadata;
}

/**
 * One node of a hop: where to connect and how (dialer for the transport, connector for the
 * protocol).
 */
export interface NodeConfig {
  /** Node name, unique within its hop. */
  name: string;
  /** Address of the node, `host:port`. */
  addr?: string;
  /** Network of the address for nodes used as targets, e.g. `tcp`, `udp`. */
  network?: string;
  /** Name of a bypass: destinations it matches skip this node. */
  bypass?: string;
  /** Names of several bypasses. */
  bypasses?: string[];
  /** Name of a resolver used to resolve `addr`. */
  resolver?: string;
  /** Name of a hosts mapping used to resolve `addr`. */
  hosts?: string;
  /** Protocol spoken to the node. */
  connector?: ConnectorConfig;
  /** Transport used to reach the node. */
  dialer?: DialerConfig;
  /** Network interface name or local IP address used for the outgoing connection. */
  interface?: string;
  /** Linux network namespace the connection is made from. */
  netns?: string;
  /** Socket options of the outgoing connection. */
  sockopts?: SockOptsConfig;
  /** Deprecated (use `matcher`): request filter. */
  filter?: NodeFilterConfig;
  /** Request matcher selecting this node. */
  matcher?: NodeMatcherConfig;
  /** HTTP rewriting when requests are forwarded to this node. */
  http?: HTTPNodeConfig;
  /** TLS towards the node when gost forwards to it as a target. */
  tls?: TLSNodeConfig;
  /** Gost 3.3+: active health check. */
  probe?: ProbeConfig;
  /** Node options, e.g. per-node `maxFails`/`failTimeout`. */
  metadata?: Metadata;
}

/**
 * One level of a chain: a group of nodes and a selector. Inside a chain, an entry with only `name`
 * (no `nodes` key and no plugin) refers to the top-level hop of that name; `nodes: []` is an
 * inline hop with no node.
 */
export interface HopConfig {
  /** Hop name. In a chain entry without `nodes`, the name of the top-level hop it refers to. */
  name: string;
  /** Network interface name or local IP address for the hop's nodes. */
  interface?: string;
  /** Socket options for the hop's nodes. */
  sockopts?: SockOptsConfig;
  /** How a node of this hop is picked. */
  selector?: SelectorConfig;
  /** Name of a bypass: destinations it matches end the route before this hop. */
  bypass?: string;
  /** Names of several bypasses. */
  bypasses?: string[];
  /** Name of a resolver for the nodes' addresses. */
  resolver?: string;
  /** Name of a hosts mapping for the nodes' addresses. */
  hosts?: string;
  /** The nodes of the hop. */
  nodes?: NodeConfig[];
  /** Reload the nodes from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read nodes from a file. */
  file?: FileLoader;
  /** Read nodes from Redis. */
  redis?: RedisLoader;
  /** Fetch nodes over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
  /** Hop options. */
  metadata?: Metadata;
}

/** A forwarding chain: hops traversed in order, one node picked per hop. */
export interface ChainConfig {
  /** Chain name, referenced by `handler.chain` and `listener.chain`. */
  name: string;
  /** The hops, from the first one dialled to the last. */
  hops?: HopConfig[];
  /** Chain options. */
  metadata?: Metadata;
}

/** A forwarding target of a service. */
export interface ForwardNodeConfig {
  /** Target name. */
  name?: string;
  /** Target address, `host:port`. */
  addr?: string;
  /** Network used to reach the target, e.g. `tcp`, `udp`. */
  network?: string;
  /** Name of a bypass: requests it matches skip this target. */
  bypass?: string;
  /** Names of several bypasses. */
  bypasses?: string[];
  /** Deprecated (use `matcher`): sniffed protocol this target serves. */
  protocol?: string;
  /** Deprecated (use `matcher`): host name this target serves. */
  host?: string;
  /** Deprecated (use `matcher`): URL path prefix this target serves. */
  path?: string;
  /** Deprecated (use `matcher`): request filter. */
  filter?: NodeFilterConfig;
  /** Request matcher selecting this target. */
  matcher?: NodeMatcherConfig;
  /** Deprecated (use `http.auth`): basic authentication sent to the target. */
  auth?: AuthConfig;
  /** HTTP rewriting towards the target. */
  http?: HTTPNodeConfig;
  /** TLS towards the target. */
  tls?: TLSNodeConfig;
  /** Gost 3.3+: active health check. */
  probe?: ProbeConfig;
  /** Target options. */
  metadata?: Metadata;
}

/** The targets of a port-forwarding service, or a reference to a hop holding them. */
export interface ForwarderConfig {
  /** Deprecated (use `hop`): name of a top-level hop holding the targets. */
  name?: string;
  /** Name of a top-level hop whose nodes are the targets. */
  hop?: string;
  /** How a target is picked. */
  selector?: SelectorConfig;
  /** The targets. */
  nodes?: ForwardNodeConfig[];
}

/** The protocol the service speaks to its clients (http, socks5, relay, tcp, rtcp, forward, ...). */
export interface HandlerConfig {
  /**
   * Handler type, e.g. `http`, `socks5`, `relay`, `tcp`, `udp`, `rtcp`, `forward`. Required in a
   * `handler` block (gost fails with "unregistered handler" without it); a service with no `handler`
   * block gets `auto` (http, socks4 and socks5 on one port).
   */
  type: string;
  /** Extra attempts to establish the outgoing connection when one fails. */
  retries?: number;
  /** Name of the chain the handler sends its traffic through. */
  chain?: string;
  /** Several chains, one picked per connection, instead of `chain`. */
  chainGroup?: ChainGroupConfig;
  /** Name of an auther checking client credentials. */
  auther?: string;
  /** Names of several authers; a client passing any of them is accepted. */
  authers?: string[];
  /** Single set of credentials clients must present (ignored when an auther is set). */
  auth?: AuthConfig;
  /** TLS used by handlers that negotiate it inside their protocol. */
  tls?: TLSConfig;
  /** Name of a traffic limiter. */
  limiter?: string;
  /** Name of an observer receiving statistics. */
  observer?: string;
  /** Handler options, e.g. `bind` and `udp` for relay and socks5, `nodelay`. */
  metadata?: Metadata;
}

/** The transport the service accepts connections on (tcp, udp, tls, ws, wss, kcp, quic, rtcp, ...). */
export interface ListenerConfig {
  /**
   * Listener type, e.g. `tcp`, `udp`, `tls`, `ws`, `wss`, `rtcp`, `rudp`. Required in a `listener`
   * block (gost fails with "unregistered listener" without it); a service with no `listener` block
   * gets `tcp`.
   */
  type: string;
  /** Name of the chain the listener sends its traffic through. */
  chain?: string;
  /** Several chains, one picked per connection, instead of `chain`. */
  chainGroup?: ChainGroupConfig;
  /** Name of an auther checking client credentials. */
  auther?: string;
  /** Names of several authers; a client passing any of them is accepted. */
  authers?: string[];
  /** Single set of credentials clients must present (ignored when an auther is set). */
  auth?: AuthConfig;
  /** Server TLS of TLS-based listeners: certificate, key, client CA. */
  tls?: TLSConfig;
  /** Listener options, e.g. `path` for ws, `keepalive`, `ttl` for udp. */
  metadata?: Metadata;
}

/** Use of a recorder by a service. */
export interface RecorderObject {
  /** Name of a top-level recorder. */
  name: string;
  /** What is recorded, e.g. `recorder.service.handler` or `recorder.service.router.dial.address`. */
  record?: string;
  /** Recorder options for this use. */
  metadata?: Metadata;
}

/** An event in a service's status. */
export interface ServiceEvent {
  /** Unix time of the event, in seconds. */
  time?: number;
  /** What happened. */
  msg?: string;
}

/** Counters of a service. */
export interface ServiceStats {
  /** Connections accepted so far. */
  totalConns?: number;
  /** Connections open now. */
  currentConns?: number;
  /** Connections that ended with an error. */
  totalErrs?: number;
  /** Bytes received from clients. */
  inputBytes?: number;
  /** Bytes sent to clients. */
  outputBytes?: number;
}

/** Read-only state of a service as gost's web API reports it; ignored when a config is loaded. */
export interface ServiceStatus {
  /** Unix time the service was created, in seconds. */
  createTime?: number;
  /** Current state, e.g. `running`, `ready`, `failed`, `closed`. */
  state?: string;
  /** Recent events. */
  events?: ServiceEvent[];
  /** Counters. */
  stats?: ServiceStats;
}

/**
 * A service: a listener accepting connections, a handler speaking the protocol, and optionally a
 * forwarder holding fixed targets.
 */
export interface ServiceConfig {
  /** Service name, unique among services. */
  name: string;
  /**
   * Listen address, `[host]:port` (e.g. `:8080`). Port ranges such as `:8000-8003` are a
   * command-line feature only; in a config file they make the listener fail.
   */
  addr?: string;
  /** Deprecated (use metadata `interface`): interface name or local IP of outgoing connections. */
  interface?: string;
  /** Deprecated (use metadata `so_mark`): socket options of outgoing connections. */
  sockopts?: SockOptsConfig;
  /** Name of an admission controller filtering client addresses. */
  admission?: string;
  /** Names of several admission controllers. */
  admissions?: string[];
  /** Name of a bypass: destinations it matches are dialled directly, not through the chain. */
  bypass?: string;
  /** Names of several bypasses. */
  bypasses?: string[];
  /** Name of a resolver for destination names. */
  resolver?: string;
  /** Name of a hosts mapping for destination names. */
  hosts?: string;
  /** Name of a traffic (bandwidth) limiter. */
  limiter?: string;
  /** Name of a concurrent-connection limiter. */
  climiter?: string;
  /** Name of a request-rate limiter. */
  rlimiter?: string;
  /** Name of a logger. */
  logger?: string;
  /** Names of several loggers. */
  loggers?: string[];
  /** Name of an observer receiving statistics. */
  observer?: string;
  /** Recorders used by the service. */
  recorders?: RecorderObject[];
  /** Protocol spoken to clients. */
  handler?: HandlerConfig;
  /** Transport accepting clients. */
  listener?: ListenerConfig;
  /** Fixed targets for port forwarding. */
  forwarder?: ForwarderConfig;
  /** Service options, e.g. `interface`, `so_mark`, `enableStats`. */
  metadata?: Metadata;
  /** Read-only state reported by the web API; ignored on load. */
  status?: ServiceStatus;
}

/** A named authenticator: the credentials a handler or listener accepts. */
export interface AutherConfig {
  /** Auther name, referenced by `auther`/`authers`. */
  name: string;
  /** Accepted username/password pairs. */
  auths?: AuthConfig[];
  /** Reload the credentials from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read credentials from a file. */
  file?: FileLoader;
  /** Read credentials from Redis. */
  redis?: RedisLoader;
  /** Fetch credentials over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** A named admission controller: which client addresses may use a service. */
export interface AdmissionConfig {
  /** Admission name, referenced by `admission`/`admissions`. */
  name: string;
  /** Deprecated (use `whitelist`): treat the matchers as an allow list. */
  reverse?: boolean;
  /** Treat the matchers as an allow list; by default they are a deny list. */
  whitelist?: boolean;
  /** IP addresses and CIDR ranges. */
  matchers?: string[];
  /** Reload the matchers from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read matchers from a file. */
  file?: FileLoader;
  /** Read matchers from Redis. */
  redis?: RedisLoader;
  /** Fetch matchers over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** A named bypass: destinations that skip a chain, hop or node. */
export interface BypassConfig {
  /** Bypass name, referenced by `bypass`/`bypasses`. */
  name: string;
  /** Deprecated (use `whitelist`): treat the matchers as an allow list. */
  reverse?: boolean;
  /** Treat the matchers as an allow list: only matching destinations use the proxy. */
  whitelist?: boolean;
  /** IP addresses, CIDR ranges, domain names and wildcards (`*.example.com`, `.example.org`). */
  matchers?: string[];
  /** Reload the matchers from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read matchers from a file. */
  file?: FileLoader;
  /** Read matchers from Redis. */
  redis?: RedisLoader;
  /** Fetch matchers over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** One upstream DNS server of a resolver. */
export interface NameserverConfig {
  /**
   * Server address with scheme: `udp://8.8.8.8:53`, `tcp://...`, `tls://...:853`,
   * `https://.../dns-query`.
   */
  addr?: string;
  /** Name of a chain the queries go through. */
  chain?: string;
  /** Address family preferred in answers: `ipv4` (default) or `ipv6`. */
  prefer?: string;
  /** Client IP sent in the EDNS Client Subnet option. */
  clientIP?: string;
  /** Server name for TLS/HTTPS servers given by IP. */
  hostname?: string;
  /** Cache lifetime of answers; default is the TTL of the answer, a negative value disables caching. */
  ttl?: Duration;
  /** Timeout of a query. */
  timeout?: Duration;
  /** Refresh cached answers in the background. */
  async?: boolean;
  /** Ask this server only for `ipv4` or `ipv6` records. */
  only?: string;
}

/** A named DNS resolver. */
export interface ResolverConfig {
  /** Resolver name, referenced by `resolver`. */
  name: string;
  /** Upstream servers, tried in order. */
  nameservers?: NameserverConfig[];
  /** Delegate resolution to a plugin. */
  plugin?: PluginConfig;
}

/** One static host name to IP mapping. */
export interface HostMappingConfig {
  /** IP address. */
  ip?: string;
  /** Host name resolving to `ip`. */
  hostname?: string;
  /** Other names resolving to `ip`. */
  aliases?: string[];
}

/** A named static host table. */
export interface HostsConfig {
  /** Hosts name, referenced by `hosts`. */
  name: string;
  /** The mappings. */
  mappings?: HostMappingConfig[];
  /** Reload the mappings from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read mappings from a file. */
  file?: FileLoader;
  /** Read mappings from Redis. */
  redis?: RedisLoader;
  /** Fetch mappings over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** One ingress rule: requests for a host name go to a tunnel endpoint. */
export interface IngressRuleConfig {
  /** Host name (may start with `*.`). */
  hostname?: string;
  /** Tunnel id (endpoint) serving the host name. */
  endpoint?: string;
}

/** A named ingress: host name to tunnel mapping used by relay/tunnel handlers. */
export interface IngressConfig {
  /** Ingress name, referenced by handler metadata `ingress`. */
  name: string;
  /** The rules. */
  rules?: IngressRuleConfig[];
  /** Reload the rules from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read rules from a file. */
  file?: FileLoader;
  /** Read rules from Redis. */
  redis?: RedisLoader;
  /** Fetch rules over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** A named service discovery backend for tunnels. */
export interface SDConfig {
  /** SD name, referenced by handler metadata `sd`. */
  name: string;
  /** The discovery plugin. */
  plugin?: PluginConfig;
}

/** One route of a router. */
export interface RouterRouteConfig {
  /** Deprecated (use `dst`): destination network in CIDR form. */
  net?: string;
  /** Destination network in CIDR form. */
  dst?: string;
  /** Gateway address for the destination. */
  gateway?: string;
}

/** A named routing table used by tun/tap handlers. */
export interface RouterConfig {
  /** Router name, referenced by handler metadata `router`. */
  name: string;
  /** The routes. */
  routes?: RouterRouteConfig[];
  /** Reload the routes from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read routes from a file. */
  file?: FileLoader;
  /** Read routes from Redis. */
  redis?: RedisLoader;
  /** Fetch routes over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** Record to a local file. */
export interface FileRecorder {
  /** File path. */
  path?: string;
  /** Separator written between records. */
  sep?: string;
  /** Rotation of the file. */
  rotation?: LogRotationConfig;
}

/** Record to a TCP server. */
export interface TCPRecorder {
  /** Server address. */
  addr?: string;
  /** Connection timeout. */
  timeout?: Duration;
}

/** Record by HTTP POST. */
export interface HTTPRecorder {
  /** URL receiving the records. */
  url?: string;
  /** Request timeout. */
  timeout?: Duration;
  /** Headers added to each request. */
  header?: StringMap;
}

/** Record to Redis. */
export interface RedisRecorder {
  /** Redis server address. */
  addr?: string;
  /** Redis database number. */
  db?: number;
  /** Redis user name. */
  username?: string;
  /** Redis password. */
  password?: string;
  /** Redis key receiving the records. */
  key?: string;
  /** Redis data type: `set` (default), `sset` or `list`. */
  type?: string;
}

/** A named recorder: where recorded data (addresses, traffic, handler events) is written. */
export interface RecorderConfig {
  /** Recorder name, referenced by a service's `recorders`. */
  name: string;
  /** Write to a file. */
  file?: FileRecorder;
  /** Send to a TCP server. */
  tcp?: TCPRecorder;
  /** POST to an HTTP server. */
  http?: HTTPRecorder;
  /** Write to Redis. */
  redis?: RedisRecorder;
  /** Hand to a plugin. */
  plugin?: PluginConfig;
}

/**
 * A named limiter (bandwidth for `limiters`, concurrent connections for `climiters`, request rate
 * for `rlimiters`).
 */
export interface LimiterConfig {
  /** Limiter name, referenced by `limiter`, `climiter` or `rlimiter`. */
  name: string;
  /**
   * Limit lines, e.g. `$ 100MB 100MB` (whole service), `$$ 10MB` (per connection), `192.168.1.0/24
   * 50MB 50MB`.
   */
  limits?: string[];
  /** Reload the limits from the external sources at this interval (no reload when unset). */
  reload?: Duration;
  /** Read limits from a file. */
  file?: FileLoader;
  /** Read limits from Redis. */
  redis?: RedisLoader;
  /** Fetch limits over HTTP. */
  http?: HTTPLoader;
  /** Delegate to a plugin instead of a static list. */
  plugin?: PluginConfig;
}

/** A named observer receiving service statistics and events. */
export interface ObserverConfig {
  /** Observer name, referenced by `observer`. */
  name: string;
  /** The observer plugin. */
  plugin?: PluginConfig;
}

/** Rotation of a log file. */
export interface LogRotationConfig {
  /** Size in megabytes at which the file is rotated (default 100). */
  maxSize?: number;
  /** Days old files are kept (default: no age limit). */
  maxAge?: number;
  /** Number of old files kept (default: all). */
  maxBackups?: number;
  /** Name rotated files with local time instead of UTC. */
  localTime?: boolean;
  /** Gzip rotated files. */
  compress?: boolean;
}

/** Logging settings. */
export interface LogConfig {
  /** `stderr` (default), `stdout`, `none`, or a file path. */
  output?: string;
  /** `trace`, `debug`, `info` (default), `warn`, `error` or `fatal`. */
  level?: string;
  /** `json` (default) or `text`. */
  format?: string;
  /** Rotation when `output` is a file. */
  rotation?: LogRotationConfig;
}

/** A named logger a service can use instead of the global log. */
export interface LoggerConfig {
  /** Logger name, referenced by `logger`/`loggers`. */
  name: string;
  /** Settings of this logger. */
  log?: LogConfig;
}

/** Go pprof endpoint. */
export interface ProfilingConfig {
  /** Listen address of the pprof HTTP server, e.g. `:6060`. */
  addr?: string;
}

/** Web API for reading and changing the configuration at run time. */
export interface APIConfig {
  /** Listen address of the API server, e.g. `:18080`. */
  addr?: string;
  /** Path prefix of every API route. */
  pathPrefix?: string;
  /** Log every API request. */
  accesslog?: boolean;
  /** Credentials required by the API (ignored when `auther` is set). */
  auth?: AuthConfig;
  /** Name of an auther guarding the API. */
  auther?: string;
}

/** Prometheus metrics endpoint. */
export interface MetricsConfig {
  /** Listen address of the metrics server, e.g. `:9000`. */
  addr?: string;
  /** Path of the metrics (default `/metrics`). */
  path?: string;
  /** Credentials required to read the metrics (ignored when `auther` is set). */
  auth?: AuthConfig;
  /** Name of an auther guarding the metrics. */
  auther?: string;
}
