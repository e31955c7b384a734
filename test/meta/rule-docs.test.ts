/**
 * The rule catalogue stays whole: docs/rules.md is what `npm run gen:rule-docs` writes today, and
 * every rule in compiler/rules/index.ts has its own module file, its own test file and a place in
 * the sorted list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../compiler/rules/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The generator writes the file named by its first command-line argument when it is loaded; it is
 * loaded here with no such argument so that reading it cannot write anything.
 */
async function renderRuleDocs(): Promise<string> {
  const argv = process.argv;
  process.argv = argv.slice(0, 2);
  try {
    const generator = await import('../../scripts/gen-rule-docs.js');
    return generator.renderRuleDocs();
  } finally {
    process.argv = argv;
  }
}

describe('rule docs and tests', () => {
  it('docs/rules.md is up to date (run `npm run gen:rule-docs` when this fails)', async () => {
    const committed = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(await renderRuleDocs());
  });

  it('every rule has test/rules/<id>.test.ts', () => {
    const missing = rules.map((r) => `test/rules/${r.id}.test.ts`).filter((f) => !existsSync(join(root, f)));
    expect(missing).toEqual([]);
  });

  it('every rule lives in compiler/rules/<id>.ts and the list is sorted by id', () => {
    const misplaced = rules.map((r) => `compiler/rules/${r.id}.ts`).filter((f) => !existsSync(join(root, f)));
    expect(misplaced).toEqual([]);
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
