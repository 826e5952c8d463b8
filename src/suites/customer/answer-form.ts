// Table 3-3 / 4-3 and §1.2: the form of the answer to a push, one rule per case so a report says
// which one broke — JSON, a JSON media type, a string resultCode, the table's limits, in time.
// Whether the push was acknowledged is accepts.ts's concern; here any code passes.
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { CaseLevel } from '../../cases/types.js';
import type { HttpResult } from '../../client/http.js';
import { limitsOf } from '../../schema/constraints.js';
import { limitKey } from '../../spec/coverage-keys.js';
import {
  checkJsonAnswer,
  checkResultCodeIsString,
  checkSchema,
  checkSpecContentType,
  checkUtf8,
} from '../shared/checks.js';
import { checkJsonBody } from './checks.js';
import { type CustomerContext, customerCase, needsUrl, PUSH_KINDS, type PushKind, push } from './context.js';
import { minimalPush } from './messages.js';

const TABLE = '§3 table 3-3 / §4 table 4-3';

interface FormRule {
  name: string;
  clause: string;
  level: CaseLevel;
  title: string;
  decisions?: string[];
  covers?: string[];
  check(ctx: CustomerContext, t: CaseRecorder, r: HttpResult): void;
}

const RULES: FormRule[] = [
  {
    name: 'json',
    clause: TABLE,
    level: 'MUST',
    title: 'the answer is a JSON body (§1.2)',
    decisions: ['D16'],
    covers: ['§1.2 JSON UTF-8'],
    check: (_ctx, t: CaseRecorder, r) => {
      checkJsonBody(t, r);
      t.note('a JSON body');
    },
  },
  {
    name: 'utf8',
    clause: TABLE,
    level: 'MUST',
    title: "the answer's bytes are UTF-8 (§1.2, §1.5 charset=UTF-8)",
    decisions: ['D22'],
    covers: ['§1.2 JSON UTF-8'],
    check: (_ctx, t: CaseRecorder, r) => {
      checkUtf8(t, r.invalidUtf8);
      t.note('UTF-8');
    },
  },
  {
    name: 'content-type',
    clause: TABLE,
    level: 'MUST',
    title: 'the answer carries Content-Type: application/json;charset=UTF-8',
    decisions: ['D16'],
    covers: ['§1.5 Content-Type'],
    check: (_ctx, t: CaseRecorder, r) => {
      checkJsonAnswer(t, r);
      const type = checkSpecContentType(t, r);
      t.note(`Content-Type: ${type}`);
    },
  },
  {
    name: 'result-code-string',
    clause: '§3/§4 NotifyResponse.resultCode',
    level: 'MUST',
    title: 'resultCode is a string ("0"), not a number',
    check: (_ctx, t: CaseRecorder, r) => {
      const code = checkResultCodeIsString(t, checkJsonBody(t, r));
      t.note(`resultCode ${JSON.stringify(code)}`);
    },
  },
  {
    name: 'schema',
    clause: TABLE,
    level: 'MUST',
    title: 'the answer is a valid NotifyResponse (resultCode at most 6, resultDesc at most 100)',
    covers: [
      '§3/§4 NotifyResponse.resultCode',
      '§3/§4 NotifyResponse.resultDesc',
      ...limitsOf('NotifyResponse').map(limitKey),
    ],
    check: (_ctx, t: CaseRecorder, r) => {
      checkSchema(t, 'NotifyResponse', checkJsonBody(t, r));
      t.note('a valid NotifyResponse');
    },
  },
  {
    // An answer that does not come is no answer: push() fails on the client's timeout already;
    // this also holds a slow answer that squeezed in to the profile's limit.
    name: 'within-timeout',
    clause: TABLE,
    level: 'MUST',
    title: 'the answer comes within the profile timeoutMs',
    check: (ctx, t: CaseRecorder, r) => {
      const took = r.exchange.response?.durationMs ?? Number.POSITIVE_INFINITY;
      t.check(
        took <= ctx.profile.timeoutMs,
        `the answer took ${took} ms`,
        `at most ${ctx.profile.timeoutMs} ms`,
        `${took} ms`,
      );
      t.note(`answered in ${took} ms`);
    },
  },
  {
    // D8: the spec gives no HTTP status; a platform may read a 5xx as a failed push and retry
    // (D20) whatever the body says, so an acknowledgement travels with a 2xx.
    name: 'http-status',
    clause: TABLE,
    level: 'SHOULD',
    title: 'an acknowledgement travels with an HTTP 2xx status',
    decisions: ['D8', 'D20'],
    check: (_ctx, t: CaseRecorder, r) => {
      const status = r.status ?? 0;
      t.check(status >= 200 && status < 300, `HTTP ${status} for a valid push`, 'HTTP 2xx', `HTTP ${status}`);
      t.note(`HTTP ${status}`);
    },
  },
];

function formCase(to: PushKind, rule: FormRule): Case<CustomerContext> {
  return customerCase({
    id: `customer.${to}.answer.${rule.name}`,
    clause: rule.clause,
    level: rule.level,
    title: `${to}: ${rule.title}`,
    ...(rule.decisions ? { decisions: rule.decisions } : {}),
    covers: [...new Set([TABLE, ...(rule.covers ?? [])])].filter((k) => k !== rule.clause),
    skipUnless: needsUrl(to),
    async run(ctx, t: CaseRecorder) {
      rule.check(ctx, t, await push(ctx, t, to, minimalPush(to)));
    },
  });
}

export const answerFormCases: Case<CustomerContext>[] = PUSH_KINDS.flatMap((to) =>
  RULES.map((rule) => formCase(to, rule)),
);
