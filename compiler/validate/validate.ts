/**
 * Validates a located document against a JSON Schema and turns ajv's errors into diagnostics on
 * the right characters: an unknown key is blamed on the key, a missing key on its parent, any
 * other problem on the offending value.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic, Span } from '../diagnostics.js';
import type { SpanIndex } from '../gost/span-index.js';
import { closestMatch as closest } from '../suggest.js';
import { readSchema } from './schemas.js';
import { createRequire } from 'node:module';

export interface ValidationTarget {
  value: unknown;
  valueSpans: SpanIndex;
  keySpans: SpanIndex;
  /** Prefix of every path in the span indexes (e.g. ['hosts', 'relay', 'config'] for a nested config). */
  base?: (string | number)[];
}

type SchemaName = 'topology' | 'gost-config';

const require = createRequire(import.meta.url);

/**
 * One Ajv with both schemas; `options` lets the build ask for generated source. Ajv itself is
 * loaded only here: with the validators precompiled, `topo check` never pays for it.
 */
export function createAjv(options: ConstructorParameters<typeof Ajv>[0] = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    verbose: true,
    ...options,
  });
  ajv.addSchema(readSchema('gost-config'), 'gost-config.schema.json');
  ajv.addSchema(readSchema('topology'), 'topology.schema.json');
  return ajv;
}

const validators = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (v) return v;
  try {
    // Precompiled at build time (scripts/build-validators.ts).
    v = require(`./standalone-${name}.cjs`) as ValidateFunction;
  } catch {
    v = createAjv().getSchema(`${name}.schema.json`);
    if (!v) throw new Error(`schema ${name} did not compile`);
  }
  validators.set(name, v);
  return v;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function pathOf(base: (string | number)[], pointer: string): (string | number)[] {
  return [...base, ...decodePointer(pointer).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
}

function describeLocation(path: (string | number)[]): string {
  const named = [...path].reverse().find((p) => typeof p === 'string');
  return named === undefined ? 'the document' : `"${named}"`;
}

function describeValue(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a map';
  return `${typeof data} ${JSON.stringify(data)}`;
}

/** Only the most specific errors: drop combinator summaries when a concrete error exists at or below the same place. */
function mostSpecific(errors: ErrorObject[]): ErrorObject[] {
  const combinators = new Set(['oneOf', 'anyOf', 'if', 'not']);
  const concrete = errors.filter((e) => !combinators.has(e.keyword));
  const kept = errors.filter(
    (e) =>
      !combinators.has(e.keyword) ||
      !concrete.some(
        (c) => c.instancePath === e.instancePath || c.instancePath.startsWith(`${e.instancePath}/`),
      ),
  );
  // A value that fails a type check in every branch of a union reports one type error per branch:
  // merge them into one.
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key =
      e.keyword === 'type'
        ? `${e.instancePath}|type`
        : `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unionTypes(errors: ErrorObject[], instancePath: string): string[] {
  const types = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'type' && e.instancePath === instancePath) {
      const t = (e.params as { type: string | string[] }).type;
      for (const x of Array.isArray(t) ? t : [t]) types.add(x);
    }
  }
  return [...types];
}

export function validateAgainst(schema: 'topology' | 'gost-config', target: ValidationTarget): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(target.value)) return [];
  const all = validate.errors ?? [];
  const base = target.base ?? [];
  const out: Diagnostic[] = [];
  for (const e of mostSpecific(all)) {
    const path = pathOf(base, e.instancePath);
    const valueSpan = (): Span => target.valueSpans.get(path);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = (e.params as { additionalProperty: string }).additionalProperty;
        const keyPath = [...path, key];
        const allowed = Object.keys(
          (e.parentSchema as { properties?: object } | undefined)?.properties ?? {},
        );
        const near = closest(key, allowed);
        out.push({
          rule: 'unknown-key',
          severity: 'error',
          message: `unknown key "${key}" in ${describeLocation(path)}`,
          span: target.keySpans.exact(keyPath) ?? valueSpan(),
          related: [],
          help:
            (near ? `did you mean "${near}"? ` : '') +
            (allowed.length > 0 ? `expected one of: ${allowed.join(', ')}` : 'remove this key') +
            (schema === 'gost-config' ? ' (gost itself would silently ignore it)' : ''),
        });
        break;
      }
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        out.push({
          rule: 'missing-key',
          severity: 'error',
          message: `missing required key "${missing}" in ${describeLocation(path)}`,
          span: target.keySpans.exact(path) ?? valueSpan(),
          related: [],
        });
        break;
      }
      case 'type': {
        const types = unionTypes(all, e.instancePath);
        out.push({
          rule: 'invalid-value',
          severity: 'error',
          message: `${describeLocation(path)} must be ${types.join(' or ')}, found ${describeValue(e.data)}`,
          span: valueSpan(),
          related: [],
        });
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const near = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
        out.push({
          rule: 'invalid-value',
          severity: 'error',
          message: `${describeLocation(path)} must be one of: ${allowed.join(', ')}; found ${describeValue(e.data)}`,
          span: valueSpan(),
          related: [],
          ...(near ? { help: `did you mean "${near}"?` } : {}),
        });
        break;
      }
      default: {
        const description = (e.parentSchema as { description?: string } | undefined)?.description;
        out.push({
          rule: 'invalid-value',
          severity: 'error',
          message: `${describeLocation(path)} ${e.message ?? 'is invalid'}`,
          span: valueSpan(),
          related: [],
          ...(description ? { help: description } : {}),
        });
      }
    }
  }
  return out;
}
