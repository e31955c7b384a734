/**
 * The protocols against real peers on loopback: curl through the socks5 and http handlers, and a real
 * node:http server reached through a relay chain. Every child process and socket is bounded in time
 * and closed.
 */

import { execFile } from 'node:child_process';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { type GostInstance, startGost } from '../../../runtime/gost.js';
import { CryptoRng, RealClock } from '../../../runtime/net-node/clock.js';
import { LoopbackNetwork } from '../../../runtime/net-node/network.js';

const body = 'hello from target';
let target: Server;
let targetPort: number;
const instances: GostInstance[] = [];

beforeAll(async () => {
  target = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetPort = (target.address() as AddressInfo).port;
  return () => new Promise<void>((resolve) => target.close(() => resolve()));
});

afterEach(() => {
  for (const i of instances.splice(0)) i.close();
});

async function start(config: GostConfig): Promise<GostInstance> {
  const instance = await startGost(config, {
    network: new LoopbackNetwork({ address: '127.0.0.1' }),
    clock: new RealClock(),
    rng: new CryptoRng(),
    hostname: 'local',
  });
  instances.push(instance);
  return instance;
}

function portOf(instance: GostInstance, service: string): number {
  const addr = instance.services.get(service)!.addr;
  return Number(addr.slice(addr.lastIndexOf(':') + 1));
}

function proxyService(handler: string, auth?: { username: string; password: string }): GostConfig {
  return {
    services: [{ name: 'proxy', addr: '127.0.0.1:0', handler: { type: handler, ...(auth ? { auth } : {}) } }],
  };
}

interface CurlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('curl through the socks5 handler', () => {
  it('fetches a page with socks5h, without credentials', async () => {
    const gost = await start(proxyService('socks5'));
    const r = await curl([
      '-x',
      `socks5h://127.0.0.1:${portOf(gost, 'proxy')}`,
      `http://localhost:${targetPort}/`,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: body });
  });

  it('fetches a page with credentials and is refused with wrong ones', async () => {
    const gost = await start(proxyService('socks5', { username: 'alice', password: 's3cret' }));
    const port = portOf(gost, 'proxy');
    const ok = await curl([
      '-x',
      `socks5h://alice:s3cret@127.0.0.1:${port}`,
      `http://localhost:${targetPort}/`,
    ]);
    expect(ok).toMatchObject({ code: 0, stdout: body });
    const bad = await curl([
      '-x',
      `socks5h://alice:wrong@127.0.0.1:${port}`,
      `http://localhost:${targetPort}/`,
    ]);
    expect(bad.code).toBe(97);
    expect(bad.stderr).toMatch(/rejected by the SOCKS5 server|authentication/i);
  });
});

describe('curl through the http handler', () => {
  it('fetches through CONNECT and as a plain forward proxy', async () => {
    const gost = await start(proxyService('http'));
    const proxy = `http://127.0.0.1:${portOf(gost, 'proxy')}`;
    expect(await curl(['-x', proxy, `http://localhost:${targetPort}/`])).toMatchObject({
      code: 0,
      stdout: body,
    });
    expect(await curl(['-p', '-x', proxy, `http://localhost:${targetPort}/`])).toMatchObject({
      code: 0,
      stdout: body,
    });
  });

  it('answers 407 without credentials and lets the right ones through', async () => {
    const gost = await start(proxyService('http', { username: 'bob', password: 'pw' }));
    const port = portOf(gost, 'proxy');
    const denied = await curl([
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-x',
      `http://127.0.0.1:${port}`,
      `http://localhost:${targetPort}/`,
    ]);
    expect(denied.stdout).toBe('407');
    const tunnel = await curl(['-p', '-x', `http://127.0.0.1:${port}`, `http://localhost:${targetPort}/`]);
    expect(tunnel.code).toBe(56);
    expect(tunnel.stderr).toMatch(/407/);
    const ok = await curl(['-x', `http://bob:pw@127.0.0.1:${port}`, `http://localhost:${targetPort}/`]);
    expect(ok).toMatchObject({ code: 0, stdout: body });
  });
});

describe('a node:http server through a relay chain', () => {
  it('client tcp forward -> relay -> target', async () => {
    const relay = await start({
      services: [{ name: 'relay', addr: '127.0.0.1:0', handler: { type: 'relay' } }],
    });
    const client = await start({
      services: [
        {
          name: 'fwd',
          addr: '127.0.0.1:0',
          handler: { type: 'tcp', chain: 'c' },
          listener: { type: 'tcp' },
          forwarder: { nodes: [{ name: 't', addr: `127.0.0.1:${targetPort}` }] },
        },
      ],
      chains: [
        {
          name: 'c',
          hops: [
            {
              name: 'h',
              nodes: [
                {
                  name: 'r',
                  addr: `127.0.0.1:${portOf(relay, 'relay')}`,
                  connector: { type: 'relay' },
                  dialer: { type: 'tcp' },
                },
              ],
            },
          ],
        },
      ],
    });
    const text = await new Promise<string>((resolve, reject) => {
      const req = get(
        { host: '127.0.0.1', port: portOf(client, 'fwd'), path: '/', timeout: 10_000 },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => {
            data += c.toString();
          });
          res.on('end', () => resolve(data));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
    expect(text).toBe(body);
  });
});
