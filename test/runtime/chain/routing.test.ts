import { afterEach, describe, expect, it } from 'vitest';
import type { GostConfig } from '../../../compiler/gost/config.js';
import { utf8 } from '../../../runtime/io/bytes.js';
import { forwarder, proxyNode, server } from '../chains.js';
import { createLab, echoServer, type Lab, readText, until } from '../helpers.js';

const hosts = {
  client: ['10.0.0.1'],
  p1: ['10.0.0.2'],
  p2: ['10.0.0.4'],
  p3: ['10.0.0.5'],
  target: ['10.0.0.3'],
};
let lab: Lab;
afterEach(() => lab?.close());

async function attempt(text = 'x'): Promise<string> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8(text));
  const chunk = await app.read().catch(() => null);
  app.close();
  return chunk ? new TextDecoder().decode(chunk) : '';
}

async function echoAttempt(text: string): Promise<string | undefined> {
  const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
  await app.write(utf8(text));
  const got = await readText(app, text.length);
  app.close();
  return got.length === text.length ? got : undefined;
}

const node = (name: string, addr: string) => proxyNode(name, { connector: 'relay', addr });

describe('multi-hop routes', () => {
  it('reaches hop k through hop k-1 and lets the last server dial the target', async () => {
    lab = createLab(hosts);
    lab.world.setBlocked('client', 'p2', true);
    lab.world.setBlocked('client', 'target', true);
    lab.world.setBlocked('p1', 'target', true);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    await lab.start('p2', server('relay'));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [[node('a', '10.0.0.2:8000')], [node('b', '10.0.0.4:8000')]]),
    );
    expect(await echoAttempt('two hops')).toBe('two hops');
    const route = lab.events
      .filter((e) => e.type === 'route' && e.ok)
      .map((e) => (e.type === 'route' ? `${e.node}:${e.step}` : ''));
    expect(route).toEqual(['a:dial', 'b:connect', 'b:connect']);
  });

  it('fails at most the first request with one dead and one live node (round robin, maxFails 1)', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [[node('dead', '10.0.0.9:8000'), node('live', '10.0.0.2:8000')]]),
    );
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(`r${i}`));
    expect(results.slice(1)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(results[0]).toBe('');
  });

  it('truncates the chain when every node of a multi-node hop failed (stable) and dials directly', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [[node('d1', '10.0.0.9:8000'), node('d2', '10.0.0.8:8000')]]),
    );
    expect(await attempt('a')).toBe('');
    expect(await attempt('b')).toBe('');
    expect(await attempt('c')).toBe('c');
    expect(lab.events.some((e) => e.type === 'direct' && e.ok && e.target === '10.0.0.3:80')).toBe(true);
  });

  it('keeps using the first node as a last resort on the head profile', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start(
      'client',
      forwarder('10.0.0.3:80', [[node('d1', '10.0.0.9:8000'), node('d2', '10.0.0.8:8000')]]),
      { profile: 'head' },
    );
    for (const t of ['a', 'b', 'c']) expect(await attempt(t)).toBe('');
    expect(lab.events.some((e) => e.type === 'direct')).toBe(false);
  });

  it('always uses a single dead node', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('client', forwarder('10.0.0.3:80', [[node('d1', '10.0.0.9:8000')]]));
    for (const t of ['a', 'b', 'c']) expect(await attempt(t)).toBe('');
  });

  it('retries with a freshly selected route (handler.retries)', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    const config = forwarder('10.0.0.3:80', [[node('dead', '10.0.0.9:8000'), node('live', '10.0.0.2:8000')]]);
    config.services![0]!.handler!.retries = 1;
    await lab.start('client', config);
    expect(await echoAttempt('first')).toBe('first');
  });

  it('goes direct for an undefined chain and truncates at an undefined hop reference', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80');
    const config: GostConfig = forwarder('10.0.0.3:80', []);
    config.services![0]!.handler!.chain = 'nope';
    await lab.start('client', config);
    expect(await echoAttempt('direct')).toBe('direct');
    lab.close();

    lab = createLab(hosts);
    lab.world.setBlocked('client', 'target', true);
    await echoServer(lab.world.host('target'), ':80');
    await lab.start('p1', server('relay'));
    const truncated: GostConfig = forwarder('10.0.0.3:80', [[node('a', '10.0.0.2:8000')]]);
    truncated.chains![0]!.hops!.push({ name: 'undefined-hop' });
    await lab.start('client', truncated);
    expect(await echoAttempt('via p1')).toBe('via p1');
  });

  it('round-robins forwarder targets and skips a dead one after marking it', async () => {
    lab = createLab(hosts);
    await echoServer(lab.world.host('target'), ':80', 'A');
    await echoServer(lab.world.host('p3'), ':80', 'B');
    await lab.start('client', {
      services: [
        {
          name: 'fwd',
          addr: ':8080',
          handler: { type: 'tcp' },
          listener: { type: 'tcp' },
          forwarder: {
            nodes: [
              { name: 'a', addr: '10.0.0.3:80' },
              { name: 'dead', addr: '10.0.0.9:80' },
              { name: 'b', addr: '10.0.0.5:80' },
            ],
          },
        },
      ],
    });
    const greetings = [];
    for (let i = 0; i < 5; i++) {
      const app = await lab.world.host('client').network.dial('tcp', '127.0.0.1:8080');
      greetings.push(new TextDecoder().decode((await app.read().catch(() => null)) ?? new Uint8Array()));
      app.close();
    }
    expect(greetings).toEqual(['A', '', 'A', 'B', 'A']);
    expect(await until(() => lab.events.some((e) => e.type === 'route' || e.type === 'direct'))).toBe(true);
  });
});
