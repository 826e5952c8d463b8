// `merge-reports` given the report.json files of a sharded soak (`kind: "soak"`): the shards made
// one soak report (src/soak/merge.ts), written as the soak writes its own (report.json, junit.xml,
// report.html), with the verdict the whole soak would have had and its exit code.
import { renderSoakSummary } from '../report/render/soak/console.js';
import { writeSoakReports } from '../report/render/soak/write.js';
import { mergeSoakReports } from '../soak/merge.js';
import type { SoakReport } from '../soak/types.js';
import { EXIT, UserError } from './exit-codes.js';

export interface SoakMergeOptions {
  dir: string;
  command: string;
  color: boolean;
  signing: boolean;
}

export async function mergeSoakFiles(
  reports: readonly SoakReport[],
  { dir, command, color, signing }: SoakMergeOptions,
  out: (line: string) => void,
): Promise<number> {
  // An attestation states a conformance run's cases; a soak has none to state.
  if (signing)
    throw new UserError('merge-reports signs conformance reports only: drop --sign-key for soak reports');
  const merged = mergeSoakReports(reports, command);
  out(renderSoakSummary(merged, { color }).trimEnd());
  const written = await writeSoakReports(merged, dir);
  out(`reports: ${written.junit}, ${written.json}, ${written.html}`);
  return merged.passed ? EXIT.ok : EXIT.failed;
}
