// Small helpers the benchmark scripts share: the machine line, medians and ranges, a Markdown table.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** One line naming the machine a figure was taken on. */
export function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `node ${process.version}, ${availableParallelism()} cores (${model}), ` +
    `${Math.round(totalmem() / 2 ** 30)} GB, load average at start ${load}`
  );
}

/** A whole number with thousands separators. */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

export function fixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** The median of the finite values (the upper one of an even count); NaN without any. */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `min–max` of the finite values, each with `digits` decimals. */
export function range(values: number[], digits: number): string {
  const finite = values.filter(Number.isFinite);
  return finite.length
    ? `${fixed(Math.min(...finite), digits)}–${fixed(Math.max(...finite), digits)}`
    : 'n/a';
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : 'n/a';
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [
    line(header),
    line(widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))),
    ...rows.map(line),
  ].join('\n');
}
