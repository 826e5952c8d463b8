// What a soak measured, kept in constant memory: the latency histogram, the intervals, errors by
// kind, findings by rule, and counts. Nothing per exchange is kept once it is counted.
import type { Finding } from '../rules/index.js';
import { FindingsTally, noErrors } from './findings.js';
import { newHistogram, recordMs } from './histogram.js';
import { IntervalSeries } from './intervals.js';
import type { SoakErrorKind } from './types.js';

export class SoakRecorder {
  readonly latency = newHistogram();
  readonly intervals: IntervalSeries;
  readonly errors = noErrors();
  readonly findings = new FindingsTally();
  completed = 0;
  /** Exchanges that failed or broke a MUST rule. */
  failed = 0;
  /** After a stop: what still completes (aborted, or past the stop's grace) is not counted. */
  private frozen = false;

  constructor(
    readonly t0: number,
    widthMs: number,
  ) {
    this.intervals = new IntervalSeries(t0, widthMs);
  }

  /** One exchange completed at `now`, scheduled at `scheduledAt`, with its error kind (if any) and findings. */
  complete(
    scheduledAt: number,
    now: number,
    error: SoakErrorKind | undefined,
    findings: readonly Finding[],
  ): void {
    if (this.frozen) return;
    const latencyMs = now - scheduledAt;
    recordMs(this.latency, latencyMs);
    this.completed += 1;
    this.findings.add(findings);
    if (error) {
      this.errors[error] += 1;
      this.failed += 1;
    }
    this.intervals.completed(now, latencyMs, error !== undefined);
  }

  /** Findings of something received rather than sent (the platform's status reports). */
  received(findings: readonly Finding[]): void {
    if (!this.frozen) this.findings.add(findings);
  }

  freeze(): void {
    this.frozen = true;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** p50 and p99 so far, in ms (only these two: each percentile walks the histogram's buckets). */
  quantiles(): { p50: number; p99: number } {
    if (this.latency.totalCount === 0) return { p50: 0, p99: 0 };
    const ms = (us: number) => Math.round(us) / 1000;
    return { p50: ms(this.latency.getValueAtPercentile(50)), p99: ms(this.latency.getValueAtPercentile(99)) };
  }
}

/** The kit's resident memory: at the start, the most seen, and now (MB). */
export class RssMeter {
  readonly startMb = RssMeter.now();
  peakMb = this.startMb;

  static now(): number {
    return Math.round((process.memoryUsage.rss() / (1024 * 1024)) * 10) / 10;
  }

  sample(): number {
    const mb = RssMeter.now();
    if (mb > this.peakMb) this.peakMb = mb;
    return mb;
  }
}
