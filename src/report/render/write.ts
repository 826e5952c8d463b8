// Writes the three report files a run leaves behind, the CA certificates its curl lines trust
// (ca.pem, public certificates only), and, given a signing key, attestation.json over the files it
// wrote. The renderers are pure; this is the only part that touches the disk.
import type { KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CURL_CA_FILE } from '../../client/curl.js';
import type { RunReport } from '../types.js';
import {
  ATTESTATION_FILE,
  renderAttestation,
  type Statement,
  type Subject,
  sha256Hex,
  testResultStatement,
} from './attestation.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJUnit } from './junit.js';

export interface WrittenReports {
  junit: string;
  json: string;
  html: string;
  /** attestation.json, when the reports were signed. */
  attestation?: string;
}

export interface WriteOptions {
  /** An Ed25519 private key: attestation.json is written too, signed with it (docs/signing.md). */
  signingKey?: KeyObject;
}

/**
 * Writes `junit.xml`, `report.json` and `report.html` (and `ca.pem`, and with a signing key
 * `attestation.json`) into `dir` (created if missing); returns their absolute paths.
 */
export async function writeReports(
  report: RunReport,
  dir: string,
  options: WriteOptions = {},
): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['junit.xml', renderJUnit(report)],
    ['report.json', renderJson(report)],
    ['report.html', renderHtml(report)],
    ...(report.ca ? [[CURL_CA_FILE, report.ca] as [string, string]] : []),
  ];
  await Promise.all(files.map(([name, text]) => writeFile(resolve(dir, name), text, 'utf8')));
  const paths: WrittenReports = {
    junit: resolve(dir, 'junit.xml'),
    json: resolve(dir, 'report.json'),
    html: resolve(dir, 'report.html'),
  };
  if (!options.signingKey) return paths;
  paths.attestation = await writeAttestation(
    dir,
    files,
    (subjects) => testResultStatement(report, subjects),
    options.signingKey,
  );
  return paths;
}

/**
 * Writes attestation.json into `dir`: the statement over `files` (name and text, as just written
 * there: the subjects are their bytes), signed with `key`. Returns its absolute path.
 */
export async function writeAttestation(
  dir: string,
  files: readonly [string, string][],
  statementOf: (subjects: Subject[]) => Statement,
  key: KeyObject,
): Promise<string> {
  const subjects = files.map(([name, text]) => ({ name, digest: { sha256: sha256Hex(text) } }));
  const path = resolve(dir, ATTESTATION_FILE);
  await writeFile(path, renderAttestation(statementOf(subjects), key), 'utf8');
  return path;
}
