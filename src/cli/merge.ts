// `iot-sms-conformance merge-reports`: the report.json files of a sharded run (`--shard i/N`) made
// into one report family, with the verdicts one whole run would have given.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeReports } from '../engine/merge.js';
import { renderConsole, writeReports } from '../report/render/index.js';
import type { RunReport } from '../report/types.js';
import type { SoakReport } from '../soak/types.js';
import { EXIT, OUTCOME_EXIT, UserError } from './exit-codes.js';
import { readSigningKey, warnLine, writtenLine } from './keys.js';

export const MERGE_USAGE = `Usage: iot-sms-conformance merge-reports --report-dir DIR <shard report.json or its folder>...

Merges the reports of a sharded run (each part run with --shard i/N and the same --seed) into one
junit.xml, report.json and report.html: every case in the suites' order, the budget added up, and
the run-wide check (a generated messageId never reused) judged again over every shard's sends.
  --report-dir DIR   where to write the merged reports
  --sign-key FILE    sign the merged reports with this Ed25519 private key (PEM): attestation.json
                     beside them, which verify-report checks (docs/signing.md)
  --no-color         plain console output
The reports of a sharded soak (soak ... --shard i/N) merge the same way, into junit.xml,
report.json and report.html: histograms added without loss, counts summed, the thresholds judged
again on the sums (exit 1 when one fails). Soak and conformance reports are not merged together.
Exit codes: as the merged run's gate (0 conformant, 1 a MUST case failed, 4 a shard hit its
deadline, ...), 2 when a part is missing, given twice, unreadable or of another run.`;

/** A report.json is the kit's own output, but a wrong file may be given: read at most this much. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

/** A soak's report says so (`kind: "soak"`); a conformance report has no kind. */
function isSoakReport(report: unknown): report is SoakReport {
  return typeof report === 'object' && report !== null && (report as { kind?: unknown }).kind === 'soak';
}

function readReport(given: string): RunReport | SoakReport {
  let file = given;
  try {
    if (statSync(given).isDirectory()) file = join(given, 'report.json');
    if (statSync(file).size > MAX_REPORT_BYTES)
      throw new UserError(`${file} is larger than a report (${MAX_REPORT_BYTES} bytes)`);
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    if (isSoakReport(report)) {
      // A file that says soak but lacks what a merge adds up would fail deep in the merge.
      const r = report as Partial<SoakReport>;
      if (
        !Array.isArray(r.intervals) ||
        !Array.isArray(r.thresholds) ||
        !Array.isArray(r.findings) ||
        typeof r.latency?.encoded !== 'string' ||
        typeof r.achieved?.completed !== 'number' ||
        typeof r.asked?.ratePerS !== 'number'
      )
        throw new UserError(`${file} is not a soak report.json of iot-sms-conformance`);
      return report;
    }
    if (!Array.isArray(report?.cases) || typeof report.seed !== 'number')
      throw new UserError(`${file} is not a report.json of iot-sms-conformance`);
    return report;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (err instanceof SyntaxError) throw new UserError(`${file} is not JSON: ${err.message}`);
    throw new UserError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

export async function runMergeReports(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'report-dir': { type: 'string' },
      'sign-key': { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    out(MERGE_USAGE);
    return EXIT.ok;
  }
  const dir = values['report-dir'];
  if (!dir) throw new UserError('merge-reports needs --report-dir DIR (see --help)');
  if (positionals.length === 0)
    throw new UserError('merge-reports needs the report.json of every shard (see --help)');
  const key = values['sign-key'];
  const signingKey = key ? readSigningKey(key, warnLine('merge-reports')) : undefined;
  const command = ['iot-sms-conformance', 'merge-reports', ...argv].join(' ');
  const reports = positionals.map(readReport);
  const soaks = reports.filter(isSoakReport);
  if (soaks.length > 0) {
    if (soaks.length < reports.length)
      throw new UserError(
        'a soak report cannot be merged with a conformance report: merge each kind of run apart',
      );
    // Loaded only for soak reports: a conformance merge needs none of the soak's renderers.
    const { mergeSoakFiles } = await import('./merge-soak.js');
    return mergeSoakFiles(
      soaks,
      {
        dir,
        command,
        color: !values['no-color'] && process.stdout.isTTY === true,
        signingKey,
      },
      out,
    );
  }
  const merged = mergeReports(reports as RunReport[], command);
  merged.gate.exitCode = OUTCOME_EXIT[merged.gate.outcome];
  out(renderConsole(merged, { color: !values['no-color'] && process.stdout.isTTY === true }).trimEnd());
  const written = await writeReports(merged, dir, signingKey ? { signingKey } : {});
  out(writtenLine(written, signingKey));
  return merged.gate.exitCode;
}
