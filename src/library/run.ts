// The engine with the kit's own targets: what the package root exports as `runConformance` and
// `planSpend`, and what the CLI and the vitest front end call. A run without a profile runs against
// the kit's mocks (the embedded default); a plan runs against a mock made from the profile.
import type { ConformanceOptions } from '../engine/options.js';
import { planSpend as planWith, runConformance as runWith } from '../engine/run.js';
import type { RunReport } from '../report/types.js';
import { kitTargets } from './targets.js';

/**
 * Runs a whole conformance run in-process and returns its report: against the target of
 * `options.profile`, or, with none, against the kit's own mock platform and mock customer endpoint.
 * Each case's result is told as it finishes (`onEvent`, type `case-finished`).
 */
export function runConformance(options: ConformanceOptions = {}): Promise<RunReport> {
  return runWith({ targets: kitTargets, ...options });
}

/** The recipients each family of platform cases would get accepted, without sending anything to the target. */
export function planSpend(options: ConformanceOptions = {}): ReturnType<typeof planWith> {
  return planWith({ targets: kitTargets, ...options });
}
