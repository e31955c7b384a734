/**
 * The simulation's log: every runtime trace event of every host, plus what the network, the apps,
 * the clients and the world itself did. Each entry carries a sequence number, the virtual time and
 * its owner (the flow, fault or setup step whose work caused it), so a flow's story can be cut out
 * of the whole and the same seed always yields the same log.
 */

import type { TraceEvent } from '../runtime/types.js';

export type NetResult = 'accepted' | 'refused' | 'unreachable' | 'no-answer' | 'name-not-resolved' | 'loop';

export type SimEvent =
  | TraceEvent
  | {
      type: 'net.connect';
      network: 'tcp' | 'udp';
      from: string;
      src: string;
      /** The host the address belongs to, when there is one. */
      to?: string;
      dst: string;
      result: NetResult;
      conn?: number;
      /** Who listens there: `gost` (a gost service or bind), `app:<name>`, `client`. */
      listener?: string;
      reason?: string;
    }
  /** Bytes of a new owner on a connection opened earlier (a tunnel or mux session carrying them). */
  | { type: 'net.carry'; conn: number; from: string; to: string; bytes: number }
  | {
      type: 'net.datagram';
      from: string;
      src: string;
      to?: string;
      dst: string;
      bytes: number;
      result: 'delivered' | 'dropped' | 'refused';
      reason?: string;
    }
  | { type: 'net.reset'; host: string; conns: number; reason: string }
  | { type: 'app.accept'; host: string; app: string; remote: string }
  | { type: 'app.receive'; host: string; app: string; bytes: number }
  | { type: 'app.reply'; host: string; app: string; bytes: number }
  | { type: 'client'; host: string; action: string; detail?: string; bytes?: number; ok?: boolean }
  | { type: 'instance.start'; host: string; process: number; services: string[] }
  | { type: 'instance.error'; host: string; process: number; service?: string; kind: string; message: string }
  | { type: 'app.error'; host: string; app: string; kind: string; message: string }
  | { type: 'fault'; action: 'down' | 'up' | 'cut' | 'restore'; hosts: string[] };

export interface Recorded {
  seq: number;
  /** Virtual milliseconds. */
  t: number;
  owner: string;
  event: SimEvent;
}

export interface RecorderContext {
  now(): number;
  owner(): string;
  touch(): void;
}

export class Recorder {
  readonly entries: Recorded[] = [];

  constructor(private readonly ctx: RecorderContext) {}

  record(event: SimEvent): void {
    this.entries.push({ seq: this.entries.length, t: this.ctx.now(), owner: this.ctx.owner(), event });
    this.ctx.touch();
  }

  ownedBy(owner: string): Recorded[] {
    return this.entries.filter((e) => e.owner === owner);
  }
}
