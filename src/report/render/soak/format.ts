// How the soak page writes text and numbers: every text escaped (after control characters are made
// visible), every number finite. An empty run (no sample, a zero-length interval) gives zeros and
// dashes, never NaN or Infinity, in the page and in its plots.
import { esc } from '../common.js';

export { esc };

/** A number the page can show: anything not finite shows as a dash. */
function finite(n: number): boolean {
  return Number.isFinite(n);
}

const INTEGER = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A count: `12,345`. */
export function fmtCount(n: number): string {
  return finite(n) ? INTEGER.format(n) : '–';
}

/** A plain number with at most `digits` decimals, trailing zeros dropped: `0.5`, `1,200`. */
export function fmtNumber(n: number, digits = 2): string {
  return finite(n) ? new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(n) : '–';
}

/** A latency in milliseconds, to microsecond resolution where it matters: `0.412 ms`, `38.5 ms`, `1.24 s`. */
export function fmtMs(ms: number): string {
  if (!finite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A rate: `49.87/s`. */
export function fmtRate(perS: number): string {
  return `${fmtNumber(perS, 2)}/s`;
}

/** A share as a percentage: `0.12%` (a share of 0 to 1). */
export function fmtShare(share: number): string {
  if (!finite(share)) return '–';
  const pct = share * 100;
  return `${pct === 0 ? '0' : pct < 0.01 ? '<0.01' : fmtNumber(pct, 2)}%`;
}

/** Seconds as a reader says them: `45 s`, `5 min`, `1 h 30 min`, `2 min 30 s`. */
export function fmtSeconds(s: number): string {
  if (!finite(s)) return '–';
  if (s < 60) return `${fmtNumber(s, 1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', sec > 0 && h === 0 ? `${sec} s` : ''];
  return parts.filter((p) => p !== '').join(' ') || '0 s';
}

/** `n` and the word, made plural when n is not one. */
export function plural(n: number, word: string): string {
  return `${fmtCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
