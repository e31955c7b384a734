import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { errorsOf, gostSchema, root, validators } from './validators.js';
import { yamlBlocks } from './yaml-blocks.js';

const shared = join(root, '..', 'shared');
const validate = validators.gost;
const check = (yaml: string) => errorsOf(validate, parse(yaml));

interface DocsPair {
  id: string;
  yaml: string;
  tags?: string[];
}

const seedFiles = readdirSync(join(shared, 'seeds'))
  .filter((name) => name.endsWith('.txt'))
  .sort();
const seedConfigs = seedFiles.flatMap((file) =>
  yamlBlocks(readFileSync(join(shared, 'seeds', file), 'utf8')).map((yaml, index) => ({ file, index, yaml })),
);
const docsPairs = JSON.parse(readFileSync(join(shared, 'conformance', 'docs-pairs.json'), 'utf8')) as {
  pairs: DocsPair[];
  adjacent_pairs: DocsPair[];
};
const docsConfigs = [...docsPairs.pairs, ...docsPairs.adjacent_pairs];

/**
 * Docs examples that are wrong in a way gost silently ignores, and what the schema reports. The
 * "Virtual Node" example indents `chains:` under the service, so gost loads a service without
 * the chain.
 */
const knownWrongDocsConfigs: Record<string, ReturnType<typeof check>> = {
  'en/concepts/chain#3': [
    {
      instancePath: '/services/0',
      keyword: 'additionalProperties',
      params: { additionalProperty: 'chains' },
    },
  ],
};

describe('gost config schema: configs from gost docs', () => {
  it('finds the YAML configs in the seed documents', () => {
    const perFile = Object.fromEntries(
      seedFiles.map((file) => [file, seedConfigs.filter((c) => c.file === file).length]),
    );
    expect(perFile).toEqual({
      '000_ba1b7a8eca30fd11.txt': 9,
      '001_4f6c78c2712355a1.txt': 0,
      '002_96d211761f7581d1.txt': 16,
      '003_24d9f8e6d5b806f0.txt': 7,
    });
  });

  it.each(seedConfigs.map((c) => [c.file, c.index, c.yaml] as const))(
    'accepts %s config #%i',
    (_, __, yaml) => {
      const value = parse(yaml) as Record<string, unknown>;
      expect(Object.keys(value)).toContain('services');
      expect(errorsOf(validate, value)).toEqual([]);
    },
  );

  it.each(docsConfigs.map((p) => [p.id, p] as const))('docs pair %s', (id, pair) => {
    expect(check(pair.yaml)).toEqual(knownWrongDocsConfigs[id] ?? []);
  });

  it('flags exactly the docs examples marked as having a schema problem', () => {
    const marked = docsConfigs.filter((p) => p.tags?.includes('yaml-schema-warning')).map((p) => p.id);
    expect(marked.sort()).toEqual(Object.keys(knownWrongDocsConfigs).sort());
  });
});

describe('gost config schema: unknown keys are errors', () => {
  it('reports a `ws` flag on a connector (the transport belongs in the dialer), but not its tls block', () => {
    const errors = check(`
chains:
- name: chain-0
  hops:
  - name: hop-0
    nodes:
    - name: node-0
      addr: example.com:443
      connector: {type: http, ws: true, tls: {}}
`);
    expect(errors).toEqual([
      {
        instancePath: '/chains/0/hops/0/nodes/0/connector',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'ws' },
      },
    ]);
  });

  it('reports a service block indented under ingresses', () => {
    const errors = check(`
ingresses:
- name: ingress-0
  rules:
  - hostname: example.com
    endpoint: 4d21094e-b74c-4916-86c1-d9fa36ea677b
  addr: :8443
  handler:
    type: relay
  listener:
    type: tcp
`);
    expect(errors.map((e) => [e.instancePath, e.params.additionalProperty])).toEqual([
      ['/ingresses/0', 'addr'],
      ['/ingresses/0', 'handler'],
      ['/ingresses/0', 'listener'],
    ]);
  });

  it.each([
    [
      'a misspelt listener',
      'services: [{name: s, addr: ":80", listner: {type: tcp}}]',
      '/services/0',
      'listner',
    ],
    [
      'a chain-level selector (gost reads selectors per hop)',
      'chains: [{name: c, selector: {strategy: fifo}, hops: []}]',
      '/chains/0',
      'selector',
    ],
    ['an unknown top-level section', 'service: [{name: s}]', '', 'service'],
    [
      'a handler option outside metadata',
      'services: [{name: s, handler: {type: relay, bind: true}}]',
      '/services/0/handler',
      'bind',
    ],
    [
      'a snake_case selector key',
      'hops: [{name: h, selector: {max_fails: 3}}]',
      '/hops/0/selector',
      'max_fails',
    ],
    [
      'auth outside a node connector',
      'hops: [{name: h, nodes: [{name: n, auth: {username: u}}]}]',
      '/hops/0/nodes/0',
      'auth',
    ],
  ])('reports %s', (_, yaml, instancePath, additionalProperty) => {
    expect(check(yaml)).toEqual([
      { instancePath, keyword: 'additionalProperties', params: { additionalProperty } },
    ]);
  });
});

describe('gost config schema: what it accepts', () => {
  it('accepts a config using every section', () => {
    const yaml = `
services:
- name: proxy
  addr: :8080
  interface: eth0
  sockopts: {mark: 100}
  admission: lan-only
  admissions: [lan-only]
  bypass: direct
  bypasses: [direct]
  resolver: dns
  hosts: static
  limiter: bw
  climiter: conns
  rlimiter: rate
  logger: file-log
  loggers: [file-log]
  observer: stats
  recorders: [{name: rec, record: recorder.service.handler, metadata: {x: 1}}]
  handler:
    type: http
    retries: 1
    chainGroup: {chains: [upstream], selector: {strategy: fifo, maxFails: 1, failTimeout: 10s}}
    auther: users
    authers: [users]
    auth: {username: u, password: p}
    tls: {certFile: c.pem, keyFile: k.pem}
    limiter: bw
    observer: stats
    metadata: {udp: true, probeResistance: "code:404"}
  listener:
    type: tls
    chain: upstream
    auth: {username: u, file: /etc/gost/auth}
    tls:
      certFile: cert.pem
      keyFile: key.pem
      caFile: ca.pem
      options: {minVersion: VersionTLS12, maxVersion: VersionTLS13, cipherSuites: [TLS_AES_128_GCM_SHA256], alpn: [h2]}
      rejectUnknownSNI: true
      serverNames: [example.com]
    metadata: {keepalive: true}
  forwarder:
    hop: targets
    selector: {strategy: round, maxFails: 2, failTimeout: 30, maxLatency: 500ms}
    nodes:
    - name: web
      addr: 10.0.0.5:80
      network: tcp
      bypass: direct
      bypasses: [direct]
      protocol: http
      host: example.com
      path: /
      filter: {host: example.com, protocol: http, path: /api}
      matcher: {rule: "Host(\`example.com\`)", priority: 10}
      auth: {username: u, password: p}
      http:
        host: backend.local
        header: {X-A: a}
        requestHeader: {X-B: b}
        responseHeader: {X-C: c}
        rewrite: [{match: ^/old, replacement: /new}]
        rewriteURL: [{match: ^/a, replacement: /b}]
        rewriteBody: [{type: text/html, match: foo, replacement: bar}]
        auth: {username: u, password: p}
      tls: {serverName: backend.local, secure: true, options: {alpn: [http/1.1]}}
      probe: {type: http, addr: 10.0.0.5:80, httpPath: /health, httpHost: h, httpHeaders: {A: b}, expectedStatus: 204, interval: 5s, timeout: 1s}
      metadata: {weight: 3}
  metadata: {enableStats: true}
  status:
    createTime: 1700000000
    state: running
    events: [{time: 1700000000, msg: started}]
    stats: {totalConns: 1, currentConns: 0, totalErrs: 0, inputBytes: 10, outputBytes: 20}
chains:
- name: upstream
  metadata: {x: y}
  hops:
  - name: shared-hop
  - name: inline-hop
    interface: 192.168.1.2
    sockopts: {mark: 1}
    selector: {strategy: rand, maxFails: 3, failTimeout: 1m30s}
    bypass: direct
    bypasses: [direct]
    resolver: dns
    hosts: static
    reload: 60s
    metadata: {x: 1}
    nodes:
    - name: node-0
      addr: relay.example.com:8443
      network: tcp
      bypass: direct
      bypasses: [direct]
      resolver: dns
      hosts: static
      interface: eth1
      netns: ns1
      sockopts: {mark: 2}
      connector: {type: relay, auth: {username: u, password: p}, tls: {secure: false}, metadata: {nodelay: true}}
      dialer: {type: wss, auth: {username: u}, tls: {secure: true, serverName: relay.example.com, caFile: ca.pem}, metadata: {path: /ws, host: relay.example.com}}
      filter: {host: a}
      matcher: {rule: "Proto(\`http\`)"}
      http: {host: a}
      tls: {serverName: a}
      probe: {type: tcp, addr: 8.8.8.8:53}
      metadata: {maxFails: 2}
hops:
- name: shared-hop
  file: {path: /etc/gost/hop.json}
  redis: {addr: 127.0.0.1:6379, db: 1, username: u, password: p, key: gost:hop, type: list}
  http: {url: "http://127.0.0.1/hop", timeout: 3s}
  plugin: {type: grpc, addr: 127.0.0.1:8000, tls: {secure: true}, timeout: 2s, token: t}
  reload: 30s
- name: targets
  nodes: []
authers:
- name: users
  auths: [{username: a, password: b}]
  reload: 10s
  file: {path: users.txt}
admissions: [{name: lan-only, whitelist: true, reverse: false, matchers: [192.168.0.0/16]}]
bypasses: [{name: direct, whitelist: false, matchers: ["*.example.com", 10.0.0.0/8], redis: {addr: r:6379}}]
resolvers:
- name: dns
  nameservers:
  - {addr: "udp://8.8.8.8:53", chain: upstream, prefer: ipv4, clientIP: 1.2.3.4, hostname: dns.google, ttl: 60s, timeout: 3s, async: true, only: ipv4}
  plugin: {addr: 127.0.0.1:8001}
hosts: [{name: static, mappings: [{ip: 10.0.0.5, hostname: backend.local, aliases: [backend]}], http: {url: "http://x/hosts"}}]
ingresses: [{name: ing, rules: [{hostname: "*.example.com", endpoint: 4d21094e-b74c-4916-86c1-d9fa36ea677b}], plugin: {addr: p:1}}]
routers: [{name: rt, routes: [{net: 10.0.0.0/8, gateway: 10.0.0.1}, {dst: 172.16.0.0/12, gateway: 172.16.0.1}]}]
sds: [{name: sd, plugin: {type: http, addr: "http://sd"}}]
recorders:
- name: rec
  file: {path: rec.log, sep: "\\n", rotation: {maxSize: 10}}
  tcp: {addr: 127.0.0.1:9000, timeout: 1s}
  http: {url: "http://127.0.0.1/rec", timeout: 1s, header: {A: b}}
  redis: {addr: 127.0.0.1:6379, db: 0, username: u, password: p, key: rec, type: set}
  plugin: {addr: p:2}
limiters: [{name: bw, limits: ["$ 100MB 100MB", "$$ 10MB"]}]
climiters: [{name: conns, limits: ["$ 1000"]}]
rlimiters: [{name: rate, limits: ["$ 100"]}]
observers: [{name: stats, plugin: {addr: p:3}}]
loggers: [{name: file-log, log: {output: /var/log/gost.log, level: info, format: json, rotation: {maxSize: 100, maxAge: 10, maxBackups: 3, localTime: false, compress: true}}}]
tls: {certFile: cert.pem, keyFile: key.pem, caFile: ca.pem, validity: 8760h, commonName: gost.run, organization: GOST}
log: {output: stderr, level: debug, format: text}
profiling: {addr: ":6060"}
api: {addr: ":18080", pathPrefix: /api, accesslog: true, auth: {username: u, password: p}, auther: users}
metrics: {addr: ":9000", path: /metrics, auth: {username: u, password: p}, auther: users}
`;
    expect(check(yaml)).toEqual([]);
  });

  it('keeps metadata free-form at every level', () => {
    const errors = check(`
services:
- name: s
  metadata: {anything: {nested: [1, {deep: true}]}, "dotted.key": x}
  handler: {type: tunnel, metadata: {tunnel.id: abc, entryPoint: ":80", ingress: ing}}
  listener: {type: tcp, metadata: {Any-Case: 1}}
`);
    expect(errors).toEqual([]);
  });

  it('leaves component types to the registry check', () => {
    expect(
      check('services: [{name: s, handler: {type: not-a-handler}, listener: {type: not-a-listener}}]'),
    ).toEqual([]);
  });

  it('accepts Go duration strings and integer nanoseconds in typed duration fields', () => {
    for (const failTimeout of ['30s', '1m30s', '1.5h', '500ms', '0', '-1s', '10us', 30, 0]) {
      const value = { hops: [{ name: 'h', selector: { failTimeout } }] };
      expect(errorsOf(validate, value), String(failTimeout)).toEqual([]);
    }
  });

  it.each(['30', 'thirty', '10 s', '1d', '', 'ms'])(
    'rejects %j as a duration (gost cannot parse it)',
    (failTimeout) => {
      const errors = errorsOf(validate, { hops: [{ name: 'h', selector: { failTimeout } }] });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.instancePath === '/hops/0/selector/failTimeout')).toBe(true);
    },
  );

  it('requires a type in handler and listener blocks, where gost has no default', () => {
    expect(check('services: [{name: s, handler: {chain: c}, listener: {metadata: {}}}]')).toEqual([
      { instancePath: '/services/0/handler', keyword: 'required', params: { missingProperty: 'type' } },
      { instancePath: '/services/0/listener', keyword: 'required', params: { missingProperty: 'type' } },
    ]);
    expect(
      check(
        'services: [{name: s}]\nhops: [{name: h, nodes: [{name: n, connector: {auth: {username: u}}, dialer: {}}]}]',
      ),
    ).toEqual([]);
  });

  it('requires names on objects gost registers by name', () => {
    expect(check('services: [{addr: ":80"}]')).toEqual([
      { instancePath: '/services/0', keyword: 'required', params: { missingProperty: 'name' } },
    ]);
    expect(check('chains: [{name: c, hops: [{nodes: []}]}]')).toEqual([
      { instancePath: '/chains/0/hops/0', keyword: 'required', params: { missingProperty: 'name' } },
    ]);
    expect(check('bypasses: [{matchers: [a]}]')).toEqual([
      { instancePath: '/bypasses/0', keyword: 'required', params: { missingProperty: 'name' } },
    ]);
  });

  it('checks value types', () => {
    expect(check('services: [{name: s, handler: {type: http, retries: "3"}}]')).toEqual([
      { instancePath: '/services/0/handler/retries', keyword: 'type', params: { type: 'integer' } },
    ]);
    expect(check('services: [{name: s, bypasses: direct}]')).toEqual([
      { instancePath: '/services/0/bypasses', keyword: 'type', params: { type: 'array' } },
    ]);
  });
});

describe('gost config schema: shape', () => {
  type Schema = Record<string, unknown>;
  const definitions = gostSchema.definitions as Record<string, Schema>;
  const freeForm = new Set(['Metadata', 'StringMap']);

  it('closes every struct, leaving only the map types open', () => {
    const open = Object.entries({ GostConfig: gostSchema, ...definitions })
      .filter(([, schema]) => schema.type === 'object' && schema.additionalProperties !== false)
      .map(([name]) => name);
    expect(open.sort()).toEqual([...freeForm].sort());
  });

  it('describes every property so editors can show help', () => {
    const undocumented: string[] = [];
    for (const [name, schema] of Object.entries({ GostConfig: gostSchema, ...definitions })) {
      if (!schema.description) undocumented.push(name);
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        if (!property.description) undocumented.push(`${name}.${key}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('does not enumerate component types (gost reports unregistered types itself)', () => {
    for (const name of ['HandlerConfig', 'ListenerConfig', 'ConnectorConfig', 'DialerConfig']) {
      const type = (definitions[name]!.properties as Record<string, Schema>).type!;
      expect(type.type, name).toBe('string');
      expect(type.enum, name).toBeUndefined();
    }
  });
});
