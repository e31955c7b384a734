/** Wall-clock time and OS randomness, for running gost instances on real sockets. */

import { randomInt } from 'node:crypto';
import type { Clock, Rng } from '../types.js';

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener('abort', cancel);
        resolve();
      }
      function cancel() {
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }
}

export class CryptoRng implements Rng {
  next(): number {
    return randomInt(0, 2 ** 47) / 2 ** 47;
  }
}
