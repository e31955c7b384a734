import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import convert from '../../cli/commands/convert.js';
import { lineArgText } from '../../compiler/cmd/arg-text.js';
import { parseGostArgs, splitShellWords } from '../../compiler/cmd/index.js';
import { configsEquivalent, decodeGoConfig, explainDifference } from '../../compiler/emit/index.js';
import type { GostConfig } from '../../compiler/gost/config.js';
import { yamlBlocks } from '../schemas/yaml-blocks.js';
import { fakeContext } from './fake-context.js';

const seeds = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const configs = readdirSync(seeds)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((file) =>
    yamlBlocks(readFileSync(join(seeds, file), 'utf8')).map((yaml, i) => [`${file}#${i}`, yaml] as const),
  );

/**
 * Seed configs that no command line reproduces, with the reason topo must give. Seed 002's
 * server-side forwarding YAML puts the client chain on a tcp listener, where gost's command line
 * never puts it (GOST-SEMANTICS §3.5 notes the docs inconsistency).
 */
const inexpressible: Record<string, RegExp> = {
  '002_96d211761f7581d1.txt#15':
    /service service-0 has chain chain-0 on its tcp listener; the command line puts it on the handler/,
};

describe('topo convert --to cli on the seed configs', () => {
  it('finds the seed configs', () => {
    expect(configs.length).toBeGreaterThan(20);
  });

  it.each(configs)(
    '%s converts to a command line that gost reads back into an equivalent config',
    async (name, yaml) => {
      const dir = mkdtempSync(join(tmpdir(), 'topo-convert-'));
      const file = join(dir, 'gost.yaml');
      writeFileSync(file, yaml);
      const ctx = fakeContext(['--to', 'cli', file]);
      const code = await convert.run(ctx);
      const refusal = inexpressible[name];
      if (refusal) {
        expect(code).toBe(1);
        expect(ctx.stderr.text).toMatch(refusal);
        return;
      }
      expect(ctx.stderr.text).toBe('');
      expect(code).toBe(0);
      const line = ctx.stdout.text.trim();
      expect(line.startsWith('gost ')).toBe(true);
      const words = splitShellWords(lineArgText(line)).words.slice(1);
      const parsed = parseGostArgs(words);
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const original = decodeGoConfig(parse(yaml), 'yaml').config as GostConfig;
      const back = parsed.groups.map((g) => g.config);
      expect(explainDifference(original, back)).toBeUndefined();
      expect(configsEquivalent(original, back)).toBe(true);
    },
  );

  it('refuses, with --single-process, a config whose services need two chains, naming them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topo-convert-'));
    const file = join(dir, 'gost.yaml');
    writeFileSync(
      file,
      `services:
  - name: ssh-back
    addr: :2222
    handler: { type: rtcp }
    listener: { type: rtcp, chain: a }
    forwarder: { nodes: [{ name: t, addr: 10.0.0.3:22 }] }
  - name: web
    addr: :8080
    handler: { type: http, chain: b }
    listener: { type: tcp }
chains:
  - name: a
    hops: [{ name: h, nodes: [{ name: n, addr: relay:8420, connector: { type: relay } }] }]
  - name: b
    hops: [{ name: h, nodes: [{ name: n, addr: proxy:1080, connector: { type: socks5 } }] }]
`,
    );
    const grouped = fakeContext(['--to', 'cli', file]);
    expect(await convert.run(grouped)).toBe(0);
    expect(grouped.stdout.text).toMatch(/ -- /);
    const single = fakeContext(['--to', 'cli', '--single-process', file]);
    expect(await convert.run(single)).toBe(1);
    expect(single.stderr.text).toMatch(/service ssh-back uses chain a, service web uses chain b/);
  });
});
