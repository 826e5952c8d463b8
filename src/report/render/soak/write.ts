// Writes the files a soak leaves behind: report.json (the SoakReport itself, as merge-reports
// reads it), junit.xml and report.html. The report comes masked (src/library/soak.ts); the
// renderers are pure, this is the only part that touches the disk.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SoakReport } from '../../../soak/types.js';
import { renderSoakHtml } from './html.js';
import { renderSoakJUnit } from './junit.js';

export interface WrittenSoakReports {
  json: string;
  junit: string;
  html: string;
}

/** report.json: two-space indentation, a final newline, non-ASCII as is. */
export function renderSoakJson(report: SoakReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the three files into `dir` (created if missing); returns their absolute paths. */
export async function writeSoakReports(report: SoakReport, dir: string): Promise<WrittenSoakReports> {
  await mkdir(dir, { recursive: true });
  const paths = {
    json: resolve(dir, 'report.json'),
    junit: resolve(dir, 'junit.xml'),
    html: resolve(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.json, renderSoakJson(report), 'utf8'),
    writeFile(paths.junit, renderSoakJUnit(report), 'utf8'),
    writeFile(paths.html, renderSoakHtml(report), 'utf8'),
  ]);
  return paths;
}
