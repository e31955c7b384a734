import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { utf8 } from '../../../runtime/io/bytes.js';
import { forwarder, proxyNode, server } from '../chains.js';
import { createLab, echoServer, type Lab, readText, readToEnd, until } from '../helpers.js';

const hosts = { client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'], laptop: ['10.0.0.4'] };
let lab: Lab;
afterEach(() => lab?.close());
const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

async function roundTrip(text = 'modelled'): Promise<string> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8(text));
  const got = await readText(app, text.length);
  app.close();
  return got;
}

async function fails(advanceMs = 0): Promise<boolean> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8('x'));
  const ended = readToEnd(app);
  await until(() => false, 20);
  if (advanceMs > 0) await lab.clock.advance(advanceMs);
  return (await ended).length === 0;
}

interface Side {
  metadata?: Record<string, unknown>;
  auth?: { username: string; password: string };
  tls?: Record<string, unknown>;
}

async function setup(
  listener: string,
  dialer: string,
  srv: Side = {},
  cli: Side = {},
  handler = 'relay',
  connector = 'relay',
) {
  lab = createLab(hosts);
  await echoServer(lab.world.host('target'), ':80');
  const config = server(handler, { listener });
  const svc = config.services![0]!;
  svc.listener!.metadata = srv.metadata ?? {};
  if (srv.auth) svc.listener!.auth = srv.auth;
  await lab.start('proxy', config);
  const client = forwarder('10.0.0.3:80', [
    [proxyNode('p', { connector, dialer, dialerMetadata: cli.metadata })],
  ]);
  const node = client.chains![0]!.hops![0]!.nodes![0]!;
  if (cli.auth) node.dialer!.auth = cli.auth;
  if (cli.tls) node.dialer!.tls = cli.tls;
  await lab.start('client', client);
}

describe('modelled transports', () => {
  for (const name of ['h2', 'h2c', 'grpc', 'ssh', 'kcp', 'quic']) {
    it(`carries relay over ${name}`, async () => {
      await setup(name, name);
      expect(await roundTrip()).toBe('modelled');
      expect(await roundTrip('again')).toBe('again');
    });
  }

  it('h2: an empty listener path accepts only CONNECT, a set one only GET to that path', async () => {
    await setup('h2', 'h2', {}, { metadata: { path: '/tunnel' } });
    expect(await fails()).toBe(true);
    expect(await until(() => errors().includes('405 Method Not Allowed'))).toBe(true);
    lab.close();
    await setup('h2', 'h2', { metadata: { path: '/tunnel' } }, { metadata: { path: '/tunnel' } });
    expect(await roundTrip()).toBe('modelled');
  });

  it('grpc: insecure on both ends works, a path mismatch fails', async () => {
    await setup('grpc', 'grpc', { metadata: { insecure: true } }, { metadata: { 'grpc.insecure': true } });
    expect(await roundTrip()).toBe('modelled');
    lab.close();
    await setup('grpc', 'grpc', { metadata: { path: '/a' } }, { metadata: { path: '/b' } });
    expect(await fails()).toBe(true);
  });

  it('ssh: listener credentials must match the dialer', async () => {
    await setup(
      'ssh',
      'ssh',
      { auth: { username: 'u', password: 'p' } },
      { auth: { username: 'u', password: 'p' } },
    );
    expect(await roundTrip()).toBe('modelled');
    lab.close();
    await setup(
      'ssh',
      'ssh',
      { auth: { username: 'u', password: 'p' } },
      { auth: { username: 'u', password: 'x' } },
    );
    expect(await fails()).toBe(true);
    expect(await until(() => errors().some((m) => m.startsWith('ssh: handshake failed')))).toBe(true);
  });

  it('kcp: a key mismatch and a TCP-only server both time out', async () => {
    await setup('kcp', 'kcp', { metadata: { 'kcp.key': 'a' } }, { metadata: { 'kcp.key': 'b' } });
    expect(await fails(16_000)).toBe(true);
    expect(await until(() => errors().includes('kcp: timeout: no recent network activity'))).toBe(true);
    lab.close();
    await setup('tcp', 'kcp');
    expect(await fails(16_000)).toBe(true);
  });

  it('quic: secure=true rejects the generated certificate', async () => {
    await setup('quic', 'quic', {}, { tls: { secure: true } });
    expect(await fails()).toBe(true);
    expect(
      await until(() => errors().some((m) => m.includes('certificate signed by unknown authority'))),
    ).toBe(true);
  });
});

describe('sshd', () => {
  it('forwards through a direct-tcpip channel with listener credentials', async () => {
    await setup(
      'sshd',
      'sshd',
      { auth: { username: 'u', password: 'p' } },
      { auth: { username: 'u', password: 'p' } },
      'sshd',
      'sshd',
    );
    expect(await roundTrip()).toBe('modelled');
  });

  it('fails "ssh: invalid connection" without the sshd dialer and "sshd: wrong connection type" without its listener', async () => {
    await setup('sshd', 'tcp', {}, {}, 'sshd', 'sshd');
    expect(await fails()).toBe(true);
    expect(await until(() => errors().includes('ssh: invalid connection'))).toBe(true);
    lab.close();
    await setup('tcp', 'tcp', {}, {}, 'sshd', 'forward');
    expect(await fails()).toBe(true);
    expect(await until(() => errors().includes('sshd: wrong connection type'))).toBe(true);
  });

  it('refuses the channels of an ssh dialer', async () => {
    await setup('sshd', 'ssh', {}, {}, 'sshd', 'relay');
    expect(await fails()).toBe(true);
    expect(await until(() => errors().some((m) => m.includes('unknown channel type')))).toBe(true);
  });

  it('remote-forwards with rtcp and refuses rudp', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':22');
    await lab.start('proxy', server('sshd', { listener: 'sshd' }));
    const rtcp = (type: 'rtcp' | 'rudp'): GostConfig => ({
      services: [
        {
          name: type,
          addr: ':2222',
          handler: { type },
          listener: { type, chain: 'c' },
          forwarder: { nodes: [{ name: 't', addr: '10.0.0.3:22' }] },
        },
      ],
      chains: [
        { name: 'c', hops: [{ name: 'h', nodes: [proxyNode('s', { connector: 'sshd', dialer: 'sshd' })] }] },
      ],
    });
    await lab.start('client', rtcp('rtcp'));
    expect(await until(() => lab.events.some((e) => e.type === 'bind' && e.ok))).toBe(true);
    const app = await lab.world.host('laptop').network.dial('tcp', '10.0.0.2:2222');
    await app.write(utf8('fwd'));
    expect(await readText(app, 3)).toBe('fwd');
    lab.close();

    lab = createLab(hosts);
    await lab.start('proxy', server('sshd', { listener: 'sshd' }));
    await lab.start('client', rtcp('rudp'));
    expect(
      await until(() =>
        lab.events.some((e) => e.type === 'service.error' && e.error === 'ssh: unsupported protocol'),
      ),
    ).toBe(true);
  });
});
