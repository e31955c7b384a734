/**
 * A first-in first-out queue with constant-time removal from the front. `Array.prototype.shift` moves
 * every remaining element, which turns a queue holding thousands of chunks (a mux session's carrier
 * connection) into quadratic work; here the front is an index and the array is compacted only once
 * the consumed prefix outweighs what is left.
 */

const compactAfter = 64;

export class Deque<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Replaces the front item (a partly consumed chunk). */
  replaceFront(item: T): void {
    if (this.head < this.items.length) this.items[this.head] = item;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= compactAfter && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Removes and returns every item, front first. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}
