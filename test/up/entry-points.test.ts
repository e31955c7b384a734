/**
 * The entry-point table, built from examples without starting anything: real addresses, what
 * speaks there, and a command that works — a proxy's through the path its expectations prove, never
 * through one they say stalls; a secret written as its variable.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import { assignAddresses } from '../../cli/up/addresses.js';
import { buildEntryPoints, type EntryPoint } from '../../cli/up/entry-points.js';
import { buildStack } from '../../cli/up/session.js';
import { root } from './helpers.js';

function table(
  text: string,
  options: { env?: Record<string, string>; offset?: number; running?: string[] } = {},
) {
  const env = options.env ?? {};
  const plan = compileTopology('topology.yaml', text, env).plan;
  if (!plan) throw new Error('the topology does not compile');
  const running = new Set(options.running ?? plan.hosts.map((h) => h.name));
  const stack = buildStack(plan, {
    addresses: assignAddresses(
      plan.hosts.map((h) => h.name),
      '127.0.1.1',
    ),
    externals: [],
    running,
    apps: true,
    keepLog: false,
    baseDir: root,
  });
  stack.world.applyPortOffset(options.offset ?? 0);
  const names = [...text.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1] as string);
  return buildEntryPoints({
    plan,
    fabric: stack.world.fabric,
    services: stack.services,
    running,
    apps: true,
    realAddress: (h) => stack.world.realAddress(h),
    realPort: (p) => stack.world.realPort(p),
    secretRef: (value) => {
      const name = names.find((n) => plan.secrets.has(value) && env[n] === value);
      return name ? `\${${name}}` : undefined;
    },
  });
}

const example = (name: string) => readFileSync(`${root}/examples/${name}.yaml`, 'utf8');
const brief = (e: EntryPoint) => [e.host, e.service, e.address, e.protocol, e.try ?? '-'];

describe('the entry-point table', () => {
  it('lists the hosts with their loopback and topology addresses', () => {
    const { hosts } = table(example('relay-remote-forwarding'), {
      running: ['relay', 'office-gw', 'intranet'],
    });
    expect(hosts.map((h) => [h.host, h.address, h.topology.join(' '), h.runs])).toEqual([
      ['relay', '127.0.1.1', '203.0.113.10 relay.example.com', 'gost: 1 service'],
      ['office-gw', '127.0.1.2', '10.0.0.2', 'gost: 3 services'],
      ['db', '127.0.1.3', '10.0.0.3', 'not started (--host)'],
      ['intranet', '127.0.1.4', '10.0.0.4', 'apps: http (http tcp/80)'],
      ['dns', '127.0.1.5', '10.0.0.53', 'not started (--host)'],
      ['laptop', '127.0.1.6', '198.51.100.7', 'not started (--host)'],
    ]);
  });

  it('puts rtcp and rudp ports on the relay where they open, with the offset', () => {
    const { entryPoints } = table(example('relay-remote-forwarding'), { offset: 10_000 });
    expect(entryPoints.map(brief)).toEqual([
      ['relay', 'service-0', '127.0.1.1:18443', 'relay+tls', '-'],
      ['relay', 'office-gw/service-0', '127.0.1.1:12222', 'rtcp -> 10.0.0.3:22', 'nc 127.0.1.1 12222'],
      [
        'relay',
        'office-gw/service-1',
        '127.0.1.1:18080',
        'rtcp -> 10.0.0.4:80',
        'curl http://127.0.1.1:18080/',
      ],
      ['relay', 'office-gw/service-2', '127.0.1.1:20053', 'rudp -> 10.0.0.53:53', 'nc -u 127.0.1.1 20053'],
      ['laptop', 'service-0', '127.0.1.6:12222', 'tcp -> 127.0.0.1:2222', 'nc 127.0.1.6 12222'],
    ]);
    expect(entryPoints[1]?.note).toBe('loopback of relay: in the topology only relay itself may dial it');
    expect(entryPoints[0]?.note).toBe('a relay client speaks to it (gost -F relay+tls://...)');
  });

  it('sends curl through a proxy the way an expectation proves, and not the way one says stalls', () => {
    const { entryPoints } = table(example('relay-proxy-auth'));
    const [relay, nodelayFalse, nodelayTrue] = entryPoints;
    expect(relay?.protocol).toBe('relay');
    expect(nodelayFalse?.try).toBe('curl -x http://127.0.1.2:8080 http://www.example.com:80/');
    // Through 8081 the only http site stalls (client nodelay, server without): no command is offered.
    expect(nodelayTrue?.try).toBeUndefined();
    expect(nodelayTrue?.note).toContain('loopback of laptop');
  });

  it('writes credentials from the environment as the variable, others as they are', () => {
    const text = `name: creds
networks: { internet: {} }
hosts:
  proxy:
    addresses: { internet: 203.0.113.7 }
    gost: -L socks5://alice:\${PROXY_PASSWORD}@:1080 -L http://bob:p%40ss@:8080
  web:
    addresses: { internet: 198.51.100.80 }
    names: [www.example.com]
    apps:
      http: { listen: tcp/80, kind: http }
`;
    const { entryPoints } = table(text, { env: { PROXY_PASSWORD: 'the-secret' } });
    expect(entryPoints.map((e) => e.try)).toEqual([
      'curl -x "socks5h://alice:${PROXY_PASSWORD}@127.0.1.1:1080" http://www.example.com:80/',
      'curl -x http://bob:p%40ss@127.0.1.1:8080 http://www.example.com:80/',
    ]);
    expect(JSON.stringify(entryPoints)).not.toContain('the-secret');
  });

  it('offers a forward over a TLS or KCP listener to a matching client, not to nc', () => {
    const { entryPoints } = table(example('adding-a-channel'));
    const tls = entryPoints.find((e) => e.protocol.startsWith('forward+tls'));
    expect(tls).toMatchObject({ protocol: 'forward+tls -> 127.0.0.1:8080' });
    expect(tls?.try).toBeUndefined();
    expect(tls?.note).toBe(
      'a tls client reaches 127.0.0.1:8080 through it (gost -L tcp://:PORT -F forward+tls://...)',
    );
  });
});
