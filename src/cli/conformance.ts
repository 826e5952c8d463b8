// The conformance commands: `platform`, `customer` and `run`. Each turns its flags into the
// engine's options (conformance-args.ts) and runs the engine (src/library/run.ts), listening to it:
// the plan and one line per case as it finishes, then the summary; then it writes the reports and
// ends with the exit code of the run's outcome (src/cli/exit-codes.ts). SIGINT and SIGTERM stop the
// run through its signal: the reports are still written, marked interrupted.
import type { KeyObject } from 'node:crypto';
import { requirementOf } from '../cases/requirement.js';
import type { RunEvent } from '../engine/events.js';
import { noCaseMatches } from '../engine/sides.js';
import { casesOf, planSpend, runConformance } from '../library/run.js';
import {
  idWidthOf,
  renderConsoleProgress,
  renderConsoleSummary,
  writeReports,
} from '../report/render/index.js';
import { renderPlan } from '../report/render/plan.js';
import type { RunReport } from '../report/types.js';
import { type CommandLine, commandLine, USAGES, type Which } from './conformance-args.js';
import { EXIT, OUTCOME_EXIT, UserError } from './exit-codes.js';
import { readSigningKey, warnLine, writtenLine } from './keys.js';
import { abortOnSignals } from './signals.js';

export { USAGES };

/** The cases the command selects, as --list prints them (a shard's part: from the whole run's plan). */
async function list(which: Which, line: CommandLine, out: (line: string) => void): Promise<number> {
  const sides = which === 'run' ? (['platform', 'customer'] as const) : [which];
  const selected = await casesOf(sides, line.options);
  // The same line and code as a run that selects nothing.
  if (selected.length === 0) throw noCaseMatches(line.options.only);
  for (const c of selected) {
    out(`${c.level.padEnd(6)} ${c.id}  ${c.clause}  ${c.title}`);
    out(`       requires: ${requirementOf(c)}`);
  }
  return EXIT.ok;
}

/** --plan: the spending plan alone; nothing is sent. */
async function plan(line: CommandLine, out: (line: string) => void): Promise<number> {
  const planned = await planSpend(line.options);
  out(
    planned ? renderPlan(planned.plan, planned) : 'plan: the customer suite sends no SMS: nothing to spend',
  );
  return EXIT.ok;
}

/** What the console shows while the run goes: the plan before the platform cases, each case as it finishes. */
function consoleListener(line: CommandLine, out: (line: string) => void): (event: RunEvent) => void {
  let idWidth = 0;
  return (event) => {
    if (event.type === 'run-started') idWidth = idWidthOf(event.cases);
    else if (event.type === 'plan') out(renderPlan(event.plan, event));
    else if (event.type === 'case-finished')
      out(
        renderConsoleProgress(event.result, event.done, event.total, {
          color: line.color,
          strict: line.options.strict ?? false,
          idWidth,
        }),
      );
  };
}

/** The summary, the reports (signed with `signingKey`), and the exit code the run's outcome maps to (shown in the gate line). */
async function finish(
  report: RunReport,
  line: CommandLine,
  out: (line: string) => void,
  signingKey: KeyObject | undefined,
): Promise<number> {
  report.gate.exitCode = OUTCOME_EXIT[report.gate.outcome];
  out(renderConsoleSummary(report, { color: line.color }).trimEnd());
  const dir = line.reportDir;
  if (!dir) {
    out('reports: none written (--report-dir DIR writes junit.xml, report.json and report.html)');
    return report.gate.exitCode;
  }
  const written = await writeReports(report, dir, signingKey ? { signingKey } : {}).catch(
    (err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot write the reports to ${dir}: ${err.code ?? err.message}`);
    },
  );
  out(writtenLine(written, signingKey));
  return report.gate.exitCode;
}

export async function runConformanceCommand(
  which: Which,
  argv: string[],
  out: (line: string) => void,
): Promise<number> {
  const line = commandLine(which, argv);
  if (line.help) {
    out(USAGES[which]);
    return EXIT.ok;
  }
  if (line.list) return list(which, line, out);
  if (line.plan) return plan(line, out);
  // Read before the run: a key that cannot sign stops it before anything is sent.
  const signingKey = line.signKey ? readSigningKey(line.signKey, warnLine(which)) : undefined;
  const controller = new AbortController();
  const stopListening = abortOnSignals(controller);
  try {
    const report = await runConformance({
      ...line.options,
      signal: controller.signal,
      onEvent: consoleListener(line, out),
    });
    return await finish(report, line, out, signingKey);
  } finally {
    stopListening();
  }
}
