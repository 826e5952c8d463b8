// Status reports after acceptance (§4): each request's reports fall due after the configured
// delay; with a statusCallback they are pushed there (with retries), without one they are kept for
// the retention time and then deleted (§2, D6). The store of kept reports is bounded. Every request
// waits the same delay, so requests fall due in the order they came: they wait in one queue under
// one timer (due-queue.ts). A report pushed to a statusCallback may be mishandled on purpose when
// it falls due (fates.ts: dropped, pushed twice, or pushed late from a second queue).
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { DueQueue } from './due-queue.js';
import { type DeliveryFates, FateBook, type FatedReport, type FateOptions } from './fates.js';
import { RetainedStore } from './retained-store.js';
import type { RetryingPusher } from './retry.js';

export interface RetainedReport {
  /** ISO times: when it was kept, and when it is deleted. */
  retainedAt: string;
  expiresAt: string;
  report: NotifyReportMessageRequest;
}

export interface DeliveryOptions extends FateOptions {
  delayMs: number;
  retentionMs: number;
  maxRetainedReports: number;
}

/** A request's reports, waiting for their delay. */
interface DueReports {
  reports: NotifyReportMessageRequest[];
  statusCallback: string | undefined;
}

/** A late report, waiting for its extra delay. */
interface LateReport {
  report: NotifyReportMessageRequest;
  fated: FatedReport;
}

export class ReportDelivery {
  private readonly due: DueQueue<DueReports>;
  private readonly late: DueQueue<LateReport>;
  private readonly fates: FateBook;
  /** Times kept as numbers: the ISO texts are made when the store is read, not per report. */
  private readonly kept: RetainedStore;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly pusher: RetryingPusher,
  ) {
    this.kept = new RetainedStore(options.maxRetainedReports);
    this.fates = new FateBook(options);
    this.due = new DueQueue(options.delayMs, (d) => this.fallDue(d));
    this.late = new DueQueue(options.lateDelayMs, (l) => this.pushLate(l));
    // Expired reports also go on every read; the sweep bounds how long they linger unread.
    this.sweeper = setInterval(() => this.purge(), Math.min(Math.max(options.retentionMs, 10), 60_000));
    this.sweeper.unref();
  }

  schedule(reports: NotifyReportMessageRequest[], statusCallback: string | undefined): void {
    if (reports.length === 0 || this.closed) return;
    this.due.add({ reports, statusCallback }, reports.length);
  }

  /** Reports not yet pushed or kept: waiting for the delay, or (late ones) for their extra delay. */
  get scheduled(): number {
    return this.due.waiting + this.late.waiting;
  }

  retained(): RetainedReport[] {
    this.purge();
    return this.kept.toArray().map((k) => ({
      retainedAt: new Date(k.retainedAtMs).toISOString(),
      expiresAt: new Date(k.expiresAtMs).toISOString(),
      report: k.report,
    }));
  }

  /** What was done to the reports pushed to a statusCallback (fates.ts). */
  fateSnapshot(): DeliveryFates {
    return this.fates.snapshot(this.late.waiting);
  }

  reset(): void {
    this.cancelScheduled();
    this.kept.clear();
    this.fates.reset();
  }

  close(): void {
    this.closed = true;
    this.cancelScheduled();
    clearInterval(this.sweeper);
  }

  /** A request's reports are due: pushed (each as its fate says), or kept together. */
  private fallDue({ reports, statusCallback }: DueReports): void {
    if (!statusCallback) {
      this.retain(reports);
      return;
    }
    for (const report of reports) {
      const fated = this.fates.draw(report, statusCallback);
      if (!fated) this.pusher.push('report', statusCallback, report);
      else if (fated.fate === 'duplicated')
        for (let copy = 0; copy < 2; copy++)
          fated.pushIds.push(this.pusher.push('report', statusCallback, report).record.id);
      else if (fated.fate === 'late') this.late.add({ report, fated });
      // dropped: neither pushed nor kept.
    }
  }

  private pushLate({ report, fated }: LateReport): void {
    fated.pushIds.push(this.pusher.push('report', fated.url, report).record.id);
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

  private cancelScheduled(): void {
    this.due.clear();
    this.late.clear();
  }
}
