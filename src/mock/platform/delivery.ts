// Status reports after acceptance (§4): each request's reports fall due after the configured
// delay; with a statusCallback they are pushed there (with retries), without one they are kept for
// the retention time and then deleted (§2, D6). The store of kept reports is bounded. Every request
// waits the same delay, so requests fall due in the order they came: they wait in one queue under
// one timer, armed for the first of them, instead of a timer (and its closure) per request.
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { RetainedStore } from './retained-store.js';
import type { RetryingPusher } from './retry.js';

export interface RetainedReport {
  /** ISO times: when it was kept, and when it is deleted. */
  retainedAt: string;
  expiresAt: string;
  report: NotifyReportMessageRequest;
}

export interface DeliveryOptions {
  delayMs: number;
  retentionMs: number;
  maxRetainedReports: number;
}

/** A request's reports, waiting for their delay. */
interface Due {
  /** performance.now() time they fall due. */
  atMs: number;
  reports: NotifyReportMessageRequest[];
  statusCallback: string | undefined;
}

export class ReportDelivery {
  private due: (Due | undefined)[] = [];
  private dueHead = 0;
  /** Reports in the queue. */
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Times kept as numbers: the ISO texts are made when the store is read, not per report. */
  private readonly kept: RetainedStore;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly pusher: RetryingPusher,
  ) {
    this.kept = new RetainedStore(options.maxRetainedReports);
    // Expired reports also go on every read; the sweep bounds how long they linger unread.
    this.sweeper = setInterval(() => this.purge(), Math.min(Math.max(options.retentionMs, 10), 60_000));
    this.sweeper.unref();
  }

  schedule(reports: NotifyReportMessageRequest[], statusCallback: string | undefined): void {
    if (reports.length === 0 || this.closed) return;
    this.due.push({ atMs: performance.now() + this.options.delayMs, reports, statusCallback });
    this.waiting += reports.length;
    this.timer ??= this.arm();
  }

  /** Reports not yet due (waiting for the delay). */
  get scheduled(): number {
    return this.waiting;
  }

  retained(): RetainedReport[] {
    this.purge();
    return this.kept.toArray().map((k) => ({
      retainedAt: new Date(k.retainedAtMs).toISOString(),
      expiresAt: new Date(k.expiresAtMs).toISOString(),
      report: k.report,
    }));
  }

  reset(): void {
    this.cancelScheduled();
    this.kept.clear();
  }

  close(): void {
    this.closed = true;
    this.cancelScheduled();
    clearInterval(this.sweeper);
  }

  /** A request's reports fall due together: they are kept at the same time. */
  private retain(reports: NotifyReportMessageRequest[]): void {
    const retainedAtMs = Date.now();
    const expiresAtMs = retainedAtMs + this.options.retentionMs;
    this.kept.add(reports, retainedAtMs, expiresAtMs);
  }

  private purge(): void {
    const now = Date.now();
    this.kept.purge(now);
  }

  /** A timer for the first request in the queue, if any. */
  private arm(): NodeJS.Timeout | undefined {
    const first = this.due[this.dueHead];
    if (!first) return undefined;
    return setTimeout(() => this.release(), Math.max(0, first.atMs - performance.now()));
  }

  /** Hands on every request that is due (none before its delay is over), then waits for the next. */
  private release(): void {
    const now = performance.now();
    for (let first = this.due[this.dueHead]; first && first.atMs <= now; first = this.due[this.dueHead]) {
      this.due[this.dueHead++] = undefined;
      this.waiting -= first.reports.length;
      if (first.statusCallback)
        for (const report of first.reports) this.pusher.push('report', first.statusCallback, report);
      else this.retain(first.reports);
    }
    // The slots handed on are reclaimed in batches, as BoundedLog does.
    if (this.dueHead > 1024 && this.dueHead * 2 > this.due.length) {
      this.due = this.due.slice(this.dueHead);
      this.dueHead = 0;
    }
    this.timer = this.arm();
  }

  private cancelScheduled(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = [];
    this.dueHead = 0;
    this.waiting = 0;
  }
}
