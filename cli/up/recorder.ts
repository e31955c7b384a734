/**
 * The log of a `topo up` session: every runtime trace event and every network, app and client event,
 * in the simulator's vocabulary (sim/events.ts), handed to subscribers as it happens (the log
 * printer, readiness, counts). Entries are kept only when asked — `--run-expectations` needs the
 * history to explain a flow; a long-running session must not grow without bound.
 */

import { Recorder, type SimEvent } from '../../sim/events.js';
import type { SessionClock } from './clock.js';

export type EventListener = (event: SimEvent, at: number) => void;

export class SessionRecorder extends Recorder {
  private readonly listeners = new Set<EventListener>();
  /** Session time of the last event, to tell when the deployment has gone quiet. */
  lastEventAt = 0;

  constructor(
    private readonly clock: SessionClock,
    owner: () => string,
    private readonly keep: boolean,
  ) {
    super({ now: () => clock.now(), owner, touch: () => undefined });
  }

  override record(event: SimEvent): void {
    if (this.keep) super.record(event);
    const at = this.clock.now();
    this.lastEventAt = at;
    for (const listener of this.listeners) listener(event, at);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once no event has been recorded for `quietMs`, or after `limitMs` in any case. */
  async quiet(quietMs: number, limitMs: number): Promise<void> {
    const until = this.clock.now() + limitMs;
    for (;;) {
      const now = this.clock.now();
      const wait = this.lastEventAt + quietMs - now;
      if (wait <= 0 || now >= until) return;
      await this.clock.wait(Math.min(wait, until - now));
    }
  }
}

/** The flow whose work is running now (`flow:<n>` while an expectation runs, else `background`). */
export interface FlowOwner {
  current: string;
}
