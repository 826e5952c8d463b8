// Driving a soak's arrivals to their end: start them on the clock, tell progress while they run,
// and stop cleanly when told to (a signal, the deadline): no new arrival starts, those in flight
// get a short grace to complete, then whatever still completes is not counted.
import { OpenArrivals } from './arrivals.js';
import type { SoakProgress } from './options.js';
import type { RssMeter, SoakRecorder } from './recorder.js';

/** How long exchanges in flight at a stop may still complete and count. */
export const STOP_GRACE_MS = 1_000;

export interface DriveOptions {
  total: number;
  ratePerS: number;
  maxInFlight: number;
  recorder: SoakRecorder;
  rss: RssMeter;
  stop: AbortSignal;
  /** Sends arrival `index`, scheduled at `scheduledAt`; never rejects (failures are counted results). */
  fire: (index: number, scheduledAt: number) => Promise<void>;
  /** Told every `everyMs` while the arrivals run (progress, sweeps). */
  onTick: (phase: SoakProgress['phase'], arrivals: OpenArrivals) => void;
  everyMs: number;
  /**
   * From the start, when arrivals still waiting for a free slot are given up: the soak's duration
   * plus the timeout. Each is counted a timeout (never sent), its wait in the latency, so a target
   * that cannot keep the rate ends the soak on time and still shows its latency.
   */
  cutMs: number;
}

/** Gives up the arrivals not started: each a timeout, its wait until now in the latency. */
function giveUp(arrivals: OpenArrivals, recorder: SoakRecorder): number {
  const now = performance.now();
  const from = arrivals.started;
  arrivals.stop();
  for (let i = from; i < arrivals.total; i++) recorder.complete(arrivals.scheduledAt(i), now, 'timeout', []);
  return arrivals.total - from;
}

/** Resolves when `signal` aborts (at once if it has). */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs the arrivals to their end or to a stop; returns them (their counts) once nothing is left in flight that counts. */
export async function drive(o: DriveOptions): Promise<{ arrivals: OpenArrivals; givenUp: number }> {
  const { recorder } = o;
  // A fire that throws is a bug of the kit, never the target's doing: it stops the soak and surfaces.
  let bug: unknown;
  const arrivals: OpenArrivals = new OpenArrivals(o.total, o.ratePerS, o.maxInFlight, {
    fire: (index, scheduledAt) =>
      o.fire(index, scheduledAt).catch((err: unknown) => {
        bug ??= err;
        arrivals.stop();
      }),
    onDue: (from, to, now) => {
      const period = 1000 / o.ratePerS;
      for (let i = from; i < to; i++) recorder.intervals.scheduled(i * period, now);
    },
    onStart: (now, inFlight) => recorder.intervals.started(now, inFlight),
  });
  const phase = (): SoakProgress['phase'] => (arrivals.sending ? 'sending' : 'draining');
  const ticker = setInterval(() => {
    o.rss.sample();
    o.onTick(phase(), arrivals);
  }, o.everyMs);
  let givenUp = 0;
  const cut = setTimeout(
    () => {
      if (arrivals.sending) givenUp = giveUp(arrivals, recorder);
    },
    Math.max(0, recorder.t0 + o.cutMs - performance.now()),
  );
  try {
    arrivals.start(recorder.t0);
    await Promise.race([arrivals.idle(), aborted(o.stop)]);
    if (o.stop.aborted) {
      arrivals.stop();
      const grace = new AbortController();
      await Promise.race([arrivals.idle(), sleep(STOP_GRACE_MS, grace.signal)]);
      grace.abort();
      recorder.freeze();
    }
    if (bug !== undefined) throw bug;
    return { arrivals, givenUp };
  } finally {
    clearTimeout(cut);
    clearInterval(ticker);
  }
}
