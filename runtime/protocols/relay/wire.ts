/**
 * gost's relay protocol (go-gost/relay relay.go, feature.go). Big-endian throughout.
 *
 *   Request : VER(1)=0x01 | CMD/FLAGS(1) | FEALEN(2) | FEATURES
 *   Response: VER(1)=0x01 | STATUS(1)    | FEALEN(2) | FEATURES
 *   Feature : TYPE(1) | LEN(2) | DATA(LEN)
 */

import { formatIP, parseIP, splitHostPort } from '../../addr.js';
import { GostError } from '../../errors.js';
import { concatBytes, fromLatin1, latin1, readU16, u16 } from '../../io/bytes.js';
import type { BufferedReader } from '../../io/reader.js';

export const version1 = 0x01;

export const Cmd = { connect: 0x01, bind: 0x02, associate: 0x03, mask: 0x0f, udpFlag: 0x80 } as const;

export const Status = {
  ok: 0x00,
  badRequest: 0x01,
  unauthorized: 0x02,
  forbidden: 0x03,
  timeout: 0x04,
  serviceUnavailable: 0x05,
  hostUnreachable: 0x06,
  networkUnreachable: 0x07,
  internalServerError: 0x08,
} as const;

const statusNames: Record<number, string> = {
  0: 'OK',
  1: 'Bad Request',
  2: 'Unauthorized',
  3: 'Forbidden',
  4: 'Timeout',
  5: 'Service Unavailable',
  6: 'Host Unreachable',
  7: 'Network Unreachable',
  8: 'Internal Server Error',
};

/** The client-side error text for a non-OK status: "<code> <name>", e.g. "2 Unauthorized". */
export function statusText(status: number): string {
  return `${status} ${statusNames[status] ?? 'Unknown Status'}`;
}

export const FeatureType = { userAuth: 0x01, addr: 0x02, tunnel: 0x03, network: 0x04 } as const;

export const NetworkId = { tcp: 0x0000, udp: 0x0001, ip: 0x0002, unix: 0x0010, serial: 0x0011 } as const;

const networkNames: Record<number, string> = { 0: 'tcp', 1: 'udp', 2: 'ip', 16: 'unix', 17: 'serial' };

/** relay NetworkID.String: unknown ids print as tcp. */
export function networkName(id: number): string {
  return networkNames[id] ?? 'tcp';
}

export const AddrType = { ipv4: 1, domain: 3, ipv6: 4 } as const;

export type Feature =
  | { type: 'userAuth'; username: string; password: string }
  | { type: 'addr'; atyp: number; host: string; port: number }
  | { type: 'tunnel'; id: Uint8Array }
  | { type: 'network'; network: number };

export interface RelayMessage {
  version: number;
  /** CMD/FLAGS in a request, STATUS in a response. */
  code: number;
  features: Feature[];
}

/** AddrFeature.ParseFrom: a missing or bad port is 0; the type follows the host's form. */
export function addrFeature(address: string): Feature & { type: 'addr' } {
  let host: string;
  let port = 0;
  try {
    const parts = splitHostPort(address);
    host = parts.host;
    const n = Number(parts.port);
    port = parts.port !== '' && Number.isInteger(n) ? n & 0xffff : 0;
  } catch {
    host = address;
  }
  const ip = parseIP(host);
  const atyp = ip ? (ip.length === 4 ? AddrType.ipv4 : AddrType.ipv6) : AddrType.domain;
  return { type: 'addr', atyp, host, port };
}

function encodeFeatureData(f: Feature): Uint8Array {
  switch (f.type) {
    case 'userAuth': {
      const u = fromLatin1(f.username);
      const p = fromLatin1(f.password);
      if (u.length > 0xff) throw new GostError('protocol', 'username maximum length exceeded');
      if (p.length > 0xff) throw new GostError('protocol', 'password maximum length exceeded');
      return concatBytes([Uint8Array.of(u.length), u, Uint8Array.of(p.length), p]);
    }
    case 'addr': {
      let body: Uint8Array;
      if (f.atyp === AddrType.ipv4) {
        const ip = parseIP(f.host);
        body = concatBytes([Uint8Array.of(1), ip?.length === 4 ? ip : new Uint8Array(4)]);
      } else if (f.atyp === AddrType.ipv6) {
        const ip = parseIP(f.host);
        const ip16 = new Uint8Array(16);
        if (ip?.length === 16) ip16.set(ip);
        else if (ip?.length === 4) ip16.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip]);
        body = concatBytes([Uint8Array.of(4), ip16]);
      } else {
        const name = fromLatin1(f.host);
        if (name.length > 0xff) throw new GostError('protocol', 'addr maximum length exceeded');
        body = concatBytes([Uint8Array.of(3, name.length), name]);
      }
      return concatBytes([body, u16(f.port)]);
    }
    case 'tunnel':
      return f.id.slice();
    case 'network':
      return u16(f.network);
  }
}

const featureCodes: Record<Feature['type'], number> = { userAuth: 1, addr: 2, tunnel: 3, network: 4 };

export function encodeMessage(message: RelayMessage): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const f of message.features) {
    const data = encodeFeatureData(f);
    parts.push(Uint8Array.of(featureCodes[f.type]), u16(data.length), data);
    length += 3 + data.length;
  }
  if (length > 0xffff) throw new GostError('protocol', 'features maximum length exceeded');
  return concatBytes([Uint8Array.of(message.version, message.code), u16(length), ...parts]);
}

function decodeFeature(type: number, data: Uint8Array): Feature {
  const short = () => new GostError('protocol', 'short buffer');
  switch (type) {
    case FeatureType.userAuth: {
      if (data.length < 2) throw short();
      const ulen = data[0]!;
      if (data.length < 1 + ulen + 1) throw short();
      const plen = data[1 + ulen]!;
      if (data.length < 2 + ulen + plen) throw short();
      return {
        type: 'userAuth',
        username: latin1(data.subarray(1, 1 + ulen)),
        password: latin1(data.subarray(2 + ulen, 2 + ulen + plen)),
      };
    }
    case FeatureType.addr: {
      if (data.length < 4) throw short();
      const atyp = data[0]!;
      let host: string;
      let pos = 1;
      if (atyp === AddrType.ipv4) {
        if (data.length < 7) throw short();
        host = formatIP(data.subarray(1, 5));
        pos = 5;
      } else if (atyp === AddrType.ipv6) {
        if (data.length < 19) throw short();
        host = formatIP(data.subarray(1, 17));
        pos = 17;
      } else if (atyp === AddrType.domain) {
        const alen = data[1]!;
        if (data.length < 4 + alen) throw short();
        host = latin1(data.subarray(2, 2 + alen));
        pos = 2 + alen;
      } else {
        throw new GostError('protocol', 'bad address type');
      }
      return { type: 'addr', atyp, host, port: readU16(data, pos) };
    }
    case FeatureType.tunnel:
      if (data.length < 16) throw short();
      return { type: 'tunnel', id: data.slice(0, 16) };
    case FeatureType.network:
      if (data.length < 2) throw short();
      return { type: 'network', network: readU16(data, 0) };
    default:
      throw new GostError('protocol', 'unknown feature');
  }
}

export function decodeFeatures(bytes: Uint8Array): Feature[] {
  const out: Feature[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes.length - pos < 3) throw new GostError('eof', 'read feature: unexpected EOF');
    const type = bytes[pos]!;
    const len = readU16(bytes, pos + 1);
    if (bytes.length - pos - 3 < len) throw new GostError('eof', 'read feature: unexpected EOF');
    out.push(decodeFeature(type, bytes.subarray(pos + 3, pos + 3 + len)));
    pos += 3 + len;
  }
  return out;
}

/** Request/Response.ReadFrom: version must be 1 ("bad version"), then FEALEN bytes of features. */
export async function readMessage(reader: BufferedReader, what: string): Promise<RelayMessage> {
  const header = await reader.readExact(4, what);
  if (header[0] !== version1) throw new GostError('protocol', `${what}: bad version`);
  const length = readU16(header, 2);
  const features = length === 0 ? [] : decodeFeatures(await reader.readExact(length, what));
  return { version: header[0]!, code: header[1]!, features };
}

export function featureAddress(f: Feature & { type: 'addr' }): string {
  return f.host.includes(':') ? `[${f.host}]:${f.port}` : `${f.host}:${f.port}`;
}

/** UDP over a relay stream: every datagram is LEN(2) | DATA. */
export function encodeLengthFrame(data: Uint8Array): Uint8Array {
  if (data.length > 0xffff) throw new GostError('protocol', 'write: data maximum exceeded');
  return concatBytes([u16(data.length), data]);
}
