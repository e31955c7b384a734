import { describe, expect, it } from 'vitest';
import { FailMarker, Selector, type Selectable } from '../../../runtime/chain/selector.js';
import { Metadata } from '../../../runtime/metadata.js';
import { ManualClock, SeededRng } from '../../../runtime/testing/clock.js';
import { settle } from '../helpers.js';

function items(
  clock: ManualClock,
  n: number,
  metadata: Record<string, unknown>[] = [],
): (Selectable & { id: number })[] {
  return Array.from({ length: n }, (_, id) => ({
    id,
    marker: new FailMarker(clock),
    metadata: new Metadata(metadata[id]),
  }));
}

function selector(
  clock: ManualClock,
  strategy: 'round' | 'random' | 'fifo' | 'hash',
  profile: 'stable' | 'head' = 'stable',
) {
  return new Selector<Selectable & { id: number }>(
    { strategy, maxFails: 1, failTimeoutMs: 10_000 },
    clock,
    new SeededRng(1),
    profile,
  );
}

describe('selector', () => {
  it('round-robins over the eligible items with a shared counter', () => {
    const clock = new ManualClock(settle);
    const list = items(clock, 3);
    const s = selector(clock, 'round');
    expect([0, 1, 2, 3].map(() => s.select(list)!.id)).toEqual([0, 1, 2, 0]);
    list[1]!.marker.mark();
    // Counter 4 over the two eligible items [0, 2] -> index 0; counter 5 -> index 1.
    expect([s.select(list)!.id, s.select(list)!.id]).toEqual([0, 2]);
  });

  it('keeps a failed item out for failTimeout, measured from the failure second', async () => {
    const clock = new ManualClock(settle, 1_900);
    const list = items(clock, 2);
    const s = selector(clock, 'fifo');
    list[0]!.marker.mark();
    expect(s.isFailed(list[0]!)).toBe(true);
    await clock.advance(9_099);
    expect(s.select(list)!.id).toBe(1);
    await clock.advance(1);
    // Failure stamped at second 1 (1000 ms): eligible again at 11000 ms, not at 11900.
    expect(s.select(list)!.id).toBe(0);
    list[0]!.marker.mark();
    expect(s.select(list)!.id).toBe(1);
    list[0]!.marker.reset();
    expect(s.select(list)!.id).toBe(0);
  });

  it('never filters the only candidate, and yields nothing when every one of several failed', () => {
    const clock = new ManualClock(settle);
    const one = items(clock, 1);
    one[0]!.marker.mark();
    expect(selector(clock, 'round').select(one)!.id).toBe(0);
    const two = items(clock, 2);
    for (const i of two) i.marker.mark();
    expect(selector(clock, 'round').select(two)).toBeUndefined();
  });

  it('honours per-item maxFails, backup and weight metadata', () => {
    const clock = new ManualClock(settle);
    const list = items(clock, 3, [{ maxFails: 2 }, { backup: true }, {}]);
    const s = selector(clock, 'fifo');
    list[0]!.marker.mark();
    expect(s.select(list)!.id).toBe(0);
    list[0]!.marker.mark();
    expect(s.select(list)!.id).toBe(2);
    list[2]!.marker.mark();
    expect(s.select(list)!.id).toBe(1);

    const weighted = items(clock, 2, [{ weight: 9 }, {}]);
    const r = selector(clock, 'random');
    const picks = Array.from({ length: 1000 }, () => r.select(weighted)!.id);
    expect(picks.filter((id) => id === 0).length).toBeGreaterThan(800);
  });

  it('hashes the hash source with CRC-32 (client id only on the head profile)', () => {
    const clock = new ManualClock(settle);
    const list = items(clock, 4);
    const stable = selector(clock, 'hash');
    const a = stable.select(list, { hashSource: '10.0.0.1', clientId: 'alice' })!.id;
    expect(stable.select(list, { hashSource: '10.0.0.1', clientId: 'bob' })!.id).toBe(a);
    // crc32("10.0.0.1") = 0x... ; the mapping is fixed, so the pick never changes.
    expect(Array.from({ length: 5 }, () => stable.select(list, { hashSource: '10.0.0.1' })!.id)).toEqual([
      a,
      a,
      a,
      a,
      a,
    ]);
    const head = selector(clock, 'hash', 'head');
    const byId = head.select(list, { hashSource: '10.0.0.1', clientId: 'alice' })!.id;
    expect(head.select(list, { hashSource: '10.0.0.99', clientId: 'alice' })!.id).toBe(byId);
  });
});
