/**
 * Values substituted from the environment are secrets: they go into files, never to a terminal or a
 * log unless the user asks.
 */

export const secretMask = '****';

export function maskText(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length))
    if (s !== '') out = out.split(s).join(secretMask);
  return out;
}

export function maskValue<T>(value: T, secrets: ReadonlySet<string>): T {
  if (secrets.size === 0) return value;
  if (typeof value === 'string') return maskText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, secrets)])) as T;
  }
  return value;
}
