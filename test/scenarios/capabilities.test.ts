import { describe, expect, it } from 'vitest';
import { explain, flowNamed, simulateText } from './helpers.js';

const seed = 11;

describe('UDP through a socks5 hop', () => {
  const topology = (serverOptions: string) => `
name: udp-through-socks5
networks:
  internet: {}
  lan: { nat: internet }
hosts:
  proxy:
    addresses: { internet: 203.0.113.20 }
    gost: -L socks5://:1080${serverOptions}
  gateway:
    addresses: { lan: 192.168.1.1 }
    gost: -L udp://:5353/203.0.113.53:53 -F socks5://203.0.113.20:1080
  dns:
    addresses: { internet: 203.0.113.53 }
    apps:
      dns: { listen: udp/53 }
  client:
    addresses: { lan: 192.168.1.10 }
expect:
  - name: dns through the gateway
    from: client
    connect: udp 192.168.1.1:5353
    arrives: dns/dns
    via: [gateway, proxy]
  - name: a socks5 client asks the proxy for UDP itself
    from: client
    proxy: socks5://203.0.113.20:1080
    connect: udp 203.0.113.53:53
    arrives: dns/dns
    via: [proxy]
`;

  it('arrives when the socks5 server has udp=true', async () => {
    const result = await simulateText(topology('?udp=true'), seed);
    for (const flow of result.flows) expect(flow.ok, explain(flow, seed)).toBe(true);
  });

  it('is UDP_UNSUPPORTED when the socks5 server lacks udp=true', async () => {
    const result = await simulateText(topology(''), seed, true);
    const chained = flowNamed(result, 'dns through the gateway');
    expect(chained.observed.disposition, explain(chained, seed)).toBe('UDP_UNSUPPORTED');
    const direct = flowNamed(result, 'a socks5 client asks the proxy for UDP itself');
    expect(direct.observed, explain(direct, seed)).toMatchObject({
      disposition: 'UDP_UNSUPPORTED',
      status: 'socks5_status_2',
    });
  });
});

describe('a relay without nodelay in front of a server-first app', () => {
  const topology = (nodelay: string) => `
name: banner-through-relay
networks:
  internet: {}
  dc: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10, dc: 10.10.0.1 }
    gost: -L relay://:8420
  laptop:
    addresses: { internet: 198.51.100.7 }
    gost: -L tcp://127.0.0.1:2222/10.10.0.22:22 -F relay://203.0.113.10:8420${nodelay}
  ssh-host:
    addresses: { dc: 10.10.0.22 }
    apps:
      ssh: { listen: tcp/22, kind: banner }
expect:
  - name: ssh through the forwarded port
    from: laptop
    connect: tcp 127.0.0.1:2222
    arrives: ssh-host/ssh
    via: [relay]
`;

  it('stalls: the client waits for the banner, the relay waits for the request', async () => {
    const result = await simulateText(topology(''), seed, true);
    const flow = flowNamed(result, 'ssh through the forwarded port');
    expect(flow.ok).toBe(false);
    expect(flow.observed.disposition, explain(flow, seed)).toBe('STALLED');
    // gost's relay server gives up reading the request header after its 15 s read timeout.
    expect(flow.trace).toContainEqual(
      expect.objectContaining({
        t: 15_000,
        host: 'relay',
        component: 'handler',
        action: 'error',
        detail: expect.stringContaining('i/o timeout'),
      }),
    );
    expect(flow.trace.some((h) => h.host === 'ssh-host')).toBe(false);
  });

  it('arrives with nodelay=true on the client', async () => {
    const result = await simulateText(topology('?nodelay=true'), seed);
    const flow = flowNamed(result, 'ssh through the forwarded port');
    expect(flow.ok, explain(flow, seed)).toBe(true);
  });
});

describe('a forwarding loop', () => {
  it('is reported as LOOP instead of running forever', async () => {
    const result = await simulateText(
      `
name: loop
networks:
  internet: {}
hosts:
  a:
    addresses: { internet: 203.0.113.1 }
    gost: -L tcp://:8000/203.0.113.2:8000
  b:
    addresses: { internet: 203.0.113.2 }
    gost: -L tcp://:8000/203.0.113.1:8000
  client:
    addresses: { internet: 203.0.113.9 }
expect:
  - name: round and round
    from: client
    connect: tcp 203.0.113.1:8000
    fails: loop
`,
      seed,
      true,
    );
    const flow = flowNamed(result, 'round and round');
    expect(flow.ok, explain(flow, seed)).toBe(true);
    expect(flow.observed.path).toEqual(['client', 'a', 'b']);
  });
});

describe('a gost process whose port is taken', () => {
  it('does not start, and flows to its other services fail with PORT_IN_USE', async () => {
    const result = await simulateText(
      `
name: port-taken
networks:
  internet: {}
hosts:
  gw:
    addresses: { internet: 203.0.113.1 }
    gost: -L tcp://:8080/203.0.113.2:80 -L tcp://:9090/203.0.113.2:80
    apps:
      old-web: { listen: tcp/8080 }
  web:
    addresses: { internet: 203.0.113.2 }
    apps:
      echo: { listen: tcp/80 }
  client:
    addresses: { internet: 203.0.113.9 }
expect:
  - name: the forward on 9090 never opened
    from: client
    connect: tcp 203.0.113.1:9090
    fails: port_in_use
  - name: 8080 is the old app
    from: client
    connect: tcp 203.0.113.1:8080
    arrives: gw/old-web
`,
      seed,
      true,
    );
    for (const flow of result.flows) expect(flow.ok, explain(flow, seed)).toBe(true);
    const refused = flowNamed(result, 'the forward on 9090 never opened');
    expect(refused.trace).toContainEqual(
      expect.objectContaining({
        host: 'gw',
        component: 'process',
        action: 'error',
        detail: expect.stringContaining('address already in use'),
      }),
    );
  });
});
