// Counting verdicts by level, and the gate (core/terms: MUST failures fail the run; SHOULD ones when strict).

import type { CaseResult } from '../cases/types.js';
import { isFailure, isGating, LEVELS, VERDICTS } from '../core/terms.js';
import type { RunReport, Summary } from './types.js';

export function summarize(cases: readonly CaseResult[]): Summary {
  const summary = Object.fromEntries(
    LEVELS.map((level) => [level, Object.fromEntries(VERDICTS.map((v) => [v, 0]))]),
  ) as Summary;
  for (const c of cases) summary[c.level][c.verdict] += 1;
  return summary;
}

export function gate(cases: readonly CaseResult[], strict: boolean): RunReport['gate'] {
  const failedMust = cases.filter((c) => c.level === 'MUST' && isFailure(c)).length;
  const failedShould = cases.filter((c) => c.level === 'SHOULD' && isFailure(c)).length;
  const passed = !cases.some((c) => isGating(c, strict));
  return { failedMust, failedShould, passed, outcome: passed ? 'passed' : 'failed' };
}
