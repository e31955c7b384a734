/**
 * Evaluates the Go expressions of gost-cmd-vectors.json (`cfg.Services[0].Handler.Auth.Username`,
 * `len(cfg.Chains[0].Hops)`, `node.Metadata["key"]`, `u.String()`) against topo's results, typed
 * by the Go structs of config.go so missing fields read as Go zero values and durations as
 * nanoseconds, and checks the vector matchers ($nil, $not_nil, $one_of, $ne, $gt, $eq_path,
 * $go_type/$eq, $absent).
 */
import { isDeepStrictEqual } from 'node:util';
import { parseGoDurationNs } from '../../../compiler/cmd/go-duration.js';
import { type GoField, type GoKind, structFields } from '../../../compiler/emit/go-schema.js';

/** A root value and its Go type; `special` roots evaluate method calls themselves. */
export interface GoRoot {
  value: unknown;
  type: GoKind;
  /** For `u.String()`-style calls. */
  call?: (method: string) => unknown;
}

type Step = { field: string } | { index: number } | { key: string } | { call: string };

/** A value reached by a path: `present` is false when Go would see a zero value or a missing key. */
interface Reached {
  value: unknown;
  type: GoKind | undefined;
  present: boolean;
}

function parseSteps(path: string): { root: string; steps: Step[]; len: boolean } {
  let text = path.trim();
  let len = false;
  const m = /^len\((.*)\)$/.exec(text);
  if (m) {
    len = true;
    text = m[1]!;
  }
  const rootMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text)!;
  const root = rootMatch[0];
  let rest = text.slice(root.length);
  const steps: Step[] = [];
  while (rest !== '') {
    let mm: RegExpExecArray | null;
    if ((mm = /^\.([A-Za-z_][A-Za-z0-9_]*)\(\)/.exec(rest))) steps.push({ call: mm[1]! });
    else if ((mm = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) steps.push({ field: mm[1]! });
    else if ((mm = /^\[(\d+)\]/.exec(rest))) steps.push({ index: Number(mm[1]) });
    else if ((mm = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest)))
      steps.push({ key: JSON.parse(`"${mm[1]}"`) as string });
    else throw new Error(`cannot read Go path ${path} at ${rest}`);
    rest = rest.slice(mm[0].length);
  }
  return { root, steps, len };
}

function fieldOf(type: GoKind | undefined, name: string): GoField | undefined {
  if (type?.kind !== 'struct') return undefined;
  return structFields(type.type).find((f) => f.go === name);
}

function walk(root: GoRoot, steps: Step[]): Reached {
  let cur: Reached = {
    value: root.value,
    type: root.type,
    present: root.value !== undefined && root.value !== null,
  };
  for (const step of steps) {
    if ('call' in step) {
      if (!root.call) throw new Error(`no method ${step.call} on this root`);
      cur = { value: root.call(step.call), type: { kind: 'string' }, present: true };
    } else if ('field' in step) {
      const f = fieldOf(cur.type, step.field);
      if (!f) throw new Error(`no Go field ${step.field} here`);
      const obj = cur.value as Record<string, unknown> | undefined;
      const v = obj?.[f.yaml];
      cur = { value: v, type: f.type, present: v !== undefined && v !== null };
    } else if ('index' in step) {
      const arr = cur.value as unknown[] | undefined;
      if (!Array.isArray(arr) || step.index >= arr.length)
        throw new Error(`index ${step.index} out of range`);
      const elem = cur.type?.kind === 'slice' ? cur.type.of : undefined;
      cur = { value: arr[step.index], type: elem, present: arr[step.index] !== undefined };
    } else {
      const obj = cur.value as Record<string, unknown> | undefined;
      const has = obj !== undefined && obj !== null && Object.hasOwn(obj, step.key);
      const elem = cur.type?.kind === 'map' ? cur.type.of : undefined;
      cur = { value: has ? obj[step.key] : undefined, type: elem, present: has };
    }
  }
  return cur;
}

/** The value as Go would compare it: zero values for missing fields, durations in nanoseconds. */
function goValue(r: Reached): unknown {
  const kind = r.type?.kind;
  if (!r.present) {
    if (kind === 'string') return '';
    if (kind === 'int' || kind === 'float' || kind === 'duration') return 0;
    if (kind === 'bool') return false;
    return null;
  }
  if (kind === 'duration') {
    const ns = typeof r.value === 'string' ? parseGoDurationNs(r.value) : BigInt(r.value as number);
    return Number(ns ?? 0n);
  }
  return r.value;
}

export function evaluate(roots: Record<string, GoRoot>, path: string): { value: unknown; present: boolean } {
  const { root, steps, len } = parseSteps(path);
  const r = roots[root];
  if (!r) throw new Error(`no root ${root} for ${path}`);
  const reached = walk(r, steps);
  if (len) {
    const v = reached.value;
    const n = Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
    return { value: n, present: true };
  }
  return { value: goValue(reached), present: reached.present };
}

/** Checks one `expect` entry; returns a description of the mismatch, or undefined. */
export function checkExpectation(
  roots: Record<string, GoRoot>,
  path: string,
  expected: unknown,
): string | undefined {
  const { value, present } = evaluate(roots, path);
  const show = (v: unknown) => JSON.stringify(v);
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const m = expected as Record<string, unknown>;
    if ('$nil' in m) return value === null ? undefined : `${path} = ${show(value)}, want nil`;
    if ('$not_nil' in m) return value !== null ? undefined : `${path} is nil, want a value`;
    if ('$absent' in m) return !present ? undefined : `${path} is present (${show(value)}), want absent`;
    if ('$one_of' in m) {
      const options = m.$one_of as unknown[];
      return options.some((o) => isDeepStrictEqual(o, value))
        ? undefined
        : `${path} = ${show(value)}, want one of ${show(options)}`;
    }
    if ('$ne' in m)
      return !isDeepStrictEqual(m.$ne, value) ? undefined : `${path} = ${show(value)}, want anything else`;
    if ('$gt' in m)
      return typeof value === 'number' && value > (m.$gt as number)
        ? undefined
        : `${path} = ${show(value)}, want > ${show(m.$gt)}`;
    if ('$eq_path' in m) {
      const other = evaluate(roots, m.$eq_path as string).value;
      return isDeepStrictEqual(other, value)
        ? undefined
        : `${path} = ${show(value)}, want ${m.$eq_path} = ${show(other)}`;
    }
    if ('$go_type' in m) {
      if (m.$go_type !== '[]string') return `unsupported $go_type ${show(m.$go_type)}`;
      const ok = Array.isArray(value) && value.every((x) => typeof x === 'string');
      if (!ok) return `${path} = ${show(value)}, want a []string`;
      return isDeepStrictEqual(value, m.$eq) ? undefined : `${path} = ${show(value)}, want ${show(m.$eq)}`;
    }
    return `unknown matcher ${show(m)}`;
  }
  return isDeepStrictEqual(value, expected) ? undefined : `${path} = ${show(value)}, want ${show(expected)}`;
}
