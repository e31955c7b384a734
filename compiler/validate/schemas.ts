/**
 * Finds and reads the JSON Schemas shipped in `schemas/`, whether topo runs from its TypeScript
 * sources or from the compiled `dist/` tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let schemasDir: string | undefined;

export function findSchemasDir(): string {
  if (schemasDir) return schemasDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas', 'topology.schema.json');
    if (existsSync(candidate) && !dir.endsWith(`${'/'}dist`)) {
      schemasDir = join(dir, 'schemas');
      return schemasDir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('topo: cannot find the schemas/ folder next to the installation');
    dir = parent;
  }
}

export function readSchema(name: 'topology' | 'gost-config'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(findSchemasDir(), `${name}.schema.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}
