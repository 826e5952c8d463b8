// Every platform case, in the order a run executes them. The order matters:
// - requests meant to be refused come before those that spend the budget (each refused one is
//   reserved as if it were accepted);
// - the core cases come before the costly at-limit ones (20 messages, 100 numbers, sent together
//   with every other limit in one request), and the property cases, which take whatever is left
//   (valid runs within a cap of their own), come last: a small budget goes where it matters;
// - the status report cases run before the "no push" ones, so a platform that keeps the last
//   statusCallback shows it;
// - the retry cases script the receiver's answers by kind, so they run before the at-limit and
//   property cases fill the receiver with reports;
// - the messageId uniqueness case runs after every example case, to compare their ids.
import type { Case } from '../../src/cases/case.js';
import { authCases } from './auth.js';
import type { PlatformContext } from './context.js';
import { limitAtCases, limitOverCases } from './limits.js';
import { mobileCases } from './mobiles.js';
import { propertyCases } from './properties.js';
import { requiredCases } from './required.js';
import { responseCases, uniqueIdCases } from './responses.js';
import { retryCases } from './retries.js';
import { sendValidCases } from './send-valid.js';
import { statusReportCases } from './status-reports.js';
import { templateCases } from './templates.js';
import { transportCases } from './transport.js';
import { typeCases } from './types.js';
import { uplinkCases } from './uplink.js';

/**
 * The family a case's spending is counted under in the plan and the report: the second part of
 * its id (`limits`, `reports`, …), the property cases each on their own (valid runs have a cap of
 * their own; fault runs only reserve).
 */
export function spendFamily(id: string): string {
  const [, family = 'other', sub] = id.split('.');
  return family === 'properties' && sub ? `${family}.${sub}` : family;
}

/** The case, counting what it gets accepted under its family. */
function charged(c: Case<PlatformContext>): Case<PlatformContext> {
  const family = spendFamily(c.id);
  return {
    ...c,
    run(ctx: PlatformContext, t) {
      ctx.budget.family = family;
      return c.run(ctx, t);
    },
  };
}

export const platformCases: Case<PlatformContext>[] = [
  ...sendValidCases,
  ...transportCases,
  ...authCases,
  ...requiredCases,
  ...typeCases,
  ...limitOverCases,
  ...mobileCases,
  ...templateCases,
  ...responseCases,
  ...statusReportCases,
  ...uplinkCases,
  ...retryCases,
  ...limitAtCases,
  ...uniqueIdCases,
  ...propertyCases,
].map(charged);
