import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Relative module specifiers of a TypeScript file: static imports and, optionally, dynamic ones. */
function importsOf(file: string, dynamic: boolean): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  // `import type` is erased at build time and loads nothing.
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gm))
    found.push(match[1]!);
  for (const match of text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)) found.push(match[1]!);
  if (dynamic) for (const match of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) found.push(match[1]!);
  return found.map((spec) => {
    const base = resolve(dirname(file), spec.replace(/\.js$/, ''));
    const candidate = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((path) => existsSync(path));
    if (!candidate) throw new Error(`${relative(root, file)}: cannot resolve ${spec}`);
    return candidate;
  });
}

/** Every project file loaded, transitively, when `entry` is loaded. */
function loadedBy(entry: string, { dynamic }: { dynamic: boolean }): string[] {
  const seen = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file, dynamic));
  }
  return [...seen].map((file) => relative(root, file)).sort();
}

describe('what the CLI loads', () => {
  it('loads no command module to print `topo --help`', () => {
    const files = loadedBy('cli/main.ts', { dynamic: false });
    expect(
      files.filter((file) => file.startsWith('cli/commands/') && file !== 'cli/commands/index.ts'),
    ).toEqual([]);
    // Only the dependency-free "did you mean" helper, for mistyped command names.
    expect(files.filter((file) => file.startsWith('compiler/'))).toEqual(['compiler/suggest.ts']);
  });

  it('keeps the simulator, the runtime and the TUI out of `topo check`, even through the compiler', () => {
    const files = loadedBy('cli/commands/check.ts', { dynamic: true });
    expect(files).toContain('cli/commands/check.ts');
    expect(files.filter((file) => /^(sim|runtime|cli\/tui)\//.test(file))).toEqual([]);
  });
});
