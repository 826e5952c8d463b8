// The soak's report, from what its side measured: counts, histograms (stored), intervals, errors,
// findings, accounting, and the gates.
import { VERSION } from '../version.js';
import type { SideOutcome } from './context.js';
import { soakHistogram } from './histogram.js';
import type { SoakThresholds } from './options.js';
import type { RssMeter } from './recorder.js';
import { judgeThresholds } from './thresholds.js';
import type { SoakReport, SoakSide } from './types.js';

export interface SoakFacts {
  side: SoakSide;
  startedAt: Date;
  command: string;
  shard?: SoakReport['shard'];
  embedded: boolean;
  asked: SoakReport['asked'];
  thresholds: SoakThresholds;
  /** Why the soak was stopped before its end, in words. */
  interrupted?: string;
  rss: RssMeter;
  notes: string[];
}

/** Completed per second over the sending time: from the start to the last start, plus one period. */
function achievedRate(o: SideOutcome, ratePerS: number): number {
  const { arrivals, recorder } = o;
  if (arrivals.started === 0) return 0;
  const sendingS = (arrivals.lastStartAt - recorder.t0) / 1000 + 1 / ratePerS;
  return Math.round((recorder.completed / sendingS) * 1000) / 1000;
}

export function assembleSoak(facts: SoakFacts, o: SideOutcome): SoakReport {
  const { arrivals, recorder } = o;
  const finishedAt = new Date();
  const latency = soakHistogram(recorder.latency);
  const errorRate = recorder.completed > 0 ? recorder.failed / recorder.completed : 0;
  const findings = recorder.findings.list();
  const thresholds = judgeThresholds(facts.thresholds, {
    side: facts.side,
    p99Ms: latency.percentiles.p99,
    errorRate,
    completed: recorder.completed,
    findings,
    ...(o.accounting ? { accounting: o.accounting } : {}),
  });
  return {
    kind: 'soak',
    tool: { name: 'iot-sms-conformance', version: VERSION },
    side: facts.side,
    startedAt: facts.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - facts.startedAt.getTime(),
    command: facts.command,
    ...(facts.shard ? { shard: facts.shard } : {}),
    embedded: facts.embedded,
    targets: o.targets,
    asked: facts.asked,
    achieved: {
      scheduled: arrivals.total,
      started: arrivals.started,
      completed: recorder.completed,
      notStarted: arrivals.total - arrivals.started,
      ratePerS: achievedRate(o, facts.asked.ratePerS),
      maxInFlight: arrivals.mostInFlight,
      queued: arrivals.queued,
    },
    latency,
    ...(o.reportDelay ? { reportDelay: soakHistogram(o.reportDelay) } : {}),
    intervals: recorder.intervals.finish(o.endedAt),
    errors: recorder.errors,
    errorRate,
    findings,
    ...(o.accounting ? { accounting: o.accounting } : {}),
    thresholds,
    passed: thresholds.every((t) => t.passed) && facts.interrupted === undefined,
    ...(facts.interrupted !== undefined ? { interrupted: facts.interrupted } : {}),
    rss: { startMb: facts.rss.startMb, endMb: facts.rss.sample(), peakMb: facts.rss.peakMb },
    notes: [...o.notes, ...facts.notes],
  };
}
