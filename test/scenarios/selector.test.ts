import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, simulateText } from './helpers.js';

const seed = 5;

/** The e2e topologies expect one exact failing request; here the suite's own looser claim is checked too. */
describe('selector failover with a dead node', () => {
  it.each(['roundrobin', 'fifo', 'backup'])(
    '%s: at most one request fails and the last succeeds',
    async (strategy) => {
      const text = readFileSync(join(import.meta.dirname, 'e2e', `selector-${strategy}.yaml`), 'utf8');
      const result = await simulateText(text, seed, true);
      const delivered = result.flows.map((f) => f.observed.disposition === 'DELIVERED');
      expect(delivered.filter((d) => !d).length).toBeLessThanOrEqual(1);
      const last = result.flows[result.flows.length - 1];
      expect(last?.observed.disposition, last && explain(last, seed)).toBe('DELIVERED');
    },
  );

  it('tries the dead node again once failTimeout has passed', async () => {
    const text = readFileSync(join(import.meta.dirname, 'e2e', 'selector-fifo.yaml'), 'utf8').replace(
      'at: 1100ms',
      'at: 12s',
    );
    const result = await simulateText(text, seed, true);
    const failed = result.flows.filter((f) => f.observed.disposition !== 'DELIVERED').map((f) => f.name);
    // fifo sticks to node-1 first; after the 10 s failTimeout the dead node is eligible again.
    expect(failed).toEqual(['request 1', 'request 12']);
  });
});
