/**
 * Throughput of the gost command-line tools: converting generated command lines into configs
 * (parse, then print as `gost -O yaml` would) and emitting command lines from generated host
 * configs. Inputs come from a fixed-seed generator, so runs are comparable. Prints figures only.
 *
 *   node dist/bench/convert.js [COUNT]
 */
import { argvTexts } from '../compiler/cmd/arg-text.js';
import { parseGostArgs } from '../compiler/cmd/parse-gost-args.js';
import { emitCommandLine } from '../compiler/emit/cmdline.js';
import { writeGostYaml } from '../compiler/emit/gost-yaml.js';
import type { GostConfig, ServiceConfig } from '../compiler/gost/config.js';

/** mulberry32: a small seeded PRNG, so every run measures the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

const hosts = ['', '127.0.0.1', '10.0.0.2', 'relay.example.com', 'gw.example.net'];
const listenSchemes = ['', 'http', 'socks5', 'relay', 'relay+tls', 'relay+wss', 'https', 'ss', 'sshd'];
const forwardSchemes = ['tcp', 'udp', 'rtcp', 'rudp', 'relay'];
const nodeSchemes = ['http', 'socks5', 'relay', 'relay+tls', 'relay+wss', 'https', 'forward+tls', 'sshd'];
const options = [
  'bind=true',
  'nodelay=true',
  'udp=true',
  'keepAlive=true&ttl=5s',
  'strategy=fifo',
  'maxFails=3',
  'retries=2',
];

function commandLine(r: Rand): string[] {
  const argv: string[] = [];
  for (let i = int(r, 1, 3); i > 0; i--) {
    const forward = r() < 0.4;
    const scheme = forward ? pick(r, forwardSchemes) : pick(r, listenSchemes);
    const user = r() < 0.3 ? 'user:pass@' : '';
    const port = int(r, 1024, 60000);
    const addr = `${pick(r, hosts)}:${r() < 0.1 ? `${port}-${port + 3}` : port}`;
    const targets = forward
      ? `/${Array.from({ length: int(r, 1, 3) }, () => `10.0.${int(r, 0, 9)}.${int(r, 1, 254)}:${int(r, 1, 9999)}`).join(',')}`
      : '';
    const query = r() < 0.5 ? `?${pick(r, options)}` : '';
    argv.push('-L', `${scheme === '' ? '' : `${scheme}://`}${user}${addr}${targets}${query}`);
  }
  for (let i = int(r, 0, 2); i > 0; i--) {
    const nodes = Array.from(
      { length: int(r, 1, 2) },
      () => `${pick(r, hosts.slice(1))}:${int(r, 1, 9999)}`,
    ).join(',');
    const query = r() < 0.5 ? `?${pick(r, options)}` : '';
    argv.push('-F', `${pick(r, nodeSchemes)}://${r() < 0.3 ? 'u:p@' : ''}${nodes}${query}`);
  }
  return argv;
}

function hostConfig(r: Rand): GostConfig {
  const chains = Array.from({ length: int(r, 0, 2) }, (_, c) => ({
    name: `chain-${c}`,
    hops: Array.from({ length: int(r, 1, 2) }, (_, h) => ({
      name: `hop-${h}`,
      nodes: [
        {
          name: 'node-0',
          addr: `${pick(r, hosts.slice(1))}:${int(r, 1, 9999)}`,
          connector: {
            type: pick(r, ['http', 'socks5', 'relay']),
            ...(r() < 0.3 ? { metadata: { nodelay: true } } : {}),
          },
          dialer: { type: pick(r, ['tcp', 'tls', 'wss']) },
        },
      ],
    })),
  }));
  const services: ServiceConfig[] = Array.from({ length: int(r, 1, 4) }, (_, s) => {
    const forward = r() < 0.4;
    const chain = chains.length > 0 && r() < 0.7 ? pick(r, chains).name : undefined;
    const type = forward ? pick(r, ['tcp', 'udp', 'relay']) : pick(r, ['http', 'socks5', 'relay', 'auto']);
    return {
      name: `svc-${s}`,
      addr: `:${int(r, 1024, 60000)}`,
      handler: { type, ...(chain ? { chain } : {}), ...(r() < 0.3 ? { metadata: { bind: 'true' } } : {}) },
      listener: {
        type: type === 'udp' ? 'udp' : pick(r, ['tcp', 'tls']) === 'tls' && !forward ? 'tls' : 'tcp',
      },
      ...(forward
        ? {
            forwarder: { nodes: [{ name: 'target-0', addr: `10.0.0.${int(r, 1, 254)}:${int(r, 1, 9999)}` }] },
          }
        : {}),
    };
  });
  return { services, chains };
}

function measure(label: string, count: number, run: (i: number) => void): void {
  global.gc?.();
  const before = process.memoryUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) run(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const after = process.memoryUsage();
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `${label.padEnd(34)} ${String(count).padStart(6)} ops  ${ms.toFixed(0).padStart(7)} ms  ` +
      `${((count / ms) * 1000).toFixed(0).padStart(7)} ops/s  ${(ms / count).toFixed(3)} ms/op  ` +
      `heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB  rss ${mb(after.rss)} MB`,
  );
}

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const lines = Array.from({ length: count }, (_, i) => commandLine(prng(i + 1)));
  const configs = Array.from({ length: count }, (_, i) => hostConfig(prng(1_000_000 + i)));

  let parseErrors = 0;
  measure('parse gost command lines', count, (i) => {
    const result = parseGostArgs(argvTexts(lines[i]!), { purpose: 'print' });
    if (result.diagnostics.some((d) => d.severity === 'error')) parseErrors++;
  });
  measure('convert command lines to YAML', count, (i) => {
    for (const group of parseGostArgs(argvTexts(lines[i]!), { purpose: 'print' }).groups)
      writeGostYaml(group.config);
  });
  let inexpressible = 0;
  measure('emit command lines from configs', count, (i) => {
    if (!emitCommandLine(configs[i]!).ok) inexpressible++;
  });
  console.log(`command lines with errors: ${parseErrors}; configs without a command line: ${inexpressible}`);
}

main();
