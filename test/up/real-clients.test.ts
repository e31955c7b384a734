/**
 * `topo up` (the built dist/cli/main.js) on seed examples and small topologies, driven by real
 * clients on this machine: curl through the proxies it prints (running the TRY column exactly as
 * printed), node:dgram through UDP forwards, and plain sockets on rtcp ports. Each test runs on its
 * own block of loopback addresses, so the tests cannot see each other's sockets.
 */

import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  curl,
  listeningOn,
  removeTempTopologies,
  root,
  shell,
  tcpExchange,
  tempTopology,
  type UpEvent,
  UpProcess,
} from './helpers.js';

afterAll(removeTempTopologies);

const running: UpProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});

function up(args: string[], env: Record<string, string> = {}): UpProcess {
  const p = new UpProcess(['--format', 'json', ...args], env);
  running.push(p);
  return p;
}

function hostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
}

function udpEcho(address: string, payload: string): Promise<string> {
  const { host, port } = hostPort(address);
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer from ${address}`));
    }, 10_000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message.toString('latin1'));
    });
    socket.send(payload, port, host);
  });
}

describe('proxies and forwards under topo up, with real clients', () => {
  it('serves curl through the http proxy of http-proxy-over-relay-wss, across relay+wss', async () => {
    const p = up([
      'examples/http-proxy-over-relay-wss.yaml',
      '--first-address',
      '127.0.41.1',
      '--port-offset',
      '20000',
    ]);
    await p.event('ready');
    const proxy = p.entry((e) => e.host === 'laptop');
    expect(proxy).toMatchObject({
      address: '127.0.41.2:28080',
      protocol: 'http',
      try: 'curl -x http://127.0.41.2:28080 http://www.example.com:80/',
    });
    expect(await shell(proxy.try as string)).toMatchObject({ code: 0, stdout: 'web/http\n' });
    const intranet = await curl(['-x', 'http://127.0.41.2:28080', 'http://intranet.example.internal/']);
    expect(intranet).toMatchObject({ code: 0, stdout: 'intranet/http\n' });
    // The relay resolves the name in the topology: no DNS of this machine is involved.
    const tunnel = await curl(['-p', '-x', 'http://127.0.41.2:28080', 'http://www.example.com/']);
    expect(tunnel).toMatchObject({ code: 0, stdout: 'web/http\n' });
  });

  it('serves curl through socks5 and http proxies with credentials, and refuses wrong ones', async () => {
    const file = tempTopology(
      'proxy-credentials.yaml',
      `name: proxy-credentials
networks:
  internet: {}
  home: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
    gost: -L relay://gost:\${RELAY_PASSWORD:-relay-pass}@:8420
  laptop:
    addresses: { home: 192.168.0.10 }
    gost: >-
      -L socks5://alice:\${PROXY_PASSWORD}@:1080 -L http://bob:hunter2@:8080
      -F relay://gost:\${RELAY_PASSWORD:-relay-pass}@relay.example.com:8420
  web:
    addresses: { internet: 198.51.100.80 }
    names: [www.example.com]
    apps:
      http: { listen: tcp/80, kind: http }
`,
    );
    const env = { PROXY_PASSWORD: 'open-sesame' };
    const p = up([file, '--first-address', '127.0.42.1', '--port-offset', '20000'], env);
    await p.event('ready');
    const socks = p.entry((e) => e.protocol === 'socks5');
    expect(socks.try).toBe(
      'curl -x "socks5h://alice:${PROXY_PASSWORD}@127.0.42.2:21080" http://www.example.com:80/',
    );
    expect(await shell(socks.try as string, env)).toMatchObject({ code: 0, stdout: 'web/http\n' });
    const http = p.entry((e) => e.protocol === 'http');
    expect(http.try).toBe('curl -x http://bob:hunter2@127.0.42.2:28080 http://www.example.com:80/');
    expect(await shell(http.try as string)).toMatchObject({ code: 0, stdout: 'web/http\n' });

    const wrong = await curl(['-x', 'socks5h://alice:wrong@127.0.42.2:21080', 'http://www.example.com/']);
    expect(wrong.code).toBe(97);
    const none = await curl(['-x', 'socks5h://127.0.42.2:21080', 'http://www.example.com/']);
    expect(none.code).toBe(97);
    const denied = await curl([
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-x',
      'http://bob:wrong@127.0.42.2:28080',
      'http://www.example.com/',
    ]);
    expect(denied.stdout).toBe('407');
    // The secret from the environment is never printed.
    expect(p.stdout + p.stderr).not.toContain('open-sesame');
  });

  it('serves curl through the local auto proxy and the authenticated relay (relay-proxy-auth)', async () => {
    const p = up([
      'examples/relay-proxy-auth.yaml',
      '--first-address',
      '127.0.53.1',
      '--port-offset',
      '20000',
    ]);
    await p.event('ready');
    const local = p.entry((e) => e.address === '127.0.53.2:28080');
    expect(local.try).toBe('curl -x http://127.0.53.2:28080 http://www.example.com:80/');
    expect(await shell(local.try as string)).toMatchObject({ code: 0, stdout: 'web/http\n' });
    // The same proxy speaks socks5 too (auto); the relay behind it checks the chain's credentials.
    const socks = await curl(['-x', 'socks5h://127.0.53.2:28080', 'http://www.example.com/']);
    expect(socks).toMatchObject({ code: 0, stdout: 'web/http\n' });
    const relayLog = /msg="192\.168\.0\.10:\d+ <> 203\.0\.113\.10:12345" host=relay/;
    expect(await p.waitFor('the relay accepting the laptop', () => relayLog.test(p.stderr))).toBe(true);
  });

  it('serves curl across a client chain of two hops (blog-proxy-chains)', async () => {
    const p = up([
      'examples/blog-proxy-chains.yaml',
      '--first-address',
      '127.0.43.1',
      '--port-offset',
      '20000',
    ]);
    await p.event('ready');
    const one = p.entry((e) => e.host === 'workstation-1');
    const two = p.entry((e) => e.host === 'workstation-2');
    expect(one.try).toBe('curl -x http://127.0.43.3:28080 http://www.example.com:80/');
    expect(two.try).toBe('curl -x socks5h://127.0.43.4:28080 http://www.example.com:80/');
    expect(await shell(one.try as string)).toMatchObject({ code: 0, stdout: 'web/http\n' });
    expect(await shell(two.try as string)).toMatchObject({ code: 0, stdout: 'web/http\n' });
    const log = await p.waitFor('the socks hop in the log', () =>
      /host=socks-upstream service=service-0/.test(p.stderr),
    );
    expect(log).toBe(true);
  });

  it('publishes rtcp and rudp ports on the relay (relay-remote-forwarding)', async () => {
    const p = up([
      'examples/relay-remote-forwarding.yaml',
      '--first-address',
      '127.0.44.1',
      '--port-offset',
      '20000',
    ]);
    const ready = await p.event('ready');
    expect(ready).toMatchObject({ listening: 2, remoteBinds: 3 });
    const web = p.entry((e) => e.service === 'office-gw/service-1');
    expect(web).toMatchObject({
      host: 'relay',
      address: '127.0.44.1:28080',
      try: 'curl http://127.0.44.1:28080/',
    });
    expect(await shell(web.try as string)).toMatchObject({ code: 0, stdout: 'intranet/http\n' });
    const ssh = p.entry((e) => e.service === 'office-gw/service-0');
    expect(ssh.note).toMatch(/loopback of relay/);
    expect(await tcpExchange('127.0.44.1', 22222, '', 14)).toBe('SSH-2.0-topo\r\n');
    // The laptop's forward reaches the same port through its own relay client.
    expect(await tcpExchange('127.0.44.6', 22222, '', 14)).toBe('SSH-2.0-topo\r\n');
    const dns = p.entry((e) => e.service === 'office-gw/service-2');
    expect(dns).toMatchObject({ network: 'udp', address: '127.0.44.1:30053' });
    expect(await udpEcho(dns.address, 'which office?')).toBe('which office?');
  });

  it('echoes UDP through the TCP+UDP relay forwarding example, from node:dgram', async () => {
    const p = up([
      'examples/relay-tcp-udp-forwarding.yaml',
      '--first-address',
      '127.0.45.1',
      '--port-offset',
      '20000',
    ]);
    await p.event('ready');
    const udp = p.entry((e) => e.network === 'udp');
    expect(udp).toMatchObject({
      host: 'branch-host',
      address: '127.0.45.2:21053',
      try: 'nc -u 127.0.45.2 21053',
    });
    const payload = 'a question for the dns server behind the relay';
    expect(await udpEcho(udp.address, payload)).toBe(payload);
    expect(await udpEcho(udp.address, 'again')).toBe('again');
    expect(await tcpExchange('127.0.45.2', 22222, '', 14)).toBe('SSH-2.0-topo\r\n');
  });
});

describe('ports below 1024', () => {
  it('are shifted by an offset topo up chooses and says, when the process may not bind them', async () => {
    // As root, drop the one capability that allows binding ports below 1024: the kernel then
    // refuses port 22, while the process can still read a checkout only root may read.
    const prefix =
      process.getuid?.() === 0
        ? ['setpriv', '--inh-caps=-net_bind_service', '--bounding-set=-net_bind_service']
        : [];
    const p = new UpProcess(
      ['--format', 'json', 'examples/relay-tcp-udp-forwarding.yaml', '--first-address', '127.0.51.1'],
      {},
      prefix,
    );
    running.push(p);
    const start = await p.event('up');
    expect(start).toMatchObject({
      portOffset: 10_000,
      offsetReason: 'port 22 is below 1024 and this process may not bind it',
    });
    await p.event('ready');
    expect(await tcpExchange('127.0.51.2', 12222, '', 14)).toBe('SSH-2.0-topo\r\n');
    expect(await tcpExchange('127.0.51.3', 10022, '', 14)).toBe('SSH-2.0-topo\r\n');
  });
});

describe('problems are reported with host and service, and the rest keeps running', () => {
  it('reports the bind a relay without bind=true refused, naming the rtcp service and the relay', async () => {
    const original = readFileSync(`${root}/examples/relay-remote-forwarding.yaml`, 'utf8');
    const relayLine = '@:8443?bind=true';
    expect(original).toContain(relayLine);
    const file = tempTopology('no-bind.yaml', original.replace(relayLine, '@:8443'));
    const p = up([file, '--force', '--first-address', '127.0.46.1', '--port-offset', '20000']);
    const refused = await p.waitFor('the refused bind of service-1', () =>
      p.events.find((e) => e.event === 'notice' && e.kind === 'bind-refused' && e.service === 'service-1'),
    );
    expect(refused).toMatchObject({ host: 'office-gw', level: 'error' });
    expect(refused.message).toContain('office-gw/service-1 (rtcp 0.0.0.0:8080): the relay refused the bind');
    expect(refused.message).toContain('relay/service-0 answered "relay: BIND is disabled"');
    expect(refused.message).toContain('bind=true');
    // Everything else runs: the relay accepts relay clients, the apps answer, the laptop listens.
    expect(await curl(['http://127.0.46.4:20080/'])).toMatchObject({ code: 0, stdout: 'intranet/http\n' });
    expect(await tcpExchange('127.0.46.3', 20022, '', 14)).toBe('SSH-2.0-topo\r\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(p.child.exitCode).toBeNull();
    expect(p.events.some((e) => e.event === 'ready')).toBe(false);
    expect(await listeningOn('127.0.46.1:28443')).toHaveLength(1);
    expect(await listeningOn('127.0.46.6:22222')).toHaveLength(1);
  });

  it('names host and service when a port is taken, and starts the other hosts', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(28420, '127.0.48.1', resolve));
    try {
      const p = up([
        'examples/http-proxy-over-relay-wss.yaml',
        '--first-address',
        '127.0.48.1',
        '--port-offset',
        '20000',
      ]);
      const failed = await p.waitFor('the start failure', () =>
        p.events.find((e) => e.event === 'notice' && e.kind === 'start-failed'),
      );
      expect(failed).toMatchObject({ host: 'relay', service: 'service-0' });
      expect(failed.message).toContain('address already in use (127.0.48.1:28420 is taken on this machine');
      expect(failed.message).toContain('the other hosts keep running');
      await p.event('running');
      expect(await curl(['http://127.0.48.3:20080/'])).toMatchObject({ code: 0, stdout: 'web/http\n' });
      // The laptop's proxy runs; its chain's relay is missing, so the proxy answers with an error.
      const viaProxy = await curl([
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '-x',
        'http://127.0.48.2:28080',
        'http://www.example.com/',
      ]);
      expect(viaProxy.stdout).toBe('503');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

describe('stopping', () => {
  it('closes every listener and connection on SIGINT, and the ports can be bound again', async () => {
    const p = up([
      'examples/relay-remote-forwarding.yaml',
      '--first-address',
      '127.0.47.1',
      '--port-offset',
      '20000',
    ]);
    await p.event('ready');
    expect((await listeningOn('127.0.47.')).length).toBeGreaterThan(0);
    // A connection left open through the relay's loopback port and the office gateway.
    const open = await new Promise<Socket>((resolve, reject) => {
      const socket = connect(22222, '127.0.47.6');
      socket.once('data', () => resolve(socket));
      socket.once('error', reject);
    });
    const closedByPeer = new Promise((resolve) => open.once('close', resolve));
    open.on('error', () => undefined);
    const code = await p.stop();
    expect(code).toBe(130);
    const stopped = p.events.find((e) => e.event === 'stopped') as UpEvent;
    expect(stopped).toMatchObject({ reason: 'interrupted', open: { listeners: 0, connections: 0 } });
    const counts = stopped.services as { host: string; service: string; connections: number }[];
    expect(counts.find((c) => c.host === 'laptop' && c.service === 'service-0')?.connections).toBe(1);
    await closedByPeer;
    expect(await listeningOn('127.0.47.')).toEqual([]);
    for (const entry of p.entryPoints.filter((e) => e.network === 'tcp')) {
      const { host, port } = hostPort(entry.address);
      const again = createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(port, host, resolve);
      });
      await new Promise((resolve) => again.close(resolve));
    }
  });
});
