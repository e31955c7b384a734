/**
 * Whatever it is given, the compiler reports and never throws, and every diagnostic points inside
 * the text it was given: arbitrary YAML values (with topology-shaped keys nested at random),
 * arbitrary edits of such documents, and arbitrary gost command lines on a topology host.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileTopology } from '../../compiler/index.js';
import type { Span } from '../../compiler/diagnostics.js';
import {
  connectorNames,
  dialerNames,
  handlerNames,
  listenerNames,
} from '../../compiler/gost/registry-names.js';

const file = 'case.yaml';

function spanProblem(span: Span, length: number): string | undefined {
  const { start, end } = span;
  if (span.file !== file) return `span in file ${span.file}`;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= length))
    return `offsets ${start.offset}..${end.offset} outside 0..${length}`;
  if (start.line < 1 || start.column < 1 || end.line < start.line)
    return `bad position ${JSON.stringify(span)}`;
  return undefined;
}

/** Compiles `text` and checks that nothing escapes and every span is within the text. */
function checkCompiles(text: string): void {
  const result = compileTopology(file, text, { SOME_VAR: 'value' });
  for (const d of result.diagnostics) {
    for (const span of [d.span, ...d.related.map((r) => r.span)]) {
      const problem = spanProblem(span, text.length);
      if (problem) throw new Error(`[${d.rule}] ${d.message}: ${problem}`);
    }
  }
}

const topologyKeys = [
  'name',
  'description',
  'networks',
  'nat',
  'hosts',
  'addresses',
  'names',
  'gost',
  'config',
  'apps',
  'listen',
  'kind',
  'speaks',
  'banner',
  'expect',
  'from',
  'connect',
  'proxy',
  'arrives',
  'fails',
  'via',
  'at',
  'payload',
  'faults',
  'down',
  'cut',
  'internet',
  'relay',
  'laptop',
];
const gostKeys = [
  'services',
  'chains',
  'hops',
  'nodes',
  'handler',
  'listener',
  'connector',
  'dialer',
  'forwarder',
  'type',
  'addr',
  'chain',
  'chainGroup',
  'auth',
  'auther',
  'authers',
  'username',
  'password',
  'tls',
  'secure',
  'serverName',
  'certFile',
  'caFile',
  'metadata',
  'selector',
  'failTimeout',
  'reload',
  'bind',
  'nodelay',
  'keepalive',
  'admission',
  'bypass',
  'hop',
];
const typeNames = [...new Set([...handlerNames, ...listenerNames, ...connectorNames, ...dialerNames])];

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    ...typeNames,
    ':8420',
    '0.0.0.0:2222',
    '203.0.113.10:8443',
    '10.0.0.3:22',
    '[::1]:1080',
    ':8000-8003',
    'tcp/80',
    'udp/53',
    'tcp 203.0.113.10:2222',
    'relay/http',
    '${SOME_VAR}',
    '${MISSING}',
    '${BROKEN',
    '10s',
    '-L relay://:8420 -F relay://203.0.113.10:8420',
  ),
  fc.integer({ min: -5, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: false }),
);

const key = fc.oneof(fc.constantFrom(...topologyKeys, ...gostKeys), fc.string({ maxLength: 8 }));

const { value } = fc.letrec<{ value: unknown; list: unknown[]; map: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));

/** Documents that look like topologies at the top and anything underneath. */
const topologyShaped = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 8 }), value),
    networks: fc.oneof(fc.constant({ internet: {}, office: { nat: 'internet' } }), value),
    hosts: fc.dictionary(
      fc.constantFrom('relay', 'laptop', 'gw', 'db', 'x'),
      fc.record(
        {
          addresses: fc.oneof(
            fc.constant({ internet: '203.0.113.10' }),
            fc.constant({ office: '10.0.0.2' }),
            value,
          ),
          names: fc.oneof(fc.constant(['relay.example.com']), value),
          gost: value,
          config: value,
          apps: value,
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 4 },
    ),
    expect: value,
    faults: value,
  },
  { requiredKeys: [] },
);

function yamlText(v: unknown): string {
  return stringify(v, { aliasDuplicateObjects: false });
}

const scheme = fc.oneof(
  fc.constantFrom(...typeNames, 'https', 'relay+wss', 'socks5+tls', 'forward+tls', 'relay+kcp', 'ss+kcp', ''),
  fc
    .tuple(fc.constantFrom(...typeNames), fc.constantFrom(...listenerNames, ...dialerNames))
    .map(([a, b]) => `${a}+${b}`),
  fc.string({ maxLength: 6 }),
);
const host = fc.oneof(
  fc.constantFrom(
    '',
    'relay.example.com',
    '127.0.0.1',
    '0.0.0.0',
    '203.0.113.10',
    '10.0.0.2',
    '[::1]',
    'localhost',
  ),
  fc.ipV4(),
  fc.domain(),
  fc.string({ maxLength: 8 }),
);
const port = fc.oneof(
  fc.integer({ min: 0, max: 70000 }).map(String),
  // Ranges stay short: gost expands `a-b` into one service per port, and that count is not the point here.
  fc
    .tuple(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: -3, max: 3 }))
    .map(([a, d]) => `${a}-${a + d}`),
  fc.string({ maxLength: 4 }),
);
const hostPort = fc.tuple(host, fc.option(port)).map(([h, p]) => (p === null ? h : `${h}:${p}`));
const userinfo = fc.option(
  fc
    .tuple(fc.string({ maxLength: 6 }), fc.option(fc.string({ maxLength: 6 })))
    .map(([u, p]) => (p === null ? `${u}@` : `${u}:${p}@`)),
);
const targets = fc.option(
  fc.array(hostPort, { minLength: 1, maxLength: 3 }).map((list) => `/${list.join(',')}`),
);
const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'bind',
            'udp',
            'nodelay',
            'keepalive',
            'ttl',
            'path',
            'secure',
            'serverName',
            'auth',
            'mux.type',
            'kcp.key',
            'failTimeout',
            'strategy',
            'maxFails',
            'certFile',
            'keyFile',
            'caFile',
            'retries',
            'bypass',
            'admission',
            'handler.bind',
            'listener.path',
          ),
          fc.string({ maxLength: 5 }),
        ),
        fc.oneof(
          fc.constantFrom('true', 'false', '1', 'yes', '10s', '/ws', 'dXNlcjpwYXNz'),
          fc.string({ maxLength: 6 }),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
);
const url = fc
  .tuple(scheme, fc.boolean(), userinfo, hostPort, targets, query, fc.string({ maxLength: 3 }))
  .map(
    ([s, withScheme, u, hp, t, q, junk]) =>
      `${withScheme ? `${s}://` : ''}${u ?? ''}${hp}${t ?? ''}${q ?? ''}${junk}`,
  );
const flag = fc.constantFrom('-L', '-F', '-L', '-F', '-C', '-D', '--', '-O', 'gost', '');
const argv = fc.array(fc.tuple(flag, url), { minLength: 1, maxLength: 5 });

function topologyWith(gost: unknown): unknown {
  return {
    name: 't',
    networks: { internet: {}, office: { nat: 'internet' } },
    hosts: {
      relay: {
        addresses: { internet: '203.0.113.10' },
        names: ['relay.example.com'],
        gost: '-L relay://:8420?bind=true',
      },
      gw: { addresses: { office: '10.0.0.2' }, gost },
    },
  };
}

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

describe('compileTopology never throws and keeps its spans inside the text', () => {
  it('on arbitrary YAML values with topology-shaped keys', () => {
    fc.assert(
      fc.property(fc.oneof(value, topologyShaped), (v) => {
        checkCompiles(yamlText(v));
      }),
      runs,
    );
  });

  it('on topology-shaped documents with random text spliced in', () => {
    fc.assert(
      fc.property(
        topologyShaped,
        fc.nat(),
        fc.oneof(
          fc.string({ maxLength: 6 }),
          fc.constantFrom('&a ', '*a', '\t', '\r', '"', "'", '{', ']', ': ', '\n- ', '%'),
        ),
        (v, at, junk) => {
          const text = yamlText(v);
          const cut = text.length === 0 ? 0 : at % (text.length + 1);
          checkCompiles(text.slice(0, cut) + junk + text.slice(cut));
        },
      ),
      runs,
    );
  });

  it('on arbitrary gost command lines, as a string and as an argv list', () => {
    fc.assert(
      fc.property(argv, fc.boolean(), (args, asList) => {
        const words = args.flatMap(([f, u]) => (f === '' ? [u] : [f, u]));
        checkCompiles(yamlText(topologyWith(asList ? words : words.join(' '))));
      }),
      runs,
    );
  });

  it('catches a span outside the text (the check itself can fail)', () => {
    const outside: Span = {
      file,
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 11, offset: 10 },
    };
    expect(spanProblem(outside, 5)).toMatch(/outside 0..5/);
    expect(spanProblem({ ...outside, end: outside.start }, 5)).toBeUndefined();
  });
});
