/** The two schemas compiled together, as the compiler loads them (gost config referenced by id). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { projectRoot } from '../../scripts/gen-types.js';

export const root = projectRoot();

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
}

export const gostSchema = readJson('schemas/gost-config.schema.json');
export const topologySchema = readJson('schemas/topology.schema.json');

function compile(): { gost: ValidateFunction; topology: ValidateFunction } {
  // strict mode catches misspelt keywords in the schemas themselves; markdownDescription is an
  // editor annotation ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addKeyword('markdownDescription');
  ajv.addSchema(gostSchema);
  ajv.addSchema(topologySchema);
  return {
    gost: ajv.getSchema(gostSchema.$id as string)!,
    topology: ajv.getSchema(topologySchema.$id as string)!,
  };
}

export const validators = compile();

/** The errors of one validation, trimmed to what a test asserts on. */
export function errorsOf(
  validate: ValidateFunction,
  value: unknown,
): Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'>[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({
    instancePath,
    keyword,
    params,
  }));
}
