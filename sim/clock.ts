/**
 * Virtual time. Timers wait in a binary heap ordered by (time, sequence), so timers due at the same
 * instant fire in the order they were set. Time only moves when the scheduler fires a timer; nothing
 * here touches the real clock.
 */

import type { Clock } from '../runtime/types.js';

export interface Timer {
  readonly at: number;
  readonly seq: number;
  /** Who set the timer: the flow, fault or setup step whose work it continues. */
  readonly owner: string;
  readonly fire: () => void;
  cancelled: boolean;
}

export class TimerHeap {
  private readonly items: Timer[] = [];

  get size(): number {
    return this.items.length;
  }

  push(timer: Timer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  pop(): Timer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class VirtualClock implements Clock {
  private current = 0;
  private seq = 0;
  private readonly heap = new TimerHeap();
  /** Counts timers set and cancelled, so the scheduler can tell whether anything is still happening. */
  changes = 0;

  /** @param currentOwner names whoever is running now; a new timer keeps it for when it fires. */
  constructor(private readonly currentOwner: () => string = () => 'setup') {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      // The listener goes when the timer fires: a long-lived signal (a service's stop signal) sees
      // many sleeps and must not collect one listener per sleep.
      const onAbort = () => {
        this.cancel(timer);
        resolve();
      };
      const timer = this.schedule(this.current + Math.max(0, ms), this.currentOwner(), () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Sets a timer at absolute virtual time `at` (never in the past). */
  schedule(at: number, owner: string, fire: () => void): Timer {
    const timer: Timer = { at: Math.max(at, this.current), seq: this.seq++, owner, fire, cancelled: false };
    this.heap.push(timer);
    this.changes++;
    return timer;
  }

  cancel(timer: Timer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    this.changes++;
  }

  /** The next live timer, without removing it. */
  peek(): Timer | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (!top?.cancelled) return top;
      this.heap.pop();
    }
  }

  /** Removes the next live timer and moves time to it; the caller fires it. */
  take(): Timer | undefined {
    const timer = this.peek();
    if (!timer) return undefined;
    this.heap.pop();
    this.current = timer.at;
    return timer;
  }

  /** Moves time forward to `at` without firing anything (nothing is due before it). */
  advanceTo(at: number): void {
    if (at > this.current) this.current = at;
  }
}
