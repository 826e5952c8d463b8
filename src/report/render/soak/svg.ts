// Plot primitives for the soak page: a line chart as inline SVG, drawn by the kit (no chart
// library, no script, nothing fetched): axes with ticks and labels, a title, a legend, dashed
// reference lines, and a text alternative (<title>, <desc>, aria-label) for a reader who cannot
// see it. Data are in the axes' own units; a value outside an axis is drawn at its edge, and a
// point that is not a finite number is left out, so no NaN reaches the page.
import { esc, fmtSeconds } from './format.js';

export type Point = readonly [x: number, y: number];

export interface Tick {
  value: number;
  label: string;
}

export interface Axis {
  label: string;
  min: number;
  max: number;
  ticks: readonly Tick[];
  /** Logarithmic (min > 0): latencies span decades, and a median of 10 ms under a max of 2 s is still seen. */
  log?: boolean;
}

/** A line; each segment is drawn apart (a gap where there was no data). */
export interface Series {
  name: string;
  /** Its CSS class (the page's style sheet colours it). */
  cls: string;
  segments: readonly (readonly Point[])[];
}

/** A horizontal dashed line at a value of the y axis (what was asked, a limit). */
export interface RefLine {
  y: number;
  label: string;
  cls: string;
}

export interface Plot {
  /** The svg element's id (unique in the page). */
  id: string;
  title: string;
  /** What the plot shows, in words: its text alternative. */
  alt: string;
  x: Axis;
  y: Axis;
  series: readonly Series[];
  refLines?: readonly RefLine[];
  /** Shown in the frame when no series has a point. */
  empty?: string;
}

const WIDTH = 620;
const HEIGHT = 310;
const MARGIN = { left: 76, right: 34, top: 52, bottom: 46 };

/** A coordinate as written: one decimal is finer than a pixel. */
function coord(n: number): string {
  return String(Math.round(n * 10) / 10 + 0);
}

function scale(axis: Axis, from: number, to: number): (v: number) => number {
  // On a log axis a value at or under zero is drawn at the axis' start, as any value under it is.
  const f = axis.log ? (v: number) => (v > 0 ? Math.log10(v) : Number.NEGATIVE_INFINITY) : (v: number) => v;
  const min = f(axis.min);
  const span = f(axis.max) - min;
  return (v) => {
    const t = span > 0 ? (f(v) - min) / span : 0;
    return from + Math.min(1, Math.max(0, t)) * (to - from);
  };
}

/** A step of 1, 2, 2.5 or 5 times a power of ten, near `raw`. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
}

/** Drops the binary noise of repeated additions (0.30000000000000004). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** A linear axis over [lo, hi] widened to round ticks, about `target` of them; an empty range becomes [lo, lo + 1]. */
export function linearAxis(
  label: string,
  lo: number,
  hi: number,
  format: (v: number) => string,
  target = 5,
): Axis {
  const a = Number.isFinite(lo) ? lo : 0;
  const b = Number.isFinite(hi) && hi > a ? hi : a + 1;
  const step = niceStep((b - a) / target);
  const min = clean(Math.floor(a / step) * step);
  const max = clean(Math.ceil(b / step) * step);
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => {
    const value = clean(min + i * step);
    return { value, label: format(value) };
  });
  return { label, min, max, ticks };
}

/**
 * A log axis over [lo, hi] (lo above zero, else `floor`), from the decade under lo to the one over
 * hi: ticked at each decade, and at 2 and 5 times each when it spans two decades or fewer.
 */
export function logAxis(
  label: string,
  lo: number,
  hi: number,
  format: (v: number) => string,
  floor = 0.001,
): Axis {
  // No data at all: three decades from 1, an empty frame that still reads as a latency axis.
  const none = !(Number.isFinite(lo) && lo > 0) && !(Number.isFinite(hi) && hi > 0);
  const a = none ? 1 : Number.isFinite(lo) && lo > 0 ? lo : floor;
  const b = none ? 1000 : Number.isFinite(hi) && hi > a ? hi : a * 10;
  const first = Math.floor(Math.log10(a));
  const last = Math.max(first + 1, Math.ceil(Math.log10(b)));
  const multiples = last - first <= 2 ? [1, 2, 5] : [1];
  const ticks: Tick[] = [];
  for (let d = first; d <= last; d += 1)
    for (const m of multiples) {
      const value = clean(m * 10 ** d);
      if (value <= clean(10 ** last)) ticks.push({ value, label: format(value) });
    }
  return { label, min: clean(10 ** first), max: clean(10 ** last), ticks, log: true };
}

/** Steps a time axis may take, in seconds: each reads as a round time. */
const TIME_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/** An axis of seconds from 0 to `maxS` (at least one second), ticked at round times: `30 s`, `5 min`, `1 h`. */
export function timeAxis(label: string, maxS: number): Axis {
  const end = Number.isFinite(maxS) && maxS > 0 ? maxS : 1;
  const step = TIME_STEPS.find((s) => end / s <= 8) ?? 86_400 * Math.ceil(end / 86_400 / 8);
  // The axis ends with the run (a tick past it would waste the width a few seconds over a round time).
  const ticks = Array.from({ length: Math.floor(end / step + 1e-9) + 1 }, (_, i) => ({
    value: i * step,
    label: i === 0 ? '0' : fmtSeconds(i * step),
  }));
  return { label, min: 0, max: end, ticks };
}

/** The path of a series: its segments, in SVG coordinates; a lone point is a dot (a round cap on a zero-length line). */
function pathOf(series: Series, sx: (v: number) => number, sy: (v: number) => number): string {
  const parts: string[] = [];
  for (const segment of series.segments) {
    let run: string[] = [];
    const flush = () => {
      if (run.length === 1) parts.push(`M${run[0]}h0.01`);
      else if (run.length > 1) parts.push(`M${run.join('L')}`);
      run = [];
    };
    for (const [x, y] of segment) {
      if (Number.isFinite(x) && Number.isFinite(y)) run.push(`${coord(sx(x))} ${coord(sy(y))}`);
      else flush();
    }
    flush();
  }
  return parts.join('');
}

/** Rough width of a legend label: the page's 11px sans-serif, on average. */
function textWidth(text: string): number {
  return text.length * 6.2;
}

function legend(items: { name: string; cls: string; dashed: boolean }[], left: number): string {
  let x = left;
  return items
    .map(({ name, cls, dashed }) => {
      const item = `<g class="key"><line class="${dashed ? 'ref' : 'line'} ${esc(cls)}" x1="${coord(x)}" y1="34" x2="${coord(x + 18)}" y2="34"/><text x="${coord(x + 23)}" y="38">${esc(name)}</text></g>`;
      x += 23 + textWidth(name) + 16;
      return item;
    })
    .join('');
}

/** The plot as an inline `<svg>` element, scaled to its container's width. */
export function plotSvg(p: Plot): string {
  const [x0, x1] = [MARGIN.left, WIDTH - MARGIN.right];
  const [y0, y1] = [HEIGHT - MARGIN.bottom, MARGIN.top];
  const sx = scale(p.x, x0, x1);
  const sy = scale(p.y, y0, y1);
  const yTicks = p.y.ticks
    .map((t) => {
      const y = coord(sy(t.value));
      return `<line class="grid" x1="${x0}" y1="${y}" x2="${x1}" y2="${y}"/><text class="tick" x="${x0 - 6}" y="${coord(sy(t.value) + 4)}" text-anchor="end">${esc(t.label)}</text>`;
    })
    .join('');
  const xTicks = p.x.ticks
    .map((t) => {
      const x = coord(sx(t.value));
      return `<line class="tickmark" x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + 5}"/><text class="tick" x="${x}" y="${y0 + 18}" text-anchor="middle">${esc(t.label)}</text>`;
    })
    .join('');
  const paths = p.series.map((s) => ({ s, d: pathOf(s, sx, sy) }));
  // Drawn last to first: the first series (the one a reader looks for first, p50) lies on top.
  const lines = [...paths]
    .reverse()
    .filter(({ d }) => d !== '')
    .map(({ s, d }) => `<path class="line ${esc(s.cls)}" d="${d}"><title>${esc(s.name)}</title></path>`)
    .join('');
  const refs = (p.refLines ?? [])
    .filter((r) => Number.isFinite(r.y))
    .map((r) => {
      const y = sy(r.y);
      return `<line class="ref ${esc(r.cls)}" x1="${x0}" y1="${coord(y)}" x2="${x1}" y2="${coord(y)}"/>`;
    })
    .join('');
  const empty = paths.every(({ d }) => d === '')
    ? `<text class="empty" x="${coord((x0 + x1) / 2)}" y="${coord((y0 + y1) / 2)}" text-anchor="middle">${esc(p.empty ?? 'no samples')}</text>`
    : '';
  const keys = legend(
    [
      ...p.series.map((s) => ({ name: s.name, cls: s.cls, dashed: false })),
      ...(p.refLines ?? []).map((r) => ({ name: r.label, cls: r.cls, dashed: true })),
    ],
    x0,
  );
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;
  return `<svg id="${esc(p.id)}" class="plot" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${esc(titleId)}" aria-describedby="${esc(descId)}" aria-label="${esc(`${p.title}. ${p.alt}`)}" xmlns="http://www.w3.org/2000/svg">
<title id="${esc(titleId)}">${esc(p.title)}</title><desc id="${esc(descId)}">${esc(p.alt)}</desc>
<text class="ttl" x="${x0}" y="18">${esc(p.title)}</text>${keys}
${yTicks}${xTicks}<path class="axis" d="M${x0} ${y1}V${y0}H${x1}"/>
<text class="label" x="${coord((x0 + x1) / 2)}" y="${HEIGHT - 6}" text-anchor="middle">${esc(p.x.label)}</text>
<text class="label" transform="translate(14 ${coord((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${esc(p.y.label)}</text>
${refs}${lines}${empty}
</svg>`;
}
