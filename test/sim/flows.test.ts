import { describe, expect, it } from 'vitest';
import type { Conn } from '../../runtime/types.js';
import { type FlowSpec, runFlow } from '../../sim/flows.js';
import { PayloadHash } from '../../sim/payload-hash.js';
import { SimRng } from '../../sim/rng.js';
import { Scheduler } from '../../sim/scheduler.js';
import { SimWorld } from '../../sim/world.js';
import { planOf } from '../scenarios/helpers.js';

const topology = `
name: flows
networks:
  lan: {}
hosts:
  server:
    addresses: { lan: 10.0.0.2 }
    apps:
      echo: { listen: tcp/7 }
  laptop:
    addresses: { lan: 10.0.0.1 }
`;

async function world() {
  const scheduler = new Scheduler();
  const sim = new SimWorld({ plan: planOf(topology), scheduler, rng: new SimRng(1) });
  await scheduler.runNow('setup', () => sim.startAll());
  return { sim, scheduler };
}

function spec(port: number, payloadSize: number, payloadCount: number): FlowSpec {
  return {
    name: 'f',
    protocol: 'tcp',
    host: '10.0.0.2',
    port,
    payloadSize,
    payloadCount,
    app: { kind: 'echo' },
  };
}

/** The hash of the payload `seed` gives, each message drawn into a buffer of its own up front. */
function payloadHash(seed: number, size: number, count: number): number {
  const rng = new SimRng(seed);
  const messages = Array.from({ length: count }, () => rng.bytes(size));
  const hash = new PayloadHash();
  for (const m of messages) hash.update(m);
  return hash.value;
}

/** Serves `port` on the server with `serve`, as an app the flow does not know about. */
async function serveWith(sim: SimWorld, port: number, serve: (conn: Conn) => Promise<void>): Promise<void> {
  const listener = await sim.network('server', 'app:test').listen('tcp', `:${port}`);
  void (async () => {
    for (;;) {
      const conn = await listener.accept().catch(() => null);
      if (!conn) return;
      void serve(conn).finally(() => conn.close());
    }
  })();
}

async function flow(sim: SimWorld, scheduler: Scheduler, s: FlowSpec, seed: number, log: string[] = []) {
  const rng = new SimRng(seed);
  let report: Awaited<ReturnType<typeof runFlow>> | undefined;
  await scheduler.runNow('flow:0', async () => {
    report = await runFlow(s, {
      network: sim.network('laptop', 'client'),
      clock: scheduler.clock,
      randomBytes: (n) => rng.bytes(n),
      fillRandom: (into) => rng.fill(into),
      resolve: (name) => sim.fabric.resolve('laptop', name),
      log: (action, detail) => log.push(`${action}: ${detail ?? ''}`),
    });
  });
  if (!report) throw new Error('the flow did not finish');
  return report;
}

describe('a client flow', () => {
  it('draws its payload message by message, the same bytes as drawing every message up front', async () => {
    const { sim, scheduler } = await world();
    const report = await flow(sim, scheduler, spec(7, 70_001, 5), 42);
    expect(report.result).toBe('ok');
    expect(report.receivedBytes).toBe(350_005);
    expect(report.payloadBytes).toBe(350_005);
    expect(report.payloadHash).toBe(payloadHash(42, 70_001, 5));
    const receipt = sim.apps()[0]?.receipts.find((r) => r.owner === 'flow:0');
    expect(receipt).toMatchObject({ bytes: 350_005, hash: report.payloadHash });
  });

  it('reports the hash of the whole payload even when it ends before sending it', async () => {
    const { sim, scheduler } = await world();
    const report = await flow(sim, scheduler, spec(8, 1000, 3), 5);
    expect(report.result).toBe('failed');
    expect(report.sentBytes).toBe(0);
    expect(report.payloadHash).toBe(payloadHash(5, 1000, 3));
  });

  it('finds an echo that differs from what was sent', async () => {
    const { sim, scheduler } = await world();
    await serveWith(sim, 9, async (conn) => {
      for (let chunk = await conn.read(); chunk; chunk = await conn.read()) {
        const changed = chunk.slice();
        changed[changed.length - 1] = (changed[changed.length - 1] as number) ^ 1;
        await conn.write(changed);
      }
    });
    const report = await flow(sim, scheduler, spec(9, 300_000, 2), 3);
    expect(report.result).toBe('corrupted');
    expect(report.error?.message).toBe('echo of message 1 differs from what was sent');
  });

  it('says how much of an echo came back before the connection ended', async () => {
    const { sim, scheduler } = await world();
    await serveWith(sim, 10, async (conn) => {
      const chunk = await conn.read(1000);
      if (chunk) await conn.write(chunk);
    });
    const log: string[] = [];
    const report = await flow(sim, scheduler, spec(10, 4000, 1), 3, log);
    expect(report.result).toBe('closed');
    expect(report.receivedBytes).toBe(0);
    expect(log.at(-1)).toBe(
      'closed: echo: the connection ended after 1000 of 4000 bytes (echo: unexpected EOF)',
    );
  });
});
