/**
 * Writes docs/rules.md from the rule modules, so the docs cannot drift from the rules.
 * Run: npm run gen:rule-docs (a test fails when the committed file is stale).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { allRules } from '../compiler/index.js';

export function renderRuleDocs(): string {
  const lines = [
    '# Check rules',
    '',
    '<!-- Generated from compiler/rules/*.ts and compiler/builtin-checks.ts by `npm run gen:rule-docs`. Do not edit. -->',
    '',
    'Every diagnostic of `topo check` carries one of these ids.',
    '',
    '| id | severity | summary |',
    '| --- | --- | --- |',
    ...allRules.map(
      (r) => `| [${r.id}](#${r.id}) | ${r.severity} | ${r.docs.summary.replace(/\|/g, '\\|')} |`,
    ),
    '',
  ];
  for (const r of allRules) {
    lines.push(
      `## ${r.id}`,
      '',
      `**${r.severity}**: ${r.docs.summary}`,
      '',
      `**Why:** ${r.docs.why}`,
      '',
      `**Fix:** ${r.docs.fix}`,
      '',
    );
  }
  return lines.join('\n');
}

// Writes only when run as a script, never when a test imports renderRuleDocs.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2]) {
  writeFileSync(process.argv[2], renderRuleDocs());
}
