// Table 3-3 / 4-3 and §1.2: the form of the answer to a push, one rule per case so a report says
// which one broke: JSON, UTF-8, the §1.5 Content-Type, a string resultCode, the table's limits,
// in time, with a 2xx. Each case is its rule's (src/rules/push-answer.ts): the rule gives the
// clause, the level, the decisions and the coverage. Whether the push was acknowledged is
// accepts.ts's concern; here any code passes.
import { asRuleCase, type Case, type CaseRecorder } from '../../cases/case.js';
import { PUSH_ANSWER_TABLE } from '../../core/terms.js';
import { type PushRule, RULES } from '../../rules/index.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_KINDS,
  type PushKind,
  type PushResult,
  push,
} from './context.js';
import { minimalPush } from './messages.js';

type AnswerRules = (typeof RULES.answer)[PushKind];

interface FormCase {
  /** The last part of the case's id. */
  name: string;
  /** The rule the case is about; asserted after `before`. */
  rule: (R: AnswerRules) => PushRule;
  /** What must hold to judge it (read the answer as JSON). */
  before?: (R: AnswerRules) => PushRule[];
  /** The outcome a passing case reports. */
  note(ctx: CustomerContext, t: CaseRecorder, r: PushResult): string;
}

const FORM_CASES: FormCase[] = [
  { name: 'json', rule: (R) => R.json, note: () => 'a JSON body' },
  { name: 'utf8', rule: (R) => R.utf8, note: () => 'UTF-8' },
  {
    name: 'content-type',
    rule: (R) => R.contentType,
    before: (R) => [R.json],
    note: (_ctx, _t, r) => `Content-Type: ${r.exchange.response?.headers['content-type'] ?? ''}`,
  },
  {
    name: 'result-code-string',
    rule: (R) => R.resultCodeString,
    before: (R) => [R.json],
    note: (_ctx, _t, r) => `resultCode ${JSON.stringify((r.json as { resultCode?: unknown }).resultCode)}`,
  },
  { name: 'schema', rule: (R) => R.schema, before: (R) => [R.json], note: () => 'a valid NotifyResponse' },
  {
    // An answer that does not come is no answer: push() fails on the client's timeout already;
    // this also holds a slow answer that squeezed in to the profile's limit.
    name: 'within-timeout',
    rule: (R) => R.transport,
    note: (ctx: CustomerContext, t: CaseRecorder, r: PushResult) => {
      const took = r.exchange.response?.durationMs ?? Number.POSITIVE_INFINITY;
      t.check(
        took <= ctx.profile.timeoutMs,
        `the answer took ${took} ms`,
        `at most ${ctx.profile.timeoutMs} ms`,
        `${took} ms`,
      );
      return `answered in ${took} ms`;
    },
  },
  { name: 'http-status', rule: (R) => R.httpStatus, note: (_ctx, _t, r) => `HTTP ${r.status}` },
];

function formCase(to: PushKind, form: FormCase): Case<CustomerContext> {
  const R = RULES.answer[to];
  const rule = form.rule(R);
  return customerCase({
    id: `customer.${to}.answer.${form.name}`,
    ...asRuleCase(rule),
    title: `${to}: ${rule.title}`,
    covers: [...new Set([PUSH_ANSWER_TABLE, ...(rule.covers ?? [])])].filter((k) => k !== rule.clause),
    skipUnless: needsUrl(to),
    async run(ctx, t: CaseRecorder) {
      const r = await push(ctx, t, to, minimalPush(to));
      t.assertPush(r.pushed, ...(form.before?.(R) ?? []), rule);
      t.note(form.note(ctx, t, r));
    },
  });
}

export const answerFormCases: Case<CustomerContext>[] = PUSH_KINDS.flatMap((to) =>
  FORM_CASES.map((form) => formCase(to, form)),
);
