// What a person sees of a soak in a terminal: the live progress line while it runs, and at the end
// a table of the latency percentiles (and, for the platform, the accounting and the report delay),
// the errors, the findings and the thresholds with pass or fail.
import type { SoakProgress } from '../../../soak/options.js';
import type { Percentiles, SoakErrorKind, SoakReport } from '../../../soak/types.js';

export interface SoakConsoleOptions {
  color: boolean;
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

function ms(value: number): string {
  if (value < 10) return value.toFixed(2);
  if (value < 1000) return value.toFixed(1);
  return Math.round(value).toString();
}

function seconds(msValue: number): string {
  return `${(msValue / 1000).toFixed(msValue < 100_000 ? 1 : 0)} s`;
}

/** One line of progress: elapsed / duration, phase, achieved rate, in flight, p50, p99, errors, findings. */
export function renderSoakProgress(p: SoakProgress): string {
  const parts = [
    `soak ${p.side}`,
    `${seconds(Math.min(p.elapsedMs, p.durationMs))} / ${seconds(p.durationMs)}`,
    p.phase,
    `${p.ratePerS.toFixed(1)}/s`,
    `in flight ${p.inFlight}`,
    `p50 ${ms(p.p50Ms)} ms`,
    `p99 ${ms(p.p99Ms)} ms`,
    `errors ${p.errors}`,
    `findings ${p.findings}`,
  ];
  const a = p.accounting;
  if (a) parts.push(`reports ${a.reported}/${a.accepted} (${a.pending} waiting)`);
  return parts.join('  ');
}

const COLUMNS: (keyof Percentiles)[] = ['count', 'p50', 'p90', 'p99', 'p999', 'max', 'mean'];
const HEADS = ['count', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean'];

function percentileRows(rows: [string, Percentiles][]): string[] {
  const label = Math.max(...rows.map(([name]) => name.length), 'ms'.length);
  const cell = (v: string) => v.padStart(9);
  return [
    `  ${'(ms)'.padEnd(label)}${HEADS.map(cell).join('')}`,
    ...rows.map(
      ([name, p]) =>
        `  ${name.padEnd(label)}${COLUMNS.map((c) => cell(c === 'count' ? String(p[c]) : ms(p[c]))).join('')}`,
    ),
  ];
}

function errorsLine(report: SoakReport): string {
  const kinds = (Object.entries(report.errors) as [SoakErrorKind, number][]).filter(([, n]) => n > 0);
  const share = `${Number((report.errorRate * 100).toFixed(3))}%`;
  return kinds.length === 0
    ? '  errors      none'
    : `  errors      ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')} (error rate ${share})`;
}

function accountingLines(report: SoakReport): string[] {
  const a = report.accounting;
  if (!a) return [];
  const pending = a.pending ? `, still waiting ${a.pending}` : '';
  return [
    `  accounting  ${a.accepted} pair(s) accepted of ${a.recipients} recipient(s) in ${a.requests} request(s): on time ${a.onTime}, late ${a.late}, lost ${a.lost}${pending}, duplicated ${a.duplicated} (+${a.extraReports} report(s)), unknown ${a.unknown}`,
    `              on time = first report within ${seconds(a.waitMs)} of the answer; late up to ${seconds(a.waitMs + a.graceMs)} after it, lost after that`,
  ];
}

function findingLines(report: SoakReport, color: boolean): string[] {
  if (report.findings.length === 0) return ['  findings    none'];
  return [
    '  findings',
    ...report.findings.map((f) => {
      const level = f.level === 'MUST' ? paint(color, 31, f.level.padEnd(6)) : f.level.padEnd(6);
      return `    ${level} ${f.rule.id}  ${f.exchanges} exchange(s): ${f.first.message}`;
    }),
  ];
}

function thresholdLines(report: SoakReport, color: boolean): string[] {
  const width = Math.max(...report.thresholds.map((t) => t.name.length));
  return [
    '  thresholds',
    ...report.thresholds.map(
      (t) =>
        `    ${t.passed ? paint(color, 32, 'PASS') : paint(color, 31, 'FAIL')}  ${t.name.padEnd(width)}  ${t.why}`,
    ),
  ];
}

/** The verdict line: passed, failed (which gates), or interrupted. */
export function soakOutcomeLine(report: SoakReport): string {
  if (report.interrupted)
    return `soak ${report.side}: INTERRUPTED (${report.interrupted}): the counts are what ran`;
  const failed = report.thresholds.filter((t) => !t.passed).map((t) => t.name);
  return report.passed ? `soak ${report.side}: PASSED` : `soak ${report.side}: FAILED (${failed.join(', ')})`;
}

export function renderSoakSummary(report: SoakReport, o: SoakConsoleOptions): string {
  const { asked, achieved } = report;
  const what = report.side === 'customer' ? 'push(es)' : 'request(s)';
  const mix =
    asked.uplinkShare !== undefined
      ? `, uplink share ${asked.uplinkShare}`
      : `, ${asked.recipientsPerRequest ?? 1} recipient(s) per request`;
  const targets = Object.entries(report.targets).map(([k, v]) => `${k} ${v}`);
  const rows: [string, Percentiles][] = [['answer latency', report.latency.percentiles]];
  if (report.reportDelay) rows.push(['report delay', report.reportDelay.percentiles]);
  return [
    `soak ${report.side}${report.shard ? ` (shard ${report.shard.index}/${report.shard.total})` : ''}: ${targets.join(', ')}${report.embedded ? " (the kit's own mocks)" : ''}`,
    `  asked       ${asked.ratePerS}/s for ${asked.durationS} s, max in flight ${asked.maxInFlight}, timeout ${asked.timeoutMs} ms, seed ${asked.seed}${mix}`,
    `  achieved    ${achieved.completed} of ${achieved.scheduled} ${what} completed (${achieved.started} started, ${achieved.notStarted} not started), ${achieved.ratePerS}/s, max in flight ${achieved.maxInFlight}, queued ${achieved.queued}`,
    ...percentileRows(rows),
    ...accountingLines(report),
    errorsLine(report),
    ...findingLines(report, o.color),
    ...thresholdLines(report, o.color),
    `  memory      rss ${report.rss.startMb} → ${report.rss.endMb} MB (peak ${report.rss.peakMb} MB)`,
    ...report.notes.map((n) => `  note: ${n}`),
    soakOutcomeLine(report),
  ].join('\n');
}
