// The soak page's plots, made from the report alone: the rate achieved in each interval against
// the rate asked, the latency percentiles of each interval (each from its own stored histogram,
// not an average of averages), and the percentile spectrum of a whole histogram on an axis of
// "nines", as HdrHistogram plots show it, where the tail the median hides is read at a glance.
import type { Histogram } from 'hdr-histogram-js';
import { decodeHistogram } from '../../../soak/histogram.js';
import type { EncodedHistogram, SoakHistogram, SoakInterval, SoakReport } from '../../../soak/types.js';
import { fmtMs, fmtNumber, fmtRate, fmtSeconds, plural } from './format.js';
import { linearAxis, logAxis, type Point, plotSvg, type Series, timeAxis } from './svg.js';

/** More points than a plot is pixels wide say nothing more: longer runs are drawn by groups of intervals. */
const MAX_POINTS = 480;
/** The spectrum's tail: six nines (99.9999%) at most, and points per nine. */
const MAX_NINES = 6;
const POINTS_PER_NINE = 60;

export const PLOT_IDS = {
  rate: 'plot-rate',
  latencyOverTime: 'plot-latency-time',
  latency: 'plot-latency-spectrum',
  reportDelay: 'plot-report-delay-spectrum',
} as const;

/** Consecutive intervals taken together (one interval each, but in a long run). */
interface Span {
  startS: number;
  endS: number;
  completed: number;
  errors: number;
  latency: EncodedHistogram[];
}

function spansOf(intervals: readonly SoakInterval[]): Span[] {
  const sorted = [...intervals].sort((a, b) => a.startS - b.startS);
  const per = Math.max(1, Math.ceil(sorted.length / MAX_POINTS));
  const spans: Span[] = [];
  for (let i = 0; i < sorted.length; i += per) {
    const group = sorted.slice(i, i + per);
    spans.push({
      startS: group[0]?.startS ?? 0,
      endS: Math.max(...group.map((g) => g.startS + g.lengthS)),
      completed: group.reduce((n, g) => n + g.completed, 0),
      errors: group.reduce((n, g) => n + g.errors, 0),
      latency: group.map((g) => g.latency),
    });
  }
  // A last interval much shorter than the others (the drain after the last arrival) would show a
  // rate of a few answers over a fraction of a second: it is drawn with the one before.
  const last = spans.at(-1);
  const before = spans.at(-2);
  if (last && before && last.endS - last.startS < (before.endS - before.startS) / 2) {
    spans.splice(-2, 2, {
      startS: before.startS,
      endS: last.endS,
      completed: before.completed + last.completed,
      errors: before.errors + last.errors,
      latency: [...before.latency, ...last.latency],
    });
  }
  return spans;
}

/** A latency tick: `0.5 ms`, `20 ms`, `2 s`. */
function msTick(v: number): string {
  return v < 1000 ? `${fmtNumber(v, 3)} ms` : `${fmtNumber(v / 1000, 3)} s`;
}

/** Where the plots' time axis ends: the run's asked length, or its last interval if it ran longer. */
function runEndS(report: SoakReport, spans: readonly Span[]): number {
  return Math.max(report.asked.durationS, spans.at(-1)?.endS ?? 0, 1);
}

/** Per-second figures of each span as a step line: flat over the span, broken where intervals are missing. */
function steps(spans: readonly Span[], perSecond: (s: Span) => number): Point[][] {
  const segments: Point[][] = [];
  let current: Point[] = [];
  let lastEnd = Number.NaN;
  for (const s of spans) {
    const length = s.endS - s.startS;
    if (!(length > 0)) continue;
    // A gap of more than a millisecond between intervals is time the report holds nothing for.
    if (current.length > 0 && Math.abs(s.startS - lastEnd) > 1e-3) {
      segments.push(current);
      current = [];
    }
    const y = perSecond(s) / length;
    current.push([s.startS, y], [s.endS, y]);
    lastEnd = s.endS;
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

export function ratePlot(report: SoakReport): string {
  const spans = spansOf(report.intervals);
  const completed = steps(spans, (s) => s.completed);
  const errors = steps(spans, (s) => s.errors);
  const rates = completed.flat().map(([, y]) => y);
  const top = Math.max(report.asked.ratePerS, ...rates, 0);
  const series: Series[] = [{ name: 'completed per second', cls: 's-rate', segments: completed }];
  if (spans.some((s) => s.errors > 0))
    series.push({ name: 'failed per second', cls: 's-err', segments: errors });
  const alt =
    rates.length === 0
      ? `No interval was recorded; the asked rate was ${fmtRate(report.asked.ratePerS)}.`
      : `Exchanges completed per second in each of ${plural(spans.length, 'interval')} over ${fmtSeconds(runEndS(report, spans))}: from ${fmtRate(Math.min(...rates))} to ${fmtRate(Math.max(...rates))}, ${fmtRate(report.achieved.ratePerS)} over the run; the asked rate was ${fmtRate(report.asked.ratePerS)}.`;
  return plotSvg({
    id: PLOT_IDS.rate,
    title: 'Achieved rate over time',
    alt,
    x: timeAxis('time since the start', runEndS(report, spans)),
    y: linearAxis('exchanges per second', 0, top * 1.05, (v) => fmtNumber(v, 2)),
    series,
    refLines: [
      { y: report.asked.ratePerS, label: `asked ${fmtRate(report.asked.ratePerS)}`, cls: 's-asked' },
    ],
    empty: 'no interval recorded',
  });
}

/** A span's latency histogram: its intervals' stored histograms added. */
function histogramOf(span: Span): Histogram | undefined {
  const parts = span.latency.filter((h) => h.count > 0);
  const [first, ...rest] = parts;
  if (!first) return undefined;
  const sum = decodeHistogram(first);
  for (const h of rest) sum.add(decodeHistogram(h));
  return sum;
}

const msAt = (h: Histogram, percentile: number) => h.getValueAtPercentile(percentile) / 1000;

export function latencyOverTimePlot(report: SoakReport): string {
  const spans = spansOf(report.intervals);
  const lines = { p50: [] as Point[][], p99: [] as Point[][], max: [] as Point[][] };
  let open = false;
  for (const span of spans) {
    const h = histogramOf(span);
    if (!h) {
      open = false;
      continue;
    }
    const x = (span.startS + span.endS) / 2;
    for (const [key, percentile] of [
      ['p50', 50],
      ['p99', 99],
      ['max', 100],
    ] as const) {
      if (!open) lines[key].push([]);
      lines[key].at(-1)?.push([x, msAt(h, percentile)]);
    }
    open = true;
  }
  const values = (key: keyof typeof lines) => lines[key].flat().map(([, y]) => y);
  const range = (key: keyof typeof lines) => {
    const v = values(key);
    return `${key === 'max' ? 'the most' : key} from ${fmtMs(Math.min(...v))} to ${fmtMs(Math.max(...v))}`;
  };
  const points = values('p50').length;
  const alt =
    points === 0
      ? 'No exchange completed: there is no latency to plot.'
      : `Latency of the exchanges completed in each of ${plural(points, 'interval')}, from each interval's histogram: ${range('p50')}, ${range('p99')}, ${range('max')}.`;
  return plotSvg({
    id: PLOT_IDS.latencyOverTime,
    title: 'Latency percentiles over time',
    alt,
    x: timeAxis('time since the start', runEndS(report, spans)),
    y: logAxis('latency (log scale)', Math.min(...values('p50')), Math.max(...values('max')), msTick),
    series: [
      { name: 'p50', cls: 's-p50', segments: lines.p50 },
      { name: 'p99', cls: 's-p99', segments: lines.p99 },
      { name: 'max', cls: 's-max', segments: lines.max },
    ],
    empty: 'no exchange completed',
  });
}

/** The tail's percentile at `nines` (0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%). */
function percentileAt(nines: number): number {
  return 100 * (1 - 10 ** -nines);
}

/**
 * The percentile spectrum: the value at each percentile, x in nines. The axis goes one nine past
 * the last the samples resolve, so the curve ends at the largest sample; past six nines it is
 * cut, and the maximum drawn at the end.
 */
function spectrum(h: Histogram): { points: Point[]; nines: number } {
  if (h.totalCount === 0) return { points: [], nines: 3 };
  const nines = Math.min(MAX_NINES, Math.floor(Math.log10(h.totalCount)) + 1);
  const count = nines * POINTS_PER_NINE;
  const points: Point[] = Array.from({ length: count + 1 }, (_, i) => {
    const x = (nines * i) / count;
    return [x, msAt(h, percentileAt(x))];
  });
  points.push([nines, msAt(h, 100)]);
  return { points, nines };
}

function ninesLabel(nines: number): string {
  return nines === 0 ? '0%' : `${Number(percentileAt(nines).toPrecision(12))}%`;
}

export function spectrumPlot(
  which: 'latency' | 'reportDelay',
  stored: SoakHistogram,
  what: { title: string; quantity: string },
): string {
  const { points, nines } = spectrum(decodeHistogram(stored));
  const p = stored.percentiles;
  const alt =
    points.length === 0
      ? `No sample: there is no ${what.quantity} to plot.`
      : `${what.quantity[0]?.toUpperCase()}${what.quantity.slice(1)} at each percentile of ${plural(p.count, 'sample')}, on an axis of nines: p50 ${fmtMs(p.p50)}, p90 ${fmtMs(p.p90)}, p99 ${fmtMs(p.p99)}, p99.9 ${fmtMs(p.p999)}, max ${fmtMs(p.max)}.`;
  return plotSvg({
    id: PLOT_IDS[which],
    title: what.title,
    alt,
    x: {
      label: 'percentile (log scale of nines)',
      min: 0,
      max: nines,
      ticks: Array.from({ length: nines + 1 }, (_, i) => ({ value: i, label: ninesLabel(i) })),
    },
    y: logAxis(
      `${what.quantity} (log scale)`,
      Math.min(...points.map(([, y]) => y)),
      Math.max(...points.map(([, y]) => y)),
      msTick,
    ),
    series: [{ name: what.quantity, cls: which === 'latency' ? 's-p50' : 's-delay', segments: [points] }],
    empty: 'no sample',
  });
}
