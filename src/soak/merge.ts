// Putting the reports of a sharded soak (`--shard i/N`, each part 1/N of the rate, side by side)
// back into one, without loss: histograms are added in their stored form, so the merged
// percentiles are those of one histogram of every sample (never an average of percentiles);
// counts, errors, findings and delivery accounting are summed; intervals are aligned by their
// start and added; the thresholds are judged again on the merged figures, with the limits the
// parts ran with, since a sum can break a limit no part broke (3 lost in each of two shards is 6).
import { KitError } from '../core/errors.js';
import { LEVELS } from '../core/terms.js';
import { addEncoded } from './histogram.js';
import type { SoakThresholds } from './options.js';
import { judgeThresholds } from './thresholds.js';
import type {
  DeliveryAccounting,
  SoakErrorKind,
  SoakInterval,
  SoakReport,
  SoakRuleFindings,
  ThresholdName,
} from './types.js';

/** The examples a report keeps of each wrong kind of delivery (DeliveryAccounting.examples). */
const MAX_EXAMPLES = 20;

function refuse(message: string): never {
  throw new KitError('usage', message);
}

const shardName = (r: SoakReport) => (r.shard ? `${r.shard.index}/${r.shard.total}` : 'whole');

const targetsText = (r: SoakReport) =>
  r.embedded ? "the kit's own mocks" : Object.values(r.targets).join(', ') || 'none';

/** Every part a soak report, of one side and one target, each shard of one split present once. */
function checkParts(reports: readonly SoakReport[]): SoakReport[] {
  if (reports.length === 0) refuse('merge-reports needs the report.json of every shard of the soak');
  // The types say soak; the files read may not: a conformance report has no `kind`.
  if (reports.some((r) => (r as { kind?: unknown }).kind !== 'soak'))
    refuse('a soak report cannot be merged with a conformance report: merge each kind of run apart');
  const sides = [...new Set(reports.map((r) => r.side))];
  if (sides.length > 1)
    refuse(`the reports soaked different sides (${sides.join(', ')}): merge each side's shards apart`);
  const whole = reports.find((r) => !r.shard);
  if (whole)
    refuse(
      `${whole.merged ? 'a merged soak report' : 'the report of a whole soak'} is not a shard (its command: ${whole.command})`,
    );
  const sorted = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const total = sorted[0]?.shard?.total ?? 0;
  const split = sorted.find((r) => r.shard?.total !== total);
  if (split)
    refuse(
      `the shards split the soak differently (${shardName(sorted[0] as SoakReport)}, ${shardName(split)})`,
    );
  const twice = sorted.filter((r, i) => i > 0 && r.shard?.index === sorted[i - 1]?.shard?.index);
  if (twice.length > 0) refuse(`shard ${[...new Set(twice.map(shardName))].join(', ')} given more than once`);
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter(
    (i) => !sorted.some((r) => r.shard?.index === i),
  );
  if (missing.length > 0)
    refuse(`shard ${missing.map((i) => `${i}/${total}`).join(', ')} missing: merge every part of the soak`);
  // One soak loads one target; against the kit's own mocks each runner loads mocks of its own.
  const where = (r: SoakReport) =>
    r.embedded ? 'embedded' : JSON.stringify(Object.entries(r.targets).sort());
  const first = sorted[0] as SoakReport;
  const other = sorted.find((r) => where(r) !== where(first));
  if (other)
    refuse(
      `the shards soaked different targets (${shardName(first)}: ${targetsText(first)}; ${shardName(other)}: ${targetsText(other)}): they are not of one soak`,
    );
  const durations = [...new Set(sorted.map((r) => r.asked.durationS))];
  if (durations.length > 1)
    refuse(
      `the shards soaked for different times (${durations.map((d) => `${d} s`).join(', ')}): they are not of one soak`,
    );
  return sorted;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The limits the parts ran with, by threshold, in the first part's order; they must agree. */
function limitsOf(parts: readonly SoakReport[]): Map<ThresholdName, number | null> {
  const limits = new Map<ThresholdName, number | null>();
  for (const t of parts.flatMap((p) => p.thresholds)) if (!limits.has(t.name)) limits.set(t.name, t.limit);
  for (const [name, limit] of limits) {
    const given = parts.map((p) => p.thresholds.find((t) => t.name === name)?.limit);
    if (given.some((l) => l !== limit))
      refuse(
        `the shards ran with different --${name} (${given.map((l) => (l === undefined ? 'none' : l === null ? 'not set' : l)).join(', ')}): rerun them with the same thresholds`,
      );
  }
  return limits;
}

/** The limits as the soak's options give them (a threshold not set is an option not given). */
function asOptions(limits: Map<ThresholdName, number | null>): SoakThresholds {
  const given = (name: ThresholdName) => limits.get(name) ?? undefined;
  const options: SoakThresholds = {};
  const maxP99Ms = given('max-p99-ms');
  const maxErrorRate = given('max-error-rate');
  const maxLost = given('max-lost');
  const maxLate = given('max-late');
  const maxDuplicates = given('max-duplicates');
  if (maxP99Ms !== undefined) options.maxP99Ms = maxP99Ms;
  if (maxErrorRate !== undefined) options.maxErrorRate = maxErrorRate;
  if (maxLost !== undefined) options.maxLost = maxLost;
  if (maxLate !== undefined) options.maxLate = maxLate;
  if (maxDuplicates !== undefined) options.maxDuplicates = maxDuplicates;
  return options;
}

/** The parts' intervals, aligned by their start (each shard's own clock) and added. */
function mergeIntervals(parts: readonly SoakReport[]): SoakInterval[] {
  const byStart = new Map<number, SoakInterval[]>();
  for (const i of parts.flatMap((p) => p.intervals)) {
    // Starts are seconds computed alike in every shard; a millisecond key absorbs float noise.
    const key = Math.round(i.startS * 1000);
    byStart.set(key, [...(byStart.get(key) ?? []), i]);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => {
      const { count, encoded } = addEncoded(group.map((g) => g.latency));
      return {
        startS: group[0]?.startS ?? 0,
        lengthS: Math.max(...group.map((g) => g.lengthS)),
        scheduled: sum(group.map((g) => g.scheduled)),
        started: sum(group.map((g) => g.started)),
        completed: sum(group.map((g) => g.completed)),
        errors: sum(group.map((g) => g.errors)),
        // Side by side, the shards' peaks within an interval add up at most.
        maxInFlight: sum(group.map((g) => g.maxInFlight)),
        latency: { encoded, count },
      };
    });
}

/** One entry per rule, exchanges summed, the first finding of the first shard that had one; MUST first. */
function mergeFindings(parts: readonly SoakReport[]): SoakRuleFindings[] {
  const byRule = new Map<string, SoakRuleFindings>();
  for (const f of parts.flatMap((p) => p.findings)) {
    const known = byRule.get(f.rule.id);
    byRule.set(f.rule.id, known ? { ...known, exchanges: known.exchanges + f.exchanges } : { ...f });
  }
  // A stable sort: within a level, the rules keep the order they were first seen in.
  return [...byRule.values()].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
}

function mergeErrors(parts: readonly SoakReport[]): Record<SoakErrorKind, number> {
  const errors = { ...(parts[0] as SoakReport).errors };
  for (const p of parts.slice(1))
    for (const [kind, n] of Object.entries(p.errors) as [SoakErrorKind, number][])
      errors[kind] = (errors[kind] ?? 0) + n;
  return errors;
}

function mergeAccounting(parts: readonly SoakReport[]): DeliveryAccounting | undefined {
  const given = parts.flatMap((p) => (p.accounting ? [p.accounting] : []));
  if (given.length === 0) return undefined;
  const total = (pick: (a: DeliveryAccounting) => number) => sum(given.map(pick));
  const examples = (pick: (e: DeliveryAccounting['examples']) => DeliveryAccounting['examples']['lost']) =>
    given.flatMap((a) => pick(a.examples)).slice(0, MAX_EXAMPLES);
  return {
    requests: total((a) => a.requests),
    recipients: total((a) => a.recipients),
    accepted: total((a) => a.accepted),
    onTime: total((a) => a.onTime),
    late: total((a) => a.late),
    lost: total((a) => a.lost),
    ...(given.some((a) => a.pending !== undefined) ? { pending: total((a) => a.pending ?? 0) } : {}),
    duplicated: total((a) => a.duplicated),
    extraReports: total((a) => a.extraReports),
    unknown: total((a) => a.unknown),
    waitMs: Math.max(...given.map((a) => a.waitMs)),
    graceMs: Math.max(...given.map((a) => a.graceMs)),
    examples: {
      lost: examples((e) => e.lost),
      late: examples((e) => e.late),
      duplicated: examples((e) => e.duplicated),
      unknown: examples((e) => e.unknown),
    },
  };
}

/**
 * The shards of one soak as one report: what one run at the whole rate would have reported.
 * Throws a usage KitError (one line) for parts that are not every shard of one soak, once each.
 */
export function mergeSoakReports(reports: readonly SoakReport[], command?: string): SoakReport {
  const parts = checkParts(reports);
  const first = parts[0] as SoakReport;
  const limits = limitsOf(parts);
  const latency = addEncoded(parts.map((p) => p.latency));
  const delays = parts.flatMap((p) => (p.reportDelay ? [p.reportDelay] : []));
  const intervals = mergeIntervals(parts);
  const accounting = mergeAccounting(parts);
  const findings = mergeFindings(parts);
  const completed = sum(parts.map((p) => p.achieved.completed));
  // errorRate is a count over completed: the count comes back exactly as a rounded product.
  const errored = sum(parts.map((p) => Math.round(p.errorRate * p.achieved.completed)));
  const errorRate = completed > 0 ? errored / completed : 0;
  // The shards sent side by side: the merged rate is all completed over the longest sending time.
  const sendingS = Math.max(
    0,
    ...parts.filter((p) => p.achieved.ratePerS > 0).map((p) => p.achieved.completed / p.achieved.ratePerS),
  );
  // Judged as the soak judges one run (thresholds.ts), on the merged figures.
  const thresholds = judgeThresholds(asOptions(limits), {
    side: first.side,
    p99Ms: latency.percentiles.p99,
    errorRate,
    completed,
    findings,
    ...(accounting ? { accounting } : {}),
  });
  // A soak passes when every gate holds and it ran to its end; a part that failed with every gate
  // held failed for a reason of its own, and so does the merge.
  const failedOtherwise = parts.some((p) => !p.passed && p.thresholds.every((t) => t.passed));
  const stopped = parts.filter((p) => p.interrupted);
  const startedAt = Math.min(...parts.map((p) => Date.parse(p.startedAt)));
  const finishedAt = Math.max(...parts.map((p) => Date.parse(p.finishedAt)));
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  notes.push(
    `merged from ${parts.length} shards (${parts.map((p) => `${shardName(p)}: ${p.achieved.completed} completed`).join(', ')}); the most in flight is the largest sum of the shards' peaks in one interval, and rss is the most of any shard's process`,
  );
  const report: SoakReport = {
    kind: 'soak',
    tool: first.tool,
    side: first.side,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    command: command ?? parts.map((p) => p.command).join('; '),
    merged: parts.length,
    embedded: parts.every((p) => p.embedded),
    targets: first.targets,
    asked: {
      ...first.asked,
      ratePerS: sum(parts.map((p) => p.asked.ratePerS)),
      maxInFlight: sum(parts.map((p) => p.asked.maxInFlight)),
    },
    achieved: {
      scheduled: sum(parts.map((p) => p.achieved.scheduled)),
      started: sum(parts.map((p) => p.achieved.started)),
      completed,
      notStarted: sum(parts.map((p) => p.achieved.notStarted)),
      ratePerS: sendingS > 0 ? completed / sendingS : 0,
      maxInFlight: Math.max(
        ...parts.map((p) => p.achieved.maxInFlight),
        ...intervals.map((i) => i.maxInFlight),
      ),
      queued: sum(parts.map((p) => p.achieved.queued)),
    },
    latency,
    ...(delays.length > 0 ? { reportDelay: addEncoded(delays) } : {}),
    intervals,
    errors: mergeErrors(parts),
    errorRate,
    findings,
    ...(accounting ? { accounting } : {}),
    thresholds,
    passed: thresholds.every((t) => t.passed) && stopped.length === 0 && !failedOtherwise,
    ...(stopped.length > 0
      ? { interrupted: stopped.map((p) => `shard ${shardName(p)}: ${p.interrupted}`).join('; ') }
      : {}),
    rss: {
      startMb: Math.max(...parts.map((p) => p.rss.startMb)),
      endMb: Math.max(...parts.map((p) => p.rss.endMb)),
      peakMb: Math.max(...parts.map((p) => p.rss.peakMb)),
    },
    notes,
  };
  return report;
}
