/**
 * Prints a GostConfig the way `gost … -O yaml` and `gost … -O json` print it: the config is
 * first read into gost's Go structs (go-decode.ts), then written field by field in config.go's
 * order with its omitempty rules. YAML follows gopkg.in/yaml.v3 with two-space indentation
 * (scalar styles, `30s`-style durations, naturally sorted map keys); JSON follows encoding/json
 * with two-space indentation (durations in nanoseconds, byte-sorted map keys, HTML-safe escapes).
 * Output is the same whatever order the input's keys come in.
 */
import { Document, Pair, Scalar, type ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import { formatGoDuration, parseGoDurationNs } from '../cmd/go-duration.js';
import type { GostConfig } from '../gost/config.js';
import { type DecodeProblem, decodeGoConfig } from './go-decode.js';
import { type GoKind, structFields } from './go-schema.js';
import {
  compareGoJsonKeys,
  compareYamlV3Keys,
  formatYamlV3Float,
  yamlV3StringStyle,
} from './go-yaml-style.js';

/** A number whose YAML text is fixed in advance (Go's formatting, not the `yaml` package's). */
class GoNumberText {
  constructor(readonly text: string) {}
}

const goNumberTag: ScalarTag = {
  tag: 'tag:topo.local,2024:go-number',
  default: true,
  identify: (v) => v instanceof GoNumberText,
  resolve: (s) => s,
  stringify: (item) => ((item as Scalar).value as GoNumberText).text,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function durationNs(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string') return parseGoDurationNs(v) ?? 0n;
  return 0n;
}

/** yaml.v3's isZero / encoding/json's isEmptyValue for one field value (undefined = Go zero). */
function isEmpty(kind: GoKind, v: unknown, format: 'yaml' | 'json'): boolean {
  if (v === undefined || v === null) return true;
  switch (kind.kind) {
    case 'string':
      return v === '';
    case 'int':
    case 'float':
      return v === 0;
    case 'bool':
      return v === false;
    case 'duration':
      return durationNs(v) === 0n;
    case 'slice':
      return Array.isArray(v) && v.length === 0;
    case 'map':
      return isRecord(v) && Object.keys(v).length === 0;
    case 'struct':
      if (kind.pointer) return false;
      // yaml.v3 omits a struct value whose fields are all zero; encoding/json never omits structs.
      return (
        format === 'yaml' &&
        structFields(kind.type).every((f) => isEmpty(f.type, (v as Record<string, unknown>)[f.yaml], 'yaml'))
      );
    case 'any':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

function stringNode(s: string, isKey = false): Scalar {
  const node = new Scalar(s);
  node.type = yamlV3StringStyle(s, isKey);
  return node;
}

function numberNode(n: number): Scalar {
  if (Number.isInteger(n)) return new Scalar(new GoNumberText(BigInt(n).toString()));
  return new Scalar(new GoNumberText(formatYamlV3Float(n)));
}

function yamlZero(kind: GoKind): unknown {
  switch (kind.kind) {
    case 'string':
      return stringNode('');
    case 'int':
    case 'float':
      return numberNode(0);
    case 'bool':
      return new Scalar(false);
    case 'duration':
      return new Scalar('0s');
    case 'slice':
      return new YAMLSeq();
    case 'map':
      return new YAMLMap();
    case 'struct':
      return kind.pointer ? new Scalar(null) : yamlStruct(kind.type, {});
    case 'any':
      return new Scalar(null);
  }
}

function yamlTyped(kind: GoKind, v: unknown): unknown {
  if (v === undefined || v === null) return yamlZero(kind);
  switch (kind.kind) {
    case 'string':
      return stringNode(String(v));
    case 'int':
    case 'float':
      return numberNode(Number(v));
    case 'bool':
      return new Scalar(v === true);
    case 'duration':
      return stringNode(formatDuration(v));
    case 'slice': {
      const seq = new YAMLSeq();
      for (const item of v as unknown[]) seq.items.push(yamlTyped(kind.of, item));
      return seq;
    }
    case 'map': {
      const map = new YAMLMap();
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
        compareYamlV3Keys(a, b),
      );
      for (const [k, item] of entries)
        map.items.push(new Pair(stringNode(k, true), yamlTyped(kind.of, item)));
      return map;
    }
    case 'struct':
      return yamlStruct(kind.type, v as Record<string, unknown>);
    case 'any':
      return yamlAny(v);
  }
}

function formatDuration(v: unknown): string {
  return formatGoDuration(durationNs(v));
}

/** A metadata value as yaml.v3 prints an interface{} holding it. */
function yamlAny(v: unknown): unknown {
  if (v === null || v === undefined) return new Scalar(null);
  if (typeof v === 'string') return stringNode(v);
  if (typeof v === 'number') return numberNode(v);
  if (typeof v === 'bigint') return new Scalar(new GoNumberText(v.toString()));
  if (typeof v === 'boolean') return new Scalar(v);
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const item of v) seq.items.push(yamlAny(item));
    return seq;
  }
  if (isRecord(v)) {
    const map = new YAMLMap();
    const entries = Object.entries(v).sort(([a], [b]) => compareYamlV3Keys(a, b));
    for (const [k, item] of entries) map.items.push(new Pair(stringNode(k, true), yamlAny(item)));
    return map;
  }
  return stringNode(String(v));
}

function yamlStruct(type: string, obj: Record<string, unknown>): YAMLMap {
  const map = new YAMLMap();
  for (const f of structFields(type)) {
    const v = obj[f.yaml];
    if (f.yamlOmitEmpty && isEmpty(f.type, v, 'yaml')) continue;
    map.items.push(new Pair(stringNode(f.yaml, true), yamlTyped(f.type, v)));
  }
  return map;
}

export interface WrittenConfig {
  text: string;
  /** Keys and values gost would ignore or reject while reading the config. */
  problems: DecodeProblem[];
}

/** `gost -O yaml`. */
export function writeGostYaml(config: GostConfig): WrittenConfig {
  const decoded = decodeGoConfig(config, 'yaml');
  const doc = new Document(undefined, { customTags: [goNumberTag] });
  doc.contents = yamlStruct('Config', decoded.config as Record<string, unknown>) as never;
  const text = doc.toString({ indent: 2, indentSeq: true, lineWidth: 80, minContentWidth: 20 });
  return { text, problems: decoded.problems };
}

// ---------------------------------------------------------------------------------------------
// JSON

/** Large integers (durations past 2^53 ns) go through a marker so JSON.stringify keeps every digit. */
const bigMarker = '\u0000go-int:';

function jsonInt(n: bigint): unknown {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : `${bigMarker}${n}`;
}

function jsonZero(kind: GoKind): unknown {
  switch (kind.kind) {
    case 'string':
      return '';
    case 'int':
    case 'float':
    case 'duration':
      return 0;
    case 'bool':
      return false;
    case 'struct':
      return kind.pointer ? null : jsonStruct(kind.type, {});
    default:
      return null;
  }
}

function jsonTyped(kind: GoKind, v: unknown): unknown {
  if (v === undefined || v === null) return jsonZero(kind);
  switch (kind.kind) {
    case 'string':
      return String(v);
    case 'int':
    case 'float':
      return Number(v);
    case 'bool':
      return v === true;
    case 'duration':
      return jsonInt(durationNs(v));
    case 'slice':
      return (v as unknown[]).map((item) => jsonTyped(kind.of, item));
    case 'map': {
      const out: Record<string, unknown> = {};
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
        compareGoJsonKeys(a, b),
      );
      for (const [k, item] of entries) out[k] = jsonTyped(kind.of, item);
      return out;
    }
    case 'struct':
      return jsonStruct(kind.type, v as Record<string, unknown>);
    case 'any':
      return jsonAny(v);
  }
}

function jsonAny(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return jsonInt(v);
  if (Array.isArray(v)) return v.map(jsonAny);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v).sort(([a], [b]) => compareGoJsonKeys(a, b)))
      out[k] = jsonAny(item);
    return out;
  }
  return v;
}

function jsonStruct(type: string, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of structFields(type)) {
    const v = obj[f.yaml];
    if (f.jsonOmitEmpty && isEmpty(f.type, v, 'json')) continue;
    out[f.json] = jsonTyped(f.type, v);
  }
  return out;
}

/** encoding/json escapes <, > and & (SetEscapeHTML defaults to true) and U+2028/U+2029. */
function goJsonEscapes(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `gost -O json`. */
export function writeGostJson(config: GostConfig): WrittenConfig {
  const decoded = decodeGoConfig(config, 'yaml');
  const tree = jsonStruct('Config', decoded.config as Record<string, unknown>);
  const text = goJsonEscapes(JSON.stringify(tree, null, 2)).replace(
    /"\\u0000go-int:(-?\d+)"/g,
    (_, digits: string) => digits,
  );
  return { text: `${text}\n`, problems: decoded.problems };
}
