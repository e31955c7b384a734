/**
 * Regenerates the TypeScript types that mirror topo's JSON Schemas, so the schemas stay the one
 * source of truth for both validation and the compiler's types. Run `npm run gen:types`;
 * test/schemas/drift.test.ts fails whenever the committed files differ from what this produces.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ExternalSchema, type JsonSchemaObject, schemaToTypeScript } from './schema-to-ts.js';

export interface TypeTarget {
  /** Schema file, relative to the project root. */
  schema: string;
  /** Generated module, relative to the project root. */
  output: string;
  /** Type name of the schema's root. */
  rootName: string;
}

export const typeTargets: readonly TypeTarget[] = [
  {
    schema: 'schemas/gost-config.schema.json',
    output: 'compiler/gost/config.generated.ts',
    rootName: 'GostConfig',
  },
  {
    schema: 'schemas/topology.schema.json',
    output: 'compiler/topology/types.generated.ts',
    rootName: 'Topology',
  },
];

/** The project root: the nearest directory above this module holding topo's package.json. */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'topo'
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no topo package.json above ${from}`);
  }
}

function readSchema(root: string, file: string): JsonSchemaObject {
  const text = readFileSync(join(root, file), 'utf8');
  try {
    return JSON.parse(text) as JsonSchemaObject;
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/** Module specifier from one generated file to another, as NodeNext wants it (`../x/y.js`). */
function moduleSpecifier(fromOutput: string, toOutput: string): string {
  const path = relative(dirname(fromOutput), toOutput).split(sep).join(posix.sep).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Every generated module's text, by output path relative to the root. Nothing is written. */
export function generateTypes(root: string = projectRoot()): Map<string, string> {
  const schemas = typeTargets.map((target) => ({ target, schema: readSchema(root, target.schema) }));
  const result = new Map<string, string>();
  for (const { target, schema } of schemas) {
    const externals: ExternalSchema[] = schemas
      .filter((other) => other.target !== target && other.schema.$id !== undefined)
      .map((other) => ({
        schemaId: other.schema.$id!,
        moduleSpecifier: moduleSpecifier(target.output, other.target.output),
        rootName: other.target.rootName,
      }));
    const header = [
      `Generated from ${target.schema} by scripts/gen-types.ts. Do not edit: change the schema,`,
      'then run `npm run gen:types`.',
    ];
    try {
      result.set(target.output, schemaToTypeScript(schema, { rootName: target.rootName, header, externals }));
    } catch (error) {
      throw new Error(`${target.schema}: ${(error as Error).message}`);
    }
  }
  return result;
}

function main(): void {
  const root = projectRoot();
  for (const [output, text] of generateTypes(root)) {
    const path = join(root, output);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (before === text) {
      process.stdout.write(`unchanged ${output}\n`);
      continue;
    }
    writeFileSync(path, text);
    process.stdout.write(`wrote ${output}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`gen-types: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
