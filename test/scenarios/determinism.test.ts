import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOf } from './helpers.js';
import { simulate } from '../../sim/index.js';

const topology = `
name: determinism
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    names: [relay.example.com]
    gost: -L relay://:8420?bind=true
  office-gw:
    addresses: { office: 10.0.0.2 }
    gost: -L rtcp://0.0.0.0:8080/10.0.0.4:80 -L rudp://0.0.0.0:10053/10.0.0.53:53 -F relay://relay.example.com:8420
  intranet:
    addresses: { office: 10.0.0.4 }
    apps:
      web: { listen: tcp/80, kind: http }
  dns:
    addresses: { office: 10.0.0.53 }
    apps:
      dns: { listen: udp/53 }
  gateway:
    addresses: { internet: 203.0.113.40 }
    gost: -L "tcp://:9000/203.0.113.10:8080,203.0.113.10:8081?strategy=random"
  laptop:
    addresses: { internet: 198.51.100.7 }
faults:
  - { at: 3s, down: relay }
  - { at: 4s, up: relay }
expect:
  - name: web
    from: laptop
    at: 1s
    connect: tcp relay.example.com:8080
    arrives: intranet/web
  - name: dns
    from: laptop
    at: 1s
    connect: udp relay.example.com:10053
    payload: { size: 100, count: 4 }
    arrives: dns/dns
  - name: random pick
    from: laptop
    at: 2s
    connect: tcp 203.0.113.40:9000
    arrives: intranet/web
  - name: after the restart
    from: laptop
    at: 20s
    connect: tcp relay.example.com:8080
    arrives: intranet/web
`;

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), async (seed) => {
        const a = JSON.stringify(await simulate(planOf(topology, true), { seed }));
        const b = JSON.stringify(await simulate(planOf(topology, true), { seed }));
        expect(a, `reproduce with SIM_SEED=${seed}`).toBe(b);
      }),
      { numRuns: 4 },
    );
  });
});
