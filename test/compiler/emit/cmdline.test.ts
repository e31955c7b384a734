import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argvTexts } from '../../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import { lineArgText } from '../../../compiler/cmd/arg-text.js';
import { splitShellWords } from '../../../compiler/cmd/shell-words.js';
import { emitCommandLine } from '../../../compiler/emit/cmdline.js';
import { configsEquivalent, explainDifference } from '../../../compiler/emit/equivalence.js';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { cliConfigs, gostArgLists } from './arbitraries.js';

function read(argv: string[]) {
  const result = parseGostArgs(argvTexts(argv));
  return { configs: result.groups.map((g) => g.config), diagnostics: result.diagnostics };
}

function emitOk(config: GostConfig) {
  const e = emitCommandLine(config);
  if (!e.ok) throw new Error(e.reason);
  return e;
}

const twoChains: GostConfig = {
  services: [
    {
      name: 'ssh-back',
      addr: ':2222',
      handler: { type: 'rtcp' },
      listener: { type: 'rtcp', chain: 'a' },
      forwarder: { nodes: [{ name: 'ssh', addr: '10.0.0.3:22' }] },
    },
    { name: 'web', addr: ':8080', handler: { type: 'http', chain: 'b' }, listener: { type: 'tcp' } },
  ],
  chains: [
    {
      name: 'a',
      hops: [
        {
          name: 'relay',
          nodes: [
            {
              name: 'r',
              addr: 'relay.example.com:8443',
              connector: { type: 'relay' },
              dialer: { type: 'wss' },
            },
          ],
        },
      ],
    },
    {
      name: 'b',
      hops: [
        {
          name: 'socks',
          nodes: [
            { name: 's', addr: '10.0.0.1:1080', connector: { type: 'socks5' }, dialer: { type: 'tcp' } },
          ],
        },
      ],
    },
  ],
};

describe('emitCommandLine', () => {
  it('inverts the remote-forward example', () => {
    const argv = ['-L', 'rtcp://:2222/:22', '-F', 'relay+wss://u:p@relay.example.com:8443?nodelay=true'];
    const e = emitOk(read(argv).configs[0]!);
    expect(e.argv).toEqual(argv);
    expect(e.line).toBe("gost -L rtcp://:2222/:22 -F 'relay+wss://u:p@relay.example.com:8443?nodelay=true'");
  });

  it('writes the shortest form: inferred scheme parts and default options left out', () => {
    const e = emitOk(
      read([
        '-L',
        'tcp://:8080/192.168.1.1:80,192.168.1.2:80?strategy=round&maxFails=1&failTimeout=30s',
        '-L',
        'auto://:1080',
        '-L',
        'https://:443',
      ]).configs[0]!,
    );
    expect(e.argv).toEqual([
      '-L',
      ':8080/192.168.1.1:80,192.168.1.2:80?failTimeout=30s',
      '-L',
      ':1080',
      '-L',
      'https://:443',
    ]);
  });

  it('writes consecutive services as port ranges', () => {
    expect(emitOk(read(['-L', 'tcp://:8000-8003/10.0.0.1:80']).configs[0]!).argv).toEqual([
      '-L',
      ':8000-8003/10.0.0.1:80',
    ]);
    expect(emitOk(read(['-L', 'tcp://:8000-8003/10.0.0.1:9000-9010']).configs[0]!).argv).toEqual([
      '-L',
      ':8000-8003/10.0.0.1:9000-9003',
    ]);
  });

  it('puts services with different chains into -- process groups', () => {
    const e = emitOk(twoChains);
    expect(e.groups).toHaveLength(2);
    expect(e.line).toBe(
      'gost -L rtcp://:2222/10.0.0.3:22 -F relay+wss://relay.example.com:8443 -- -L http://:8080 -F socks5://10.0.0.1:1080',
    );
    const back = read(e.argv).configs;
    expect(configsEquivalent(twoChains, back)).toBe(true);
  });

  it('names the services and chains when one process is required', () => {
    const e = emitCommandLine(twoChains, { allowGroups: false });
    expect(e).toEqual({
      ok: false,
      reason:
        'service ssh-back uses chain a, service web uses chain b: a command line has one chain per process; use -C with the YAML',
    });
  });

  it('says precisely why a config has no command line', () => {
    const cases: [GostConfig, string][] = [
      [
        {
          services: [
            { name: 'web', handler: { type: 'http', chain: 'a' }, listener: { type: 'tcp', chain: 'b' } },
          ],
        },
        'service web has chain a on its handler and chain b on its listener; a command line gives a service one chain',
      ],
      [
        {
          services: [{ name: 'p', handler: { type: 'socks5', auther: 'users' }, listener: { type: 'tcp' } }],
        },
        "service p's handler has auther, which a command line cannot set; use -C with the YAML",
      ],
      [
        {
          services: [
            {
              name: 'p',
              handler: { type: 'http' },
              listener: { type: 'tcp' },
              forwarder: { nodes: [{ name: 't', addr: 'a:1' }] },
            },
          ],
        },
        'service p has a http handler with forward targets; on the command line a target path turns the handler into tcp (only relay keeps its handler)',
      ],
      [
        {
          services: [{ name: 'p', addr: ':8000-8003', handler: { type: 'tcp' }, listener: { type: 'tcp' } }],
        },
        'service p listens on :8000-8003, which gost would expand into a port range',
      ],
      [
        { chains: [{ name: 'c', hops: [] }] },
        'the config has no services: gost started without -L reads gost.yml from its default places instead',
      ],
      [
        { services: [{ name: 'x', handler: { type: 'http', chain: 'nope' }, listener: { type: 'tcp' } }] },
        'service x names chain nope, which the config does not define',
      ],
    ];
    for (const [config, reason] of cases) {
      const e = emitCommandLine(config);
      expect(e.ok).toBe(false);
      expect(e.ok ? '' : e.reason).toBe(reason);
    }
  });

  it('keeps YAML selector defaults apart from the command line ones', () => {
    const config: GostConfig = {
      services: [
        {
          name: 's',
          handler: { type: 'tcp' },
          listener: { type: 'tcp' },
          forwarder: {
            selector: { strategy: 'fifo' },
            nodes: [
              { name: 'a', addr: 'a:1' },
              { name: 'b', addr: 'b:1' },
            ],
          },
        },
      ],
    };
    expect(emitOk(config).argv).toEqual(['-L', 'auto:///a:1,b:1?strategy=fifo&failTimeout=10s']);
  });

  it('moves a TLS server name into the query when a node list needs it', () => {
    const config: GostConfig = {
      services: [{ name: 's', handler: { type: 'http', chain: 'c' }, listener: { type: 'tcp' } }],
      chains: [
        {
          name: 'c',
          hops: [
            {
              name: 'h',
              nodes: ['gw1.example.com:443', 'gw2.example.com:443'].map((addr, i) => ({
                name: `n${i}`,
                addr,
                connector: { type: 'relay' },
                dialer: { type: 'tls', tls: { serverName: 'gw.example.com', secure: true } },
              })),
            },
          ],
        },
      ],
    };
    expect(emitOk(config).argv).toEqual([
      '-L',
      'http://',
      '-F',
      'relay+tls://gw1.example.com:443,gw2.example.com:443?secure=true&serverName=gw.example.com',
    ]);
  });

  it('reads back every generated command-line config as an equivalent config', () => {
    fc.assert(
      fc.property(cliConfigs(), (config) => {
        const e = emitCommandLine(config);
        if (!e.ok) throw new Error(`${e.reason}\n${JSON.stringify(config)}`);
        const back = read(e.argv);
        expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const difference = explainDifference(config, back.configs);
        expect(difference).toBeUndefined();
        // The quoted line splits back into the same words.
        const words = splitShellWords(lineArgText(e.line)).words.map((w) => w.text);
        expect(words).toEqual(['gost', ...e.argv]);
      }),
      { numRuns: 300 },
    );
  });

  it('writes back every generated argument list so that gost reads the same config', () => {
    fc.assert(
      fc.property(gostArgLists(), (argv) => {
        const first = read(argv);
        fc.pre(!first.diagnostics.some((d) => d.severity === 'error'));
        fc.pre(first.configs.every((c) => (c.services?.length ?? 0) > 0));
        const argvs = first.configs.map((c) => {
          const e = emitCommandLine(c);
          if (!e.ok) throw new Error(`${e.reason}\n${JSON.stringify(argv)}`);
          return e.argv;
        });
        const again = argvs.map((a) => read(a).configs);
        expect(explainDifference(first.configs, again.flat())).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
