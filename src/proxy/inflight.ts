// The exchanges under way, so that idle() and close() can wait until every one has been recorded.

export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  /** Tracks one exchange until it settles. */
  track(done: Promise<void>): void {
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Resolves when no exchange is in flight (those begun meanwhile included). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
