/**
 * `topo up --run-expectations` on every example: the expectations `topo sim` checks hold on real
 * sockets too, judged by the same rules. Each example runs in a child process on its own block of
 * loopback addresses with its ports shifted, so several run at once without colliding.
 */

import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempTopologies, root, tempTopology, UpProcess } from './helpers.js';

afterAll(removeTempTopologies);

const examples = readdirSync(`${root}/examples`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface FlowJson {
  name: string;
  ok: boolean;
  expected: unknown;
  observed: { disposition: string; reason: string };
}

describe('topo up --run-expectations on the examples', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.concurrent.each(examples.map((file, i) => [file, i] as const))(
    '%s: every expectation holds on real sockets',
    async (file, i) => {
      const p = new UpProcess([
        `examples/${file}`,
        '--run-expectations',
        '--format',
        'json',
        '--log-level',
        'error',
        '--first-address',
        `127.0.${60 + i}.1`,
        '--port-offset',
        '20000',
        '--flow-deadline',
        '3s',
      ]);
      try {
        const code = await Promise.race([
          p.exited,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 90_000)),
        ]);
        const result = p.events.find((e) => e.event === 'expectations');
        const flows = (result?.flows ?? []) as FlowJson[];
        const failing = flows
          .filter((f) => !f.ok)
          .map(
            (f) =>
              `${f.name}: expected ${JSON.stringify(f.expected)}, ${f.observed.disposition}: ${f.observed.reason}`,
          );
        expect(failing, p.stderr).toEqual([]);
        expect(flows.length).toBeGreaterThan(0);
        expect(code).toBe(0);
        const stopped = p.events.find((e) => e.event === 'stopped');
        expect(stopped).toMatchObject({ open: { listeners: 0, connections: 0 } });
      } finally {
        await p.stop();
      }
    },
    120_000,
  );
});

describe('topo up --run-expectations when the deployment is wrong', () => {
  it('fails, exit 1, when a forward dials into a network behind NAT from outside it', async () => {
    const file = tempTopology(
      'nat-mistake.yaml',
      `name: nat-mistake
networks:
  internet: {}
  office: { nat: internet }
hosts:
  edge:
    addresses: { internet: 203.0.113.5 }
    gost: -L tcp://:8080/10.0.0.9:80
  intranet:
    addresses: { office: 10.0.0.9 }
    apps:
      http: { listen: tcp/80, kind: http }
  visitor:
    addresses: { internet: 198.51.100.9 }
expect:
  - name: the intranet through the edge forward
    from: visitor
    connect: tcp 203.0.113.5:8080
    arrives: intranet/http
`,
    );
    // The checker reports the mistake too; --force runs it anyway, to see it fail for real.
    const p = new UpProcess([
      file,
      '--force',
      '--run-expectations',
      '--format',
      'json',
      '--first-address',
      '127.0.59.1',
    ]);
    try {
      expect(await p.exited).toBe(1);
      const flows = (p.events.find((e) => e.event === 'expectations')?.flows ?? []) as FlowJson[];
      expect(flows).toHaveLength(1);
      expect(flows[0]).toMatchObject({ ok: false, observed: { disposition: 'UNREACHABLE' } });
      expect(flows[0]?.observed.reason).toContain('10.0.0.9');
    } finally {
      await p.stop();
    }
  }, 60_000);
});

describe('a relay restart under topo up --run-expectations', () => {
  it('loses every rtcp/rudp bind when the relay goes down and binds them again when it is back', async () => {
    const p = new UpProcess([
      'examples/relay-remote-forwarding.yaml',
      '--run-expectations',
      '--format',
      'json',
      '--first-address',
      '127.0.58.1',
      '--port-offset',
      '20000',
    ]);
    try {
      expect(await p.exited).toBe(0);
      const notices = p.events.filter((e) => e.event === 'notice').map((e) => `${e.kind} ${e.service}`);
      expect(notices).toEqual(
        expect.arrayContaining([
          'bind-lost service-0',
          'bind-lost service-1',
          'bind-lost service-2',
          'bound-again service-0',
          'bound-again service-1',
          'bound-again service-2',
        ]),
      );
      const lost = notices.indexOf('bind-lost service-1');
      expect(notices.indexOf('bound-again service-1')).toBeGreaterThan(lost);
      const flows = (p.events.find((e) => e.event === 'expectations')?.flows ?? []) as FlowJson[];
      expect(
        flows.find((f) => f.name === 'the intranet is published again after the relay restarts')?.ok,
      ).toBe(true);
    } finally {
      await p.stop();
    }
  }, 60_000);
});
