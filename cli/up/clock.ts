/**
 * Wall-clock time for a `topo up` session: milliseconds since the session started (so traces read
 * like the simulator's, from 0). The runtime's sleeps do not keep the process alive on their own —
 * once every socket is closed the process ends, whatever retry or keepalive timer is still pending;
 * the session's own waits (`wait`, and the clock `keepingAlive` gives expectation clients) do, so a
 * session with nothing listening still runs to its end.
 */

import type { Clock } from '../../runtime/types.js';

function sleepFor(ms: number, signal: AbortSignal | undefined, unref: boolean): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    if (unref) timer.unref();
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

export class SessionClock implements Clock {
  private readonly origin = performance.now();

  now(): number {
    return performance.now() - this.origin;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepFor(ms, signal, true);
  }

  /** A delay that keeps the process alive until it ends. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepFor(ms, signal, false);
  }

  /** The same time, with sleeps that keep the process alive. */
  keepingAlive(): Clock {
    return { now: () => this.now(), sleep: (ms, signal) => this.wait(ms, signal) };
  }
}
