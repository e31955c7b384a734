/**
 * The handshake of modelled transports. topo does not speak HTTP/2, gRPC, SSH, KCP or QUIC on the
 * wire; instead the client opens with one line naming the transport and the settings gost requires
 * both ends to agree on, and the server answers `OK` or `ERR <gost's error text>`:
 *
 *   TOPO/1 <transport> <base64(JSON settings)>\n      ->      OK\n | ERR <message>\n
 *
 * A server of another transport (or a real protocol handler) sees a line it does not understand and
 * fails as it would on foreign bytes; the client then reports a handshake failure.
 */

import { GostError } from '../../errors.js';
import { fromUtf8, utf8 } from '../../io/bytes.js';
import type { BufferedReader } from '../../io/reader.js';

export type Settings = Record<string, string | number | boolean>;

export function encodeHello(transport: string, settings: Settings): Uint8Array {
  return utf8(`TOPO/1 ${transport} ${Buffer.from(JSON.stringify(settings)).toString('base64')}\n`);
}

export interface Hello {
  transport: string;
  settings: Settings;
}

/** Reads a hello; anything else is a handshake failure of this server. */
export async function readHello(reader: BufferedReader, expected: string): Promise<Hello> {
  const line = fromUtf8(await reader.readLine(4096, `${expected} handshake`)).trim();
  const match = /^TOPO\/1 (\S+) (\S*)$/.exec(line);
  if (!match) throw new GostError('handshake', `${expected}: handshake failure: unexpected bytes`);
  let settings: Settings;
  try {
    settings = JSON.parse(Buffer.from(match[2]!, 'base64').toString('utf8')) as Settings;
  } catch {
    throw new GostError('handshake', `${expected}: handshake failure: bad settings`);
  }
  return { transport: match[1]!, settings };
}

export function encodeReply(error?: string): Uint8Array {
  return utf8(error === undefined ? 'OK\n' : `ERR ${error}\n`);
}

/** Reads the server's answer; `ERR` and end of stream are handshake failures. */
export async function readReply(reader: BufferedReader, transport: string): Promise<void> {
  let line: string;
  try {
    line = fromUtf8(await reader.readLine(4096, `${transport} handshake`)).trim();
  } catch (error) {
    throw new GostError('handshake', `${transport}: handshake failure: ${(error as Error).message}`);
  }
  if (line === 'OK') return;
  throw new GostError(
    'handshake',
    line.startsWith('ERR ') ? line.slice(4) : `${transport}: handshake failure`,
  );
}
