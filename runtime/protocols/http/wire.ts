/**
 * HTTP/1.x heads as Go's net/http reads and writes them: request/status lines, canonical header keys
 * (textproto.CanonicalMIMEHeaderKey), and the order Request.Write / Response.Write use (Host and
 * User-Agent first for requests, Content-Length before the other headers, the rest sorted).
 */

import { GostError } from '../../errors.js';
import { latin1, fromLatin1 } from '../../io/bytes.js';
import type { BufferedReader } from '../../io/reader.js';

export const defaultUserAgent = 'Go-http-client/1.1';

const maxLine = 1 << 20;

export class Headers {
  private readonly entries = new Map<string, string[]>();

  get(name: string): string {
    return this.entries.get(canonicalKey(name))?.[0] ?? '';
  }

  has(name: string): boolean {
    return this.entries.has(canonicalKey(name));
  }

  set(name: string, value: string): void {
    this.entries.set(canonicalKey(name), [value]);
  }

  add(name: string, value: string): void {
    const key = canonicalKey(name);
    const list = this.entries.get(key);
    if (list) list.push(value);
    else this.entries.set(key, [value]);
  }

  delete(name: string): void {
    this.entries.delete(canonicalKey(name));
  }

  /** Header.WriteSubset: sorted by key, excluding `exclude`. */
  lines(exclude: readonly string[] = []): string[] {
    const skip = new Set(exclude.map(canonicalKey));
    return [...this.entries.keys()]
      .filter((k) => !skip.has(k))
      .sort()
      .flatMap((k) => this.entries.get(k)!.map((v) => `${k}: ${v}\r\n`));
  }
}

/** textproto.CanonicalMIMEHeaderKey: "proxy-authorization" -> "Proxy-Authorization". */
export function canonicalKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) return key;
  return key
    .toLowerCase()
    .split('-')
    .map((part) => (part.length > 0 ? part[0]!.toUpperCase() + part.slice(1) : part))
    .join('-');
}

export interface RequestHead {
  method: string;
  /** The request-target as sent. */
  uri: string;
  proto: string;
  headers: Headers;
  /** Authority for CONNECT, else the URL's host, else the Host header (Go's req.Host). */
  host: string;
  /** Scheme of an absolute URI, '' for origin-form targets. */
  scheme: string;
  /** Path and query of the target (request-URI for a forwarded request). */
  path: string;
}

async function readLineText(reader: BufferedReader, what: string): Promise<string> {
  const line = latin1(await reader.readLine(maxLine, what));
  return line.replace(/\r?\n$/, '');
}

async function readHeaders(reader: BufferedReader, what: string): Promise<Headers> {
  const headers = new Headers();
  for (;;) {
    const line = await readLineText(reader, what);
    if (line === '') return headers;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new GostError('protocol', `${what}: malformed MIME header line: ${line}`);
    headers.add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
}

/** http.ReadRequest. Waits for a full line: bytes without a newline stall rather than fail. */
export async function readRequestHead(reader: BufferedReader): Promise<RequestHead> {
  const line = await readLineText(reader, 'http request');
  const parts = line.split(' ');
  if (parts.length !== 3 || !/^HTTP\/\d\.\d$/.test(parts[2]!)) {
    throw new GostError('protocol', `malformed HTTP request ${JSON.stringify(line)}`);
  }
  const [method, uri, proto] = parts as [string, string, string];
  const headers = await readHeaders(reader, 'http request');
  let host = '';
  let scheme = '';
  let path = uri;
  if (method === 'CONNECT' && !uri.startsWith('/')) {
    host = uri;
    path = '';
  } else {
    const absolute = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(uri);
    if (absolute) {
      scheme = absolute[1]!.toLowerCase();
      host = absolute[2]!.replace(/^[^@]*@/, '');
      path = absolute[3] || '/';
    }
  }
  if (host === '') host = headers.get('Host');
  return { method, uri, proto, headers, host, scheme, path };
}

export interface ResponseHead {
  proto: string;
  statusCode: number;
  /** "407 Proxy Authentication Required" (Go's resp.Status). */
  status: string;
  headers: Headers;
}

/** http.ReadResponse (head only). */
export async function readResponseHead(reader: BufferedReader): Promise<ResponseHead> {
  const line = await readLineText(reader, 'http response');
  const match = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(line);
  if (!match) throw new GostError('protocol', `malformed HTTP response ${JSON.stringify(line)}`);
  const headers = await readHeaders(reader, 'http response');
  const code = Number(match[2]);
  return { proto: match[1]!, statusCode: code, status: `${code} ${match[3] ?? ''}`.trimEnd(), headers };
}

const reasons: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  503: 'Service Unavailable',
};

/** Response.Write for a body-less response: status line, Content-Length: 0, sorted headers. */
export function encodeResponse(statusCode: number, headers: Headers, reason?: string): Uint8Array {
  const status = `${statusCode} ${reason ?? reasons[statusCode] ?? ''}`.trimEnd();
  const lines = [
    `HTTP/1.1 ${status}\r\n`,
    'Content-Length: 0\r\n',
    ...headers.lines(['Content-Length']),
    '\r\n',
  ];
  return fromLatin1(lines.join(''));
}

/** Request.Write of a head: request line, Host, User-Agent (Go's default when absent), sorted rest. */
export function encodeRequestHead(
  method: string,
  target: string,
  host: string,
  headers: Headers,
): Uint8Array {
  const userAgent = headers.has('User-Agent') ? headers.get('User-Agent') : defaultUserAgent;
  const lines = [
    `${method} ${target} HTTP/1.1\r\n`,
    `Host: ${host}\r\n`,
    ...(userAgent ? [`User-Agent: ${userAgent}\r\n`] : []),
    ...headers.lines(['Host', 'User-Agent']),
    '\r\n',
  ];
  return fromLatin1(lines.join(''));
}

/** govalidator.IsDNSName: labels of [A-Za-z0-9_-], not an IP address, no port. */
export function isDnsName(name: string): boolean {
  if (name === '' || name.length > 255) return false;
  if (/^\d+(\.\d+){3}$/.test(name) || name.includes(':')) return false;
  return /^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$/.test(name);
}
