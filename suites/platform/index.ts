// Every platform case, in the order a run executes them. The order matters: requests that are
// meant to be refused come before those that spend the budget (each refused one is reserved as if
// it were accepted); the status report cases run before the "no push" ones, so a platform that
// keeps the last statusCallback shows it; the retry cases script the receiver's answers by kind,
// so they run before the property cases fill the receiver with reports; the messageId uniqueness
// case runs last, to compare the whole run.
import type { Case } from '../../src/cases/case.js';
import { authCases } from './auth.js';
import type { PlatformContext } from './context.js';
import { limitCases } from './limits.js';
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

export const platformCases: Case<PlatformContext>[] = [
  ...sendValidCases,
  ...transportCases,
  ...authCases,
  ...requiredCases,
  ...typeCases,
  ...limitCases,
  ...mobileCases,
  ...templateCases,
  ...responseCases,
  ...statusReportCases,
  ...uplinkCases,
  ...retryCases,
  ...propertyCases,
  ...uniqueIdCases,
];
