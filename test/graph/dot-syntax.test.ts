/**
 * The DOT we emit is read by graphviz: every example and broken fixture renders with `dot -Tsvg`
 * without a warning, and labels come out of graphviz's layout exactly as written. Those checks need
 * the `dot` binary (apt-get install graphviz); the structural checks below always run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotString, renderDot } from '../../cli/graph/dot.js';
import { flowGraphOf, repoRoot } from './compile-file.js';

const files = [
  ...readdirSync(join(repoRoot, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `examples/${f}`),
  ...readdirSync(join(repoRoot, 'test', 'fixtures', 'broken'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `test/fixtures/broken/${f}`),
].sort();

const hasDot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;

function runDot(format: string, input: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('dot', [`-T${format}`], { input, encoding: 'utf8', timeout: 20_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('DOT output', () => {
  it.each(files)('%s declares every node an edge uses, inside balanced clusters', (file) => {
    const graph = flowGraphOf(file);
    const dot = renderDot(graph);
    const declared = new Set([...dot.matchAll(/^\s*(\w+) \[label=/gm)].map((m) => m[1]));
    expect([...declared].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const m of dot.matchAll(/^\s*(\w+) -> (\w+) \[/gm)) {
      expect(declared.has(m[1])).toBe(true);
      expect(declared.has(m[2])).toBe(true);
    }
    expect([...dot.matchAll(/^\s*(\w+) -> (\w+) \[/gm)].length).toBe(graph.edges.length);
    const opens = dot.match(/\{\s*$/gm)?.length ?? 0;
    const closes = dot.match(/^\s*\}\s*$/gm)?.length ?? 0;
    expect(opens).toBe(closes);
  });

  it.runIf(hasDot).each(files)('%s renders with dot -Tsvg', (file) => {
    const result = runDot('svg', renderDot(flowGraphOf(file)));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<svg');
  });

  it.runIf(hasDot)('keeps any label text intact through the escaping', () => {
    const line = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom(...'\\"NGLnrl{}[]<>|;#✖'),
          fc.string({ unit: 'grapheme', maxLength: 1 }),
        ),
        minLength: 1,
        maxLength: 20,
      })
      .filter((s) => s.trim() === s && s !== '' && !/[\r\n\t]/.test(s));
    const labels = fc.sample(fc.array(line, { minLength: 1, maxLength: 3 }), { numRuns: 60, seed: 7 });
    const input = [
      'digraph g {',
      ...labels.map((lines, i) => `  n${i} [label=${dotString(lines.join('\n'))}];`),
      '}',
    ].join('\n');
    const result = runDot('json', input);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as {
      objects: { name: string; _ldraw_?: { op: string; text?: string }[] }[];
    };
    for (const [i, lines] of labels.entries()) {
      const object = json.objects.find((o) => o.name === `n${i}`)!;
      const shown = (object._ldraw_ ?? []).filter((op) => op.op === 'T').map((op) => op.text);
      expect(shown).toEqual(lines);
    }
  });

  it.runIf(hasDot)('rejects what graphviz rejects, so the checks above can fail', () => {
    expect(runDot('svg', 'digraph g { a [label="x] }').status).not.toBe(0);
    expect(() => execFileSync('dot', ['-Tsvg'], { input: 'digraph { a -> }', stdio: 'pipe' })).toThrow();
  });
});
