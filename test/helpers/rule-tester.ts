/**
 * A RuleTester after ESLint's: valid cases must produce no finding of the rule, invalid cases
 * exactly the listed findings at the listed line:column. Inputs must be free of syntax and schema
 * errors, so a case cannot pass because it failed to load.
 */
import { describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import type { Rule } from '../../compiler/rules/define-rule.js';

export interface InvalidCase {
  name?: string;
  code: string;
  errors: { line: number; column: number; message?: RegExp; host?: string }[];
  env?: Record<string, string>;
}

export interface RuleCases {
  valid: (string | { name?: string; code: string; env?: Record<string, string> })[];
  invalid: InvalidCase[];
}

const loadRules = new Set([
  'yaml-syntax',
  'yaml-empty',
  'yaml-key',
  'unknown-key',
  'missing-key',
  'invalid-value',
  'gost-cli',
]);

function findings(rule: Rule, code: string, env: Record<string, string> = {}) {
  const result = compileTopology('case.yaml', code, env);
  const broken = result.diagnostics.filter((d) => loadRules.has(d.rule));
  if (broken.length > 0) {
    throw new Error(
      `test input does not load cleanly:\n${broken.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message} [${d.rule}]`).join('\n')}`,
    );
  }
  return result.diagnostics.filter((d) => d.rule === rule.id);
}

export function testRule(rule: Rule, cases: RuleCases): void {
  const seen = new Set<string>();
  const unique = (code: string) => {
    if (seen.has(code)) throw new Error(`duplicate test case for ${rule.id}`);
    seen.add(code);
  };
  describe(rule.id, () => {
    it('has documentation', () => {
      expect(rule.docs.summary.length).toBeGreaterThan(10);
      expect(rule.docs.why.length).toBeGreaterThan(10);
      expect(rule.docs.fix.length).toBeGreaterThan(10);
    });
    cases.valid.forEach((c, i) => {
      const { code, env, name } = typeof c === 'string' ? { code: c, env: undefined, name: undefined } : c;
      unique(code);
      it(`valid #${i + 1}${name ? `: ${name}` : ''}`, () => {
        const out = findings(rule, code, env);
        expect(out.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      unique(c.code);
      if (c.errors.length === 0) throw new Error('an invalid case needs at least one error');
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const out = findings(rule, c.code, c.env);
        expect(out.map((d) => ({ line: d.span.start.line, column: d.span.start.column }))).toEqual(
          c.errors.map((e) => ({ line: e.line, column: e.column })),
        );
        c.errors.forEach((e, k) => {
          if (e.message) expect(out[k]!.message).toMatch(e.message);
          if (e.host) expect(out[k]!.host).toBe(e.host);
        });
      });
    });
  });
}
