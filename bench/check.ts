/**
 * How `topo check` scales. Generates deployments of 1k to 8k hosts (a relay tier, edge gateways
 * behind NAT that publish apps through rtcp binds and proxy through client chains, a share of them
 * as native configs, and app hosts), then times `compileTopology` on each next to a plain YAML
 * parse of the same text, and finally the whole CLI on a small example against a bare `node -e 0`.
 * Prints figures and whether the targets hold:
 *   - checking 8k hosts takes at most 3x the YAML parse,
 *   - doubling the hosts at most 2.2x the check time,
 *   - `topo check` of a small example at most 3x the start of node itself.
 *
 *   node dist/bench/check.js [--sizes 1000,2000,4000,8000] [--runs 3] [--native-every 5] [--cli-runs 7]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileTopology } from '../compiler/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Hosts per private site: one app host, the rest edge gateways. */
const siteSize = 10;
/** One relay per this many hosts (at least two). */
const hostsPerRelay = 50;
/** By default every fifth edge gateway is written as a native config instead of a command line. */
const defaultNativeEvery = 5;

interface Shape {
  relays: number;
  sites: number;
  edges: number;
  clients: number;
}

function shapeOf(hosts: number): Shape {
  const relays = Math.max(2, Math.ceil(hosts / hostsPerRelay));
  const sites = Math.max(1, Math.floor((hosts - relays) / (siteSize + 1)));
  const edges = sites * (siteSize - 1);
  const clients = hosts - relays - sites * siteSize;
  return { relays, sites, edges, clients };
}

function relayName(j: number): string {
  return `relay-${j}.example.com`;
}

function siteNet(s: number): string {
  return `10.${(s >> 8) & 255}.${s & 255}`;
}

function publicIp(i: number): string {
  return `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
}

function nativeEdge(site: number, app: string, relay: string, port: number): string[] {
  return [
    '    config:',
    '      services:',
    '        - name: ssh',
    `          addr: 0.0.0.0:${port}`,
    '          handler: { type: rtcp }',
    '          listener: { type: rtcp, chain: up }',
    '          forwarder:',
    `            nodes: [{ name: ssh, addr: "${app}:22" }]`,
    '        - name: proxy',
    '          addr: 127.0.0.1:3128',
    '          handler: { type: http, chain: up }',
    '          listener: { type: tcp }',
    '      chains:',
    '        - name: up',
    '          hops:',
    '            - name: hop-0',
    '              nodes:',
    `                - name: relay-${site}`,
    `                  addr: ${relay}:8443`,
    '                  connector: { type: relay, auth: { username: gost, password: "${RELAY_PASSWORD:-secret}" } }',
    '                  dialer: { type: tls }',
  ];
}

/**
 * A deployment of `hosts` hosts as topology YAML; every `nativeEvery`-th edge gateway is a native
 * config (0: none).
 */
export function generateTopology(hosts: number, nativeEvery = defaultNativeEvery): string {
  const { relays, sites, clients } = shapeOf(hosts);
  const out: string[] = ['name: bench', 'networks:', '  internet: {}'];
  for (let s = 0; s < sites; s++) out.push(`  site-${s}: { nat: internet }`);
  out.push('hosts:');
  let ip = 1;
  for (let j = 0; j < relays; j++) {
    out.push(
      `  relay-${j}:`,
      `    addresses: { internet: ${publicIp(ip++)} }`,
      `    names: [${relayName(j)}]`,
      '    gost: -L "relay+tls://gost:${RELAY_PASSWORD:-secret}@:8443?bind=true"',
    );
  }
  let edge = 0;
  for (let s = 0; s < sites; s++) {
    const net = siteNet(s);
    const app = `${net}.10`;
    out.push(
      `  app-${s}:`,
      `    addresses: { site-${s}: ${app} }`,
      '    apps:',
      '      ssh: { listen: tcp/22, kind: banner }',
      '      web: { listen: tcp/80, kind: http }',
    );
    for (let k = 0; k < siteSize - 1; k++, edge++) {
      const relay = relayName(edge % relays);
      // Each edge binds its own port on its relay, so binds never collide.
      const port = 10000 + Math.floor(edge / relays);
      out.push(`  edge-${edge}:`, `    addresses: { site-${s}: ${net}.${20 + k} }`);
      if (nativeEvery > 0 && edge % nativeEvery === 0) out.push(...nativeEdge(s, app, relay, port));
      else
        out.push(
          `    gost: -L rtcp://0.0.0.0:${port}/${app}:80 -L http://127.0.0.1:3128 -F "relay+tls://gost:\${RELAY_PASSWORD:-secret}@${relay}:8443"`,
        );
    }
  }
  for (let c = 0; c < clients; c++) {
    out.push(
      `  client-${c}:`,
      `    addresses: { internet: ${publicIp(ip++)} }`,
      `    gost: -L socks5://127.0.0.1:1080 -F "relay+tls://gost:\${RELAY_PASSWORD:-secret}@${relayName(c % relays)}:8443"`,
    );
  }
  return `${out.join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * CPU time of this process spent in `fn`, in milliseconds. On a machine shared with other work,
 * wall time measures the neighbours as much as topo; CPU time does not.
 */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function spawnMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  return ms;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

interface Row {
  hosts: number;
  bytes: number;
  parseMs: number;
  checkMs: number;
  errors: number;
  warnings: number;
  rssMb: number;
}

function measure(hosts: number, runs: number, nativeEvery: number): Row {
  const text = generateTopology(hosts, nativeEvery);
  const env = {};
  // One untimed round each so both paths run optimised code.
  parse(text);
  let result = compileTopology('bench.yaml', text, env);
  const parseMs = median(Array.from({ length: runs }, () => cpuMs(() => parse(text))));
  const checkMs = median(
    Array.from({ length: runs }, () =>
      cpuMs(() => {
        result = compileTopology('bench.yaml', text, env);
      }),
    ),
  );
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  return {
    hosts,
    bytes: Buffer.byteLength(text),
    parseMs,
    checkMs,
    errors,
    warnings,
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function pad(value: string, width: number): string {
  return value.padStart(width);
}

function main(): void {
  const sizes = option('--sizes', '1000,2000,4000,8000').split(',').map(Number);
  const runs = Number(option('--runs', '3'));
  const nativeEvery = Number(option('--native-every', String(defaultNativeEvery)));
  const rows = sizes.map((n) => measure(n, runs, nativeEvery));

  console.log(
    'topo check scaling: CPU ms, median of %d runs; %s\n',
    runs,
    nativeEvery > 0 ? `every ${nativeEvery}th edge gateway a native config` : 'command lines only',
  );
  console.log(
    [
      pad('hosts', 6),
      pad('file KB', 8),
      pad('parse ms', 9),
      pad('check ms', 9),
      pad('check/parse', 12),
      pad('growth', 7),
      pad('errors', 7),
      pad('warnings', 9),
      pad('peak RSS MB', 12),
    ].join(' '),
  );
  rows.forEach((r, i) => {
    const previous = rows[i - 1];
    const growth = previous ? (r.checkMs / previous.checkMs).toFixed(2) : '-';
    console.log(
      [
        pad(String(r.hosts), 6),
        pad((r.bytes / 1024).toFixed(0), 8),
        pad(r.parseMs.toFixed(1), 9),
        pad(r.checkMs.toFixed(1), 9),
        pad((r.checkMs / r.parseMs).toFixed(2), 12),
        pad(growth, 7),
        pad(String(r.errors), 7),
        pad(String(r.warnings), 9),
        pad(r.rssMb.toFixed(0), 12),
      ].join(' '),
    );
  });

  const cliRuns = Number(option('--cli-runs', '7'));
  const example = 'examples/relay-remote-forwarding.yaml';
  const main = join('dist', 'cli', 'main.js');
  spawnMs(['-e', '0']);
  spawnMs([main, 'check', example]);
  const nodeMs = median(Array.from({ length: cliRuns }, () => spawnMs(['-e', '0'])));
  const cliMs = median(Array.from({ length: cliRuns }, () => spawnMs([main, 'check', example])));
  console.log(`\nnode ${main} check ${example}: ${cliMs.toFixed(0)} ms; node -e 0: ${nodeMs.toFixed(0)} ms`);

  const largest = rows[rows.length - 1]!;
  const worstGrowth = Math.max(...rows.slice(1).map((r, i) => r.checkMs / rows[i]!.checkMs));
  const targets: [string, boolean][] = [
    [
      `check of ${largest.hosts} hosts within 3x the parse (${(largest.checkMs / largest.parseMs).toFixed(2)}x)`,
      largest.checkMs <= 3 * largest.parseMs,
    ],
    [`doubling the hosts at most 2.2x the time (worst ${worstGrowth.toFixed(2)}x)`, worstGrowth <= 2.2],
    [`small check within 3x node -e 0 (${(cliMs / nodeMs).toFixed(2)}x)`, cliMs <= 3 * nodeMs],
  ];
  console.log('');
  for (const [what, ok] of targets) console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
}

main();
