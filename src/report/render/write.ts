// Writes the three report files a run leaves behind, and the CA certificates its curl lines trust
// (ca.pem, public certificates only). The renderers are pure; this is the only part that touches
// the disk.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CURL_CA_FILE } from '../../client/curl.js';
import type { RunReport } from '../types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJUnit } from './junit.js';

export interface WrittenReports {
  junit: string;
  json: string;
  html: string;
}

/** Writes `junit.xml`, `report.json` and `report.html` into `dir` (created if missing); returns their absolute paths. */
export async function writeReports(report: RunReport, dir: string): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const paths: WrittenReports = {
    junit: resolve(dir, 'junit.xml'),
    json: resolve(dir, 'report.json'),
    html: resolve(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.junit, renderJUnit(report), 'utf8'),
    writeFile(paths.json, renderJson(report), 'utf8'),
    writeFile(paths.html, renderHtml(report), 'utf8'),
    ...(report.ca ? [writeFile(resolve(dir, CURL_CA_FILE), report.ca, 'utf8')] : []),
  ]);
  return paths;
}
