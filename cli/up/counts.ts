/**
 * What each service and app of a session did, counted from the trace while it runs and printed when
 * it stops: connections accepted, failures, bytes relayed, ports bound for clients.
 */

import type { SimEvent } from '../../sim/events.js';
import type { SessionRecorder } from './recorder.js';

export interface ServiceCount {
  host: string;
  /** A gost service, or `app:<name>`. */
  service: string;
  connections: number;
  failures: number;
  bytes: number;
  binds: number;
}

export class SessionCounts {
  private readonly rows = new Map<string, ServiceCount>();
  private readonly unsubscribe: () => void;

  constructor(recorder: SessionRecorder, known: readonly { host: string; service: string }[]) {
    for (const k of known) this.row(k.host, k.service);
    this.unsubscribe = recorder.subscribe((event) => this.count(event));
  }

  private row(host: string, service: string): ServiceCount {
    const key = `${host}\u0000${service}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { host, service, connections: 0, failures: 0, bytes: 0, binds: 0 };
      this.rows.set(key, row);
    }
    return row;
  }

  private count(event: SimEvent): void {
    switch (event.type) {
      case 'service.accept':
        this.row(event.host, event.service).connections++;
        return;
      case 'error':
        if (event.service) this.row(event.host, event.service).failures++;
        return;
      case 'service.error':
        this.row(event.host, event.service).failures++;
        return;
      case 'bytes':
        this.row(event.host, event.service).bytes += event.sent + event.received;
        return;
      case 'bind':
        if (event.ok) this.row(event.host, event.service).binds++;
        return;
      case 'app.accept':
        this.row(event.host, `app:${event.app}`).connections++;
        return;
      case 'app.receive':
      case 'app.reply':
        this.row(event.host, `app:${event.app}`).bytes += event.bytes;
        return;
      case 'app.error':
        this.row(event.host, `app:${event.app}`).failures++;
        return;
      default:
        return;
    }
  }

  snapshot(): ServiceCount[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  close(): void {
    this.unsubscribe();
  }
}
