/**
 * Go's time.Duration: parsing like time.ParseDuration and printing like Duration.String
 * (`30s`, `1m0s`, `1.5s`, `100ms`). Durations are int64 nanoseconds, so they are bigints here;
 * gost prints durations in YAML with String() and in JSON as the nanosecond integer.
 */

const unitNs: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const maxDuration = (1n << 63n) - 1n;

/** time.ParseDuration; undefined where Go returns an error. */
export function parseGoDurationNs(input: string): bigint | undefined {
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m) return undefined;
    const intDigits = m[1] ?? '';
    const fracDigits = m[2] ?? '';
    // Go needs a digit before or after the point: ".s" and "s" are errors.
    if (intDigits === '' && fracDigits === '') return undefined;
    const unitText = m[3]!;
    const unit = unitNs[unitText];
    if (unit === undefined) return undefined;
    let value = BigInt(intDigits || '0') * unit;
    if (fracDigits !== '') {
      // Go scales the fraction into the unit with float arithmetic; nanosecond precision is exact here.
      const scale = 10n ** BigInt(fracDigits.length);
      value += (BigInt(fracDigits) * unit) / scale;
    }
    total += value;
    if (total > maxDuration + (negative ? 1n : 0n)) return undefined;
    s = s.slice(m[0].length);
  }
  return negative ? -total : total;
}

/** Duration.String(). */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    let unit: string;
    let precision: number;
    if (u < 1_000n) {
      unit = 'ns';
      precision = 0;
    } else if (u < 1_000_000n) {
      unit = 'µs';
      precision = 3;
    } else {
      unit = 'ms';
      precision = 6;
    }
    out = formatFraction(u, precision) + unit;
  } else {
    const seconds = formatFraction(u % 60_000_000_000n, 9);
    u /= 60_000_000_000n;
    out = `${seconds}s`;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

/** v / 10^precision with the fraction's trailing zeros (and a bare point) dropped. */
function formatFraction(v: bigint, precision: number): string {
  if (precision === 0) return String(v);
  const scale = 10n ** BigInt(precision);
  const whole = v / scale;
  const fraction = (v % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** mdutil.GetDuration for a string: a Go duration, else an integer number of seconds, else 0. */
export function metadataDurationNs(text: string): bigint {
  const parsed = parseGoDurationNs(text);
  if (parsed !== undefined && parsed !== 0n) return parsed;
  const seconds = /^[+-]?\d+$/.test(text) ? BigInt(text) : 0n;
  return seconds * 1_000_000_000n;
}
