/**
 * Real sockets under `topo up`, in-process: requests/s and bytes/s of a client going through a
 * client-side TCP forward and a relay to a target (client -> gost forward -> relay -> app), beside
 * the same client talking to the target directly in the same run. Every connection is a real
 * loopback socket; the session is the one `topo up` builds. Prints, does not assert. Run with
 * `node dist/bench/up.js`.
 */

import { connect, type Socket } from 'node:net';
import { compileTopology } from '../compiler/index.js';
import { assignAddresses } from '../cli/up/addresses.js';
import { buildStack } from '../cli/up/session.js';

const topology = `
name: bench-up
networks:
  internet: {}
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://:8420
  client:
    addresses: { internet: 198.51.100.7 }
    gost: -L tcp://:8080/203.0.113.20:80 -L tcp://:8081/203.0.113.20:9000 -F relay://203.0.113.10:8420
  target:
    addresses: { internet: 203.0.113.20 }
    apps:
      web: { listen: tcp/80, kind: http }
      sink: { listen: tcp/9000 }
`;

const portOffset = 21_000;
const firstAddress = '127.0.9.1';
const requests = 2000;
const concurrency = 16;
const streamBytes = 128 * 1024 * 1024;
const chunkSize = 64 * 1024;

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/** One HTTP request on a fresh connection; the app answers and closes. */
async function request(host: string, port: number): Promise<number> {
  const socket = await open(host, port);
  return new Promise((resolve, reject) => {
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.once('error', reject);
    socket.once('close', () => (bytes > 0 ? resolve(bytes) : reject(new Error('empty answer'))));
    socket.write('GET / HTTP/1.1\r\nHost: bench\r\nContent-Length: 0\r\n\r\n');
  });
}

async function requestsPerSecond(host: string, port: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      await request(host, port);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / ((performance.now() - start) / 1000);
}

/** Bytes/s of one connection to the echo app: everything written comes back. */
async function bytesPerSecond(host: string, port: number): Promise<number> {
  const socket = await open(host, port);
  const chunk = Buffer.alloc(chunkSize, 0x61);
  const start = performance.now();
  const echoed = new Promise<void>((resolve, reject) => {
    let received = 0;
    socket.on('data', (data: Buffer) => {
      received += data.length;
      if (received >= streamBytes) resolve();
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed after ${received} bytes`)));
  });
  for (let sent = 0; sent < streamBytes; sent += chunkSize) {
    if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await echoed;
  const rate = (2 * streamBytes) / ((performance.now() - start) / 1000);
  socket.destroy();
  return rate;
}

async function main(): Promise<void> {
  const compiled = compileTopology('bench-up.yaml', topology, {});
  const plan = compiled.plan;
  if (!plan) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  const addresses = assignAddresses(
    plan.hosts.map((h) => h.name),
    firstAddress,
  );
  const stack = buildStack(plan, {
    addresses,
    externals: [],
    running: new Set(plan.hosts.map((h) => h.name)),
    apps: true,
    keepLog: false,
    baseDir: process.cwd(),
  });
  stack.world.applyPortOffset(portOffset);
  await stack.deployment.startAll();
  const client = addresses.get('client') as string;
  const target = addresses.get('target') as string;
  const port = (p: number) => stack.world.realPort(p);
  try {
    const directRps = await requestsPerSecond(target, port(80));
    const relayRps = await requestsPerSecond(client, port(8080));
    const directBps = await bytesPerSecond(target, port(9000));
    const relayBps = await bytesPerSecond(client, port(8081));
    const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB/s`;
    console.log(
      `topo up on loopback (${requests} requests, ${concurrency} at a time; ${streamBytes >> 20} MiB echoed)`,
    );
    console.log(`  requests/s  direct to the app:          ${directRps.toFixed(0)}`);
    console.log(`  requests/s  client -> relay -> app:     ${relayRps.toFixed(0)}`);
    console.log(`  bytes/s     direct to the app (echo):   ${mib(directBps)}`);
    console.log(`  bytes/s     client -> relay -> app:     ${mib(relayBps)}`);
  } finally {
    stack.deployment.close();
    stack.world.close();
  }
}

await main();
