/**
 * A port of Go's net/url parsing as gost relies on it: url.Parse (scheme, userinfo, host, path,
 * query, fragment, with Go's validation and error texts), EscapedPath, Hostname, Query and
 * String. Every component keeps its [start, end) range in the parsed string so a caller can
 * point a diagnostic, or a config value, at the characters it came from.
 */
import { bytesToString, stringToBytes } from './go-base64.js';

export interface Range {
  start: number;
  end: number;
}

export interface GoUserinfo {
  username: string;
  password: string;
  passwordSet: boolean;
}

export interface QueryPair {
  key: string;
  value: string;
  /** The whole `key=value` text in the parsed string. */
  range: Range;
  keyRange: Range;
  valueRange: Range;
  /** The raw (still escaped) value text. */
  rawValue: string;
}

export interface DroppedQueryPair {
  range: Range;
  reason: string;
}

export interface GoURL {
  scheme: string;
  opaque: string;
  user?: GoUserinfo;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
  forceQuery: boolean;
  omitHost: boolean;
  ranges: {
    scheme?: Range;
    userinfo?: Range;
    username?: Range;
    password?: Range;
    host?: Range;
    path?: Range;
    query?: Range;
    fragment?: Range;
  };
}

export type GoURLResult = { ok: true; url: GoURL } | { ok: false; error: string; range: Range };

type Encoding = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

const isHexDigit = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

function isAlnum(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** url.shouldEscape for one byte. */
export function shouldEscape(code: number, mode: Encoding): boolean {
  if (isAlnum(code)) return false;
  const c = String.fromCharCode(code);
  if (mode === 'host' || mode === 'zone') {
    if ('!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  }
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'pathSegment':
        return c === '/' || c === ';' || c === ',' || c === '?';
      case 'userPassword':
        return c === '@' || c === '/' || c === '?' || c === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      case 'path':
        return c === '?';
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

type Unescaped = { ok: true; value: string } | { ok: false; error: string; at: number; length: number };

/** url.unescape: validates `%XX` escapes (and host characters) and decodes. */
export function urlUnescape(s: string, mode: Encoding): Unescaped {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      if (i + 2 >= s.length || !isHexDigit(s[i + 1]) || !isHexDigit(s[i + 2])) {
        const bad = s.slice(i, i + 3);
        return { ok: false, error: `invalid URL escape ${JSON.stringify(bad)}`, at: i, length: bad.length };
      }
      const byte = Number.parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && byte < 0x80 && s.slice(i, i + 3) !== '%25') {
        return {
          ok: false,
          error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
          at: i,
          length: 3,
        };
      }
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && byte !== 0x20 && shouldEscape(byte, 'host')) {
        return {
          ok: false,
          error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
          at: i,
          length: 3,
        };
      }
      i += 3;
      continue;
    }
    const code = s.charCodeAt(i);
    if ((mode === 'host' || mode === 'zone') && code < 0x80 && shouldEscape(code, mode)) {
      return { ok: false, error: `invalid character ${JSON.stringify(c)} in host name`, at: i, length: 1 };
    }
    i++;
  }
  if (!s.includes('%') && !(mode === 'queryComponent' && s.includes('+'))) return { ok: true, value: s };
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else if (c === '+' && mode === 'queryComponent') {
      bytes.push(0x20);
      i++;
    } else {
      const cp = s.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      for (const b of stringToBytes(s.slice(i, i + width))) bytes.push(b);
      i += width;
    }
  }
  return { ok: true, value: bytesToString(Uint8Array.from(bytes)) };
}

/** url.escape over the UTF-8 bytes of s. */
export function urlEscape(s: string, mode: Encoding): string {
  let out = '';
  for (const b of stringToBytes(s)) {
    if (b === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(b, mode)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  return urlEscape(s, 'queryComponent');
}

/** url.PathEscape-like escaping for a whole path (keeps `/`). */
export function pathEscape(s: string): string {
  return urlEscape(s, 'path');
}

/** Userinfo escaping as url.Userinfo.String writes it. */
export function userinfoEscape(s: string): string {
  return urlEscape(s, 'userPassword');
}

function validEncoded(s: string, mode: Encoding): boolean {
  for (const b of stringToBytes(s)) {
    const c = String.fromCharCode(b);
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}

/** url.validOptionalPort. */
export function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^\d*$/.test(port.slice(1));
}

function getScheme(raw: string): { scheme: string; rest: string; restAt: number } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw, restAt: 0 };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1), restAt: i + 1 };
    }
    return { scheme: '', rest: raw, restAt: 0 };
  }
  return { scheme: '', rest: raw, restAt: 0 };
}

type HostResult = { ok: true; host: string } | { ok: false; error: string; at: number; length: number };

function parseHost(host: string): HostResult {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return { ok: false, error: "missing ']' in host", at: 0, length: host.length };
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) {
      return {
        ok: false,
        error: `invalid port ${JSON.stringify(colonPort)} after host`,
        at: i + 1,
        length: colonPort.length,
      };
    }
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const h1 = urlUnescape(host.slice(0, zone), 'host');
      if (!h1.ok) return { ok: false, error: h1.error, at: h1.at, length: h1.length };
      const h2 = urlUnescape(host.slice(zone, i), 'zone');
      if (!h2.ok) return { ok: false, error: h2.error, at: zone + h2.at, length: h2.length };
      const h3 = urlUnescape(host.slice(i), 'host');
      if (!h3.ok) return { ok: false, error: h3.error, at: i + h3.at, length: h3.length };
      return { ok: true, host: h1.value + h2.value + h3.value };
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) {
        return {
          ok: false,
          error: `invalid port ${JSON.stringify(colonPort)} after host`,
          at: i,
          length: colonPort.length,
        };
      }
    }
  }
  const u = urlUnescape(host, 'host');
  if (!u.ok) return { ok: false, error: u.error, at: u.at, length: u.length };
  return { ok: true, host: u.value };
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

/** url.Parse. Errors carry Go's message (without the `parse "…":` prefix) and the offending range. */
export function parseGoURL(raw: string): GoURLResult {
  const hash = raw.indexOf('#');
  const main = hash < 0 ? raw : raw.slice(0, hash);
  const fail = (error: string, start: number, end: number): GoURLResult => ({
    ok: false,
    error,
    range: { start, end: Math.max(start, end) },
  });

  for (let i = 0; i < main.length; i++) {
    const code = main.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return fail('net/url: invalid control character in URL', i, i + 1);
  }
  const url: GoURL = {
    scheme: '',
    opaque: '',
    host: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    fragment: '',
    forceQuery: false,
    omitHost: false,
    ranges: {},
  };
  const sch = getScheme(main);
  if ('error' in sch) return fail(sch.error, 0, 1);
  url.scheme = sch.scheme.toLowerCase();
  if (sch.scheme !== '') url.ranges.scheme = { start: 0, end: sch.scheme.length };
  let rest = sch.rest;
  let restAt = sch.restAt;

  const questionCount = rest.split('?').length - 1;
  if (rest.endsWith('?') && questionCount === 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      url.ranges.query = { start: restAt + q + 1, end: restAt + rest.length };
      rest = rest.slice(0, q);
    }
  }

  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return { ok: true, url };
    }
    const segment = rest.split('/')[0]!;
    if (segment.includes(':'))
      return fail('first path segment in URL cannot contain colon', restAt, restAt + segment.length);
  }

  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const authorityAt = restAt + 2;
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      restAt = authorityAt + slash;
      authority = authority.slice(0, slash);
    } else {
      rest = '';
      restAt = authorityAt + authority.length;
    }
    const at = authority.lastIndexOf('@');
    const hostPart = at < 0 ? authority : authority.slice(at + 1);
    const hostAt = at < 0 ? authorityAt : authorityAt + at + 1;
    const host = parseHost(hostPart);
    if (!host.ok) return fail(host.error, hostAt + host.at, hostAt + host.at + host.length);
    url.host = host.host;
    url.ranges.host = { start: hostAt, end: hostAt + hostPart.length };
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      url.ranges.userinfo = { start: authorityAt, end: authorityAt + at };
      if (!validUserinfo(userinfo)) return fail('net/url: invalid userinfo', authorityAt, authorityAt + at);
      const colon = userinfo.indexOf(':');
      const rawUser = colon < 0 ? userinfo : userinfo.slice(0, colon);
      const user = urlUnescape(rawUser, 'userPassword');
      if (!user.ok) return fail(user.error, authorityAt + user.at, authorityAt + user.at + user.length);
      url.ranges.username = { start: authorityAt, end: authorityAt + rawUser.length };
      if (colon < 0) {
        url.user = { username: user.value, password: '', passwordSet: false };
      } else {
        const rawPassword = userinfo.slice(colon + 1);
        const passwordAt = authorityAt + colon + 1;
        const password = urlUnescape(rawPassword, 'userPassword');
        if (!password.ok)
          return fail(password.error, passwordAt + password.at, passwordAt + password.at + password.length);
        url.ranges.password = { start: passwordAt, end: passwordAt + rawPassword.length };
        url.user = { username: user.value, password: password.value, passwordSet: true };
      }
    }
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }

  const path = urlUnescape(rest, 'path');
  if (!path.ok) return fail(path.error, restAt + path.at, restAt + path.at + path.length);
  url.path = path.value;
  url.rawPath = urlEscape(path.value, 'path') === rest ? '' : rest;
  if (rest !== '') url.ranges.path = { start: restAt, end: restAt + rest.length };

  if (hash >= 0) {
    const frag = raw.slice(hash + 1);
    const f = urlUnescape(frag, 'fragment');
    if (!f.ok) return fail(f.error, hash + 1 + f.at, hash + 1 + f.at + f.length);
    url.fragment = f.value;
    url.ranges.fragment = { start: hash + 1, end: raw.length };
  }
  return { ok: true, url };
}

/** URL.EscapedPath. */
export function escapedPath(url: GoURL): string {
  if (url.rawPath !== '' && validEncoded(url.rawPath, 'path')) {
    const p = urlUnescape(url.rawPath, 'path');
    if (p.ok && p.value === url.path) return url.rawPath;
  }
  if (url.path === '*') return '*';
  return urlEscape(url.path, 'path');
}

/** URL.Hostname: the host without its port and without IPv6 brackets. */
export function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/**
 * url.ParseQuery over the raw query, keeping every pair's place. Pairs Go drops (a `;` in the
 * pair, a bad escape) are returned separately, since gost silently ignores them.
 */
export function parseQuery(
  rawQuery: string,
  offset: number,
): { pairs: QueryPair[]; dropped: DroppedQueryPair[] } {
  const pairs: QueryPair[] = [];
  const dropped: DroppedQueryPair[] = [];
  let at = 0;
  while (at <= rawQuery.length) {
    const amp = rawQuery.indexOf('&', at);
    const end = amp < 0 ? rawQuery.length : amp;
    const text = rawQuery.slice(at, end);
    const range = { start: offset + at, end: offset + end };
    if (text.includes(';')) {
      dropped.push({ range, reason: 'invalid semicolon separator in query' });
    } else if (text !== '') {
      const eq = text.indexOf('=');
      const rawKey = eq < 0 ? text : text.slice(0, eq);
      const rawValue = eq < 0 ? '' : text.slice(eq + 1);
      const key = urlUnescape(rawKey, 'queryComponent');
      const value = urlUnescape(rawValue, 'queryComponent');
      if (!key.ok) dropped.push({ range, reason: key.error });
      else if (!value.ok) dropped.push({ range, reason: value.error });
      else {
        const keyRange = { start: range.start, end: range.start + rawKey.length };
        const valueStart = eq < 0 ? range.end : range.start + eq + 1;
        pairs.push({
          key: key.value,
          value: value.value,
          range,
          keyRange,
          valueRange: { start: valueStart, end: range.end },
          rawValue,
        });
      }
    }
    if (amp < 0) break;
    at = amp + 1;
  }
  return { pairs, dropped };
}

/** URL.String, as gost's tests print a normalised URL. */
export function formatGoURL(url: GoURL): string {
  let out = '';
  if (url.scheme !== '') out += `${url.scheme}:`;
  if (url.opaque !== '') out += url.opaque;
  else {
    if (url.scheme !== '' || url.host !== '' || url.user) {
      if (!(url.omitHost && url.host === '' && !url.user)) {
        if (url.host !== '' || url.path !== '' || url.user) out += '//';
        if (url.user) {
          out += urlEscape(url.user.username, 'userPassword');
          if (url.user.passwordSet) out += `:${urlEscape(url.user.password, 'userPassword')}`;
          out += '@';
        }
        if (url.host !== '') out += urlEscape(url.host, 'host');
      }
    }
    const path = escapedPath(url);
    if (path !== '' && path[0] !== '/' && url.host !== '') out += '/';
    out += path;
  }
  if (url.forceQuery || url.rawQuery !== '') out += `?${url.rawQuery}`;
  if (url.fragment !== '') out += `#${urlEscape(url.fragment, 'fragment')}`;
  return out;
}
