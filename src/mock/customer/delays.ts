// The answers held back on purpose (behaviour.ts delayMs): each waits on a timer kept here, so that
// closing the endpoint cancels every one still waiting instead of leaving its timer running.
export class PendingDelays {
  private readonly timers = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Clears every timer still waiting; the answers they held are never sent. */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
