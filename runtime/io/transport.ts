/**
 * gost's xnet.Transport: copy bytes both ways and return as soon as EITHER direction ends; the caller
 * then closes both conns. gost does not forward half-closes: the first EOF tears the pair down.
 */

import type { Clock, Conn } from '../types.js';
import { withDeadline } from './deadline.js';

const copyBufferSize = 64 * 1024;

export interface TransportResult {
  /** Bytes copied from `a` to `b`. */
  aToB: number;
  /** Bytes copied from `b` to `a`. */
  bToA: number;
  error?: unknown;
}

export interface IdleTimeout {
  clock: Clock;
  /** Each read must complete within this many ms (gost's pipe read timeout); 0 = none. */
  ms: number;
}

export async function transport(a: Conn, b: Conn, idle?: IdleTimeout): Promise<TransportResult> {
  const result: TransportResult = { aToB: 0, bToA: 0 };
  const read = (src: Conn) =>
    idle && idle.ms > 0
      ? withDeadline(idle.clock, idle.ms, src.read(copyBufferSize), 'pipe')
      : src.read(copyBufferSize);
  const copy = async (src: Conn, dst: Conn, count: (n: number) => void): Promise<void> => {
    try {
      for (;;) {
        const chunk = await read(src);
        if (chunk === null) return;
        await dst.write(chunk);
        count(chunk.length);
      }
    } catch (error) {
      result.error ??= error;
    }
  };
  await Promise.race([
    copy(a, b, (n) => {
      result.aToB += n;
    }),
    copy(b, a, (n) => {
      result.bToA += n;
    }),
  ]);
  return result;
}

/**
 * transport() followed by closing both conns, as every gost handler's deferred Close does. A copy
 * error (other than end of stream) is returned in the result for the caller to report.
 */
export async function relay(a: Conn, b: Conn, idle?: IdleTimeout): Promise<TransportResult> {
  try {
    return await transport(a, b, idle);
  } finally {
    a.close();
    b.close();
  }
}
