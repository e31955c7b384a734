/**
 * Throughput of the data plane over in-memory streams: bytes/s through a 3-hop relay chain next to a
 * plain 3-stage in-memory pipe in the same run, and heap per idle relayed connection. Prints, does
 * not assert. Run with `node dist/bench/runtime.js` (add --expose-gc for steadier memory numbers).
 */

import type { GostConfig } from '../compiler/gost/config.js';
import { startGost } from '../runtime/gost.js';
import { createPipe } from '../runtime/io/pipe.js';
import { transport } from '../runtime/io/transport.js';
import { ManualClock, SeededRng } from '../runtime/testing/clock.js';
import { MemoryWorld } from '../runtime/testing/memory-network.js';
import type { Conn } from '../runtime/types.js';

const totalBytes = 256 * 1024 * 1024;
const chunkSize = 64 * 1024;
const idleConnections = 2000;

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function pump(source: Conn, sink: Conn): Promise<number> {
  const chunk = new Uint8Array(chunkSize).fill(0x61);
  const start = performance.now();
  const received = (async () => {
    let n = 0;
    while (n < totalBytes) {
      const c = await sink.read();
      if (c === null) break;
      n += c.length;
    }
    return n;
  })();
  for (let sent = 0; sent < totalBytes; sent += chunkSize) await source.write(chunk);
  const n = await received;
  return (n / ((performance.now() - start) / 1000)) | 0;
}

async function plainPipe(): Promise<number> {
  const [app, s1in] = createPipe('app:1', 's1:1');
  const [s1out, s2in] = createPipe('s1:2', 's2:1');
  const [s2out, s3in] = createPipe('s2:2', 's3:1');
  const [s3out, sink] = createPipe('s3:2', 'sink:1');
  void transport(s1in, s1out);
  void transport(s2in, s2out);
  void transport(s3in, s3out);
  return pump(app, sink);
}

function relayChain(): { world: MemoryWorld; configs: [string, GostConfig][] } {
  const world = new MemoryWorld();
  world.addHost('client', ['10.0.0.1']);
  for (let i = 1; i <= 3; i++) world.addHost(`p${i}`, [`10.0.1.${i}`]);
  world.addHost('target', ['10.0.0.9']);
  const relay: GostConfig = {
    services: [{ name: 'relay', addr: ':8420', handler: { type: 'relay' }, listener: { type: 'tcp' } }],
  };
  const client: GostConfig = {
    services: [
      {
        name: 'fwd',
        addr: ':8080',
        handler: { type: 'tcp', chain: 'c' },
        listener: { type: 'tcp' },
        forwarder: { nodes: [{ name: 't', addr: '10.0.0.9:80' }] },
      },
    ],
    chains: [
      {
        name: 'c',
        hops: [1, 2, 3].map((i) => ({
          name: `h${i}`,
          nodes: [
            {
              name: `p${i}`,
              addr: `10.0.1.${i}:8420`,
              connector: { type: 'relay' },
              dialer: { type: 'tcp' },
            },
          ],
        })),
      },
    ],
  };
  return {
    world,
    configs: [
      ['p1', relay],
      ['p2', relay],
      ['p3', relay],
      ['client', client],
    ],
  };
}

async function startChain() {
  const { world, configs } = relayChain();
  const clock = new ManualClock(settle);
  const instances = [];
  for (const [host, config] of configs) {
    instances.push(
      await startGost(config, {
        network: world.host(host).network,
        clock,
        rng: new SeededRng(1),
        hostname: host,
      }),
    );
  }
  const sinkListener = await world.host('target').network.listen('tcp', ':80');
  return { world, instances, sinkListener };
}

async function relayThroughput(): Promise<number> {
  const { world, instances, sinkListener } = await startChain();
  const app = await world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(new Uint8Array(1));
  const sink = await sinkListener.accept();
  await sink.read();
  const rate = await pump(app, sink);
  for (const i of instances) i.close();
  return rate;
}

async function idleMemory(): Promise<number> {
  const { world, instances, sinkListener } = await startChain();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const conns: Conn[] = [];
  for (let i = 0; i < idleConnections; i++) {
    const app = await world.host('client').network.dial('tcp', '127.0.0.1:8080');
    await app.write(new Uint8Array(1));
    conns.push(app, await sinkListener.accept());
  }
  await settle();
  gc?.();
  const perConn = (process.memoryUsage().heapUsed - before) / idleConnections;
  for (const c of conns) c.close();
  for (const i of instances) i.close();
  return perConn | 0;
}

const mb = (bytesPerSecond: number) => `${(bytesPerSecond / (1024 * 1024)).toFixed(1)} MiB/s`;

const plain = await plainPipe();
const chain = await relayThroughput();
console.log(`plain 3-stage in-memory pipe : ${mb(plain)}`);
console.log(
  `3-hop relay chain (in-memory): ${mb(chain)} (${((chain / plain) * 100).toFixed(1)}% of the plain pipe)`,
);
console.log(
  `heap per idle relayed connection (client + 3 relays + target): ~${(await idleMemory()).toLocaleString('en')} bytes`,
);
