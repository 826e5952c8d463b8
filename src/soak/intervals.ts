// The soak over time: one interval per second (wider for long soaks, so there are at most about
// MAX_INTERVALS), each with its counts and the latency histogram of the exchanges completed in it.
// Only the open interval holds a live histogram; a closed one keeps its stored (encoded) form, so
// memory grows by a few hundred bytes a second, not by a histogram (tens of KB) a second.
import { encodeHistogram, newHistogram, recordMs } from './histogram.js';
import type { SoakInterval } from './types.js';

/** About this many intervals at most, whatever the duration. */
export const MAX_INTERVALS = 600;

/** Interval width for a soak of `durationMs`: 1 s, or as many whole seconds as keep it within MAX_INTERVALS. */
export function intervalWidthMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / 1000 / MAX_INTERVALS)) * 1000;
}

export class IntervalSeries {
  private readonly closed: SoakInterval[] = [];
  /** The interval still counting; its latencies go to `live` until it closes. */
  private open: SoakInterval;
  /** One histogram, reused for each interval in turn (reset when one closes). */
  private readonly live = newHistogram();

  constructor(
    private readonly t0: number,
    private readonly widthMs: number,
  ) {
    this.open = this.blank(0);
  }

  private blank(index: number): SoakInterval {
    return {
      startS: (index * this.widthMs) / 1000,
      lengthS: this.widthMs / 1000,
      scheduled: 0,
      started: 0,
      completed: 0,
      errors: 0,
      maxInFlight: 0,
      latency: { encoded: '', count: 0 },
    };
  }

  private indexOf(offsetMs: number): number {
    return Math.max(0, Math.floor(offsetMs / this.widthMs));
  }

  /** The open interval at `now`, closing the ones before it (an interval with nothing in it is kept: a gap is data). */
  private at(now: number): SoakInterval {
    const index = this.indexOf(now - this.t0);
    while (this.closed.length < index) this.closeOpen();
    return this.open;
  }

  private closeOpen(): void {
    this.open.latency = encodeHistogram(this.live);
    this.live.reset();
    this.closed.push(this.open);
    this.open = this.blank(this.closed.length);
  }

  /** An arrival scheduled `offsetMs` after the start: counted in its own interval, even one already closed. */
  scheduled(offsetMs: number, now: number): void {
    const open = this.at(now);
    const index = this.indexOf(offsetMs);
    const target = index < this.closed.length ? this.closed[index] : open;
    if (target) target.scheduled += 1;
  }

  started(now: number, inFlight: number): void {
    const interval = this.at(now);
    interval.started += 1;
    if (inFlight > interval.maxInFlight) interval.maxInFlight = inFlight;
  }

  completed(now: number, latencyMs: number, error: boolean): void {
    const interval = this.at(now);
    interval.completed += 1;
    if (error) interval.errors += 1;
    recordMs(this.live, latencyMs);
  }

  /** Every interval up to `now`, the last one cut at `now`; the series is done. */
  finish(now: number): SoakInterval[] {
    const last = this.at(now);
    last.lengthS = Math.max(0, (now - this.t0) / 1000 - last.startS);
    last.latency = encodeHistogram(this.live);
    return [...this.closed, last];
  }
}
