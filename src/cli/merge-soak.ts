// `merge-reports` given the report.json files of a sharded soak (`kind: "soak"`): the shards made
// one soak report (src/soak/merge.ts), written as the soak writes its own (report.json, junit.xml,
// report.html), with the verdict the whole soak would have had and its exit code.

import type { KeyObject } from 'node:crypto';
import { renderSoakSummary } from '../report/render/soak/console.js';
import { writeSoakReports } from '../report/render/soak/write.js';
import { mergeSoakReports } from '../soak/merge.js';
import type { SoakReport } from '../soak/types.js';
import { EXIT } from './exit-codes.js';
import { writtenLine } from './keys.js';

export interface SoakMergeOptions {
  dir: string;
  command: string;
  color: boolean;
  signingKey: KeyObject | undefined;
}

export async function mergeSoakFiles(
  reports: readonly SoakReport[],
  { dir, command, color, signingKey }: SoakMergeOptions,
  out: (line: string) => void,
): Promise<number> {
  const merged = mergeSoakReports(reports, command);
  out(renderSoakSummary(merged, { color }).trimEnd());
  const written = await writeSoakReports(merged, dir, signingKey);
  out(writtenLine(written, signingKey));
  return merged.passed ? EXIT.ok : EXIT.failed;
}
