/**
 * gost's flags, read with the rules of Go's flag package: `-name value`, `-name=value`, `--name`
 * alike; boolean flags take no separate value (`-D=false` is allowed); `--` ends the flags; the
 * first argument that is not a flag ends them too, and gost ignores it and everything after it.
 */
import type { Span } from '../diagnostics.js';
import { goParseBool } from './go-strconv.js';
import type { ArgSpace, Loc } from './located.js';

export type FlagName = 'L' | 'F' | 'C' | 'V' | 'O' | 'D' | 'DD' | 'api' | 'metrics';

type FlagKind = 'list' | 'string' | 'bool';

/** The flags of the gost binary (`cmd/gost/main.go`). */
export const gostFlags: Readonly<Record<FlagName, FlagKind>> = {
  L: 'list',
  F: 'list',
  C: 'list',
  V: 'bool',
  O: 'string',
  D: 'bool',
  DD: 'bool',
  api: 'string',
  metrics: 'string',
};

export interface FlagValue {
  value: Loc;
  /** The whole flag, e.g. `-L=…` or `-L` plus its value. */
  span: Span;
}

export interface ParsedFlags {
  lists: Record<'L' | 'F' | 'C', FlagValue[]>;
  strings: Partial<Record<'O' | 'api' | 'metrics', FlagValue>>;
  bools: Partial<Record<'V' | 'D' | 'DD', { value: boolean; span: Span }>>;
  /** Set when gost would print its usage (`-h`, `-help`). */
  help?: Span;
  /** Arguments gost never looks at (after the first non-flag or `--`). */
  ignored: Loc[];
  /** The first error; gost stops there and exits with status 2. */
  error?: { message: string; span: Span };
}

function isFlagName(name: string): name is FlagName {
  return Object.hasOwn(gostFlags, name);
}

export function parseFlags(space: ArgSpace, args: readonly Loc[]): ParsedFlags {
  const out: ParsedFlags = { lists: { L: [], F: [], C: [] }, strings: {}, bools: {}, ignored: [] };
  const spanOf = (loc: Loc, start = 0, end = loc.length) => {
    const r = loc.range(start, end);
    return space.span(r.start, r.end);
  };
  let i = 0;
  while (i < args.length) {
    const arg = args[i]!;
    const s = arg.text;
    if (s.length < 2 || s[0] !== '-') break;
    let dashes = 1;
    if (s[1] === '-') {
      dashes = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(dashes);
    if (name === '' || name[0] === '-' || name[0] === '=') {
      out.error = { message: `bad flag syntax: ${s}`, span: spanOf(arg) };
      return out;
    }
    i++;
    let value: Loc | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = arg.slice(dashes + eq + 1);
      name = name.slice(0, eq);
    }
    if (!isFlagName(name)) {
      if (name === 'h' || name === 'help') {
        out.help = spanOf(arg);
        return out;
      }
      out.error = { message: `flag provided but not defined: -${name}`, span: spanOf(arg) };
      return out;
    }
    const kind = gostFlags[name];
    if (kind === 'bool') {
      let v = true;
      if (value) {
        const parsed = goParseBool(value.text);
        if (!parsed.ok) {
          out.error = {
            message: `invalid boolean value "${value.text}" for -${name}: parse error`,
            span: spanOf(arg),
          };
          return out;
        }
        v = parsed.value;
      }
      out.bools[name as 'V' | 'D' | 'DD'] = { value: v, span: spanOf(arg) };
      continue;
    }
    let span = spanOf(arg);
    if (!value) {
      if (i >= args.length) {
        out.error = { message: `flag needs an argument: -${name}`, span };
        return out;
      }
      value = args[i]!;
      const valueSpan = spanOf(value);
      span = space.span(arg.range().start, Math.max(arg.range().end, value.range().end));
      if (valueSpan.file !== span.file) span = valueSpan;
      i++;
    }
    if (kind === 'list') out.lists[name as 'L' | 'F' | 'C'].push({ value, span });
    else out.strings[name as 'O' | 'api' | 'metrics'] = { value, span };
  }
  out.ignored = args.slice(i);
  return out;
}
