/**
 * go-gost/gost's own end-to-end scenarios (tests/e2e), ported as topologies: each file states the
 * outcome that suite asserts as expectations, and every one of them must hold in the simulator.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, simulateText } from './helpers.js';

const dir = join(import.meta.dirname, 'e2e');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const seed = 3;

describe("gost's e2e scenarios", () => {
  it('are all here', () => {
    expect(files).toEqual([
      'auth.yaml',
      'forward.yaml',
      'http-chain.yaml',
      'selector-backup.yaml',
      'selector-fifo.yaml',
      'selector-roundrobin.yaml',
      'socks5-chain.yaml',
    ]);
  });

  it.each(files)('%s holds', async (file) => {
    // The selector scenarios have a dead node on purpose, which the checker reports.
    const result = await simulateText(readFileSync(join(dir, file), 'utf8'), seed, true);
    expect(result.flows.length).toBeGreaterThan(0);
    for (const flow of result.flows) expect(flow.ok, explain(flow, seed)).toBe(true);
  });
});
