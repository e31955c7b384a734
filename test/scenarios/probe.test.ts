import { describe, expect, it } from 'vitest';
import { simulateText } from './helpers.js';

describe('a topology without expectations', () => {
  it('probes every listening service and every port a remote bind opened', async () => {
    const result = await simulateText(
      `
name: probe
networks:
  internet: {}
  office: { nat: internet }
hosts:
  relay:
    addresses: { internet: 203.0.113.10 }
    gost: -L relay://:8420?bind=true
  office-gw:
    addresses: { office: 10.0.0.2 }
    gost: -L rtcp://0.0.0.0:2222/10.0.0.3:22 -F relay://203.0.113.10:8420
  taken:
    addresses: { internet: 203.0.113.30 }
    gost: -L tcp://:8080/203.0.113.10:8420
    apps:
      web: { listen: tcp/8080 }
`,
      1,
      true,
    );
    expect(result.flows.map((f) => [f.name, f.observed.disposition, f.ok])).toEqual([
      ['probe relay/service-0 [::]:8420', 'DELIVERED', true],
      ['probe relay/service-0 bind 0.0.0.0:2222', 'DELIVERED', true],
    ]);
    // The app holds port 8080 first, so gost on that host exits at start.
    expect(result.startErrors).toEqual([
      expect.objectContaining({ host: 'taken', process: 0, kind: 'address-in-use' }),
    ]);
  });
});
