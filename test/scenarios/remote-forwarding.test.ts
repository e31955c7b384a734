import { describe, expect, it } from 'vitest';
import { explain, flowNamed, simulateText } from './helpers.js';

const seed = 7;

/** An office behind NAT publishes its SSH server on a public relay through rtcp. */
function officeTopology(relayOptions: string, extra = ''): string {
  return `
name: office-ssh-via-relay
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
    gost: -L relay://:8420${relayOptions}
  office-gw:
    addresses: { office: 10.0.0.2 }
    gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://relay.example.com:8420
  db:
    addresses: { office: 10.0.0.3 }
    apps:
      ssh: { listen: tcp/22, kind: banner }
  laptop:
    addresses: { internet: 198.51.100.7 }
${extra}`;
}

const reachSsh = `
expect:
  - name: laptop reaches the office ssh
    from: laptop
    at: 1s
    connect: tcp relay.example.com:2222
    arrives: db/ssh
    via: [relay, office-gw]
`;

describe('remote forwarding through a relay', () => {
  it('delivers to the office app when the relay allows BIND', async () => {
    const result = await simulateText(officeTopology('?bind=true', reachSsh), seed);
    const flow = flowNamed(result, 'laptop reaches the office ssh');
    expect(flow.ok, explain(flow, seed)).toBe(true);
    expect(flow.observed).toMatchObject({ disposition: 'DELIVERED', arrivedAt: 'db/ssh' });
    expect(flow.observed.path).toEqual(['laptop', 'relay', 'office-gw', 'db']);
    // The relay accepts the laptop on the port it bound for the gateway; the gateway dials the db.
    expect(flow.trace).toContainEqual(
      expect.objectContaining({
        host: 'laptop',
        component: 'network',
        detail: expect.stringContaining('(relay gost): accepted'),
      }),
    );
    expect(flow.trace).toContainEqual(
      expect.objectContaining({
        host: 'office-gw',
        component: 'handler',
        action: 'forward',
        detail: expect.stringContaining('10.0.0.3:22'),
      }),
    );
    expect(flow.trace).toContainEqual(
      expect.objectContaining({ host: 'db', service: 'ssh', component: 'app', action: 'accept' }),
    );
  });

  it('reports BIND_DISABLED at the relay when bind=true is missing, naming both services', async () => {
    const result = await simulateText(officeTopology('', reachSsh), seed, true);
    const flow = flowNamed(result, 'laptop reaches the office ssh');
    expect(flow.ok).toBe(false);
    expect(flow.observed.disposition, explain(flow, seed)).toBe('BIND_DISABLED');
    expect(flow.observed.at).toEqual({ host: 'relay', service: 'service-0' });
    // The laptop itself only saw a refused connection; the trace says why.
    expect(flow.trace).toContainEqual(
      expect.objectContaining({ host: 'laptop', component: 'network', ok: false }),
    );
    expect(flow.trace).toContainEqual(
      expect.objectContaining({
        host: 'relay',
        service: 'service-0',
        component: 'handler',
        action: 'error',
        detail: expect.stringContaining('BIND is disabled'),
      }),
    );
    expect(flow.trace).toContainEqual(
      expect.objectContaining({
        host: 'office-gw',
        service: 'service-0',
        component: 'connector',
        action: 'bind',
        ok: false,
      }),
    );
    expect(flow.observed.reason).toContain('office-gw');
  });

  it('binds again after the relay goes down and comes back', async () => {
    const text = officeTopology(
      '?bind=true',
      `
faults:
  - { at: 5s, down: relay }
  - { at: 10s, up: relay }
expect:
  - name: before the outage
    from: laptop
    at: 1s
    connect: tcp relay.example.com:2222
    arrives: db/ssh
  - name: during the outage
    from: laptop
    at: 7s
    connect: tcp relay.example.com:2222
    fails: unreachable
  - name: after the relay is back
    from: laptop
    at: 30s
    connect: tcp relay.example.com:2222
    arrives: db/ssh
    via: [relay, office-gw]
`,
    );
    const result = await simulateText(text, seed);
    for (const flow of result.flows) expect(flow.ok, explain(flow, seed)).toBe(true);
  });
});

describe('reachability', () => {
  it('cannot dial into a private network from outside', async () => {
    const result = await simulateText(
      officeTopology(
        '?bind=true',
        `
expect:
  - name: the db is not exposed
    from: laptop
    connect: tcp 10.0.0.3:22
    fails: unreachable
`,
      ),
      seed,
    );
    const flow = flowNamed(result, 'the db is not exposed');
    expect(flow.ok, explain(flow, seed)).toBe(true);
    expect(flow.observed.reason).toContain('private network office');
  });
});
