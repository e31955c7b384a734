import { describe, expect, it } from 'vitest';
import { argvTexts } from '../../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import { configsEquivalent, explainDifference } from '../../../compiler/emit/equivalence.js';
import type { GostConfig } from '../../../compiler/gost/config.js';

const fromArgs = (...argv: string[]) =>
  parseGostArgs(argvTexts(argv), { purpose: 'print' }).groups.map((g) => g.config);

const proxy = (extra: Partial<GostConfig> = {}): GostConfig => ({
  services: [
    { name: 'web', addr: ':8080', handler: { type: 'http', chain: 'up' }, listener: { type: 'tcp' } },
  ],
  chains: [
    {
      name: 'up',
      hops: [
        {
          name: 'h',
          nodes: [
            {
              name: 'n',
              addr: 'relay.example.com:8443',
              connector: { type: 'relay' },
              dialer: { type: 'tls' },
            },
          ],
        },
      ],
    },
  ],
  ...extra,
});

describe('configsEquivalent', () => {
  it('ignores names and follows references by content', () => {
    const renamed: GostConfig = {
      services: [
        { name: 'other', addr: ':8080', handler: { type: 'http', chain: 'x' }, listener: { type: 'tcp' } },
      ],
      chains: [{ name: 'x', hops: [{ name: 'top' }] }],
      hops: [
        {
          name: 'top',
          nodes: [
            {
              name: 'm',
              addr: 'relay.example.com:8443',
              connector: { type: 'relay' },
              dialer: { type: 'tls' },
            },
          ],
        },
      ],
    };
    expect(configsEquivalent(proxy(), renamed)).toBe(true);
  });

  it('treats the command line and the YAML it stands for as the same', () => {
    const yaml: GostConfig = {
      services: [
        {
          name: 's',
          addr: ':8420',
          handler: { type: 'relay', metadata: { bind: true } },
          listener: { type: 'tcp' },
        },
      ],
    };
    expect(configsEquivalent(fromArgs('-L', 'relay://:8420?bind=true'), yaml)).toBe(false);
    expect(explainDifference(fromArgs('-L', 'relay://:8420?handler.bind=true'), yaml)).toBeUndefined();
  });

  it('ignores the option copies the command line leaves in metadata', () => {
    const [parsed] = fromArgs(
      '-L',
      ':8080?bypass=10.0.0.0/8&retries=2',
      '-F',
      'relay+tls://u:p@h:443?secure=true',
    );
    const clean = structuredClone(parsed!);
    delete clean.services![0]!.metadata;
    delete clean.services![0]!.listener!.metadata;
    delete clean.chains![0]!.hops![0]!.metadata;
    expect(configsEquivalent(parsed!, clean)).toBe(true);
  });

  it('compares selectors by effect: YAML defaults are 10s, the command line fills 30s', () => {
    const withSelector = (selector?: object): GostConfig => ({
      services: [
        {
          name: 's',
          handler: { type: 'tcp' },
          listener: { type: 'tcp' },
          forwarder: { ...(selector ? { selector } : {}), nodes: [{ name: 't', addr: 'a:1' }] },
        },
      ],
    });
    expect(
      configsEquivalent(withSelector(), withSelector({ strategy: 'rr', maxFails: 0, failTimeout: '10s' })),
    ).toBe(true);
    expect(
      configsEquivalent(
        withSelector({ strategy: 'rand' }),
        withSelector({ strategy: 'random', failTimeout: 10_000_000_000 }),
      ),
    ).toBe(true);
    expect(configsEquivalent(withSelector(), fromArgs('-L', 'tcp://:0/a:1?strategy=round'))).toBe(false);
  });

  it('defaults a TLS dialer server name to the node host and ignores TLS on plain dialers', () => {
    const sni = (serverName?: string, dialer = 'tls') =>
      proxy({
        chains: [
          {
            name: 'up',
            hops: [
              {
                name: 'h',
                nodes: [
                  {
                    name: 'n',
                    addr: 'relay.example.com:8443',
                    connector: { type: 'relay' },
                    dialer: { type: dialer, ...(serverName ? { tls: { serverName } } : {}) },
                  },
                ],
              },
            ],
          },
        ],
      });
    expect(configsEquivalent(sni(), sni('relay.example.com'))).toBe(true);
    expect(configsEquivalent(sni(), sni('other.example.com'))).toBe(false);
    expect(configsEquivalent(sni(undefined, 'tcp'), sni('other.example.com', 'tcp'))).toBe(true);
  });

  it('folds type aliases and defaults', () => {
    const a: GostConfig = { services: [{ name: 's', handler: { type: 'socks' } }] };
    const b: GostConfig = {
      services: [{ name: 's', handler: { type: 'socks5' }, listener: { type: 'tcp' } }],
    };
    expect(configsEquivalent(a, b)).toBe(true);
  });

  it('compares services across process groups as a multiset', () => {
    const one: GostConfig = {
      services: [
        { name: 'a', addr: ':1', handler: { type: 'http' } },
        { name: 'b', addr: ':2', handler: { type: 'socks5' } },
      ],
    };
    expect(configsEquivalent(one, fromArgs('-L', 'socks5://:2', '--', '-L', 'http://:1'))).toBe(true);
    expect(explainDifference(one, fromArgs('-L', 'socks5://:2'))).toBe('2 services against 1');
  });

  it('keeps empty credentials apart from none, and dangling references apart from absent ones', () => {
    const auth = (a?: object): GostConfig => ({
      services: [{ name: 's', handler: { type: 'http', ...(a ? { auth: a } : {}) } }],
    });
    expect(configsEquivalent(auth(), auth({ username: '' }))).toBe(false);
    const chain = (name?: string): GostConfig => ({
      services: [{ name: 's', handler: { type: 'http', ...(name ? { chain: name } : {}) } }],
    });
    expect(configsEquivalent(chain(), chain('missing'))).toBe(false);
    expect(configsEquivalent(chain('gone'), chain('missing'))).toBe(true);
  });

  it('says where two configs differ', () => {
    const other = proxy();
    other.services![0]!.handler!.metadata = { Bind: 'yes' };
    expect(explainDifference(proxy(), other)).toBe(
      'service 1.handler.metadata: nothing against [["bind","yes"]]',
    );
  });
});
