// The soak engine with the kit's own targets and the output's masking: what the package root
// exports as `runSoak` and what the CLI calls. Without a profile it soaks the kit's mocks (the
// embedded default, as `run` does); what it hands out (every event, the report) has the
// profile's secrets masked.
import { OutputMask } from '../report/render/mask.js';
import { maskSoakEvent, maskSoakReport } from '../report/render/soak/mask.js';
import type { SoakEvent, SoakOptions } from '../soak/options.js';
import { runSoak as runWith } from '../soak/run.js';
import type { SoakReport } from '../soak/types.js';
import { kitTargets } from './targets.js';

/**
 * Runs one soak in-process and returns its report: against the target of `options.profile`, or,
 * with none, against the kit's own mock platform or mock customer endpoint. Progress is told as
 * it goes (`onEvent`); the events and the report hold the profile's secrets masked.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  let mask = new OutputMask([]);
  const listen = options.onEvent;
  const report = await runWith({
    targets: kitTargets,
    ...options,
    onEvent: (event: SoakEvent) => {
      if (event.type === 'soak-started') mask = new OutputMask(event.secrets ?? []);
      listen?.(maskSoakEvent(mask, event));
    },
  });
  return maskSoakReport(mask, report);
}
