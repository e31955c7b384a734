/** Deadlines on the runtime's clock (Go's SetReadDeadline / context timeouts). */

import { GostError } from '../errors.js';
import type { Clock } from '../types.js';

/**
 * The reason a deadline's timer is cancelled with. Aborting without one makes a DOMException, stack
 * trace and all, for every operation that beat its deadline.
 */
const settled = Object.freeze({ reason: 'the operation settled before its deadline' });

/**
 * Resolves like `operation`, or rejects with a timeout error when `ms` elapse first. A non-positive
 * `ms` means no deadline. The operation is not cancelled: callers close the conn it waits on.
 */
export async function withDeadline<T>(
  clock: Clock,
  ms: number,
  operation: Promise<T>,
  what: string,
): Promise<T> {
  if (!(ms > 0)) return operation;
  const abort = new AbortController();
  let timedOut = false;
  const timer = clock.sleep(ms, abort.signal).then(() => {
    if (!abort.signal.aborted) timedOut = true;
  });
  try {
    const winner = await Promise.race([operation.then((value) => ({ value })), timer.then(() => undefined)]);
    if (winner === undefined || timedOut) {
      operation.catch(() => undefined);
      throw new GostError('timeout', `${what}: i/o timeout`);
    }
    return winner.value;
  } finally {
    abort.abort(settled);
  }
}
