// Writes the files a soak leaves behind: report.json (the SoakReport itself, as merge-reports
// reads it), junit.xml and report.html, and with a signing key attestation.json over them
// (docs/signing.md). The report comes masked (src/library/soak.ts); the renderers are pure, this
// is the only part that touches the disk.
import type { KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SoakReport } from '../../../soak/types.js';
import { soakStatement } from '../attestation.js';
import { type WrittenReports, writeAttestation } from '../write.js';
import { renderSoakHtml } from './html.js';
import { renderSoakJUnit } from './junit.js';

/** The files a soak wrote: the same as a conformance run's, ca.pem aside. */
export type WrittenSoakReports = WrittenReports;

/** report.json: two-space indentation, a final newline, non-ASCII as is. */
export function renderSoakJson(report: SoakReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the three files into `dir` (created if missing), signed with `signingKey` when given; returns their absolute paths. */
export async function writeSoakReports(
  report: SoakReport,
  dir: string,
  signingKey?: KeyObject,
): Promise<WrittenSoakReports> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['junit.xml', renderSoakJUnit(report)],
    ['report.json', renderSoakJson(report)],
    ['report.html', renderSoakHtml(report)],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(resolve(dir, name), text, 'utf8')));
  const paths: WrittenSoakReports = {
    json: resolve(dir, 'report.json'),
    junit: resolve(dir, 'junit.xml'),
    html: resolve(dir, 'report.html'),
  };
  if (signingKey)
    paths.attestation = await writeAttestation(
      dir,
      files,
      (subjects) => soakStatement(report, subjects),
      signingKey,
    );
  return paths;
}
