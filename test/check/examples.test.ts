/**
 * Every example topology passes `topo check`: exit status 0 and no error (warnings are allowed:
 * some examples show configurations gost runs but that deserve a note, such as open proxies).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import checkCommand from '../../cli/commands/check.js';
import type { JsonReport } from '../../cli/formatters/json.js';
import { fakeContext } from '../cli/fake-context.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('examples', () => {
  it('there are examples to check', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    it(`${example} checks without errors`, async () => {
      const ctx = fakeContext(['--format', 'json', `examples/${example}`], { cwd: root, env: {} });
      const code = await checkCommand.run(ctx);
      const report = JSON.parse(ctx.stdout.text) as JsonReport;
      const errors = report.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.rule}]`);
      expect(errors).toEqual([]);
      expect(report.summary.errors).toBe(0);
      expect(ctx.stderr.text).toBe('');
      expect(code).toBe(0);
    });
  }
});
