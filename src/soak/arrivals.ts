// The open arrival model: arrival i is due at start + i / rate, whatever the answers do (no
// coordinated omission). Each tick starts every arrival that is due, catching up after a late
// timer, and sleeps until the next one is due; times come from the absolute start, never from
// summed intervals, so timer lateness never accumulates into a lower rate. An arrival due while
// max-in-flight exchanges are out waits for a free slot; it starts, queued, when one completes,
// and its latency still counts from its scheduled time. The queue is implicit (arrivals are
// started in order: those due and not started are the ones waiting), so it costs no memory.

/** Starts arrival `index`, scheduled at `scheduledAt` (performance.now() time); settles once it completed. */
export type Fire = (index: number, scheduledAt: number) => Promise<void>;

export interface ArrivalHooks {
  fire: Fire;
  /** Arrivals [from, to) became due at `now`. */
  onDue?(from: number, to: number, now: number): void;
  /** An arrival started, `inFlight` now out. */
  onStart?(now: number, inFlight: number): void;
}

export class OpenArrivals {
  private readonly periodMs: number;
  private t0 = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private dueCount = 0;
  /** Arrivals below this index found every slot taken when due: they start queued. */
  private blockedUpTo = 0;
  private idleWaiters: (() => void)[] = [];
  started = 0;
  inFlight = 0;
  queued = 0;
  mostInFlight = 0;
  /** performance.now() of the last start (0 before the first). */
  lastStartAt = 0;

  constructor(
    readonly total: number,
    ratePerS: number,
    private readonly limit: number,
    private readonly hooks: ArrivalHooks,
  ) {
    this.periodMs = 1000 / ratePerS;
  }

  /** Arrivals due so far. */
  get scheduled(): number {
    return this.dueCount;
  }

  /** Arrivals are still to start: not all have, and they were not stopped. */
  get sending(): boolean {
    return !this.stopped && this.started < this.total;
  }

  start(t0 = performance.now()): void {
    this.t0 = t0;
    this.tick();
  }

  /** No arrival starts from now on; those in flight go on. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.settle();
  }

  /** Resolves once nothing is in flight and nothing more will start. */
  idle(): Promise<void> {
    if (!this.sending && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  scheduledAt(index: number): number {
    return this.t0 + index * this.periodMs;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.stopped) return;
    this.launch(performance.now());
    if (this.dueCount >= this.total) return;
    // Until the next arrival is due; a timer fires late rather than early, and the next tick catches up.
    const wait = this.scheduledAt(this.dueCount) - performance.now();
    this.timer = setTimeout(this.tick, Math.max(1, Math.floor(wait)));
  };

  /** Starts every due arrival a slot is free for. */
  private launch(now: number): void {
    const due = Math.min(this.total, Math.floor((now - this.t0) / this.periodMs) + 1);
    if (due > this.dueCount) {
      this.hooks.onDue?.(this.dueCount, due, now);
      this.dueCount = due;
    }
    while (!this.stopped && this.started < this.dueCount && this.inFlight < this.limit) {
      const index = this.started++;
      if (index < this.blockedUpTo) this.queued += 1;
      this.inFlight += 1;
      if (this.inFlight > this.mostInFlight) this.mostInFlight = this.inFlight;
      this.lastStartAt = now;
      this.hooks.onStart?.(now, this.inFlight);
      this.hooks.fire(index, this.scheduledAt(index)).then(this.done, this.done);
    }
    if (this.started < this.dueCount) this.blockedUpTo = this.dueCount;
    this.settle();
  }

  private readonly done = (): void => {
    this.inFlight -= 1;
    // A freed slot goes to the longest-waiting due arrival at once.
    if (!this.stopped && this.started < this.total) this.launch(performance.now());
    else this.settle();
  };

  private settle(): void {
    if (this.sending || this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
