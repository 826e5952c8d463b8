// Putting a run's outcome into a RunReport.
import type { CaseResult } from '../cases/types.js';
import { coverageMatrix } from '../report/coverage.js';
import { gate, summarize } from '../report/summary.js';
import type { BudgetReport, RunReport, StopReason } from '../report/types.js';
import { VERSION } from '../version.js';
import type { Shard } from './shard.js';

export interface AssembleInput {
  startedAt: Date;
  command: string;
  strict: boolean;
  seed: number;
  /** The part of a sharded run this report holds. */
  shard?: Shard;
  embedded: boolean;
  observed?: RunReport['observed'];
  targets: RunReport['targets'];
  /** What the run was run against and with (provenance.ts). */
  provenance?: RunReport['provenance'];
  /** The CA certificates the run trusted (PEM), for the report folder's ca.pem. */
  ca?: string;
  budget?: BudgetReport;
  notes: string[];
  results: CaseResult[];
  /** Set when the run was stopped before every case had run. */
  stopped?: { reason: StopReason; message: string };
}

/** The gate of a run that ended early: never passed; it ended as stopped, unless a deadline came after a failure. */
function stoppedGate(g: RunReport['gate'], reason: StopReason): RunReport['gate'] {
  const outcome = reason === 'deadline' && !g.passed ? g.outcome : reason;
  return { ...g, passed: false, outcome };
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
    ...(input.shard ? { shard: input.shard } : {}),
    embedded: input.embedded,
    ...(input.observed ? { observed: input.observed } : {}),
    targets: input.targets,
    ...(input.provenance ? { provenance: input.provenance } : {}),
    ...(input.ca ? { ca: input.ca } : {}),
    ...(input.budget ? { budget: input.budget } : {}),
    notes: input.notes,
    ...(input.stopped
      ? {
          interrupted: {
            ...input.stopped,
            notRun: input.results.filter((c) => c.notRun !== undefined).length,
          },
        }
      : {}),
    cases: input.results,
    summary: summarize(input.results),
    coverage: coverageMatrix(input.results),
    gate: input.stopped
      ? stoppedGate(gate(input.results, input.strict), input.stopped.reason)
      : gate(input.results, input.strict),
  };
}
