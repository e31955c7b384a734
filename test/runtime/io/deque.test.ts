import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deque } from '../../../runtime/io/deque.js';

describe('the deque', () => {
  it('behaves as an array used as a queue, whatever the mix of operations', () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('push' as const), value: fc.integer() }),
      fc.record({ op: fc.constant('shift' as const) }),
      fc.record({ op: fc.constant('replace' as const), value: fc.integer() }),
      fc.record({ op: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 600 }), (operations) => {
        const deque = new Deque<number>();
        const model: number[] = [];
        for (const o of operations) {
          if (o.op === 'push') {
            deque.push(o.value);
            model.push(o.value);
          } else if (o.op === 'shift') {
            expect(deque.shift()).toBe(model.shift());
          } else if (o.op === 'replace') {
            deque.replaceFront(o.value);
            if (model.length > 0) model[0] = o.value;
          } else {
            deque.clear();
            model.length = 0;
          }
          expect(deque.length).toBe(model.length);
          expect(deque.peek()).toBe(model[0]);
        }
        expect(deque.drain()).toEqual(model);
        expect(deque.length).toBe(0);
      }),
    );
  });

  it('keeps order across many compactions', () => {
    const deque = new Deque<number>();
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 300; i++) deque.push(next++);
      for (let i = 0; i < 250; i++) expect(deque.shift()).toBe(expected++);
    }
    expect(deque.length).toBe(next - expected);
    expect(deque.drain()).toEqual(Array.from({ length: next - expected }, (_, i) => expected + i));
  });
});
