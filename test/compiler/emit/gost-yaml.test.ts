import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { argvTexts } from '../../../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../../../compiler/cmd/parse-gost-args.js';
import { configsEquivalent } from '../../../compiler/emit/equivalence.js';
import {
  compareYamlV3Keys,
  formatGoFloatG,
  yamlV3StringStyle,
} from '../../../compiler/emit/go-yaml-style.js';
import { writeGostJson, writeGostYaml } from '../../../compiler/emit/gost-yaml.js';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { gostConfigs } from './arbitraries.js';

function fromArgs(argv: string[]): GostConfig {
  return parseGostArgs(argvTexts(argv), { purpose: 'print' }).groups[0]!.config;
}

/** The same object with every key order reversed. */
function reversed<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversed) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    ) as T;
  }
  return v;
}

describe('gost -O yaml', () => {
  it('prints the remote-forward example as gost does', () => {
    const config = fromArgs([
      '-L',
      'rtcp://:2222/:22',
      '-F',
      'relay+wss://u:p@relay.example.com:8443?nodelay=true',
    ]);
    expect(writeGostYaml(config).text).toBe(`services:
  - name: service-0
    addr: :2222
    handler:
      type: rtcp
    listener:
      type: rtcp
      chain: chain-0
    forwarder:
      nodes:
        - name: target-0
          addr: :22
chains:
  - name: chain-0
    hops:
      - name: hop-0
        nodes:
          - name: node-0
            addr: relay.example.com:8443
            connector:
              type: relay
              auth:
                username: u
                password: p
              metadata:
                nodelay: "true"
            dialer:
              type: wss
              tls:
                serverName: relay.example.com
              metadata:
                nodelay: "true"
            metadata:
              nodelay: "true"
        metadata:
          nodelay: "true"
`);
  });

  it('prints selectors with Go durations and keeps fields gost never omits', () => {
    const config = fromArgs(['-L', 'tcp://:8080/a:1?maxFails=2&failTimeout=90', '-L', 'http://:pw@:8081']);
    const text = writeGostYaml(config).text;
    expect(text).toContain(
      '      selector:\n        strategy: round\n        maxFails: 2\n        failTimeout: 1m30s\n',
    );
    expect(text).toContain('      auth:\n        username: ""\n        password: pw\n');
    expect(writeGostYaml({}).text).toBe('services: []\n');
    expect(writeGostYaml({ chains: [{ name: 'c' }] }).text).toBe(
      'services: []\nchains:\n  - name: c\n    hops: []\n',
    );
  });

  it('orders fields as the Go structs do, whatever the input order', () => {
    const config = fromArgs([
      '-L',
      'relay+tls://u:p@:8443/x:1?bind=true&strategy=hash',
      '-F',
      'socks5://h:1?bypass=a,b',
    ]);
    expect(writeGostYaml(reversed(config)).text).toBe(writeGostYaml(config).text);
    expect(writeGostJson(reversed(config)).text).toBe(writeGostJson(config).text);
  });

  it('sorts metadata keys as yaml.v3 and encoding/json do', () => {
    const config: GostConfig = {
      services: [{ name: 's', metadata: { a10: 1, a9: 1, b: 1, B: 1, _x: 1, 'a.b': 1 } }],
    };
    const yamlKeys = writeGostYaml(config)
      .text.split('\n')
      .filter((l) => l.startsWith('      '))
      .map((l) => l.trim().split(':')[0]);
    expect(yamlKeys).toEqual(['_x', 'B', 'a.b', 'a9', 'a10', 'b']);
    const json = JSON.parse(writeGostJson(config).text) as { services: { metadata: object }[] };
    expect(Object.keys(json.services[0]!.metadata)).toEqual(['B', '_x', 'a.b', 'a10', 'a9', 'b']);
  });

  it('quotes strings the way yaml.v3 does', () => {
    const styles = Object.fromEntries(
      [
        'plain',
        ':8080',
        '',
        'true',
        'yes',
        '10',
        '1_000',
        '1:20',
        '0x1F',
        '1e3',
        '#x',
        'a: b',
        ' x',
        'x\ty',
        '-',
        'a\nb',
        '2001-12-14',
      ].map((s) => [s, yamlV3StringStyle(s)]),
    );
    expect(styles).toEqual({
      plain: 'PLAIN',
      ':8080': 'PLAIN',
      '': 'QUOTE_DOUBLE',
      true: 'QUOTE_DOUBLE',
      yes: 'QUOTE_DOUBLE',
      '10': 'QUOTE_DOUBLE',
      '1_000': 'QUOTE_DOUBLE',
      '1:20': 'QUOTE_DOUBLE',
      '0x1F': 'QUOTE_DOUBLE',
      '1e3': 'QUOTE_DOUBLE',
      '#x': 'QUOTE_SINGLE',
      'a: b': 'QUOTE_SINGLE',
      ' x': 'QUOTE_SINGLE',
      'x\ty': 'QUOTE_DOUBLE',
      '-': 'QUOTE_SINGLE',
      'a\nb': 'BLOCK_LITERAL',
      '2001-12-14': 'QUOTE_DOUBLE',
    });
    expect(
      writeGostYaml({ services: [{ name: 's', metadata: { k: '#x', n: 1.5e-7, m: 2000000.5, i: 42 } }] })
        .text,
    ).toContain('      i: 42\n      k: \'#x\'\n      m: 2.0000005e+06\n      "n": 1.5e-07\n');
    expect(compareYamlV3Keys('a2', 'a10')).toBeLessThan(0);
    expect(formatGoFloatG(123456.5)).toBe('123456.5');
  });
});

describe('gost -O json', () => {
  it('prints durations in nanoseconds, nil lists as null and escapes like encoding/json', () => {
    const config = fromArgs(['-L', 'tcp://:8080/a:1?failTimeout=10s&x=<&>']);
    const json = JSON.parse(writeGostJson(config).text) as {
      services: { forwarder: { selector: object } }[];
    };
    expect(json.services[0]!.forwarder.selector).toEqual({
      strategy: 'round',
      maxFails: 1,
      failTimeout: 10_000_000_000,
    });
    expect(writeGostJson(config).text).toContain('"x": "\\u003c"');
    expect(writeGostJson({}).text).toBe('{\n  "services": null\n}\n');
  });
});

describe('emitted YAML reads back', () => {
  it('parses with the yaml package into the same config', () => {
    fc.assert(
      fc.property(gostConfigs(), (config) => {
        const back = parseYaml(writeGostYaml(config).text) as GostConfig;
        expect(configsEquivalent(back, config)).toBe(true);
        expect(writeGostYaml(back).text).toBe(writeGostYaml(config).text);
      }),
      { numRuns: 200 },
    );
  });
});
