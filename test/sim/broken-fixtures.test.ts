/**
 * Every broken fixture of `topo check` also fails in the simulator, the way gost would fail: the
 * check finds the mistake before deployment, the simulation shows what it does at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTopology } from '../../compiler/index.js';
import { simulate } from '../../sim/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'broken');

/** Fixture -> the disposition its failing flow must show (and the host it stops at, where it matters). */
const expected: Record<string, { disposition: string; at?: string; status?: string }> = {
  'auth-mismatch': { disposition: 'AUTH_FAILED', status: 'relay_status_2' },
  'connector-handler-mismatch': { disposition: 'HANDSHAKE_FAILED', at: 'relay' },
  'forward-connector-no-target': { disposition: 'REFUSED', at: 'server' },
  'node-unreachable': { disposition: 'UNREACHABLE', at: 'branch-host' },
  'port-collision': { disposition: 'REFUSED' },
  'port-range-mismatch': { disposition: 'REFUSED', at: 'gateway' },
  'relay-nodelay': { disposition: 'STALLED' },
  'rtcp-bind-disabled': { disposition: 'BIND_DISABLED', at: 'relay' },
  'rtcp-chain-on-handler': { disposition: 'REFUSED' },
  'rtcp-relay-forward-mode': { disposition: 'REFUSED' },
  'transport-mismatch': { disposition: 'HANDSHAKE_FAILED' },
  'transport-params-mismatch': { disposition: 'HANDSHAKE_FAILED' },
  'udp-server-option': { disposition: 'UDP_UNSUPPORTED' },
  'undefined-chain': { disposition: 'UNREACHABLE', at: 'laptop' },
  'unknown-key': { disposition: 'HANDSHAKE_FAILED' },
};

describe('broken fixtures in the simulator', () => {
  it.each(Object.entries(expected))('%s fails as gost would', async (name, want) => {
    const file = join(fixtures, `${name}.yaml`);
    const result = compileTopology(file, readFileSync(file, 'utf8'), {});
    expect(result.plan).toBeDefined();
    const run = await simulate(result.plan!, { seed: 7 });
    const failed = run.flows.filter((f) => !f.ok);
    expect(failed.length, `every flow of ${name} held (seed 7)`).toBeGreaterThan(0);
    const observed = failed.map(
      (f) => f.observed as { disposition: string; at?: { host?: string }; status?: string },
    );
    const match = observed.find(
      (o) =>
        o.disposition === want.disposition &&
        (want.at === undefined || o.at?.host === want.at) &&
        (want.status === undefined || o.status === want.status),
    );
    expect(match, `${name}: observed ${JSON.stringify(observed)} (reproduce with --seed 7)`).toBeDefined();
  });
});
