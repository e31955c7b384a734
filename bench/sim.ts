/**
 * Simulator throughput, printed (not asserted): run with `node dist/bench/sim.js [MiB] [flows]` after
 * a build (defaults: 256 MiB, 10,000 flows; 0 skips a part).
 *
 * 1. Bulk: MiB echoed in 1 MiB messages (each echoed in full before the next is sent) from a laptop
 *    to an echo on a sink host through four forwarding stages (laptop, r1, r2, r3): five simulated
 *    TCP connections. Four variants, in one world and one run, so they share every cost of the
 *    simulator's streams (a copy when bytes enter the network, none when a stage passes on what it
 *    read, 256 KiB windows, 64 KiB reads):
 *    - baseline: each stage a plain copy loop reading 64 KiB at a time as gost's does, a plain client
 *      (the same buffer every time, no checks) and a plain echo — the measured path minus gost;
 *    - the baseline stages with the flow client of `topo sim` (payload drawn from the seeded
 *      generator and hashed, each echo compared) and the topology's echo app (hashing its receipt);
 *    - the laptop's gost forwarding through a chain of three relay hops, with the plain client;
 *    - the same chain with the flow client and the echo app: the bulk path as `topo sim` runs it.
 *    Each is measured in several interleaved rounds after a warm-up; the best round by CPU time
 *    counts (on a shared machine other work only ever slows a round), and each prints its share of
 *    the baseline. Last, kept for comparison with older figures: one stream pair, one way.
 * 2. 10,000 concurrent TCP flows from the laptop through a relay's rtcp port (bind=true) to an echo
 *    app behind NAT, each one 64-byte message and its echo.
 * The process's peak resident memory last.
 */

import { compileTopology } from '../compiler/index.js';
import type { TopologyPlan } from '../compiler/lower/plan.js';
import type { Conn, Network } from '../runtime/types.js';
import { runFlow } from '../sim/flows.js';
import { SimRng } from '../sim/rng.js';
import { Scheduler } from '../sim/scheduler.js';
import { createStreamPair } from '../sim/stream.js';
import { SimWorld } from '../sim/world.js';

const MiB = 1024 * 1024;
const messageSize = MiB;
/** What gost's copy loop reads at a time (runtime/io/transport.ts). */
const copyChunk = 64 * 1024;

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

/** Port 9000 forwards to the echo app, 9001 to the bench's plain echo, both through the chain. */
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
    gost: -L tcp://127.0.0.1:9000/203.0.113.40:9 -L tcp://127.0.0.1:9001/203.0.113.40:19 -F relay://203.0.113.1:8420 -F relay://203.0.113.2:8420 -F relay://203.0.113.3:8420
`;

/** The plain echo and the baseline's stages, on ports gost does not use. */
const plainEchoPort = 19;
const appEchoPort = 9;
const baselinePort = 9100;
const baselineFlowPort = 9101;

/** Four plain stages from the laptop's `entry` port through r1, r2 and r3 to the sink's `exit` port. */
function baselineStages(entry: number, exit: number): [host: string, listen: string, next: string][] {
  return [
    ['laptop', `127.0.0.1:${entry}`, `203.0.113.1:${entry}`],
    ['r1', `:${entry}`, `203.0.113.2:${entry}`],
    ['r2', `:${entry}`, `203.0.113.3:${entry}`],
    ['r3', `:${entry}`, `203.0.113.40:${exit}`],
  ];
}

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

// -------------------------------------------------------------------------------------------
// Plain stages: what the baseline has instead of gost
// -------------------------------------------------------------------------------------------

/** Copies `src` to `dst` as gost's copy loop does: one read of up to 64 KiB, then its write. */
async function copy(src: Conn, dst: Conn): Promise<void> {
  try {
    for (;;) {
      const chunk = await src.read(copyChunk);
      if (chunk === null) return;
      await dst.write(chunk);
    }
  } catch {
    // Either side closed: the pair is torn down below.
  }
}

/** A forwarding stage: each accepted connection is joined to a new one towards `next`. */
async function plainForwarder(network: Network, listen: string, next: string): Promise<void> {
  const listener = await network.listen('tcp', listen);
  void (async () => {
    for (;;) {
      const inbound = await listener.accept().catch(() => null);
      if (!inbound) return;
      void network.dial('tcp', next).then(async (outbound) => {
        await Promise.race([copy(inbound, outbound), copy(outbound, inbound)]);
        inbound.close();
        outbound.close();
      });
    }
  })();
}

async function plainEcho(network: Network, listen: string): Promise<void> {
  const listener = await network.listen('tcp', listen);
  void (async () => {
    for (;;) {
      const conn = await listener.accept().catch(() => null);
      if (!conn) return;
      void (async () => {
        try {
          for (let chunk = await conn.read(); chunk; chunk = await conn.read()) await conn.write(chunk);
        } finally {
          conn.close();
        }
      })().catch(() => undefined);
    }
  })();
}

/** Sends `totalBytes` in messages, waiting for each echo in full before the next; returns bytes echoed. */
async function plainClient(network: Network, address: string, totalBytes: number): Promise<number> {
  const conn = await network.dial('tcp', address);
  const message = new SimRng(4).bytes(messageSize);
  let echoed = 0;
  try {
    for (let sent = 0; sent < totalBytes; sent += message.length) {
      await conn.write(message);
      for (let got = 0; got < message.length; ) {
        const chunk = await conn.read(message.length - got);
        if (!chunk) return echoed;
        got += chunk.length;
        echoed += chunk.length;
      }
    }
    return echoed;
  } finally {
    conn.close();
  }
}

// -------------------------------------------------------------------------------------------
// Bulk
// -------------------------------------------------------------------------------------------

interface BulkWorld {
  world: SimWorld;
  scheduler: Scheduler;
  rng: SimRng;
}

async function bulkWorld(): Promise<BulkWorld> {
  const { world, scheduler } = await startWorld(chainTopology);
  await scheduler.runNow('bench', async () => {
    await plainEcho(world.network('sink', 'app:plain-echo'), `:${plainEchoPort}`);
    const stages = [
      ...baselineStages(baselinePort, plainEchoPort),
      ...baselineStages(baselineFlowPort, appEchoPort),
    ];
    for (const [host, listen, next] of stages) {
      await plainForwarder(world.network(host, 'app:plain-forwarder'), listen, next);
    }
  });
  return { world, scheduler, rng: new SimRng(3) };
}

interface Timing {
  bytes: number;
  /** Wall time. */
  ms: number;
  /** CPU time of this process (user and system): steadier than wall time on a shared machine. */
  cpuMs: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `task` in the simulation and returns the bytes it reports and the time it took. */
async function timed({ scheduler }: BulkWorld, task: () => Promise<number>): Promise<Timing> {
  let bytes = 0;
  const started = performance.now();
  const cpuStarted = cpuMs();
  await scheduler.runNow('bench', async () => {
    bytes = await task();
  });
  return { bytes, ms: performance.now() - started, cpuMs: cpuMs() - cpuStarted };
}

function baseline(bulk: BulkWorld, totalBytes: number): Promise<Timing> {
  return timed(bulk, () =>
    plainClient(bulk.world.network('laptop', 'client'), `127.0.0.1:${baselinePort}`, totalBytes),
  );
}

function gostPlainClient(bulk: BulkWorld, totalBytes: number): Promise<Timing> {
  return timed(bulk, () => plainClient(bulk.world.network('laptop', 'client'), '127.0.0.1:9001', totalBytes));
}

/** The flow client of `topo sim` to the topology's echo app, through the forward port `port`. */
function flowThrough(bulk: BulkWorld, port: number, totalBytes: number): Promise<Timing> {
  const { world, scheduler, rng } = bulk;
  return timed(bulk, async () => {
    const report = await runFlow(
      {
        name: 'bulk',
        protocol: 'tcp',
        host: '127.0.0.1',
        port,
        payloadSize: messageSize,
        payloadCount: totalBytes / messageSize,
        app: { kind: 'echo' },
        deadlineMs: 3_600_000,
      },
      {
        network: world.network('laptop', 'client'),
        clock: scheduler.clock,
        randomBytes: (n) => rng.bytes(n),
        fillRandom: (into) => rng.fill(into),
        resolve: (name) => world.fabric.resolve('laptop', name),
      },
    );
    if (report.result !== 'ok') throw new Error(`the bulk flow ended ${report.result}`);
    return report.receivedBytes;
  });
}

function gostFlow(bulk: BulkWorld, totalBytes: number): Promise<Timing> {
  return flowThrough(bulk, 9000, totalBytes);
}

function baselineFlow(bulk: BulkWorld, totalBytes: number): Promise<Timing> {
  return flowThrough(bulk, baselineFlowPort, totalBytes);
}

async function onePairOneWay(totalBytes: number): Promise<Timing> {
  const [a, b] = createStreamPair(
    { addr: 'a:1', host: 'a' },
    { addr: 'b:2', host: 'b' },
    { touch: () => undefined },
    1,
  );
  const chunk = new Uint8Array(messageSize);
  const started = performance.now();
  const cpuStarted = cpuMs();
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
  return { bytes: got, ms: performance.now() - started, cpuMs: cpuMs() - cpuStarted };
}

type Measure = (world: BulkWorld, totalBytes: number) => Promise<Timing>;

/**
 * Rounds of each bulk measurement, interleaved; the best round of each counts, by CPU time (the
 * machine is shared: other work only ever slows a round down).
 */
const rounds = 3;

function perCpuSecond(t: Timing): number {
  return t.bytes / t.cpuMs;
}

function describe(label: string, t: Timing, verb: string): string {
  const wall = `${t.ms.toFixed(0).padStart(6)} ms wall ${rate(t.bytes, t.ms).padStart(13)}`;
  const cpu = `${t.cpuMs.toFixed(0).padStart(6)} ms CPU ${rate(t.bytes, t.cpuMs).padStart(13)}`;
  return `${label.padEnd(46)} ${(t.bytes / MiB).toFixed(0)} MiB ${verb}: ${wall}, ${cpu}`;
}

function share(t: Timing, of: Timing): string {
  return `${((perCpuSecond(t) / perCpuSecond(of)) * 100).toFixed(0)}%`;
}

async function bulk(totalBytes: number): Promise<void> {
  const world = await bulkWorld();
  const variants: [label: string, measure: Measure][] = [
    ['baseline: sim streams, 4 plain copy stages', baseline],
    ['baseline stages, flow client and echo app', baselineFlow],
    ['3 relay hops, plain client and echo', gostPlainClient],
    ['3 relay hops, flow client and echo app', gostFlow],
  ];
  const warmUp = Math.min(totalBytes, 32 * MiB);
  for (const [, measure] of variants) await measure(world, warmUp);
  const best: (Timing | undefined)[] = variants.map(() => undefined);
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, measure]] of variants.entries()) {
      const t = await measure(world, totalBytes);
      const kept = best[i];
      if (!kept || t.cpuMs < kept.cpuMs) best[i] = t;
    }
  }
  world.world.close();
  const raw = await onePairOneWay(totalBytes);

  const [base, baseFlow, gost, flow] = best as [Timing, Timing, Timing, Timing];
  console.log(`bulk, each way, best of ${rounds} rounds by CPU time, after a ${warmUp / MiB} MiB warm-up:`);
  console.log(describe(variants[0]![0], base, 'echoed'));
  console.log(`${describe(variants[1]![0], baseFlow, 'echoed')}  ${share(baseFlow, base)} of the baseline`);
  console.log(`${describe(variants[2]![0], gost, 'echoed')}  ${share(gost, base)} of the baseline`);
  console.log(
    `${describe(variants[3]![0], flow, 'echoed')}  ${share(flow, base)} of the baseline, ` +
      `${share(flow, baseFlow)} of the baseline with the flow client`,
  );
  console.log(describe('one stream pair, one way, no forwarding', raw, 'sent'));
}

// -------------------------------------------------------------------------------------------
// Many flows
// -------------------------------------------------------------------------------------------

async function concurrentFlows(count: number): Promise<void> {
  const { world, scheduler } = await startWorld(rtcpTopology);
  const rng = new SimRng(2);
  const reports: Promise<{ result: string }>[] = [];
  const started = performance.now();
  const cpuStarted = cpuMs();
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
  const cpu = cpuMs() - cpuStarted;
  const ok = done.filter((r) => r.result === 'ok').length;
  world.close();
  console.log(
    `${count} concurrent flows via rtcp: ${ok} delivered in ${wall.toFixed(0)} ms wall ` +
      `(${((count / wall) * 1000).toFixed(0)} flows/s), ${cpu.toFixed(0)} ms CPU`,
  );
}

async function main(): Promise<void> {
  const [mibArg, flowsArg] = process.argv.slice(2);
  const mib = mibArg === undefined ? 256 : Number(mibArg);
  const flows = flowsArg === undefined ? 10_000 : Number(flowsArg);
  if (!Number.isInteger(mib) || mib < 0 || !Number.isInteger(flows) || flows < 0) {
    throw new Error(`usage: node dist/bench/sim.js [MiB] [flows]; got ${process.argv.slice(2).join(' ')}`);
  }
  if (mib > 0) await bulk(mib * MiB);
  if (flows > 0) await concurrentFlows(flows);
  console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await main();
