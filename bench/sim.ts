/**
 * Simulator throughput, printed (not asserted): run with `node dist/bench/sim.js` after a build.
 *
 * 1. 10,000 concurrent TCP flows from a laptop through a relay's rtcp port (bind=true) to an echo
 *    app behind NAT, each one 64-byte message and its echo.
 * 2. 256 MiB echoed through a forward port whose chain has three relay hops.
 * Beside them, a plain in-memory connection pair moving the same bytes, measured in the same run,
 * and the process's peak resident memory.
 */

import { compileTopology } from '../compiler/index.js';
import type { TopologyPlan } from '../compiler/lower/plan.js';
import { runFlow } from '../sim/flows.js';
import { SimRng } from '../sim/rng.js';
import { Scheduler } from '../sim/scheduler.js';
import { createStreamPair } from '../sim/stream.js';
import { SimWorld } from '../sim/world.js';

const MiB = 1024 * 1024;

function plan(text: string): TopologyPlan {
  const result = compileTopology('bench.yaml', text, {});
  if (!result.plan) throw new Error('the benchmark topology does not compile');
  return result.plan;
}

const rtcpTopology = `
name: bench-rtcp
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://:8420?bind=true
  office-gw:
    addresses: { office: 10.0.0.2 }
    gost: -L rtcp://0.0.0.0:2222/10.0.0.3:7 -F relay://203.0.113.10:8420
  echo:
    addresses: { office: 10.0.0.3 }
    apps:
      echo: { listen: tcp/7 }
  laptop:
    addresses: { internet: 198.51.100.7 }
`;

const chainTopology = `
name: bench-chain
networks:
  internet: {}
hosts:
  r1:
    addresses: { internet: 203.0.113.1 }
    gost: -L relay://:8420
  r2:
    addresses: { internet: 203.0.113.2 }
    gost: -L relay://:8420
  r3:
    addresses: { internet: 203.0.113.3 }
    gost: -L relay://:8420
  sink:
    addresses: { internet: 203.0.113.40 }
    apps:
      echo: { listen: tcp/9 }
  laptop:
    addresses: { internet: 198.51.100.7 }
    gost: -L tcp://127.0.0.1:9000/203.0.113.40:9 -F relay://203.0.113.1:8420 -F relay://203.0.113.2:8420 -F relay://203.0.113.3:8420
`;

async function startWorld(text: string): Promise<{ world: SimWorld; scheduler: Scheduler }> {
  const scheduler = new Scheduler();
  const world = new SimWorld({
    plan: plan(text),
    scheduler,
    rng: new SimRng(1),
    loopLimit: Number.POSITIVE_INFINITY,
  });
  await scheduler.runNow('setup', () => world.startAll());
  // Let the rtcp listener's first bind happen.
  await scheduler.run(() => false, 100);
  return { world, scheduler };
}

function rate(bytes: number, ms: number): string {
  return `${(bytes / MiB / (ms / 1000)).toFixed(1)} MiB/s`;
}

async function concurrentFlows(count: number): Promise<void> {
  const { world, scheduler } = await startWorld(rtcpTopology);
  const rng = new SimRng(2);
  const reports: Promise<{ result: string }>[] = [];
  const started = performance.now();
  await scheduler.runNow('bench', () => {
    for (let i = 0; i < count; i++) {
      reports.push(
        runFlow(
          {
            name: `flow ${i}`,
            protocol: 'tcp',
            host: '203.0.113.10',
            port: 2222,
            payloadSize: 64,
            payloadCount: 1,
            app: { kind: 'echo' },
          },
          {
            network: world.network('laptop', 'client'),
            clock: scheduler.clock,
            randomBytes: (n) => rng.bytes(n),
            resolve: (name) => world.fabric.resolve('laptop', name),
          },
        ),
      );
    }
  });
  await scheduler.run(() => false, scheduler.clock.now() + 60_000);
  const done = await Promise.all(reports);
  const wall = performance.now() - started;
  const ok = done.filter((r) => r.result === 'ok').length;
  world.close();
  console.log(
    `${count} concurrent flows via rtcp: ${ok} delivered in ${wall.toFixed(0)} ms wall (${((count / wall) * 1000).toFixed(0)} flows/s)`,
  );
}

async function chainThroughput(totalBytes: number): Promise<void> {
  const { world, scheduler } = await startWorld(chainTopology);
  const rng = new SimRng(3);
  const chunk = MiB;
  let report: { result: string; receivedBytes: number } | undefined;
  const started = performance.now();
  await scheduler.runNow('bench', async () => {
    report = await runFlow(
      {
        name: 'bulk',
        protocol: 'tcp',
        host: '127.0.0.1',
        port: 9000,
        payloadSize: chunk,
        payloadCount: totalBytes / chunk,
        app: { kind: 'echo' },
        deadlineMs: 3_600_000,
      },
      {
        network: world.network('laptop', 'client'),
        clock: scheduler.clock,
        randomBytes: (n) => rng.bytes(n),
        resolve: (name) => world.fabric.resolve('laptop', name),
      },
    );
  });
  const wall = performance.now() - started;
  world.close();
  console.log(
    `${totalBytes / MiB} MiB echoed through 3 relay hops: ${report?.result ?? 'unfinished'}, ${wall.toFixed(0)} ms wall, ` +
      `${rate(totalBytes, wall)} each way`,
  );
}

async function plainPipe(totalBytes: number): Promise<void> {
  const [a, b] = createStreamPair(
    { addr: 'a:1', host: 'a' },
    { addr: 'b:2', host: 'b' },
    { touch: () => undefined },
    1,
  );
  const chunk = new Uint8Array(MiB);
  const started = performance.now();
  const reading = (async () => {
    let got = 0;
    while (got < totalBytes) {
      const c = await b.read();
      if (!c) break;
      got += c.length;
    }
    return got;
  })();
  for (let sent = 0; sent < totalBytes; sent += chunk.length) await a.write(chunk);
  const got = await reading;
  const wall = performance.now() - started;
  console.log(
    `plain in-memory pipe, ${got / MiB} MiB one way: ${wall.toFixed(0)} ms wall, ${rate(got, wall)}`,
  );
}

async function main(): Promise<void> {
  const bytes = 256 * MiB;
  await plainPipe(bytes);
  await concurrentFlows(10_000);
  await chainThroughput(bytes);
  console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await main();
