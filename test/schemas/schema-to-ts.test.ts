import { describe, expect, it } from 'vitest';
import {
  type JsonSchemaObject,
  SchemaTranslationError,
  schemaToTypeScript,
  wrap,
} from '../../scripts/schema-to-ts.js';

const translate = (schema: JsonSchemaObject) =>
  schemaToTypeScript(schema, { rootName: 'Root', header: ['test'] });

describe('schemaToTypeScript', () => {
  it('turns a closed object into an interface with optional and required members and JSDoc', () => {
    const text = translate({
      type: 'object',
      description: 'The root.',
      required: ['name'],
      properties: {
        name: { type: 'string', description: 'A name.' },
        count: { type: 'integer' },
        flag: { type: 'boolean' },
      },
      additionalProperties: false,
    });
    expect(text).toContain('/** The root. */\nexport interface Root {');
    expect(text).toContain('  /** A name. */\n  name: string;');
    expect(text).toContain('  count?: number;');
    expect(text).toContain('  flag?: boolean;');
    expect(text).not.toContain('[key: string]');
  });

  it('gives open objects an index signature and free-form maps a Record type', () => {
    const text = translate({
      type: 'object',
      properties: { a: { type: 'string' } },
      definitions: {
        Free: { type: 'object', additionalProperties: true },
        Strings: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
    expect(text).toContain('  [key: string]: unknown;');
    expect(text).toContain('export type Free = Record<string, unknown>;');
    expect(text).toContain('export type Strings = Record<string, string>;');
  });

  it('turns enums, oneOf and anyOf into unions and skips constraint-only alternatives', () => {
    const text = translate({
      type: 'object',
      properties: {
        kind: { enum: ['a', 'b', 1, true, null] },
        either: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        any: { anyOf: [{ $ref: '#/definitions/D' }, { type: 'integer' }] },
      },
      oneOf: [{ required: ['kind'] }, { required: ['either'] }],
      definitions: { D: { type: 'string', pattern: '^x$' } },
    });
    expect(text).toContain("  kind?: 'a' | 'b' | 1 | true | null;");
    expect(text).toContain('  either?: string | string[];');
    expect(text).toContain('  any?: D | number;');
    expect(text).toContain('export type D = string;');
  });

  it('follows single allOf references, types fixed-length arrays as tuples and parenthesises unions in arrays', () => {
    const text = translate({
      type: 'object',
      properties: {
        ref: { description: 'wrapped', allOf: [{ $ref: '#/definitions/D' }] },
        pair: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string' } },
        list: { type: 'array', items: { enum: ['x', 'y'] } },
      },
      definitions: { D: { type: 'number' } },
    });
    expect(text).toContain('  ref?: D;');
    expect(text).toContain('  pair?: [string, string];');
    expect(text).toContain("  list?: ('x' | 'y')[];");
  });

  it('imports types that other schemas define', () => {
    const text = schemaToTypeScript(
      {
        type: 'object',
        properties: { whole: { $ref: 'other.json' }, part: { $ref: 'other.json#/definitions/Part' } },
      },
      {
        rootName: 'Root',
        header: ['h'],
        externals: [{ schemaId: 'other.json', moduleSpecifier: './other.js', rootName: 'Other' }],
      },
    );
    expect(text).toContain("import type { Other, Part } from './other.js';");
    expect(text).toContain('  whole?: Other;');
    expect(text).toContain('  part?: Part;');
  });

  it('breaks unions that overflow the line the way the formatter does', () => {
    const members = Array.from({ length: 12 }, (_, i) => `member_number_${i}`);
    const text = translate({
      type: 'object',
      properties: { long: { enum: members } },
      definitions: { Long: { enum: members } },
    });
    expect(text).toContain(`  long?:\n${members.map((m) => `    | '${m}'`).join('\n')};`);
    expect(text).toContain(`export type Long =\n${members.map((m) => `  | '${m}'`).join('\n')};`);
  });

  it('refuses keywords and references it cannot express', () => {
    expect(() => translate({ type: 'object', properties: { a: { type: 'string', if: {} } } })).toThrow(
      SchemaTranslationError,
    );
    expect(() => translate({ type: 'object', properties: {}, dependencies: {} })).toThrow(
      /^#: keyword "dependencies"/,
    );
    expect(() =>
      translate({ type: 'string', definitions: { Open: { type: 'object', properties: {}, not: {} } } }),
    ).toThrow(/#\/definitions\/Open: keyword "not"/);
    expect(() => translate({ type: 'object', properties: { a: { $ref: '#/definitions/Missing' } } })).toThrow(
      /names no definition/,
    );
    expect(() => translate({ type: 'object', properties: { a: { $ref: 'elsewhere.json' } } })).toThrow(
      /unknown schema/,
    );
  });

  it('closes comments that a description would otherwise end early', () => {
    const text = translate({ type: 'string', description: 'paths like src/*/index.ts' });
    expect(text).toContain('/** paths like src/*\\/index.ts */');
  });
});

describe('wrap', () => {
  it('breaks at spaces without exceeding the width and keeps existing line breaks', () => {
    const text = wrap('one two three four five six\nseven', 9);
    expect(text).toBe('one two\nthree\nfour five\nsix\nseven');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(9);
  });
});
