// biome-ignore-all lint/suspicious/noTemplateCurlyInString: topology strings carry ${VAR} references on purpose
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { errorsOf, root, topologySchema, validators } from './validators.js';
import { yamlBlocks } from './yaml-blocks.js';

const validate = validators.topology;
const check = (yaml: string) => errorsOf(validate, parse(yaml));

/** A small valid topology; each invalid case changes one thing in it. */
const base = () => ({
  name: 'office',
  networks: { internet: {}, office: { nat: 'internet' } },
  hosts: {
    relay: {
      addresses: { internet: '203.0.113.10' },
      names: ['relay.example.com'],
      gost: '-L relay+wss://gost:${RELAY_PASSWORD}@:8443?bind=true',
    },
    db: { addresses: { office: '10.0.0.3' }, apps: { ssh: { listen: 'tcp/22', speaks: 'first' } } },
  },
  expect: [{ name: 'ssh', from: 'relay', connect: 'tcp 10.0.0.3:22', arrives: 'db/ssh' }],
  faults: [{ at: '5s', down: 'relay' }],
});

type Topology = ReturnType<typeof base> & Record<string, any>;
const with_ = (change: (t: Topology) => void): Topology => {
  const t = base() as Topology;
  change(t);
  return t;
};

describe('topology schema', () => {
  it('accepts the base topology', () => {
    expect(errorsOf(validate, base())).toEqual([]);
  });

  it('accepts every example of docs/topology.md, assembled into one file', () => {
    const blocks = yamlBlocks(readFileSync(join(root, 'docs', 'topology.md'), 'utf8'))
      .map((yaml) => parse(yaml) as Record<string, unknown> | null)
      .filter((value): value is Record<string, unknown> => value !== null);
    const topology: Record<string, unknown> = { name: 'docs' };
    for (const block of blocks) Object.assign(topology, block);
    expect(Object.keys(topology).sort()).toEqual(['expect', 'faults', 'hosts', 'name', 'networks']);
    expect(errorsOf(validate, topology)).toEqual([]);
  });

  it('accepts every example topology shipped in examples/', () => {
    const examples = readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(root, 'examples', name));
    expect(examples.length).toBeGreaterThan(0);
    for (const file of examples) {
      expect(errorsOf(validate, parse(readFileSync(file, 'utf8'))), relative(root, file)).toEqual([]);
    }
  });

  it('accepts a native gost config on a host and validates it with the gost config schema', () => {
    const valid = with_((t) => {
      (t.hosts.relay as any).config = {
        services: [{ name: 'relay', addr: ':8443', handler: { type: 'relay' }, listener: { type: 'wss' } }],
      };
    });
    expect(errorsOf(validate, valid)).toEqual([]);
    const invalid = with_((t) => {
      (t.hosts.relay as any).config = {
        chains: [
          { name: 'c', hops: [{ name: 'h', nodes: [{ name: 'n', connector: { type: 'http', ws: true } }] }] },
        ],
      };
    });
    expect(errorsOf(validate, invalid)).toEqual([
      {
        instancePath: '/hosts/relay/config/chains/0/hops/0/nodes/0/connector',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'ws' },
      },
    ]);
  });

  it.each([
    ['argv list', ['-L', 'tcp://:8080/10.0.0.3:22']],
    ['command line', '-L tcp://:8080 -- -L socks5://:1080'],
  ])('accepts gost arguments as a %s', (_, gost) => {
    expect(
      errorsOf(
        validate,
        with_((t) => void (t.hosts.relay.gost = gost as string)),
      ),
    ).toEqual([]);
  });

  it.each(['tcp/22', 'udp/53', 'tcp/10.0.0.3:8080', 'udp/[::1]:53', 'tcp/65535', 'tcp/${SSH_PORT}'])(
    'accepts app listen %j',
    (listen) => {
      expect(
        errorsOf(
          validate,
          with_((t) => void (t.hosts.db.apps.ssh.listen = listen)),
        ),
      ).toEqual([]);
    },
  );

  it.each([
    'tcp relay.example.com:2222',
    'udp 10.0.0.3:53',
    'tcp [2001:db8::1]:443',
    'tcp localhost:80',
    'tcp ${TARGET_HOST:-db.internal}:22',
  ])('accepts connect %j', (connect) => {
    expect(
      errorsOf(
        validate,
        with_((t) => void (t.expect[0]!.connect = connect)),
      ),
    ).toEqual([]);
  });

  it.each([
    'socks5://user:pass@127.0.0.1:1080',
    'socks5h://127.0.0.1:1080',
    'socks4://10.0.0.1:1080',
    'http://proxy.example.com:8080',
    'socks5://user:${PROXY_PASSWORD}@127.0.0.1:1080',
  ])('accepts proxy %j', (proxy) => {
    expect(
      errorsOf(
        validate,
        with_((t) => void ((t.expect[0] as any).proxy = proxy)),
      ),
    ).toEqual([]);
  });

  it.each(['relay_status_5', 'socks5_status_2', 'http_403', 'auth_failed', 'bind_disabled', 'loop'])(
    'accepts disposition %j',
    (fails) => {
      const t = with_((t) => {
        const flow = t.expect[0] as any;
        delete flow.arrives;
        flow.fails = fails;
      });
      expect(errorsOf(validate, t)).toEqual([]);
    },
  );

  it('accepts every fault kind', () => {
    const t = with_((t) => {
      t.faults = [
        { at: '5s', down: 'relay' },
        { at: '20s', up: 'relay' },
        { at: '1m30s', cut: ['db', 'relay'] },
        { at: '100m', restore: ['db', 'relay'] },
      ] as any;
    });
    expect(errorsOf(validate, t)).toEqual([]);
  });

  const invalid: [string, (t: Topology) => void, string, string, Record<string, unknown>?][] = [
    ['a missing name', (t) => delete (t as any).name, '', 'required', { missingProperty: 'name' }],
    [
      'an unknown top-level key',
      (t) => void (t.expectations = []),
      '',
      'additionalProperties',
      { additionalProperty: 'expectations' },
    ],
    [
      'a misspelt host key',
      (t) => void ((t.hosts.db as any).adresses = {}),
      '/hosts/db',
      'additionalProperties',
      { additionalProperty: 'adresses' },
    ],
    [
      'a host without addresses',
      (t) => delete (t.hosts.relay as any).addresses,
      '/hosts/relay',
      'required',
      { missingProperty: 'addresses' },
    ],
    [
      'a host on no network',
      (t) => void (t.hosts.relay.addresses = {} as any),
      '/hosts/relay/addresses',
      'minProperties',
    ],
    [
      'a host name starting with a dash',
      (t) => void ((t.hosts as any)['-db'] = t.hosts.db),
      '/hosts',
      'propertyNames',
      { propertyName: '-db' },
    ],
    [
      'a network name with a space',
      (t) => void ((t.networks as any)['the office'] = {}),
      '/networks',
      'propertyNames',
      { propertyName: 'the office' },
    ],
    [
      'an address that is not an IP',
      (t) => void (t.hosts.relay.addresses.internet = 'relay.example.com'),
      '/hosts/relay/addresses/internet',
      'pattern',
    ],
    [
      'an IPv4 octet above 255',
      (t) => void (t.hosts.relay.addresses.internet = '203.0.113.256'),
      '/hosts/relay/addresses/internet',
      'pattern',
    ],
    [
      'an unknown network key',
      (t) => void ((t.networks.office as any).nat_to = 'internet'),
      '/networks/office',
      'additionalProperties',
      { additionalProperty: 'nat_to' },
    ],
    [
      'a gost command that is a number',
      (t) => void ((t.hosts.relay as any).gost = 8080),
      '/hosts/relay/gost',
      'oneOf',
    ],
    [
      'a listen port above 65535',
      (t) => void (t.hosts.db.apps.ssh.listen = 'tcp/70000'),
      '/hosts/db/apps/ssh/listen',
      'pattern',
    ],
    [
      'a listen without protocol',
      (t) => void (t.hosts.db.apps.ssh.listen = '22'),
      '/hosts/db/apps/ssh/listen',
      'pattern',
    ],
    [
      'a listen with a colon',
      (t) => void (t.hosts.db.apps.ssh.listen = 'tcp:22'),
      '/hosts/db/apps/ssh/listen',
      'pattern',
    ],
    [
      'an app without listen',
      (t) => delete (t.hosts.db.apps.ssh as any).listen,
      '/hosts/db/apps/ssh',
      'required',
      { missingProperty: 'listen' },
    ],
    [
      'an unknown app kind',
      (t) => void ((t.hosts.db.apps.ssh as any).kind = 'ssh'),
      '/hosts/db/apps/ssh/kind',
      'enum',
    ],
    [
      'an unknown speaker',
      (t) => void (t.hosts.db.apps.ssh.speaks = 'server'),
      '/hosts/db/apps/ssh/speaks',
      'enum',
    ],
    [
      'a connect without port',
      (t) => void (t.expect[0]!.connect = 'tcp 10.0.0.3'),
      '/expect/0/connect',
      'pattern',
    ],
    [
      'a connect in URL form',
      (t) => void (t.expect[0]!.connect = 'tcp://10.0.0.3:22'),
      '/expect/0/connect',
      'pattern',
    ],
    [
      'a connect with an unknown protocol',
      (t) => void (t.expect[0]!.connect = 'sctp 10.0.0.3:22'),
      '/expect/0/connect',
      'pattern',
    ],
    [
      'an https proxy',
      (t) => void ((t.expect[0] as any).proxy = 'https://127.0.0.1:8443'),
      '/expect/0/proxy',
      'pattern',
    ],
    [
      'a proxy without port',
      (t) => void ((t.expect[0] as any).proxy = 'socks5://127.0.0.1'),
      '/expect/0/proxy',
      'pattern',
    ],
    ['arrives without an app', (t) => void (t.expect[0]!.arrives = 'db'), '/expect/0/arrives', 'pattern'],
    ['both arrives and fails', (t) => void ((t.expect[0] as any).fails = 'refused'), '/expect/0', 'oneOf'],
    ['neither arrives nor fails', (t) => delete (t.expect[0] as any).arrives, '/expect/0', 'oneOf'],
    [
      'an unknown disposition',
      (t) => {
        delete (t.expect[0] as any).arrives;
        (t.expect[0] as any).fails = 'dropped';
      },
      '/expect/0/fails',
      'anyOf',
    ],
    [
      'a flow without from',
      (t) => delete (t.expect[0] as any).from,
      '/expect/0',
      'required',
      { missingProperty: 'from' },
    ],
    ['a start time without unit', (t) => void ((t.expect[0] as any).at = '10'), '/expect/0/at', 'pattern'],
    ['an empty via', (t) => void ((t.expect[0] as any).via = []), '/expect/0/via', 'minItems'],
    [
      'a zero message count',
      (t) => void ((t.expect[0] as any).payload = { count: 0 }),
      '/expect/0/payload/count',
      'minimum',
    ],
    [
      'an unknown payload key',
      (t) => void ((t.expect[0] as any).payload = { bytes: 10 }),
      '/expect/0/payload',
      'additionalProperties',
      { additionalProperty: 'bytes' },
    ],
    [
      'a fault without time',
      (t) => delete (t.faults[0] as any).at,
      '/faults/0',
      'required',
      { missingProperty: 'at' },
    ],
    ['a fault with two actions', (t) => void ((t.faults[0] as any).up = 'db'), '/faults/0', 'oneOf'],
    ['a fault with no action', (t) => delete (t.faults[0] as any).down, '/faults/0', 'oneOf'],
    [
      'a cut of one host',
      (t) => void (t.faults[0] = { at: '1s', cut: ['relay'] } as any),
      '/faults/0/cut',
      'minItems',
    ],
    [
      'a cut of three hosts',
      (t) => void (t.faults[0] = { at: '1s', cut: ['a', 'b', 'c'] } as any),
      '/faults/0/cut',
      'maxItems',
    ],
  ];

  it.each(invalid)('reports %s', (_, change, instancePath, keyword, params) => {
    const errors = errorsOf(validate, with_(change));
    expect(errors).toContainEqual(
      params ? { instancePath, keyword, params } : expect.objectContaining({ instancePath, keyword }),
    );
    expect(errors.every((e) => e.instancePath.startsWith(instancePath))).toBe(true);
  });

  it('refers to the gost config schema for host configs', () => {
    const host = (topologySchema.definitions as Record<string, any>).Host;
    expect(host.properties.config.allOf).toEqual([{ $ref: 'gost-config.schema.json' }]);
  });

  it('parses the YAML form of a whole topology', () => {
    expect(
      check(`
# yaml-language-server: $schema=../schemas/topology.schema.json
name: office-ssh-via-relay
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
    gost: -L relay+wss://gost:\${RELAY_PASSWORD}@:8443?bind=true
  office-gw:
    addresses: { office: 10.0.0.2 }
    gost: -L rtcp://:2222/10.0.0.3:22 -F relay+wss://gost:\${RELAY_PASSWORD}@relay.example.com:8443
  db:
    addresses: { office: 10.0.0.3 }
    apps: { ssh: { listen: tcp/22, speaks: first } }
  laptop:
    addresses: { internet: 198.51.100.7 }
expect:
  - name: laptop reaches the office ssh through the relay
    from: laptop
    connect: tcp relay.example.com:2222
    arrives: db/ssh
    at: 1s
    payload: { size: 1024, count: 3 }
  - name: the db is not exposed directly
    from: laptop
    connect: tcp 10.0.0.3:22
    fails: unreachable
`),
    ).toEqual([]);
  });
});
