/**
 * Every example drawn as mermaid and DOT matches its golden in test/fixtures/graph/. Run with
 * UPDATE_GOLDENS=1 to rewrite them after a deliberate change.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDot } from '../../cli/graph/dot.js';
import { renderMermaid } from '../../cli/graph/mermaid.js';
import { flowGraphOf, repoRoot } from './compile-file.js';

const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const goldenDir = join(repoRoot, 'test', 'fixtures', 'graph');

function matchesGolden(actual: string, goldenPath: string): void {
  if (process.env.UPDATE_GOLDENS === '1') writeFileSync(goldenPath, actual);
  expect(existsSync(goldenPath), `${goldenPath} is missing (run with UPDATE_GOLDENS=1)`).toBe(true);
  expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
}

describe('graph goldens', () => {
  it('covers every example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s', (example) => {
    const name = example.replace(/\.yaml$/, '');
    const graph = flowGraphOf(`examples/${example}`);
    matchesGolden(renderMermaid(graph), join(goldenDir, `${name}.mmd`));
    matchesGolden(renderDot(graph), join(goldenDir, `${name}.dot`));
  });

  it.each(examples)('%s draws the same twice', (example) => {
    const first = flowGraphOf(`examples/${example}`);
    const second = flowGraphOf(`examples/${example}`);
    expect(renderMermaid(second)).toBe(renderMermaid(first));
    expect(renderDot(second)).toBe(renderDot(first));
  });
});
