/**
 * Compiles the JSON Schemas into standalone validator modules at build time, so `topo check` does
 * not pay for compiling them at every start. Writes dist/compiler/validate/standalone-*.cjs; when
 * those are missing (running from the TypeScript sources) the validator compiles at run time.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv } from '../compiler/validate/validate.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'compiler', 'validate');
const ajv = createAjv({ code: { source: true } });
for (const name of ['topology', 'gost-config'] as const) {
  const validate = ajv.getSchema(`${name}.schema.json`);
  if (!validate) throw new Error(`schema ${name} did not compile`);
  writeFileSync(join(outDir, `standalone-${name}.cjs`), standaloneCode.default(ajv, validate));
}
