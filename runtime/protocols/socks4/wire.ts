/**
 * SOCKS4 / SOCKS4a as gosocks4 reads and writes them.
 *
 *   request: VN=4 | CD | DSTPORT(2) | DSTIP(4) | USERID | 0x00 [| HOST | 0x00 when DSTIP = 0.0.0.x, x != 0]
 *   reply:   VN=0 | CD | DSTPORT(2) | DSTIP(4)          CD: 90 granted, 91 failed, 92 rejected, 93 bad user id
 */

import { formatIP, parseIP } from '../../addr.js';
import { GostError } from '../../errors.js';
import { concatBytes, fromLatin1, latin1, readU16, u16 } from '../../io/bytes.js';
import type { BufferedReader } from '../../io/reader.js';

export const version4 = 4;
export const Command = { connect: 1, bind: 2 } as const;
export const Code = { granted: 90, failed: 91, rejected: 92, rejectedUserId: 93 } as const;

export interface Socks4Request {
  command: number;
  host: string;
  port: number;
  /** True for a SOCKS4a request (host name after the user id). */
  domain: boolean;
  userId: string;
}

export function encodeRequest(req: Socks4Request): Uint8Array {
  let ip: Uint8Array;
  if (req.domain) ip = Uint8Array.of(0, 0, 0, 1);
  else {
    const parsed = parseIP(req.host);
    if (parsed?.length !== 4) throw new GostError('protocol', 'Bad address type');
    ip = parsed;
  }
  return concatBytes([
    Uint8Array.of(version4, req.command),
    u16(req.port),
    ip,
    fromLatin1(req.userId),
    Uint8Array.of(0),
    ...(req.domain ? [fromLatin1(req.host), Uint8Array.of(0)] : []),
  ]);
}

async function readCString(reader: BufferedReader, what: string): Promise<string> {
  const bytes: number[] = [];
  for (;;) {
    const b = await reader.readByte(what);
    if (b === 0) return latin1(Uint8Array.from(bytes));
    bytes.push(b);
    if (bytes.length > 255) throw new GostError('protocol', 'Field too long');
  }
}

export async function readRequest(reader: BufferedReader): Promise<Socks4Request> {
  const head = await reader.readExact(8, 'socks4 request');
  if (head[0] !== version4) throw new GostError('protocol', 'Bad version');
  if (head[1] !== Command.connect && head[1] !== Command.bind) throw new GostError('protocol', 'Bad Command');
  const domain = head[4] === 0 && head[5] === 0 && head[6] === 0 && head[7] !== 0;
  const userId = await readCString(reader, 'socks4 request');
  const host = domain ? await readCString(reader, 'socks4 request') : formatIP(head.subarray(4, 8));
  return { command: head[1]!, port: readU16(head, 2), host, domain, userId };
}

export function encodeReply(code: number): Uint8Array {
  return Uint8Array.of(0, code, 0, 0, 0, 0, 0, 0);
}

export async function readReply(reader: BufferedReader): Promise<number> {
  const b = await reader.readExact(8, 'socks4 reply');
  if (b[0] !== 0) throw new GostError('protocol', 'Bad version');
  return b[1]!;
}
