/**
 * The Go structs of go-gost/x `config/config.go`, as data: field order, YAML and JSON names,
 * omitempty and Go types. gost decodes a config file into these structs and `gost -O yaml|json`
 * encodes them back, so both directions here follow them: `decodeGoConfig` reads a loosely typed
 * config the way viper/mapstructure (YAML) or encoding/json (`-C '{…}'`) would, and the writers in
 * gost-yaml.ts walk the same table to print fields in Go's order.
 */
import { InternalError } from '../diagnostics.js';

export type GoKind =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'bool' }
  | { kind: 'float' }
  | { kind: 'duration' }
  | { kind: 'any' }
  | { kind: 'struct'; type: string; pointer: boolean }
  | { kind: 'slice'; of: GoKind }
  | { kind: 'map'; of: GoKind };

export interface GoField {
  /** The Go field name (mapstructure and encoding/json match keys to it case-insensitively). */
  go: string;
  yaml: string;
  json: string;
  yamlOmitEmpty: boolean;
  jsonOmitEmpty: boolean;
  type: GoKind;
}

const S: GoKind = { kind: 'string' };
const I: GoKind = { kind: 'int' };
const B: GoKind = { kind: 'bool' };
const _F: GoKind = { kind: 'float' };
const D: GoKind = { kind: 'duration' };
const A: GoKind = { kind: 'any' };
const ptr = (type: string): GoKind => ({ kind: 'struct', type, pointer: true });
const val = (type: string): GoKind => ({ kind: 'struct', type, pointer: false });
const list = (of: GoKind): GoKind => ({ kind: 'slice', of });
const strMap = (of: GoKind): GoKind => ({ kind: 'map', of });
const MD = strMap(A);

/** [Go name, type, yaml tag, json tag] exactly as written in config.go (undefined = no tag). */
type FieldSpec = [string, GoKind, string | undefined, string | undefined];

function tagParts(tag: string | undefined): { name: string; omitEmpty: boolean } {
  if (tag === undefined) return { name: '', omitEmpty: false };
  const [name, ...opts] = tag.split(',');
  return { name: name ?? '', omitEmpty: opts.includes('omitempty') };
}

function field([go, type, yamlTag, jsonTag]: FieldSpec): GoField {
  const y = tagParts(yamlTag);
  const j = tagParts(jsonTag);
  return {
    go,
    type,
    // yaml.v3 lower-cases the whole field name when the tag gives none; encoding/json keeps it.
    yaml: y.name || go.toLowerCase(),
    json: j.name || go,
    yamlOmitEmpty: y.omitEmpty,
    jsonOmitEmpty: j.omitEmpty,
  };
}

const O = ',omitempty';
const jo = (name: string) => `${name},omitempty`;

const specs: Record<string, FieldSpec[]> = {
  LogConfig: [
    ['Output', S, O, jo('output')],
    ['Level', S, O, jo('level')],
    ['Format', S, O, jo('format')],
    ['Rotation', ptr('LogRotationConfig'), O, jo('rotation')],
  ],
  LogRotationConfig: [
    ['MaxSize', I, 'maxSize,omitempty', jo('maxSize')],
    ['MaxAge', I, 'maxAge,omitempty', jo('maxAge')],
    ['MaxBackups', I, 'maxBackups,omitempty', jo('maxBackups')],
    ['LocalTime', B, 'localTime,omitempty', jo('localTime')],
    ['Compress', B, 'compress,omitempty', jo('compress')],
  ],
  LoggerConfig: [
    ['Name', S, undefined, 'name'],
    ['Log', ptr('LogConfig'), O, jo('log')],
  ],
  ProfilingConfig: [['Addr', S, undefined, 'addr']],
  APIConfig: [
    ['Addr', S, undefined, 'addr'],
    ['PathPrefix', S, 'pathPrefix,omitempty', jo('pathPrefix')],
    ['AccessLog', B, 'accesslog,omitempty', jo('accesslog')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['Auther', S, O, jo('auther')],
  ],
  MetricsConfig: [
    ['Addr', S, undefined, 'addr'],
    ['Path', S, O, jo('path')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['Auther', S, O, jo('auther')],
  ],
  TLSConfig: [
    ['CertFile', S, 'certFile,omitempty', jo('certFile')],
    ['KeyFile', S, 'keyFile,omitempty', jo('keyFile')],
    ['CAFile', S, 'caFile,omitempty', jo('caFile')],
    ['Secure', B, O, jo('secure')],
    ['ServerName', S, 'serverName,omitempty', jo('serverName')],
    ['Options', ptr('TLSOptions'), O, jo('options')],
    ['Validity', D, O, jo('validity')],
    ['CommonName', S, 'commonName,omitempty', jo('commonName')],
    ['Organization', S, O, jo('organization')],
    ['RejectUnknownSNI', B, 'rejectUnknownSNI,omitempty', jo('rejectUnknownSNI')],
    ['ServerNames', list(S), 'serverNames,omitempty', jo('serverNames')],
  ],
  TLSOptions: [
    ['MinVersion', S, 'minVersion,omitempty', jo('minVersion')],
    ['MaxVersion', S, 'maxVersion,omitempty', jo('maxVersion')],
    ['CipherSuites', list(S), 'cipherSuites,omitempty', jo('cipherSuites')],
    ['ALPN', list(S), 'alpn,omitempty', jo('alpn')],
  ],
  PluginConfig: [
    ['Type', S, undefined, 'type'],
    ['Addr', S, undefined, 'addr'],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Timeout', D, O, jo('timeout')],
    ['Token', S, O, jo('token')],
  ],
  AutherConfig: [
    ['Name', S, undefined, 'name'],
    ['Auths', list(ptr('AuthConfig')), O, jo('auths')],
    ['Reload', D, O, jo('reload')],
    ['File', ptr('FileLoader'), O, jo('file')],
    ['Redis', ptr('RedisLoader'), O, jo('redis')],
    ['HTTP', ptr('HTTPLoader'), 'http,omitempty', jo('http')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ],
  AuthConfig: [
    ['Username', S, undefined, 'username'],
    ['Password', S, O, jo('password')],
    ['File', S, O, jo('file')],
  ],
  ProbeConfig: [
    ['Type', S, O, jo('type')],
    ['Addr', S, O, jo('addr')],
    ['Interval', D, O, jo('interval')],
    ['Timeout', D, O, jo('timeout')],
    ['HTTPPath', S, 'httpPath,omitempty', jo('httpPath')],
    ['HTTPHost', S, 'httpHost,omitempty', jo('httpHost')],
    ['HTTPHeaders', strMap(S), 'httpHeaders,omitempty', jo('httpHeaders')],
    ['ExpectedStatus', I, 'expectedStatus,omitempty', jo('expectedStatus')],
    ['Command', S, O, jo('command')],
  ],
  SelectorConfig: [
    ['Strategy', S, undefined, 'strategy'],
    ['MaxFails', I, 'maxFails', 'maxFails'],
    ['FailTimeout', D, 'failTimeout', 'failTimeout'],
    ['MaxLatency', D, 'maxLatency,omitempty', jo('maxLatency')],
  ],
  AdmissionConfig: matcherObject(),
  BypassConfig: matcherObject(),
  FileLoader: [['Path', S, undefined, 'path']],
  RedisLoader: [
    ['Addr', S, undefined, 'addr'],
    ['DB', I, O, jo('db')],
    ['Username', S, O, jo('username')],
    ['Password', S, O, jo('password')],
    ['Key', S, O, jo('key')],
    ['Type', S, O, jo('type')],
  ],
  HTTPLoader: [
    ['URL', S, 'url', 'url'],
    ['Timeout', D, O, jo('timeout')],
  ],
  NameserverConfig: [
    ['Addr', S, undefined, 'addr'],
    ['Chain', S, O, jo('chain')],
    ['Prefer', S, O, jo('prefer')],
    ['ClientIP', S, 'clientIP,omitempty', jo('clientIP')],
    ['Hostname', S, O, jo('hostname')],
    ['TTL', D, O, jo('ttl')],
    ['Timeout', D, O, jo('timeout')],
    ['Async', B, O, jo('async')],
    ['Only', S, O, jo('only')],
  ],
  ResolverConfig: [
    ['Name', S, undefined, 'name'],
    ['Nameservers', list(ptr('NameserverConfig')), O, jo('nameservers')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ],
  HostMappingConfig: [
    ['IP', S, undefined, 'ip'],
    ['Hostname', S, undefined, 'hostname'],
    ['Aliases', list(S), O, jo('aliases')],
  ],
  HostsConfig: loaderObject([['Mappings', list(ptr('HostMappingConfig')), O, jo('mappings')]]),
  IngressRuleConfig: [
    ['Hostname', S, undefined, 'hostname'],
    ['Endpoint', S, undefined, 'endpoint'],
  ],
  IngressConfig: loaderObject([['Rules', list(ptr('IngressRuleConfig')), O, jo('rules')]]),
  SDConfig: [
    ['Name', S, undefined, 'name'],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ],
  RouterRouteConfig: [
    ['Net', S, O, jo('net')],
    ['Dst', S, O, jo('dst')],
    ['Gateway', S, undefined, 'gateway'],
  ],
  RouterConfig: loaderObject([['Routes', list(ptr('RouterRouteConfig')), O, jo('routes')]]),
  RecorderConfig: [
    ['Name', S, undefined, 'name'],
    ['File', ptr('FileRecorder'), O, jo('file')],
    ['TCP', ptr('TCPRecorder'), 'tcp,omitempty', jo('tcp')],
    ['HTTP', ptr('HTTPRecorder'), 'http,omitempty', jo('http')],
    ['Redis', ptr('RedisRecorder'), O, jo('redis')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ],
  FileRecorder: [
    ['Path', S, undefined, 'path'],
    ['Sep', S, O, jo('sep')],
    ['Rotation', ptr('LogRotationConfig'), O, jo('rotation')],
  ],
  TCPRecorder: [
    ['Addr', S, undefined, 'addr'],
    ['Timeout', D, undefined, 'timeout'],
  ],
  HTTPRecorder: [
    ['URL', S, 'url', 'url'],
    ['Timeout', D, O, jo('timeout')],
    ['Header', strMap(S), O, jo('header')],
  ],
  RedisRecorder: [
    ['Addr', S, undefined, 'addr'],
    ['DB', I, O, jo('db')],
    ['Username', S, O, jo('username')],
    ['Password', S, O, jo('password')],
    ['Key', S, O, jo('key')],
    ['Type', S, O, jo('type')],
  ],
  RecorderObject: [
    ['Name', S, undefined, 'name'],
    ['Record', S, undefined, 'record'],
    ['Metadata', MD, O, jo('metadata')],
  ],
  LimiterConfig: loaderObject([['Limits', list(S), O, jo('limits')]]),
  ObserverConfig: [
    ['Name', S, undefined, 'name'],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ],
  ListenerConfig: [
    ['Type', S, undefined, 'type'],
    ['Chain', S, O, jo('chain')],
    ['ChainGroup', ptr('ChainGroupConfig'), 'chainGroup,omitempty', jo('chainGroup')],
    ['Auther', S, O, jo('auther')],
    ['Authers', list(S), O, jo('authers')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  HandlerConfig: [
    ['Type', S, undefined, 'type'],
    ['Retries', I, O, jo('retries')],
    ['Chain', S, O, jo('chain')],
    ['ChainGroup', ptr('ChainGroupConfig'), 'chainGroup,omitempty', jo('chainGroup')],
    ['Auther', S, O, jo('auther')],
    ['Authers', list(S), O, jo('authers')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Limiter', S, O, jo('limiter')],
    ['Observer', S, O, jo('observer')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  ForwarderConfig: [
    ['Name', S, O, jo('name')],
    ['Hop', S, O, jo('hop')],
    ['Selector', ptr('SelectorConfig'), O, jo('selector')],
    ['Nodes', list(ptr('ForwardNodeConfig')), undefined, 'nodes'],
  ],
  ForwardNodeConfig: [
    ['Name', S, O, jo('name')],
    ['Addr', S, O, jo('addr')],
    ['Network', S, O, jo('network')],
    ['Bypass', S, O, jo('bypass')],
    ['Bypasses', list(S), O, jo('bypasses')],
    ['Protocol', S, O, jo('protocol')],
    ['Host', S, O, jo('host')],
    ['Path', S, O, jo('path')],
    ['Filter', ptr('NodeFilterConfig'), O, jo('filter')],
    ['Matcher', ptr('NodeMatcherConfig'), O, jo('matcher')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['HTTP', ptr('HTTPNodeConfig'), O, jo('http')],
    ['TLS', ptr('TLSNodeConfig'), O, jo('tls')],
    ['Probe', ptr('ProbeConfig'), O, jo('probe')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  HTTPURLRewriteConfig: [
    ['Match', S, undefined, undefined],
    ['Replacement', S, undefined, undefined],
  ],
  HTTPBodyRewriteConfig: [
    ['Type', S, undefined, undefined],
    ['Match', S, undefined, undefined],
    ['Replacement', S, undefined, undefined],
  ],
  NodeFilterConfig: [
    ['Host', S, O, jo('host')],
    ['Protocol', S, O, jo('protocol')],
    ['Path', S, O, jo('path')],
  ],
  NodeMatcherConfig: [
    ['Rule', S, O, jo('rule')],
    ['Priority', I, O, jo('priority')],
  ],
  HTTPNodeConfig: [
    ['Host', S, O, jo('host')],
    ['Header', strMap(S), O, jo('header')],
    ['RequestHeader', strMap(S), 'requestHeader,omitempty', jo('requestHeader')],
    ['ResponseHeader', strMap(S), 'responseHeader,omitempty', jo('responseHeader')],
    ['Rewrite', list(val('HTTPURLRewriteConfig')), O, jo('rewrite')],
    ['RewriteURL', list(val('HTTPURLRewriteConfig')), 'rewriteURL,omitempty', jo('rewriteURL')],
    ['RewriteBody', list(val('HTTPBodyRewriteConfig')), 'rewriteBody,omitempty', jo('rewriteBody')],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
  ],
  TLSNodeConfig: [
    ['ServerName', S, 'serverName,omitempty', jo('serverName')],
    ['Secure', B, O, jo('secure')],
    ['Options', ptr('TLSOptions'), O, jo('options')],
  ],
  DialerConfig: [
    ['Type', S, undefined, 'type'],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  ConnectorConfig: [
    ['Type', S, undefined, 'type'],
    ['Auth', ptr('AuthConfig'), O, jo('auth')],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  SockOptsConfig: [['Mark', I, O, jo('mark')]],
  ServiceConfig: [
    ['Name', S, undefined, 'name'],
    ['Addr', S, O, jo('addr')],
    ['Interface', S, O, jo('interface')],
    ['SockOpts', ptr('SockOptsConfig'), 'sockopts,omitempty', jo('sockopts')],
    ['Admission', S, O, jo('admission')],
    ['Admissions', list(S), O, jo('admissions')],
    ['Bypass', S, O, jo('bypass')],
    ['Bypasses', list(S), O, jo('bypasses')],
    ['Resolver', S, O, jo('resolver')],
    ['Hosts', S, O, jo('hosts')],
    ['Limiter', S, O, jo('limiter')],
    ['CLimiter', S, 'climiter,omitempty', jo('climiter')],
    ['RLimiter', S, 'rlimiter,omitempty', jo('rlimiter')],
    ['Logger', S, O, jo('logger')],
    ['Loggers', list(S), O, jo('loggers')],
    ['Observer', S, O, jo('observer')],
    ['Recorders', list(ptr('RecorderObject')), O, jo('recorders')],
    ['Handler', ptr('HandlerConfig'), O, jo('handler')],
    ['Listener', ptr('ListenerConfig'), O, jo('listener')],
    ['Forwarder', ptr('ForwarderConfig'), O, jo('forwarder')],
    ['Metadata', MD, O, jo('metadata')],
    ['Status', ptr('ServiceStatus'), O, jo('status')],
  ],
  ServiceStatus: [
    ['CreateTime', I, 'createTime', 'createTime'],
    ['State', S, 'state', 'state'],
    ['Events', list(val('ServiceEvent')), O, jo('events')],
    ['Stats', ptr('ServiceStats'), O, jo('stats')],
  ],
  ServiceEvent: [
    ['Time', I, 'time', 'time'],
    ['Msg', S, 'msg', 'msg'],
  ],
  ServiceStats: [
    ['TotalConns', I, 'totalConns', 'totalConns'],
    ['CurrentConns', I, 'currentConns', 'currentConns'],
    ['TotalErrs', I, 'totalErrs', 'totalErrs'],
    ['InputBytes', I, 'inputBytes', 'inputBytes'],
    ['OutputBytes', I, 'outputBytes', 'outputBytes'],
  ],
  ChainConfig: [
    ['Name', S, undefined, 'name'],
    ['Hops', list(ptr('HopConfig')), undefined, 'hops'],
    ['Metadata', MD, O, jo('metadata')],
  ],
  ChainGroupConfig: [
    ['Chains', list(S), O, jo('chains')],
    ['Selector', ptr('SelectorConfig'), O, jo('selector')],
  ],
  HopConfig: [
    ['Name', S, undefined, 'name'],
    ['Interface', S, O, jo('interface')],
    ['SockOpts', ptr('SockOptsConfig'), 'sockopts,omitempty', jo('sockopts')],
    ['Selector', ptr('SelectorConfig'), O, jo('selector')],
    ['Bypass', S, O, jo('bypass')],
    ['Bypasses', list(S), O, jo('bypasses')],
    ['Resolver', S, O, jo('resolver')],
    ['Hosts', S, O, jo('hosts')],
    ['Nodes', list(ptr('NodeConfig')), O, jo('nodes')],
    ['Reload', D, O, jo('reload')],
    ['File', ptr('FileLoader'), O, jo('file')],
    ['Redis', ptr('RedisLoader'), O, jo('redis')],
    ['HTTP', ptr('HTTPLoader'), 'http,omitempty', jo('http')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  NodeConfig: [
    ['Name', S, undefined, 'name'],
    ['Addr', S, O, jo('addr')],
    ['Network', S, O, jo('network')],
    ['Bypass', S, O, jo('bypass')],
    ['Bypasses', list(S), O, jo('bypasses')],
    ['Resolver', S, O, jo('resolver')],
    ['Hosts', S, O, jo('hosts')],
    ['Connector', ptr('ConnectorConfig'), O, jo('connector')],
    ['Dialer', ptr('DialerConfig'), O, jo('dialer')],
    ['Interface', S, O, jo('interface')],
    ['Netns', S, O, jo('netns')],
    ['SockOpts', ptr('SockOptsConfig'), 'sockopts,omitempty', jo('sockopts')],
    ['Filter', ptr('NodeFilterConfig'), O, jo('filter')],
    ['Matcher', ptr('NodeMatcherConfig'), O, jo('matcher')],
    ['HTTP', ptr('HTTPNodeConfig'), O, jo('http')],
    ['TLS', ptr('TLSNodeConfig'), O, jo('tls')],
    ['Probe', ptr('ProbeConfig'), O, jo('probe')],
    ['Metadata', MD, O, jo('metadata')],
  ],
  Config: [
    ['Services', list(ptr('ServiceConfig')), undefined, 'services'],
    ['Chains', list(ptr('ChainConfig')), O, jo('chains')],
    ['Hops', list(ptr('HopConfig')), O, jo('hops')],
    ['Authers', list(ptr('AutherConfig')), O, jo('authers')],
    ['Admissions', list(ptr('AdmissionConfig')), O, jo('admissions')],
    ['Bypasses', list(ptr('BypassConfig')), O, jo('bypasses')],
    ['Resolvers', list(ptr('ResolverConfig')), O, jo('resolvers')],
    ['Hosts', list(ptr('HostsConfig')), O, jo('hosts')],
    ['Ingresses', list(ptr('IngressConfig')), O, jo('ingresses')],
    ['Routers', list(ptr('RouterConfig')), O, jo('routers')],
    ['SDs', list(ptr('SDConfig')), 'sds,omitempty', jo('sds')],
    ['Recorders', list(ptr('RecorderConfig')), O, jo('recorders')],
    ['Limiters', list(ptr('LimiterConfig')), O, jo('limiters')],
    ['CLimiters', list(ptr('LimiterConfig')), 'climiters,omitempty', jo('climiters')],
    ['RLimiters', list(ptr('LimiterConfig')), 'rlimiters,omitempty', jo('rlimiters')],
    ['Observers', list(ptr('ObserverConfig')), O, jo('observers')],
    ['Loggers', list(ptr('LoggerConfig')), O, jo('loggers')],
    ['TLS', ptr('TLSConfig'), O, jo('tls')],
    ['Log', ptr('LogConfig'), O, jo('log')],
    ['Profiling', ptr('ProfilingConfig'), O, jo('profiling')],
    ['API', ptr('APIConfig'), O, jo('api')],
    ['Metrics', ptr('MetricsConfig'), O, jo('metrics')],
  ],
};

/** Admission and bypass lists share one shape. */
function matcherObject(): FieldSpec[] {
  return [
    ['Name', S, undefined, 'name'],
    ['Reverse', B, O, jo('reverse')],
    ['Whitelist', B, O, jo('whitelist')],
    ['Matchers', list(S), O, jo('matchers')],
    ['Reload', D, O, jo('reload')],
    ['File', ptr('FileLoader'), O, jo('file')],
    ['Redis', ptr('RedisLoader'), O, jo('redis')],
    ['HTTP', ptr('HTTPLoader'), 'http,omitempty', jo('http')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ];
}

/** Objects that can be loaded from files, redis or http share these trailing fields. */
function loaderObject(own: FieldSpec[]): FieldSpec[] {
  return [
    ['Name', S, undefined, 'name'],
    ...own,
    ['Reload', D, O, jo('reload')],
    ['File', ptr('FileLoader'), O, jo('file')],
    ['Redis', ptr('RedisLoader'), O, jo('redis')],
    ['HTTP', ptr('HTTPLoader'), 'http,omitempty', jo('http')],
    ['Plugin', ptr('PluginConfig'), O, jo('plugin')],
  ];
}

export const goStructs: Readonly<Record<string, readonly GoField[]>> = Object.fromEntries(
  Object.entries(specs).map(([name, fields]) => [name, fields.map(field)]),
);

export function structFields(type: string): readonly GoField[] {
  const fields = goStructs[type];
  if (!fields) throw new InternalError(`no Go struct named ${type} in the config schema`);
  return fields;
}
