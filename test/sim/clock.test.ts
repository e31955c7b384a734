import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap, VirtualClock } from '../../sim/clock.js';

describe('the timer heap', () => {
  it('pops timers in (time, sequence) order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const heap = new TimerHeap();
        for (const [seq, at] of times.entries()) {
          heap.push({ at, seq, owner: '', fire: () => undefined, cancelled: false });
        }
        const popped: [number, number][] = [];
        for (let t = heap.pop(); t; t = heap.pop()) popped.push([t.at, t.seq]);
        const expected = times
          .map((at, seq) => [at, seq] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });
});

describe('the virtual clock', () => {
  it('moves only when a timer is taken, and skips cancelled timers', () => {
    const clock = new VirtualClock(() => 'test');
    const fired: string[] = [];
    clock.schedule(300, 'a', () => fired.push('a'));
    const b = clock.schedule(100, 'b', () => fired.push('b'));
    clock.schedule(100, 'c', () => fired.push('c'));
    clock.cancel(b);
    expect(clock.now()).toBe(0);
    for (let t = clock.take(); t; t = clock.take()) {
      t.fire();
      fired.push(`@${clock.now()}`);
    }
    expect(fired).toEqual(['c', '@100', 'a', '@300']);
  });

  it('keeps the owner that set a timer', () => {
    let owner = 'flow:1';
    const clock = new VirtualClock(() => owner);
    void clock.sleep(50);
    owner = 'flow:2';
    expect(clock.peek()?.owner).toBe('flow:1');
  });

  it('resolves a sleep at once and drops its timer when the signal aborts', async () => {
    const clock = new VirtualClock();
    const abort = new AbortController();
    const sleeping = clock.sleep(1000, abort.signal);
    abort.abort();
    await sleeping;
    expect(clock.peek()).toBeUndefined();
    expect(clock.now()).toBe(0);
  });
});
