/**
 * Go's encoding/base64 decoders as gost uses them for `?auth=` and SIP002 userinfo:
 * RawURLEncoding (`-_`, no padding) and StdEncoding (`+/`, padding required). Like Go, both
 * skip `\r` and `\n` and accept non-zero trailing bits.
 */

const stdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Map<string, number> {
  return new Map([...alphabet].map((c, i) => [c, i]));
}

const stdTable = table(stdAlphabet);
const urlTable = table(urlAlphabet);

function decodeSextets(chars: string, lookup: Map<string, number>): Uint8Array | undefined {
  if (chars.length % 4 === 1) return undefined;
  const out: number[] = [];
  for (let i = 0; i < chars.length; i += 4) {
    const group = chars.slice(i, i + 4);
    const values: number[] = [];
    for (const c of group) {
      const v = lookup.get(c);
      if (v === undefined) return undefined;
      values.push(v);
    }
    const n = values.length;
    const bits = (values[0]! << 18) | ((values[1] ?? 0) << 12) | ((values[2] ?? 0) << 6) | (values[3] ?? 0);
    out.push((bits >> 16) & 0xff);
    if (n >= 3) out.push((bits >> 8) & 0xff);
    if (n >= 4) out.push(bits & 0xff);
  }
  return Uint8Array.from(out);
}

/** base64.RawURLEncoding.DecodeString; undefined on error. */
export function decodeRawURLBase64(s: string): Uint8Array | undefined {
  return decodeSextets(s.replace(/[\r\n]/g, ''), urlTable);
}

/** base64.StdEncoding.DecodeString; undefined on error. */
export function decodeStdBase64(s: string): Uint8Array | undefined {
  const chars = s.replace(/[\r\n]/g, '');
  if (chars.length % 4 !== 0) return undefined;
  let body = chars;
  if (body.endsWith('==')) body = body.slice(0, -2);
  else if (body.endsWith('=')) body = body.slice(0, -1);
  if (body.includes('=')) return undefined;
  // A padded quantum needs at least two data characters ("A===" is invalid).
  if (body.length % 4 === 1) return undefined;
  return decodeSextets(body, stdTable);
}

/** Raw URL-safe first, then standard, as gost's parseAuthFromCmd and decodeSIP002Auth do. */
export function decodeGostBase64(s: string): Uint8Array | undefined {
  return decodeRawURLBase64(s) ?? decodeStdBase64(s);
}

/** Unpadded URL-safe base64 (base64.RawURLEncoding.EncodeToString). */
export function encodeRawURLBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** Go converts the decoded bytes to a string as they are; invalid UTF-8 becomes U+FFFD here. */
export function bytesToString(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function stringToBytes(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}
