// What is not a push is not acknowledged (SHOULD, D18: the spec does not require rejecting, so
// never MUST): one case per fault the schemas allow — a required field missing or empty (100002,
// D15), a field too long, out of range or of the wrong type (100003) — and a body that is not
// JSON, after which the endpoint still serves.

import { applyFault, faultableConstraints } from '../../arbitraries/faults.js';
import type { Case, CaseRecorder } from '../../cases/case.js';
import { notAcknowledgedJudgement, RULES } from '../../rules/index.js';
import type { Constraint } from '../../schema/constraints.js';
import { limitKey } from '../../spec/coverage-keys.js';
import { expectAcknowledged, expectRefused } from './checks.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  PUSH_MESSAGE,
  type PushKind,
  push,
  pushQuietly,
} from './context.js';
import { minimalPush } from './messages.js';

const NOT_JSON = '{"mobile": "8613600000000", this is not JSON';

const LIMIT_KEYWORDS = new Set(['maxLength', 'maximum', 'minimum']);

function faultCase(to: PushKind, c: Constraint): Case<CustomerContext> {
  // Applied to the minimal push, so the one fault is the only thing wrong with it.
  const { fault } = applyFault(minimalPush(to), c);
  const where = c.path.join('.');
  const emptiness = fault.kind === 'missing' || fault.kind === 'empty';
  return customerCase({
    id: `customer.${to}.reject.${where}.${fault.kind}`,
    clause: c.clause,
    level: 'SHOULD',
    title: `${to}: a push with ${fault.description} is refused with ${fault.expectedCode}`,
    decisions: emptiness ? ['D18', 'D15'] : ['D18'],
    covers: [PUSH_CLAUSE[to], ...(LIMIT_KEYWORDS.has(c.keyword) ? [limitKey(c)] : [])],
    skipUnless: needsUrl(to),
    async run(ctx, t: CaseRecorder) {
      const { message, fault: f } = applyFault(minimalPush(to), c);
      expectRefused(t, await push(ctx, t, to, message), f.expectedCode, f.description);
    },
  });
}

function notJsonCases(to: PushKind): Case<CustomerContext>[] {
  const base = {
    clause: '§1.2 JSON UTF-8',
    level: 'SHOULD',
    decisions: ['D18', 'D16'],
    covers: [PUSH_CLAUSE[to]],
    skipUnless: needsUrl(to),
  } satisfies Partial<Case<CustomerContext>>;
  return [
    customerCase({
      ...base,
      id: `customer.${to}.reject.not-json`,
      title: `${to}: a body that is not JSON gets a JSON answer with a code other than "0"`,
      async run(ctx, t: CaseRecorder) {
        const r = await push(ctx, t, to, NOT_JSON);
        const A = RULES.answer[to];
        t.assertPush(r.pushed, A.json, A.utf8, A.resultCodeString);
        t.expect(notAcknowledgedJudgement(r.json, 'body is not JSON', 'a code other than "0"'));
        t.assertPush(r.pushed, A.schema);
        t.note(`refused with ${(r.json as { resultCode?: unknown }).resultCode} (HTTP ${r.status ?? '?'})`);
      },
    }),
    customerCase({
      ...base,
      id: `customer.${to}.reject.not-json.keeps-serving`,
      title: `${to}: after a body that is not JSON, the next valid push is still acknowledged`,
      async run(ctx, t: CaseRecorder) {
        // Whatever the answer to the bad body (judged by the case above), even none at all.
        const bad = await pushQuietly(ctx, to, NOT_JSON, { label: 'a body that is not JSON' });
        t.record(bad.exchange);
        expectAcknowledged(t, await push(ctx, t, to, minimalPush(to), { label: 'the next valid push' }));
        t.note('still serving after a body that is not JSON');
      },
    }),
  ];
}

export const rejectCases: Case<CustomerContext>[] = PUSH_KINDS.flatMap((to) => [
  ...faultableConstraints(PUSH_MESSAGE[to], ['MUST']).map((c) => faultCase(to, c)),
  ...notJsonCases(to),
]);
