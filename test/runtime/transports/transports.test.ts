import { afterEach, describe, expect, it } from 'vitest';
import { utf8 } from '../../../runtime/io/bytes.js';
import { createCertificate } from '../../../runtime/transports/certs.js';
import { SeededRng } from '../../../runtime/testing/clock.js';
import { forwarder, proxyNode, server } from '../chains.js';
import { createLab, echoServer, type Lab, readText, readToEnd, until } from '../helpers.js';

const hosts = { client: ['10.0.0.1'], proxy: ['10.0.0.2'], target: ['10.0.0.3'] };
let lab: Lab;
afterEach(() => lab?.close());
const errors = () => lab.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));

async function roundTrip(text = 'over the layer'): Promise<string> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8(text));
  const got = await readText(app, text.length);
  app.close();
  return got;
}

/** The app gets nothing back; a stalled mux session is given its keepalive timeout to die. */
async function fails(): Promise<boolean> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8('x'));
  const ended = readToEnd(app);
  // Let the handshakes run before virtual time moves, so keepalive timers start at time 0.
  await until(() => false, 20);
  await lab.clock.advance(70_000);
  return (await ended).length === 0;
}

async function setup(
  listener: string,
  dialer: string,
  options: { listenerMetadata?: Record<string, unknown>; dialerMetadata?: Record<string, unknown> } = {},
) {
  lab = createLab(hosts);
  await echoServer(lab.world.host('target'), ':80');
  const config = server('relay', { listener });
  config.services![0]!.listener!.metadata = options.listenerMetadata ?? {};
  await lab.start('proxy', config);
  await lab.start(
    'client',
    forwarder('10.0.0.3:80', [
      [proxyNode('p', { connector: 'relay', dialer, dialerMetadata: options.dialerMetadata })],
    ]),
  );
}

describe('transports', () => {
  for (const name of ['tls', 'ws', 'wss', 'mtls', 'mws', 'mwss']) {
    it(`carries relay over ${name}`, async () => {
      await setup(name, name);
      expect(await roundTrip()).toBe('over the layer');
      expect(await roundTrip('twice')).toBe('twice');
    });
  }

  it('multiplexes connections of an mtls node over one TCP connection', async () => {
    await setup('mtls', 'mtls');
    const apps = await Promise.all(
      [0, 1, 2].map(() => lab.world.host('client').network.dial('tcp', '127.0.0.1:8080')),
    );
    for (const [i, app] of apps.entries()) await app.write(utf8(`s${i}`));
    for (const [i, app] of apps.entries()) expect(await readText(app, 2)).toBe(`s${i}`);
    const proxyTcp = [...lab.world.host('proxy').conns].filter((c) => c.localAddr === '10.0.0.2:8000');
    expect(proxyTcp.length).toBe(1);
  });

  for (const [listener, dialer] of [
    ['tcp', 'tls'],
    ['tls', 'tcp'],
    ['ws', 'wss'],
    ['tls', 'mtls'],
    ['mtls', 'tls'],
    ['ws', 'mws'],
    ['mws', 'ws'],
  ] as const) {
    it(`fails when a ${dialer} dialer meets a ${listener} listener`, async () => {
      await setup(listener, dialer);
      expect(await fails()).toBe(true);
    });
  }

  it('fails "websocket: bad handshake" on a path mismatch (404) and works with matching paths', async () => {
    await setup('ws', 'ws', { listenerMetadata: { path: '/tunnel' } });
    expect(await fails()).toBe(true);
    expect(await until(() => errors().includes('websocket: bad handshake'))).toBe(true);
    lab.close();
    await setup('ws', 'ws', { listenerMetadata: { path: '/tunnel' }, dialerMetadata: { path: '/tunnel' } });
    expect(await roundTrip()).toBe('over the layer');
  });

  it('kills the session on a mux.version mismatch', async () => {
    await setup('mtls', 'mtls', { listenerMetadata: { 'mux.version': 2 } });
    expect(await fails()).toBe(true);
  });

  it('rejects the auto-generated certificate with secure=true and accepts a trusted one', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('proxy', server('relay', { listener: 'tls' }));
    const client = forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'relay', dialer: 'tls' })]]);
    client.chains![0]!.hops![0]!.nodes![0]!.dialer!.tls = { secure: true };
    await lab.start('client', client);
    expect(await fails()).toBe(true);
    expect(
      await until(() => errors().some((m) => m.includes('x509: certificate signed by unknown authority'))),
    ).toBe(true);
    lab.close();

    const rng = new SeededRng(3);
    const ca = createCertificate({ commonName: 'Test CA', organization: 'topo', isCA: true }, rng);
    const leaf = createCertificate(
      {
        commonName: 'relay.example',
        organization: 'topo',
        altNames: ['relay.example'],
        issuer: { certificate: ca, commonName: 'Test CA', organization: 'topo' },
      },
      rng,
    );
    const files = { 'ca.pem': ca.certPem, 'cert.pem': leaf.certPem, 'key.pem': leaf.keyPem };
    for (const [serverName, ok] of [
      ['relay.example', true],
      ['other.example', false],
    ] as const) {
      lab = createLab(hosts);
      await echoServer(lab.world.host('target'), ':80');
      const srv = server('relay', { listener: 'tls' });
      srv.services![0]!.listener!.tls = { certFile: 'cert.pem', keyFile: 'key.pem' };
      await lab.start('proxy', srv, { files });
      const cfg = forwarder('10.0.0.3:80', [[proxyNode('p', { connector: 'relay', dialer: 'tls' })]]);
      cfg.chains![0]!.hops![0]!.nodes![0]!.dialer!.tls = { secure: true, caFile: 'ca.pem', serverName };
      await lab.start('client', cfg, { files });
      if (ok) expect(await roundTrip()).toBe('over the layer');
      else {
        expect(await fails()).toBe(true);
        expect(
          await until(() => errors().some((m) => m.includes('certificate is not valid for other.example'))),
        ).toBe(true);
      }
      lab.close();
    }
  });
});
