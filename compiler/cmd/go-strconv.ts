/**
 * The parts of Go's strconv that gost applies to command-line values (through
 * x/metadata/util): Atoi, ParseBool, ParseFloat and FormatFloat(v, 'f', -1, 64). Each returns
 * what the Go function returns, including the value Go hands back alongside an error, because
 * gost ignores those errors.
 */

/** math.MaxInt64, as near as a double gets (values this large lose their last digits anyway). */
const maxInt64 = Number(2n ** 63n - 1n);

/** strconv.Atoi: decimal digits with an optional sign; no spaces, no underscores. */
export function goAtoi(s: string): { value: number; ok: boolean } {
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (!m) return { value: 0, ok: false };
  const magnitude = Number(m[2]);
  const negative = m[1] === '-';
  // Out of range: Go returns the largest magnitude of the right sign together with an error.
  if (magnitude > maxInt64) return { value: negative ? -maxInt64 - 1 : maxInt64, ok: false };
  return { value: negative ? -magnitude : magnitude, ok: true };
}

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool. Anything else is an error (and false): `yes` is false. */
export function goParseBool(s: string): { value: boolean; ok: boolean } {
  if (trueWords.has(s)) return { value: true, ok: true };
  if (falseWords.has(s)) return { value: false, ok: true };
  return { value: false, ok: false };
}

const decimalFloat = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?)(?:[eE][+-]?\d+)?$/;

/** strconv.ParseFloat(s, 64): decimal, hexadecimal (`0x1p-2`), `inf`/`infinity`/`nan` in any case. */
export function goParseFloat(s: string): { value: number; ok: boolean } {
  const lower = s.toLowerCase();
  const sign = lower.startsWith('-') ? -1 : 1;
  const body = lower.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return { value: sign * Number.POSITIVE_INFINITY, ok: true };
  if (body === 'nan' && lower === body) return { value: Number.NaN, ok: true };
  const hex = /^0x([0-9a-f_]*)(?:\.([0-9a-f_]*))?p([+-]?\d+)$/.exec(body);
  if (hex) {
    const intPart = (hex[1] ?? '').replace(/_/g, '');
    const fracPart = (hex[2] ?? '').replace(/_/g, '');
    if (intPart === '' && fracPart === '') return { value: 0, ok: false };
    const mantissa = Number.parseInt(intPart + fracPart || '0', 16);
    const value = sign * mantissa * 2 ** (Number(hex[3]) - 4 * fracPart.length);
    return { value, ok: Number.isFinite(value) };
  }
  // Underscores are only allowed with a base prefix, so a decimal literal may not contain them.
  if (s.includes('_') || !decimalFloat.test(s) || !/\d/.test(s)) return { value: 0, ok: false };
  const value = Number(s);
  if (Number.isNaN(value)) return { value: 0, ok: false };
  // Out of range: Go returns ±Inf with an error.
  return { value, ok: Number.isFinite(value) };
}

/** strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that round-trip, never an exponent. */
export function goFormatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const shortest = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!m) return shortest;
  const negative = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const pointAt = m[2]!.length + Number(m[4]);
  if (pointAt <= 0) return `${negative}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${negative}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${negative}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** strconv.FormatBool. */
export function goFormatBool(v: boolean): string {
  return v ? 'true' : 'false';
}
