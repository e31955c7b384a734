/**
 * Shared pieces of the runtime tests: an in-memory world with a manual clock, gost instances on its
 * hosts, tiny apps (echo servers) and byte helpers.
 */

import type { GostConfig } from '../../compiler/gost/config.js';
import { startGost, type GostInstance } from '../../runtime/gost.js';
import { concatBytes, fromUtf8, utf8 } from '../../runtime/io/bytes.js';
import { ManualClock, SeededRng } from '../../runtime/testing/clock.js';
import { type MemoryHost, MemoryWorld } from '../../runtime/testing/memory-network.js';
import type { Conn, TraceEvent } from '../../runtime/types.js';

/** Lets every pending promise continuation run (one turn of the event loop). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface StartOptions {
  profile?: 'stable' | 'head';
  /** Files the config may name (certFile, keyFile, caFile). */
  files?: Record<string, string>;
}

export interface Lab {
  world: MemoryWorld;
  clock: ManualClock;
  events: TraceEvent[];
  instances: GostInstance[];
  start(host: string, config: GostConfig, options?: StartOptions): Promise<GostInstance>;
  close(): void;
}

export function createLab(hosts: Record<string, string[]>): Lab {
  const world = new MemoryWorld();
  for (const [name, addresses] of Object.entries(hosts)) world.addHost(name, addresses);
  const clock = new ManualClock(settle);
  const events: TraceEvent[] = [];
  const instances: GostInstance[] = [];
  const lab: Lab = {
    world,
    clock,
    events,
    instances,
    async start(host, config, options = {}) {
      const instance = await startGost(config, {
        network: world.host(host).network,
        clock,
        rng: new SeededRng(7),
        hostname: host,
        trace: { emit: (e) => events.push(e) },
        profile: options.profile,
        readFile: (path) => options.files?.[path],
      });
      instances.push(instance);
      return instance;
    },
    close() {
      for (const i of instances) i.close();
    },
  };
  return lab;
}

/** A TCP echo server; `greeting` is sent first (a server-speaks-first app). */
export async function echoServer(host: MemoryHost, addr: string, greeting?: string): Promise<() => void> {
  const ln = await host.network.listen('tcp', addr);
  void (async () => {
    for (;;) {
      let conn: Conn;
      try {
        conn = await ln.accept();
      } catch {
        return;
      }
      void (async () => {
        if (greeting) await conn.write(utf8(greeting));
        for (;;) {
          const chunk = await conn.read().catch(() => null);
          if (chunk === null) break;
          await conn.write(chunk).catch(() => undefined);
        }
        conn.close();
      })();
    }
  })();
  return () => ln.close();
}

/** A UDP echo server answering every datagram to its sender. */
export async function udpEchoServer(host: MemoryHost, addr: string, prefix = ''): Promise<() => void> {
  const socket = await host.network.listen('udp', addr);
  void (async () => {
    for (;;) {
      const d = await socket.readFrom(65_535);
      if (d === null) return;
      await socket.writeTo(concatBytes([utf8(prefix), d.data]), d.addr).catch(() => undefined);
    }
  })();
  return () => socket.close();
}

/** Reads until `n` bytes arrived (or the stream ended). */
export async function readBytes(conn: Conn, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < n) {
    const chunk = await conn.read();
    if (chunk === null) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return concatBytes(parts);
}

export async function readText(conn: Conn, n: number): Promise<string> {
  return fromUtf8(await readBytes(conn, n));
}

/** Reads until the peer closes. */
export async function readToEnd(conn: Conn): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await conn.read().catch(() => null);
    if (chunk === null) return concatBytes(parts);
    parts.push(chunk);
  }
}

/** Whether `promise` is still pending after the event loop went idle. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await settle();
  await settle();
  return !done;
}

/** Lets the event loop turn until `condition` holds (at most `turns` times); returns the last result. */
export async function until(condition: () => boolean, turns = 50): Promise<boolean> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return true;
    await settle();
  }
  return condition();
}
