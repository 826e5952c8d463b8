// Items that fall due a fixed time after they are added: since every item waits as long, they fall
// due in the order they came, so they wait in one queue under one timer, armed for the first of
// them, instead of a timer (and its closure) per item. The report delivery keeps two: the reports
// waiting for delivery.delayMs, and the late ones waiting for their extra delivery.lateDelayMs.
interface Due<T> {
  /** performance.now() time it falls due. */
  atMs: number;
  item: T;
  /** What it counts for in `waiting` (a request's reports: how many they are). */
  weight: number;
}

export class DueQueue<T> {
  private due: (Due<T> | undefined)[] = [];
  private head = 0;
  private weights = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly onDue: (item: T) => void,
  ) {}

  add(item: T, weight = 1): void {
    this.due.push({ atMs: performance.now() + this.delayMs, item, weight });
    this.weights += weight;
    this.timer ??= this.arm();
  }

  /** The weights of the items not yet due. */
  get waiting(): number {
    return this.weights;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = [];
    this.head = 0;
    this.weights = 0;
  }

  /** A timer for the first item in the queue, if any. */
  private arm(): NodeJS.Timeout | undefined {
    const first = this.due[this.head];
    if (!first) return undefined;
    return setTimeout(() => this.release(), Math.max(0, first.atMs - performance.now()));
  }

  /** Hands on every item that is due (none before its delay is over), then waits for the next. */
  private release(): void {
    const now = performance.now();
    for (let first = this.due[this.head]; first && first.atMs <= now; first = this.due[this.head]) {
      this.due[this.head++] = undefined;
      this.weights -= first.weight;
      this.onDue(first.item);
    }
    // The slots handed on are reclaimed in batches, as BoundedLog does.
    if (this.head > 1024 && this.head * 2 > this.due.length) {
      this.due = this.due.slice(this.head);
      this.head = 0;
    }
    this.timer = this.arm();
  }
}
