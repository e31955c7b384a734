/**
 * A small JSON Schema (draft-07) to TypeScript translator, for the schemas topo owns: objects
 * become interfaces, enums and oneOf/anyOf become unions, maps become Record types, and every
 * `description` becomes JSDoc so editors show the same help as the schema. It covers the
 * keywords those schemas use and refuses the rest, so a schema change it cannot express fails
 * loudly instead of producing a wrong type.
 */
import {
  IndentationText,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  NewLineKind,
  type OptionalKind,
  Project,
  type PropertySignatureStructure,
  QuoteKind,
  type SourceFile,
  StructureKind,
} from 'ts-morph';

export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** A type defined by another schema: `$ref`s to `schemaId` become imports from `moduleSpecifier`. */
export interface ExternalSchema {
  schemaId: string;
  moduleSpecifier: string;
  rootName: string;
}

export interface TranslateOptions {
  /** Name of the interface or type for the schema's root. */
  rootName: string;
  /** Lines of the header comment that opens the file. */
  header: string[];
  externals?: ExternalSchema[];
}

/** Keywords that constrain values without changing their TypeScript type. */
const constraintKeywords = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'markdownDescription',
  'default',
  'examples',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'propertyNames',
  'definitions',
]);

const typeKeywords = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'additionalProperties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
]);

/** The formatter's line width: longer declarations are written the way it would break them. */
const lineWidth = 110;
const docLineWidth = 96;
/** Arrays of a fixed length up to this many items are typed as tuples. */
const maxTupleLength = 4;
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export class SchemaTranslationError extends Error {}

/** Translate one schema into the text of a TypeScript module. */
export function schemaToTypeScript(schema: JsonSchemaObject, options: TranslateOptions): string {
  const translator = new Translator(schema, options);
  return translator.render();
}

class Translator {
  private readonly definitions: Record<string, JsonSchema>;
  private readonly externals: Map<string, ExternalSchema>;
  private readonly usedExternals = new Map<string, Set<string>>();
  /** Unions too long for one line, written in place of a placeholder once ts-morph has printed the file. */
  private readonly brokenUnions: string[] = [];

  constructor(
    private readonly schema: JsonSchemaObject,
    private readonly options: TranslateOptions,
  ) {
    this.definitions = schema.definitions ?? {};
    this.externals = new Map((options.externals ?? []).map((e) => [e.schemaId, e]));
  }

  render(): string {
    const project = new Project({
      useInMemoryFileSystem: true,
      manipulationSettings: {
        indentationText: IndentationText.TwoSpaces,
        quoteKind: QuoteKind.Single,
        newLineKind: NewLineKind.LineFeed,
        useTrailingCommas: true,
      },
    });
    const file = project.createSourceFile('generated.ts', '');
    this.declare(file, this.options.rootName, this.schema, '#');
    for (const [name, definition] of Object.entries(this.definitions)) {
      this.declare(file, name, definition, `#/definitions/${name}`);
    }
    const imports = [...this.usedExternals.entries()].sort(([a], [b]) => a.localeCompare(b));
    imports.forEach(([moduleSpecifier, names], index) => {
      file.insertImportDeclaration(index, {
        isTypeOnly: true,
        namedImports: [...names].sort(),
        moduleSpecifier,
      });
    });
    const header = ['/**', ...this.options.header.map((line) => ` * ${line}`.trimEnd()), ' */'].join('\n');
    const body = file
      .getFullText()
      .replace(/ __brokenUnion(\d+)__/g, (_, index: string) => this.brokenUnions[Number(index)]!);
    return `${header}\n${body.trimEnd()}\n`;
  }

  /**
   * Lay out a union the way the formatter breaks one that overflows the line: one member per line,
   * each behind a leading `|`. ts-morph would indent such text its own way, so a placeholder stands
   * in for it until the file is printed.
   */
  private fitted(type: string, declarationLine: string, indent: string): string {
    if (declarationLine.length <= lineWidth) return type;
    const members = splitTopLevel(type, '|');
    if (members.length < 2) throw new SchemaTranslationError(`type too long for one line: ${type}`);
    this.brokenUnions.push(members.map((member) => `\n${indent}  | ${member}`).join(''));
    return `__brokenUnion${this.brokenUnions.length - 1}__`;
  }

  private declare(file: SourceFile, name: string, schema: JsonSchema, at: string): void {
    if (!identifierPattern.test(name))
      throw new SchemaTranslationError(`${at}: "${name}" is not a type name`);
    assertSupported(schema, at);
    const docs = this.docs(schema);
    if (typeof schema === 'object' && this.isObjectWithProperties(schema)) {
      file.addInterface(this.interfaceOf(name, schema, at, docs));
      return;
    }
    const type = this.typeOf(schema, at);
    const fitted = this.fitted(type, `export type ${name} = ${type};`, '');
    file.addTypeAlias({ name, isExported: true, type: fitted, docs });
  }

  private interfaceOf(
    name: string,
    schema: JsonSchemaObject,
    at: string,
    docs: OptionalKind<JSDocStructure>[],
  ): InterfaceDeclarationStructure {
    const required = new Set(schema.required ?? []);
    const properties: OptionalKind<PropertySignatureStructure>[] = Object.entries(
      schema.properties ?? {},
    ).map(([key, property]) => {
      const propertyName = identifierPattern.test(key) ? key : literal(key, at);
      const optional = !required.has(key);
      const type = this.typeOf(property, `${at}/properties/${key}`);
      const line = `  ${propertyName}${optional ? '?' : ''}: ${type};`;
      return {
        name: propertyName,
        type: this.fitted(type, line, '  '),
        hasQuestionToken: optional,
        docs: this.docs(property),
      };
    });
    const extra = schema.additionalProperties;
    const indexSignatures =
      extra === false
        ? []
        : [
            {
              keyName: 'key',
              keyType: 'string',
              returnType:
                extra === undefined || extra === true ? 'unknown' : this.indexTypeOf(extra, at, schema),
            },
          ];
    return { kind: StructureKind.Interface, name, isExported: true, docs, properties, indexSignatures };
  }

  /** Declared properties must fit the index signature, so a typed map with fixed keys widens to unknown. */
  private indexTypeOf(extra: JsonSchema, at: string, owner: JsonSchemaObject): string {
    const type = this.typeOf(extra, `${at}/additionalProperties`);
    return Object.keys(owner.properties ?? {}).length > 0 ? 'unknown' : type;
  }

  private isObjectWithProperties(schema: JsonSchemaObject): boolean {
    return schema.properties !== undefined && (schema.type === undefined || schema.type === 'object');
  }

  private docs(schema: JsonSchema): OptionalKind<JSDocStructure>[] {
    if (typeof schema !== 'object' || !schema.description) return [];
    const text = wrap(schema.description.replace(/\*\//g, '*\\/'), docLineWidth);
    return [{ description: text.includes('\n') ? `\n${text}` : text }];
  }

  private typeOf(schema: JsonSchema, at: string): string {
    if (schema === true) return 'unknown';
    if (schema === false) return 'never';
    assertSupported(schema, at);
    if (schema.$ref !== undefined) return this.referenceOf(schema.$ref, at);
    if (schema.const !== undefined) return literal(schema.const, at);
    if (schema.enum !== undefined) return union(schema.enum.map((value) => literal(value, at)));
    const alternatives = schema.oneOf ?? schema.anyOf;
    const typed = alternatives?.filter((alternative) => carriesType(alternative)) ?? [];
    if (typed.length > 0) {
      if (schema.type !== undefined || schema.properties !== undefined) {
        throw new SchemaTranslationError(`${at}: oneOf/anyOf with types next to a type is not supported`);
      }
      const keyword = schema.oneOf ? 'oneOf' : 'anyOf';
      return union(typed.map((alternative, i) => this.typeOf(alternative, `${at}/${keyword}/${i}`)));
    }
    if (schema.allOf?.some(carriesType)) {
      if (schema.type !== undefined || schema.properties !== undefined) {
        throw new SchemaTranslationError(`${at}: allOf next to a type is not supported`);
      }
      const parts = schema.allOf.filter(carriesType).map((part, i) => this.typeOf(part, `${at}/allOf/${i}`));
      return parts.length === 1 ? parts[0]! : parts.map((part) => parenthesize(part)).join(' & ');
    }
    if (Array.isArray(schema.type)) {
      return union(schema.type.map((type) => this.typeOf({ ...schema, type }, at)));
    }
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const item = schema.items === undefined ? 'unknown' : this.typeOf(schema.items, `${at}/items`);
        const length = schema.minItems;
        if (
          typeof length === 'number' &&
          length === schema.maxItems &&
          length > 0 &&
          length <= maxTupleLength
        ) {
          return `[${Array.from({ length }, () => item).join(', ')}]`;
        }
        return `${parenthesize(item)}[]`;
      }
      case 'object':
      case undefined:
        return this.objectTypeOf(schema, at);
      default:
        throw new SchemaTranslationError(`${at}: type "${schema.type}" is not supported`);
    }
  }

  private objectTypeOf(schema: JsonSchemaObject, at: string): string {
    if (
      schema.type === undefined &&
      schema.properties === undefined &&
      schema.additionalProperties === undefined
    ) {
      return 'unknown';
    }
    const extra = schema.additionalProperties;
    if (schema.properties === undefined) {
      return `Record<string, ${extra === undefined || extra === true ? 'unknown' : this.typeOf(extra, `${at}/additionalProperties`)}>`;
    }
    const required = new Set(schema.required ?? []);
    const members = Object.entries(schema.properties).map(([key, property]) => {
      const name = identifierPattern.test(key) ? key : literal(key, at);
      return `${name}${required.has(key) ? '' : '?'}: ${this.typeOf(property, `${at}/properties/${key}`)}`;
    });
    if (extra !== false) {
      members.push(
        `[key: string]: ${extra === undefined || extra === true ? 'unknown' : this.indexTypeOf(extra, at, schema)}`,
      );
    }
    return `{ ${members.join('; ')} }`;
  }

  private referenceOf(ref: string, at: string): string {
    const local = /^#\/definitions\/([^/]+)$/.exec(ref);
    if (local) {
      const name = local[1]!;
      if (!(name in this.definitions))
        throw new SchemaTranslationError(`${at}: $ref "${ref}" names no definition`);
      return name;
    }
    if (ref === '#') return this.options.rootName;
    const [schemaId, pointer = ''] = ref.split('#');
    const external = this.externals.get(schemaId!);
    if (!external) throw new SchemaTranslationError(`${at}: $ref "${ref}" points to an unknown schema`);
    const target = /^\/definitions\/([^/]+)$/.exec(pointer);
    if (pointer !== '' && !target) {
      throw new SchemaTranslationError(
        `${at}: $ref "${ref}" must point to a schema or one of its definitions`,
      );
    }
    const name = target ? target[1]! : external.rootName;
    const names = this.usedExternals.get(external.moduleSpecifier) ?? new Set<string>();
    names.add(name);
    this.usedExternals.set(external.moduleSpecifier, names);
    return name;
  }
}

function assertSupported(schema: JsonSchema, at: string): void {
  if (typeof schema === 'boolean') return;
  for (const key of Object.keys(schema)) {
    if (!constraintKeywords.has(key) && !typeKeywords.has(key)) {
      throw new SchemaTranslationError(`${at}: keyword "${key}" is not supported`);
    }
  }
}

/** Whether a subschema says something about the value's type (not only a constraint such as `required`). */
function carriesType(schema: JsonSchema): boolean {
  if (typeof schema === 'boolean') return true;
  return Object.keys(schema).some((key) => typeKeywords.has(key));
}

function literal(value: unknown, at: string): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  throw new SchemaTranslationError(`${at}: only string, number, boolean and null literals are supported`);
}

function union(members: string[]): string {
  return [...new Set(members)].join(' | ');
}

/** Split at `separator` where it is not nested in brackets, parentheses, braces or quotes. */
function splitTopLevel(type: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c)) depth--;
    else if (c === separator && depth === 0) {
      parts.push(type.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(type.slice(start).trim());
  return parts;
}

function parenthesize(type: string): string {
  return /[|&]/.test(type) && !/^\{.*\}$/.test(type) ? `(${type})` : type;
}

/** Break prose into lines of at most `width` characters, keeping existing line breaks. */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/ +/)) {
        if (line.length > 0 && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else {
          line = line.length > 0 ? `${line} ${word}` : word;
        }
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}
