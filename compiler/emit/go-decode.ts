/**
 * Reads a loosely typed gost config (parsed YAML or JSON) into the shape gost's Go structs give
 * it: keys matched to fields case-insensitively, unknown keys dropped, values converted the way
 * the decoder converts them. `yaml` mode follows viper/mapstructure (config files, weakly typed,
 * `"a,b"` to a list, duration strings); `json` mode follows encoding/json (`-C '{…}'`, strict).
 * Durations come out as Go duration strings; everything else keeps the YAML key names of
 * config.go, which are also GostConfig's field names.
 */
import { formatGoDuration, parseGoDurationNs } from '../cmd/go-duration.js';
import { goAtoi, goFormatFloat, goParseBool, goParseFloat } from '../cmd/go-strconv.js';
import type { GostConfig } from '../gost/config.js';
import { type GoKind, structFields } from './go-schema.js';

export type DecodeMode = 'yaml' | 'json';

export interface DecodeProblem {
  /** Where in the input (YAML key names as written). */
  path: (string | number)[];
  message: string;
}

interface Decoder {
  mode: DecodeMode;
  problems: DecodeProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function decodeGoConfig(
  input: unknown,
  mode: DecodeMode,
): { config: GostConfig; problems: DecodeProblem[] } {
  const d: Decoder = { mode, problems: [] };
  if (input === null || input === undefined) return { config: {}, problems: [] };
  const config = decodeStruct(d, 'Config', input, []);
  return { config: (config ?? {}) as GostConfig, problems: d.problems };
}

/** Decode one struct value; undefined for null (a nil pointer). */
export function decodeStruct(
  d: Decoder,
  type: string,
  input: unknown,
  path: (string | number)[],
): Record<string, unknown> | undefined {
  if (input === null || input === undefined) return undefined;
  if (!isRecord(input)) {
    d.problems.push({ path, message: `expected a mapping for ${type}, got ${describe(input)}` });
    return undefined;
  }
  const fields = structFields(type);
  const out: Record<string, unknown> = {};
  const taken = new Set<string>();
  for (const [key, value] of Object.entries(input)) {
    // Exact names win over case-insensitive matches, as in mapstructure and encoding/json.
    const f =
      fields.find((x) => x.go === key || x.yaml === key || x.json === key) ??
      fields.find((x) => x.go.toLowerCase() === key.toLowerCase());
    if (!f) {
      d.problems.push({
        path: [...path, key],
        message: `unknown field "${key}" in ${type}; gost ignores it`,
      });
      continue;
    }
    if (taken.has(f.yaml)) {
      d.problems.push({
        path: [...path, key],
        message: `field "${key}" is given twice (as ${f.go}); the last one counts`,
      });
    }
    taken.add(f.yaml);
    const v = decodeValue(d, f.type, value, [...path, key]);
    if (v === undefined) delete out[f.yaml];
    else out[f.yaml] = v;
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

function decodeValue(d: Decoder, kind: GoKind, value: unknown, path: (string | number)[]): unknown {
  if (value === null || value === undefined) return undefined;
  const bad = (what: string): undefined => {
    d.problems.push({ path, message: `cannot use ${describe(value)} (${JSON.stringify(value)}) as ${what}` });
    return undefined;
  };
  switch (kind.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if (d.mode === 'json') return bad('a string');
      if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFormatFloat(value);
      if (typeof value === 'boolean') return value ? '1' : '0';
      return bad('a string');
    case 'int': {
      if (typeof value === 'number') {
        if (Number.isInteger(value)) return value;
        return d.mode === 'json' ? bad('an integer') : Math.trunc(value);
      }
      if (d.mode === 'json') return bad('an integer');
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        const n = parseGoIntBase0(value);
        return n === undefined ? bad('an integer') : n;
      }
      return bad('an integer');
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (d.mode === 'json') return bad('a boolean');
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        if (value === '') return false;
        const b = goParseBool(value);
        return b.ok ? b.value : bad('a boolean');
      }
      return bad('a boolean');
    case 'float':
      if (typeof value === 'number') return value;
      if (d.mode === 'yaml' && typeof value === 'string') {
        const f = goParseFloat(value);
        return f.ok ? f.value : bad('a number');
      }
      return bad('a number');
    case 'duration': {
      if (typeof value === 'number' && Number.isInteger(value)) return formatGoDuration(BigInt(value));
      if (typeof value === 'string' && d.mode === 'yaml') {
        const ns = parseGoDurationNs(value);
        return ns === undefined ? bad('a duration') : formatGoDuration(ns);
      }
      if (typeof value === 'bigint') return formatGoDuration(value);
      return bad('a duration');
    }
    case 'any':
      return structuredClone(value);
    case 'struct':
      return decodeStruct(d, kind.type, value, path);
    case 'slice': {
      let items: unknown[];
      if (Array.isArray(value)) items = value;
      else if (d.mode === 'yaml' && typeof value === 'string' && kind.of.kind === 'string') {
        items = value === '' ? [] : value.split(',');
      } else if (d.mode === 'yaml' && !isRecord(value)) items = [value];
      else return bad('a list');
      const out: unknown[] = [];
      items.forEach((item, i) => {
        const v = decodeValue(d, kind.of, item, [...path, i]);
        // Go keeps a nil element for null entries of pointer lists; they print as null.
        out.push(v === undefined ? null : v);
      });
      return out;
    }
    case 'map': {
      if (!isRecord(value)) return bad('a mapping');
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const decoded =
          kind.of.kind === 'any' ? structuredClone(v) : decodeValue(d, kind.of, v, [...path, k]);
        if (decoded !== undefined) out[k] = decoded;
      }
      return out;
    }
  }
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0o/0 octal, 0b binary, underscores between digits. */
function parseGoIntBase0(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return goAtoi(s).ok ? goAtoi(s).value : undefined;
  const body = m[2]!;
  if (/^_|_$|__/.test(body.replace(/^0[xXoObB]?/, '')) && body.length > 1) return undefined;
  const digits = body.replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(digits)) n = Number.parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) n = Number.parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) n = Number.parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) n = Number.parseInt(digits.slice(1), 8);
  else n = Number(digits);
  return m[1] === '-' ? -n : n;
}
