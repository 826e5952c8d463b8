// Status reports after acceptance (§4): each request's reports fall due after the configured
// delay; with a statusCallback they are pushed there (with retries), without one they are kept for
// the retention time and then deleted (§2, D6). The store of kept reports is bounded.
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { BoundedLog } from '../bounded-log.js';
import type { RetryingPusher } from './retry.js';

export interface RetainedReport {
  /** ISO times: when it was kept, and when it is deleted. */
  retainedAt: string;
  expiresAt: string;
  report: NotifyReportMessageRequest;
}

/** Kept with its times as numbers: the ISO texts are made when the store is read, not per report. */
interface Kept {
  retainedAtMs: number;
  expiresAtMs: number;
  report: NotifyReportMessageRequest;
}

export interface DeliveryOptions {
  delayMs: number;
  retentionMs: number;
  maxRetainedReports: number;
}

export class ReportDelivery {
  private readonly timers = new Map<NodeJS.Timeout, number>();
  private readonly kept: BoundedLog<Kept>;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly pusher: RetryingPusher,
  ) {
    this.kept = new BoundedLog(options.maxRetainedReports);
    // Expired reports also go on every read; the sweep bounds how long they linger unread.
    this.sweeper = setInterval(() => this.purge(), Math.min(Math.max(options.retentionMs, 10), 60_000));
    this.sweeper.unref();
  }

  schedule(reports: NotifyReportMessageRequest[], statusCallback: string | undefined): void {
    if (reports.length === 0 || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (statusCallback) for (const report of reports) this.pusher.push('report', statusCallback, report);
      else this.retain(reports);
    }, this.options.delayMs);
    this.timers.set(timer, reports.length);
  }

  /** Reports not yet due (waiting for the delay). */
  get scheduled(): number {
    let count = 0;
    for (const n of this.timers.values()) count += n;
    return count;
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
    for (const report of reports) this.kept.push({ retainedAtMs, expiresAtMs, report });
  }

  private purge(): void {
    const now = Date.now();
    this.kept.dropWhile((k) => k.expiresAtMs <= now);
  }

  private cancelScheduled(): void {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
  }
}
