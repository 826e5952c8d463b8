// Counting verdicts by level, and the gate: MUST failures fail the run; SHOULD ones with --strict.
import type { CaseLevel, CaseResult, Verdict } from '../cases/types.js';
import type { RunReport, Summary } from './types.js';

const LEVELS: readonly CaseLevel[] = ['MUST', 'SHOULD', 'INFO'];
const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'skip', 'info'];

export function summarize(cases: readonly CaseResult[]): Summary {
  const summary = Object.fromEntries(
    LEVELS.map((level) => [level, Object.fromEntries(VERDICTS.map((v) => [v, 0]))]),
  ) as Summary;
  for (const c of cases) summary[c.level][c.verdict] += 1;
  return summary;
}

export function isFailure(c: Pick<CaseResult, 'verdict'>): boolean {
  return c.verdict === 'fail' || c.verdict === 'error';
}

export function gate(cases: readonly CaseResult[], strict: boolean): RunReport['gate'] {
  const failedMust = cases.filter((c) => c.level === 'MUST' && isFailure(c)).length;
  const failedShould = cases.filter((c) => c.level === 'SHOULD' && isFailure(c)).length;
  const passed = failedMust === 0 && (!strict || failedShould === 0);
  return { failedMust, failedShould, passed, exitCode: passed ? 0 : 1 };
}
