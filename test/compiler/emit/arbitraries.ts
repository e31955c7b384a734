/**
 * fast-check generators for gost configs and gost argument lists: arbitrary configs (for the
 * YAML writer), configs a command line can express (for the emitter), and argument lists.
 */
import fc from 'fast-check';
import type { GostConfig, HopConfig, NodeConfig, ServiceConfig } from '../../../compiler/gost/config.js';

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const host = fc.oneof(
  fc.constantFrom('', '127.0.0.1', '10.0.0.2', 'example.com', 'relay.example.com', '[::1]'),
  word.map((w) => `${w}.test`),
);
const port = fc.integer({ min: 1, max: 65000 });
const hostPort = fc.tuple(host, port).map(([h, p]) => `${h}:${p}`);
const dialHostPort = fc
  .tuple(
    host.filter((h) => h !== ''),
    port,
  )
  .map(([h, p]) => `${h}:${p}`);

/** Metadata keys: plain words, dotted and mixed case, none that the command line consumes. */
const metadataKey = fc.oneof(
  fc.constantFrom(
    'bind',
    'nodelay',
    'udp',
    'readTimeout',
    'keepAlive',
    'ttl',
    'path',
    'host',
    'backlog',
    'mux.version',
  ),
  word.map((w) => `x${w}`),
  word.map((w) => `x.${w}`),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('true', 'false', '5s', '1m0s', '4096', ' spaced ', 'a&b=c', 'ü', '#hash', '%41'),
  fc.integer({ min: 0, max: 100000 }),
  fc.boolean(),
);

function metadata(max = 3) {
  return fc.option(fc.dictionary(metadataKey, scalar, { maxKeys: max }), { nil: undefined }).map((m) => {
    if (!m) return undefined;
    // gost folds key case; keep one spelling per key so both sides mean the same.
    const seen = new Set<string>();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) {
      if (seen.has(k.toLowerCase())) continue;
      seen.add(k.toLowerCase());
      out[k] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  });
}

const strategy = fc.constantFrom('round', 'rr', 'random', 'rand', 'fifo', 'ha', 'hash');
const duration = fc.constantFrom('5s', '10s', '30s', '1m0s', '1m30s', '250ms');
const selector = fc.option(
  fc.record(
    { strategy, maxFails: fc.integer({ min: 0, max: 4 }), failTimeout: duration },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
const credentials = fc
  .option(
    fc.record({
      username: fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=%-]{0,8}$/).filter((u) => !u.includes(':')),
      password: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    }),
    { nil: undefined },
  )
  .map((a) => (a && a.password === undefined ? { username: a.username } : a));

const matchers = fc.array(fc.stringMatching(/^[a-z0-9.*/]{1,10}$/), { minLength: 1, maxLength: 3 });

/** Arbitrary configs in gost's shape (not all of them have a command-line form). */
export function gostConfigs(): fc.Arbitrary<GostConfig> {
  const node = fc.record(
    {
      name: word,
      addr: hostPort,
      connector: fc.record(
        { type: fc.constantFrom('http', 'socks5', 'relay'), metadata: metadata() },
        { requiredKeys: ['type'] },
      ),
      dialer: fc.record(
        { type: fc.constantFrom('tcp', 'tls', 'wss'), metadata: metadata() },
        { requiredKeys: ['type'] },
      ),
      metadata: metadata(),
    },
    { requiredKeys: ['name', 'addr'] },
  );
  const hop = fc.record(
    { name: word, selector, nodes: fc.array(node, { minLength: 1, maxLength: 3 }), metadata: metadata() },
    { requiredKeys: ['name', 'nodes'] },
  );
  const service = fc.record(
    {
      name: word,
      addr: hostPort,
      handler: fc.record(
        {
          type: fc.constantFrom('auto', 'http', 'socks5', 'relay', 'tcp'),
          auth: credentials,
          metadata: metadata(),
          chain: fc.constant('c'),
        },
        { requiredKeys: ['type'] },
      ),
      listener: fc.record(
        { type: fc.constantFrom('tcp', 'tls', 'ws', 'udp'), metadata: metadata() },
        { requiredKeys: ['type'] },
      ),
      forwarder: fc.option(
        fc.record(
          {
            selector,
            nodes: fc.array(fc.record({ name: word, addr: hostPort }), { minLength: 1, maxLength: 3 }),
          },
          { requiredKeys: ['nodes'] },
        ),
        { nil: undefined },
      ),
      metadata: metadata(),
    },
    { requiredKeys: ['name', 'handler', 'listener'] },
  );
  return fc
    .record(
      {
        services: fc.array(service, { maxLength: 3 }),
        chains: fc.array(
          fc.record({ name: fc.constant('c'), hops: fc.array(hop, { minLength: 1, maxLength: 2 }) }),
          { maxLength: 1 },
        ),
        bypasses: fc.array(fc.record({ name: word, whitelist: fc.boolean(), matchers }), { maxLength: 2 }),
        log: fc.option(fc.record({ level: fc.constantFrom('debug', 'info') }), { nil: undefined }),
      },
      { requiredKeys: [] },
    )
    .map((c) => JSON.parse(JSON.stringify(c)) as GostConfig);
}

/** Handler/listener pairs and whether a service of that kind may forward to targets. */
const servicePairs: [string, string, boolean][] = [
  ['auto', 'tcp', false],
  ['http', 'tcp', false],
  ['http', 'tls', false],
  ['socks5', 'tcp', false],
  ['socks5', 'ws', false],
  ['relay', 'tcp', true],
  ['relay', 'wss', true],
  ['relay', 'kcp', false],
  ['auto', 'tls', false],
  ['ss', 'tcp', false],
  ['sshd', 'sshd', false],
  ['tcp', 'tcp', true],
  ['udp', 'udp', true],
  ['rtcp', 'rtcp', true],
  ['rudp', 'rudp', true],
  ['forward', 'tls', true],
  ['forward', 'mwss', true],
];

const nodePairs: [string, string][] = [
  ['http', 'tcp'],
  ['http', 'tls'],
  ['socks5', 'tcp'],
  ['socks5', 'ws'],
  ['relay', 'tcp'],
  ['relay', 'wss'],
  ['relay', 'mwss'],
  ['forward', 'tls'],
  ['tcp', 'tcp'],
  ['sshd', 'sshd'],
  ['ss', 'tcp'],
];

/** Configs that a gost command line can express (possibly in several ` -- ` process groups). */
export function cliConfigs(): fc.Arbitrary<GostConfig> {
  const chain = fc.record({
    hops: fc.array(
      fc.record({
        pair: fc.constantFrom(...nodePairs),
        // An IPv6 literal first in a node list does not parse (gost reads the rest as its port).
        addrs: fc.oneof(
          dialHostPort.map((a) => [a]),
          fc.uniqueArray(
            dialHostPort.filter((a) => !a.startsWith('[')),
            { minLength: 2, maxLength: 3 },
          ),
        ),
        auth: credentials,
        secure: fc.boolean(),
        selector,
        hopMd: metadata(2),
        nodeMd: metadata(2),
        connectorMd: metadata(2),
        dialerMd: metadata(2),
        bypass: fc.option(fc.record({ whitelist: fc.boolean(), matchers }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });
  const service = fc.record({
    pair: fc.constantFrom(...servicePairs),
    addr: fc.oneof(fc.constant(''), hostPort),
    targets: fc.array(dialHostPort, { minLength: 1, maxLength: 3 }),
    auth: credentials,
    selector,
    handlerMd: metadata(),
    listenerMd: metadata(),
    serviceMd: metadata(),
    chain: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    retries: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    bypass: fc.option(fc.record({ whitelist: fc.boolean(), matchers }), { nil: undefined }),
    cert: fc.boolean(),
  });
  return fc
    .record({
      chains: fc.array(chain, { minLength: 0, maxLength: 3 }),
      services: fc.array(service, { minLength: 1, maxLength: 4 }),
      debug: fc.boolean(),
      api: fc.option(fc.record({ addr: hostPort.filter((a) => !a.startsWith('[')), auth: credentials }), {
        nil: undefined,
      }),
    })
    .map(({ chains, services, debug, api }) => {
      const config: GostConfig = { services: [] };
      const bypasses: { name: string; whitelist?: boolean; matchers: string[] }[] = [];
      const bypassRef = (b: { whitelist: boolean; matchers: string[] } | undefined) => {
        if (!b) return undefined;
        const name = `bp${bypasses.length}`;
        bypasses.push({ name, ...(b.whitelist ? { whitelist: true } : {}), matchers: b.matchers });
        return name;
      };
      config.chains = chains.map((c, ci) => ({
        name: `chain${ci}`,
        hops: c.hops.map((h, hi): HopConfig => {
          const [connector, dialer] = h.pair;
          const tlsDialer = ['tls', 'wss', 'mwss'].includes(dialer);
          const nodes = h.addrs.map((addr, ni): NodeConfig => {
            const auth = h.auth && { ...h.auth };
            const onDialer = dialer === 'sshd';
            return {
              name: `n${ni}`,
              addr,
              connector: {
                type: connector,
                ...(auth && !onDialer ? { auth } : {}),
                ...(h.connectorMd ? { metadata: h.connectorMd } : {}),
              },
              dialer: {
                type: dialer,
                ...(auth && onDialer ? { auth } : {}),
                ...(tlsDialer
                  ? { tls: { serverName: 'sni.example.com', ...(h.secure ? { secure: true } : {}) } }
                  : {}),
                ...(h.dialerMd ? { metadata: h.dialerMd } : {}),
              },
              ...(h.nodeMd ? { metadata: h.nodeMd } : {}),
            };
          });
          const bypass = bypassRef(h.bypass);
          return {
            name: `h${hi}`,
            ...(h.selector ? { selector: h.selector } : {}),
            ...(bypass ? { bypass } : {}),
            nodes,
            ...(h.hopMd ? { metadata: h.hopMd } : {}),
          };
        }),
      }));
      config.services = services.map((s, si): ServiceConfig => {
        const [handler, listener, forwards] = s.pair;
        const mustForward = ['tcp', 'udp', 'rtcp', 'rudp', 'forward'].includes(handler);
        const withTargets = forwards && (mustForward || s.targets.length > 1);
        const sshListener = listener === 'sshd';
        const chainName = s.chain !== undefined && s.chain < chains.length ? `chain${s.chain}` : undefined;
        const onListener = ['rtcp', 'rudp'].includes(listener);
        const tlsListener = ['tls', 'wss', 'mwss'].includes(listener);
        const bypass = bypassRef(s.bypass);
        return {
          name: `svc${si}`,
          addr: s.addr,
          ...(bypass ? { bypass } : {}),
          handler: {
            type: handler,
            ...(s.retries ? { retries: s.retries } : {}),
            ...(chainName && !onListener ? { chain: chainName } : {}),
            ...(s.auth && !sshListener ? { auth: s.auth } : {}),
            ...(s.handlerMd ? { metadata: s.handlerMd } : {}),
          },
          listener: {
            type: listener,
            ...(chainName && onListener ? { chain: chainName } : {}),
            ...(s.auth && sshListener ? { auth: s.auth } : {}),
            ...(tlsListener && s.cert ? { tls: { certFile: 'cert.pem', keyFile: 'key.pem' } } : {}),
            ...(s.listenerMd ? { metadata: s.listenerMd } : {}),
          },
          ...(withTargets
            ? {
                forwarder: {
                  ...(s.selector ? { selector: s.selector } : {}),
                  nodes: s.targets.map((addr, ti) => ({ name: `t${ti}`, addr })),
                },
              }
            : {}),
          ...(s.serviceMd ? { metadata: s.serviceMd } : {}),
        };
      });
      if (bypasses.length > 0) config.bypasses = bypasses;
      if (debug) config.log = { level: 'debug' };
      if (api) config.api = { addr: api.addr, ...(api.auth ? { auth: api.auth } : {}) };
      return config;
    });
}

const queryValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('true', '5s', 'a,b', '~x', '1', '0'),
);
const queryKey = fc.oneof(
  metadataKey,
  fc.constantFrom(
    'handler.bind',
    'listener.backlog',
    'service.note',
    'hop.x',
    'node.weight',
    'connector.timeout',
    'dialer.keepAlive',
    'interface',
    'so_mark',
    'retries',
    'strategy',
    'maxFails',
    'failTimeout',
    'bypass',
    'resolver',
    'hosts',
    'climiter',
    'rlimiter',
    'limiter.in',
    'dns',
    'secure',
    'serverName',
  ),
);

function query() {
  return fc
    .uniqueArray(fc.tuple(queryKey, queryValue), { maxLength: 4, selector: ([k]) => k.toLowerCase() })
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
    );
}

const userinfo = fc.option(
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9]{1,6}$/),
      fc.option(fc.stringMatching(/^[a-z0-9]{0,6}$/), { nil: undefined }),
    )
    .map(([u, p]) => (p === undefined ? `${u}@` : `${u}:${p}@`)),
  { nil: '' },
);

/** gost argument lists: -L services, -F nodes, and a few process flags. */
export function gostArgLists(): fc.Arbitrary<string[]> {
  const schemes = fc.constantFrom(
    '',
    'http',
    'socks5',
    'relay',
    'relay+tls',
    'tcp',
    'udp',
    'rtcp',
    'rudp',
    'https',
    'tls',
    'ss',
    'sshd',
    'forward+tls',
    'relay+wss',
  );
  const range = fc
    .tuple(port, fc.integer({ min: 0, max: 3 }))
    .map(([p, n]) => (n === 0 ? `${p}` : `${p}-${p + n}`));
  const service = fc
    .tuple(schemes, userinfo, host, range, fc.array(fc.tuple(host, range), { maxLength: 3 }), query())
    .map(([scheme, user, h, ports, targets, q]) => {
      const path =
        targets.length > 0 ? `/${targets.map(([th, tp]) => `${th === '' ? '' : th}:${tp}`).join(',')}` : '';
      const prefix = scheme === '' ? '' : `${scheme}://`;
      const text = `${prefix}${user}${h}:${ports}${path}${q}`;
      return scheme === '' && user === '' ? text : text.includes('://') ? text : `auto://${text}`;
    });
  const nodeSchemes = fc.constantFrom(
    'http',
    'socks5',
    'relay',
    'relay+tls',
    'relay+wss',
    'https',
    'forward+tls',
    'sshd',
    'ss',
    'tcp',
    'wss',
  );
  const node = fc
    .tuple(nodeSchemes, userinfo, fc.uniqueArray(dialHostPort, { minLength: 1, maxLength: 3 }), query())
    .map(([scheme, user, hosts, q]) => `${scheme}://${user}${hosts.join(',')}${q}`);
  const group = fc
    .tuple(fc.array(service, { minLength: 1, maxLength: 3 }), fc.array(node, { maxLength: 2 }), fc.boolean())
    .map(([ls, fs, debug]) => [
      ...ls.flatMap((l) => ['-L', l]),
      ...fs.flatMap((f) => ['-F', f]),
      ...(debug ? ['-D'] : []),
    ]);
  return fc
    .array(group, { minLength: 1, maxLength: 2 })
    .map((groups) => groups.flatMap((g, i) => (i === 0 ? g : ['--', ...g])));
}
