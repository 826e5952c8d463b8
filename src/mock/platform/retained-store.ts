// The reports kept for lack of a statusCallback (§2, D6): at most `capacity`, the oldest dropped
// first, each deleted when its retention ends. A request's reports are kept together, at the same
// time: they are stored as one batch (one object holding the list and the two times), not one
// wrapper object per report, which at the default cap of 100,000 is 100,000 objects fewer for the
// garbage collector to move.
import type { NotifyReportMessageRequest } from '../../../generated/types.js';

interface Batch {
  retainedAtMs: number;
  expiresAtMs: number;
  /** The list as handed over (not copied); only `reports[from..]` are kept. */
  reports: readonly NotifyReportMessageRequest[];
  from: number;
}

export interface KeptReport {
  retainedAtMs: number;
  expiresAtMs: number;
  report: NotifyReportMessageRequest;
}

export class RetainedStore {
  private batches: (Batch | undefined)[] = [];
  private head = 0;
  private kept = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.kept;
  }

  /** Keeps `reports` (in order) from `retainedAtMs` to `expiresAtMs`; drops the oldest past the cap. */
  add(reports: readonly NotifyReportMessageRequest[], retainedAtMs: number, expiresAtMs: number): void {
    if (reports.length === 0) return;
    this.batches.push({ retainedAtMs, expiresAtMs, reports, from: 0 });
    this.kept += reports.length;
    // Past the cap the oldest go first. A batch is released once all of its reports are dropped:
    // until then it holds the ones dropped from its front (fewer than one request's worth).
    while (this.kept > this.capacity) {
      const oldest = this.batches[this.head] as Batch;
      const drop = Math.min(oldest.reports.length - oldest.from, this.kept - this.capacity);
      oldest.from += drop;
      this.kept -= drop;
      if (oldest.from === oldest.reports.length) this.batches[this.head++] = undefined;
    }
    this.compact();
  }

  /** Deletes what expired by `nowMs` (batches are in the order kept, and all keep as long). */
  purge(nowMs: number): void {
    for (let b = this.batches[this.head]; b && b.expiresAtMs <= nowMs; b = this.batches[this.head]) {
      this.kept -= b.reports.length - b.from;
      this.batches[this.head++] = undefined;
    }
    this.compact();
  }

  toArray(): KeptReport[] {
    const out: KeptReport[] = [];
    for (let i = this.head; i < this.batches.length; i++) {
      const b = this.batches[i] as Batch;
      for (let j = b.from; j < b.reports.length; j++)
        out.push({
          retainedAtMs: b.retainedAtMs,
          expiresAtMs: b.expiresAtMs,
          report: b.reports[j] as NotifyReportMessageRequest,
        });
    }
    return out;
  }

  clear(): void {
    this.batches = [];
    this.head = 0;
    this.kept = 0;
  }

  // The emptied slots are reclaimed in batches, as BoundedLog does.
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
  }
}
