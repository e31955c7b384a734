/**
 * Go duration strings (`300ms`, `1m30s`, `2h`), as gost reads them with time.ParseDuration.
 */

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or undefined when the text is not a Go duration. "0" is valid; a bare number is not. */
export function parseGoDuration(text: string): number | undefined {
  let s = text.trim();
  if (s === '0') return 0;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '') return undefined;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  while (s.length > 0) {
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * unitMs[m[2]!]!;
    s = s.slice(m[0].length);
  }
  return sign * total;
}
