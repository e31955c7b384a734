/**
 * Drives virtual time. This is the one module of the simulator that yields to the real event loop:
 * between two virtual instants every promise continuation the last step caused must run, and only a
 * turn of the event loop guarantees that. The scheduler fires one timer, then lets the world settle
 * (event-loop turns until two in a row change nothing), then fires the next. Whatever runs during a
 * settle was caused by the timer that started it, so its `owner` (a flow, a fault, setup) is known.
 */

import { VirtualClock } from './clock.js';

/** Turns without any sign of quiet before the run is declared runaway (a livelock in the world). */
const maxTurnsPerSettle = 1_000_000;
const quietTurnsNeeded = 2;

export class SimulationStuck extends Error {
  override name = 'SimulationStuck';
}

export class Scheduler {
  readonly clock: VirtualClock;
  private activity = 0;
  /** The owner of whatever is running now. */
  current = 'setup';

  constructor() {
    this.clock = new VirtualClock(() => this.current);
  }

  /** Marks that something happened (bytes moved, a connection opened, an event was recorded). */
  touch(): void {
    this.activity++;
  }

  /** Runs `task` at virtual time `at` on behalf of `owner`. */
  at(at: number, owner: string, task: () => unknown): void {
    this.clock.schedule(at, owner, () => {
      void Promise.resolve()
        .then(task)
        .catch(() => undefined);
    });
  }

  /** Starts `task` now on behalf of `owner` and lets everything it causes settle. */
  async runNow(owner: string, task: () => unknown): Promise<void> {
    this.current = owner;
    void Promise.resolve()
      .then(task)
      .catch(() => undefined);
    await this.settle();
  }

  /** Lets every continuation run until the world is quiet. */
  async settle(): Promise<void> {
    let quiet = 0;
    let turns = 0;
    while (quiet < quietTurnsNeeded) {
      const before = this.activity + this.clock.changes;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (++turns > maxTurnsPerSettle) {
        throw new SimulationStuck(
          `the simulation did not settle at ${this.clock.now()} ms (owner ${this.current}): something keeps running`,
        );
      }
      quiet = this.activity + this.clock.changes === before ? quiet + 1 : 0;
    }
  }

  /**
   * Fires timers one at a time, settling after each, until `done()` holds, no timer is left, or the
   * next timer lies beyond `limitMs`. Time then stands at the last timer fired (or at `limitMs`).
   */
  async run(done: () => boolean, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    await this.settle();
    while (!done()) {
      const next = this.clock.peek();
      if (!next || next.at > limitMs) {
        if (Number.isFinite(limitMs)) this.clock.advanceTo(limitMs);
        break;
      }
      const timer = this.clock.take()!;
      this.current = timer.owner;
      timer.fire();
      await this.settle();
    }
  }
}
