// What each side of a soak is given, what it gives back, and the progress it tells.
import type { Histogram } from 'hdr-histogram-js';
import { HttpClient } from '../client/http.js';
import type { Profile } from '../profile/profile.js';
import type { OpenArrivals } from './arrivals.js';
import type { SoakListener, SoakProgress } from './options.js';
import type { RssMeter, SoakRecorder } from './recorder.js';
import type { DeliveryAccounting, SoakSide } from './types.js';

export interface SoakRun {
  profile: Profile;
  /** This runner's rate (a shard's part). */
  ratePerS: number;
  durationMs: number;
  /** Arrivals to schedule: rate × duration. */
  total: number;
  maxInFlight: number;
  seed: number;
  /** Aborted when the soak must end now (a signal, the deadline). */
  stop: AbortSignal;
  emit: SoakListener;
  progressEveryMs: number;
  rss: RssMeter;
}

export interface SideOutcome {
  recorder: SoakRecorder;
  arrivals: OpenArrivals;
  /** performance.now() when the soak's work ended (answers drained, reports listened for). */
  endedAt: number;
  targets: Record<string, string>;
  notes: string[];
  reportDelay?: Histogram;
  accounting?: DeliveryAccounting;
}

/** The client of a soak: as many connections per origin as exchanges may be in flight. */
export function soakClient(run: SoakRun): HttpClient {
  return new HttpClient({
    timeoutMs: run.profile.timeoutMs,
    tls: run.profile.tls,
    maxBodyBytes: run.profile.maxBodyBytes,
    connections: run.maxInFlight,
  });
}

export function progressOf(
  side: SoakSide,
  run: SoakRun,
  recorder: SoakRecorder,
  arrivals: OpenArrivals,
  phase: SoakProgress['phase'],
  accounting?: SoakProgress['accounting'],
): SoakProgress {
  const elapsedMs = performance.now() - recorder.t0;
  const { p50, p99 } = recorder.quantiles();
  return {
    side,
    elapsedMs,
    durationMs: run.durationMs,
    phase,
    scheduled: arrivals.scheduled,
    started: arrivals.started,
    completed: recorder.completed,
    inFlight: arrivals.inFlight,
    ratePerS: elapsedMs > 0 ? (recorder.completed * 1000) / Math.min(elapsedMs, run.durationMs) : 0,
    p50Ms: p50,
    p99Ms: p99,
    errors: recorder.failed,
    findings: recorder.findings.withFindings,
    ...(accounting ? { accounting } : {}),
  };
}

/** When arrivals still waiting for a slot are given up: the duration, then one timeout (drive.ts). */
export function cutOf(run: SoakRun): number {
  return run.durationMs + run.profile.timeoutMs;
}

/** The note of arrivals given up, if any. */
export function givenUpNote(givenUp: number, run: SoakRun): string[] {
  return givenUp > 0
    ? [
        `${givenUp} arrival(s) still waited for a free slot (max in flight ${run.maxInFlight}) one timeout (${run.profile.timeoutMs} ms) after the soak's duration: given up unsent, each counted a timeout with its wait in the latency (the target, or the kit, did not keep the rate)`,
      ]
    : [];
}
