// The engine with the kit's own targets and the output's masking: what the package root exports as
// `runConformance` and `planSpend`, and what the CLI and the vitest front end call. A run without a
// profile runs against the kit's mocks (the embedded default); a plan runs against a mock made from
// the profile. The engine judges the exchanges as they travelled; what this hands out (every event,
// the report) has the run's secrets masked, as anything printed or stored must; a password too
// short to be masked in free text is masked where it is structured, and the report notes it once.
import type { RunEvent } from '../engine/events.js';
import type { ConformanceOptions } from '../engine/options.js';
import { casesOf as casesWith, planSpend as planWith, runConformance as runWith } from '../engine/run.js';
import { OutputMask } from '../report/render/mask.js';
import type { RunReport } from '../report/types.js';
import { kitTargets } from './targets.js';

/** An event as a listener outside the engine gets it: what it carries masked, the secrets left out. */
function masked(mask: OutputMask, event: RunEvent): RunEvent {
  switch (event.type) {
    case 'run-started': {
      const { secrets: _secrets, ...rest } = event;
      return rest;
    }
    case 'exchange':
      return { ...event, exchange: mask.exchange(event.exchange) };
    case 'case-finished':
      return { ...event, result: mask.result(event.result) };
    case 'note':
      return { ...event, text: mask.text(event.text) };
    case 'run-finished':
      return { ...event, report: mask.report(event.report) };
    default:
      return event;
  }
}

/**
 * Runs a whole conformance run in-process and returns its report: against the target of
 * `options.profile`, or, with none, against the kit's own mock platform and mock customer endpoint.
 * Each case's result is told as it finishes (`onEvent`, type `case-finished`). The events and the
 * report hold the run's secrets masked.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<RunReport> {
  let mask = new OutputMask([]);
  const listen = options.onEvent;
  const report = await runWith({
    targets: kitTargets,
    ...options,
    onEvent: (event: RunEvent) => {
      if (event.type === 'run-started') mask = new OutputMask(event.secrets ?? []);
      listen?.(masked(mask, event));
    },
  });
  return mask.report(report);
}

/** The recipients each family of platform cases would get accepted, without sending anything to the target. */
export function planSpend(options: ConformanceOptions = {}): ReturnType<typeof planWith> {
  return planWith({ targets: kitTargets, ...options });
}

/** The cases a run of these sides would run (a shard's part among them), without running any. */
export function casesOf(
  sides: Parameters<typeof casesWith>[0],
  options: ConformanceOptions = {},
): ReturnType<typeof casesWith> {
  return casesWith(sides, { targets: kitTargets, ...options });
}
