// A list with a cap: past it the oldest entries are dropped. The mocks keep every journal and
// store in one of these, so their memory is bounded however long they run.
export class BoundedLog<T> {
  // A dropped slot is cleared at once (the entry is released); the slots themselves are reclaimed
  // in batches, so push stays O(1) amortised and what is held never exceeds the cap.
  private items: (T | undefined)[] = [];
  private head = 0;
  /** How many entries were dropped to respect the cap since the last clear. */
  dropped = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    this.items.push(item);
    if (this.size > this.capacity) {
      this.items[this.head] = undefined;
      this.head++;
      this.dropped++;
    }
    this.compact();
  }

  /** Drops entries from the oldest end while `test` holds (entries are in insertion order). */
  dropWhile(test: (item: T) => boolean): void {
    while (this.head < this.items.length && test(this.items[this.head] as T)) {
      this.items[this.head] = undefined;
      this.head++;
    }
    this.compact();
  }

  get size(): number {
    return this.items.length - this.head;
  }

  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.dropped = 0;
  }

  // The emptied slots are reclaimed in batches.
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
