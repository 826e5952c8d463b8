// Every platform case, in the order a run starts them, as phases: each says why it sits where it
// does. A case that only waits for pushes gives its turn to the next one and goes on waiting beside
// the rest (src/cases/schedule.ts). One case at a time sends (the plan's `active: 1`), in this order;
// a run with a spending plan lets up to platform.maxConcurrentSends send at once (src/engine/sides.ts),
// each holding from its start what its requests could get accepted, so the budget is spent as this
// order spends it (src/client/budget.ts).
import type { Case } from '../../cases/case.js';
import { type Phase, type Plan, planCases } from '../../cases/schedule.js';
import { authCases } from './auth.js';
import { batchCases } from './batches.js';
import type { PlatformContext } from './context.js';
import { decodingCases } from './decoding.js';
import { limitAtCases, limitOverCases } from './limits.js';
import { mobileCases } from './mobiles.js';
import { propertyCases } from './properties.js';
import { requiredCases } from './required.js';
import { responseCases, uniqueIdCases } from './responses.js';
import { retryCases } from './retries.js';
import { sendValidCases } from './send-valid.js';
import { statusReportCases } from './status-reports.js';
import { acceptedTemplateCases, templateValueCases } from './template-values.js';
import { templateCases } from './templates.js';
import { transportCases } from './transport.js';
import { typeCases } from './types.js';
import { uplinkCases } from './uplink.js';

const phases: Phase<PlatformContext>[] = [
  { name: 'send', why: 'one valid request first: when it fails, the rest says why', cases: sendValidCases },
  {
    name: 'refused',
    why: 'requests meant to be refused come before those that spend the budget (each refused one is reserved as if it were accepted, so it needs the budget left)',
    cases: [
      ...transportCases,
      ...decodingCases,
      ...authCases,
      ...requiredCases,
      ...typeCases,
      ...limitOverCases,
      ...mobileCases,
      ...templateCases,
    ],
  },
  { name: 'responses', why: 'the core answers, before the costly cases', cases: responseCases },
  {
    name: 'reports',
    why: 'status reports, then the "no push" cases: a platform that keeps the last statusCallback shows it; each waits for its own requests\' reports (by requestId and messageId)',
    cases: statusReportCases,
  },
  { name: 'uplink', why: 'waits for its own uplink (by content)', cases: uplinkCases },
  {
    name: 'retries',
    why: "script the receiver's answers for their own request's reports only, so they wait beside the rest; before the at-limit and property cases fill the receiver with reports",
    cases: retryCases,
  },
  {
    name: 'at-limit',
    why: 'the costly at-limit cases (20 messages, 100 numbers, sent together with every other limit in one request, to the sink numbers when the profile has any) after the core ones: a small budget goes where it matters; the request is sent only when the budget left holds it, so each starts once every earlier case has sent all it sends',
    cases: limitAtCases,
    afterSends: true,
  },
  {
    name: 'traffic',
    why: 'valid messages as real senders write them (templates with and without variables, Chinese and other scripts, mixed batches): judged by the largest legal batch the at-limit cases just sent, so they follow them; each sends its own request only when that batch was not sent or not accepted',
    cases: [...acceptedTemplateCases, ...templateValueCases, ...batchCases],
  },
  {
    name: 'unique-ids',
    why: 'compares the messageIds of every example case: each starts once every earlier case has sent all it sends (a case that waits sends nothing more)',
    cases: uniqueIdCases,
    afterSends: true,
  },
  {
    name: 'properties',
    why: 'take whatever budget is left (valid runs within a cap of their own), so they come last, each once every earlier case has sent all it sends: what is left is what the declared order leaves',
    cases: propertyCases,
    afterSends: true,
  },
];

export const platformPlan: Plan<PlatformContext> = {
  phases,
  concurrency: 16,
  active: 1,
};

export const platformCases: Case<PlatformContext>[] = planCases(platformPlan).map((s) => s.case);
