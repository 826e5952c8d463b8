// Putting a run's outcome into a RunReport.
import type { CaseResult } from '../cases/types.js';
import { coverageMatrix } from '../report/coverage.js';
import { gate, summarize } from '../report/summary.js';
import type { BudgetReport, RunReport } from '../report/types.js';
import { VERSION } from '../version.js';

export interface AssembleInput {
  startedAt: Date;
  command: string;
  strict: boolean;
  seed: number;
  embedded: boolean;
  targets: RunReport['targets'];
  budget?: BudgetReport;
  notes: string[];
  results: CaseResult[];
}

export function assembleReport(input: AssembleInput): RunReport {
  const finished = new Date();
  return {
    tool: { name: 'iot-sms-conformance', version: VERSION },
    startedAt: input.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - input.startedAt.getTime(),
    command: input.command,
    strict: input.strict,
    seed: input.seed,
    embedded: input.embedded,
    targets: input.targets,
    ...(input.budget ? { budget: input.budget } : {}),
    notes: input.notes,
    cases: input.results,
    summary: summarize(input.results),
    coverage: coverageMatrix(input.results),
    gate: gate(input.results, input.strict),
  };
}
