// `soak customer` and `soak platform`: flags to the soak's options (soak-args.ts), the soak run
// in-process (src/library/soak.ts), a live progress line on stderr, the summary table, the report
// files, and the exit code. SIGINT and SIGTERM stop the soak through its signal: what ran is still
// reported, marked interrupted, and the command ends with 130 / 143.
import { runSoak } from '../library/soak.js';
import { renderSoakProgress, renderSoakSummary } from '../report/render/soak/console.js';
import { renderSoakPlan } from '../report/render/soak/plan.js';
import { writeSoakReports } from '../report/render/soak/write.js';
import type { SoakEvent, SoakProgress } from '../soak/options.js';
import type { SoakReport } from '../soak/types.js';
import { EXIT, UserError } from './exit-codes.js';
import { readSigningKey, signedLine, warnLine } from './keys.js';
import { abortOnSignals } from './signals.js';
import { SOAK_USAGE, soakCommandLine } from './soak-args.js';

export { SOAK_USAGE };

/** Without a terminal, a plain progress line this often (a CI log is read, not watched). */
const PLAIN_EVERY_MS = 5_000;

type Write = (text: string) => void;

/** The progress on stderr: one line redrawn in place on a terminal, a plain line every few seconds elsewhere. */
function progressPrinter(write: Write, tty: boolean) {
  let drawn = false;
  let printedAt = performance.now();
  return {
    show(p: SoakProgress) {
      const line = renderSoakProgress(p);
      if (tty) {
        write(`\r\u001b[2K${line}`);
        drawn = true;
      } else if (performance.now() - printedAt >= PLAIN_EVERY_MS) {
        printedAt = performance.now();
        write(`${line}\n`);
      }
    },
    /** Ends the redrawn line, so what follows starts on a line of its own. */
    end() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}

/** What the console shows while the soak runs: the spend before a platform soak, notes, progress. */
function listener(out: (line: string) => void, progress: ReturnType<typeof progressPrinter>) {
  return (event: SoakEvent) => {
    if (event.type === 'plan') out(renderSoakPlan(event.spend));
    else if (event.type === 'note') {
      progress.end();
      out(`note: ${event.text}`);
    } else if (event.type === 'progress') progress.show(event.progress);
  };
}

/** The exit code: a signal's (128 + its number), else whether every gate held. */
function exitCodeOf(report: SoakReport, signal: AbortSignal): number {
  const reason = (signal.reason as { reason?: string } | undefined)?.reason;
  if (signal.aborted && reason === 'SIGINT') return EXIT.sigint;
  if (signal.aborted && reason === 'SIGTERM') return EXIT.sigterm;
  return report.passed ? EXIT.ok : EXIT.failed;
}

/** The engine names its option; the command line, its flag. */
function inFlags(err: unknown): unknown {
  if (err instanceof Error && err.message.includes('(to soak it anyway: allowAnyHost)'))
    err.message = err.message.replace('allowAnyHost', '--allow-any-host');
  return err;
}

export async function runSoakCommand(
  argv: string[],
  out: (line: string) => void,
  stderr: Write = (text) => process.stderr.write(text),
): Promise<number> {
  const line = soakCommandLine(argv);
  if (line.help) {
    out(SOAK_USAGE);
    return EXIT.ok;
  }
  // Read before the soak: a key that cannot sign stops it before anything is sent.
  const signingKey = line.signKey ? readSigningKey(line.signKey, warnLine('soak')) : undefined;
  const controller = new AbortController();
  const stopListening = abortOnSignals(controller);
  const progress = progressPrinter(stderr, process.stderr.isTTY === true);
  let report: SoakReport;
  try {
    report = await runSoak({ ...line.options, signal: controller.signal, onEvent: listener(out, progress) });
  } catch (err) {
    throw inFlags(err);
  } finally {
    progress.end();
    stopListening();
  }
  out(renderSoakSummary(report, { color: line.color }));
  const code = exitCodeOf(report, controller.signal);
  if (!line.reportDir) {
    out('reports: none written (--report-dir DIR writes report.json, junit.xml and report.html)');
    return code;
  }
  const dir = line.reportDir;
  const written = await writeSoakReports(report, dir, signingKey).catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`cannot write the reports to ${dir}: ${err.code ?? err.message}`);
  });
  out(`reports: ${written.json}, ${written.junit}, ${written.html}${signedLine(written, signingKey)}`);
  return code;
}
