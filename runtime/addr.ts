/**
 * Address helpers with the semantics of Go's net package (SplitHostPort, JoinHostPort, ParseIP,
 * IP.String), because gost's wire formats and error texts are built from them.
 */

import { GostError } from './errors.js';

export interface HostPort {
  host: string;
  port: string;
}

/** Go's net.SplitHostPort: `[v6]:p`, `host:p`, `:p`; errors on a missing port or a bare IPv6. */
export function splitHostPort(address: string): HostPort {
  const missingPort = () => new GostError('config', `address ${address}: missing port in address`);
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0) throw new GostError('config', `address ${address}: missing ']' in address`);
    if (end + 1 === address.length) throw missingPort();
    if (address[end + 1] !== ':') throw missingPort();
    const port = address.slice(end + 2);
    if (port.includes(':')) throw new GostError('config', `address ${address}: too many colons in address`);
    return { host: address.slice(1, end), port };
  }
  const colon = address.lastIndexOf(':');
  if (colon < 0) throw missingPort();
  const host = address.slice(0, colon);
  if (host.includes(':')) throw new GostError('config', `address ${address}: too many colons in address`);
  return { host, port: address.slice(colon + 1) };
}

export function trySplitHostPort(address: string): HostPort | undefined {
  try {
    return splitHostPort(address);
  } catch {
    return undefined;
  }
}

/** Go's net.JoinHostPort: brackets hosts containing a colon. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Port number of an address; `strconv.Atoi` failures become 0 as in gost's relay/socks codecs. */
export function portOf(address: string): number {
  const parts = trySplitHostPort(address);
  if (!parts) return 0;
  const port = Number(parts.port);
  return Number.isInteger(port) && port >= 0 && port <= 65535 && parts.port !== '' ? port : 0;
}

export function hostOf(address: string): string {
  return trySplitHostPort(address)?.host ?? address;
}

/** Go's net.ParseIP: 4 bytes for dotted IPv4, 16 for IPv6 (IPv4-mapped addresses come back as 4). */
export function parseIP(text: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const segments = text.split('.');
    if (segments.some((s) => Number(s) > 255 || (s.length > 1 && s.startsWith('0')))) return undefined;
    return Uint8Array.from(segments.map(Number));
  }
  if (!text.includes(':')) return undefined;
  return parseIPv6(text);
}

function parseIPv6(text: string): Uint8Array | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  const lastPart = body.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const v4 = parseIP(lastPart);
    if (v4?.length !== 4) return undefined;
    tail = Array.from(v4);
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** Go's IP.String: dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
export function formatIP(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return Array.from(bytes.slice(12)).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function isIPv4(host: string): boolean {
  return parseIP(host)?.length === 4;
}

/**
 * gost's AddrPortRange on a forwarder target: `host:a-b` expands to one address per port (a <= b);
 * anything else is the address itself.
 */
export function expandPortRange(address: string): string[] {
  const parts = trySplitHostPort(address);
  const match = parts && /^(\d+)-(\d+)$/.exec(parts.port);
  if (!parts || !match) return [address];
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from > to) return [address];
  const out: string[] = [];
  for (let p = from; p <= to; p++) out.push(joinHostPort(parts.host, p));
  return out;
}
