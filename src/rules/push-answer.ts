// The customer's answer to a push (§1, §3 table 3-3, §4 table 4-3, D8, D16, D20, D22): that it came,
// JSON in UTF-8 under the §1.5 Content-Type, a string resultCode, the table's limits, and an
// acknowledgement with a 2xx. Whether a push must be acknowledged or refused is the case's to ask.
// Declared per kind of push, so each kind's answers are a case of their own in a report.
import { PUSH_ANSWER_TABLE, type PushKind } from '../core/terms.js';
import { limitsOf } from '../schema/constraints.js';
import { limitKey } from '../spec/coverage-keys.js';
import { validators } from '../validate/validators.js';
import { bodyOf, fieldOf, headerOf, type ReadBody } from './body.js';
import {
  contentTypeProblem,
  readableAnswerProblem,
  resultCodeTypeProblem,
  schemaProblems,
  utf8Problem,
} from './checks.js';
import type { Problem, PushExchange, PushRule, ValueRule } from './types.js';
import { WORDS } from './words.js';

function answerBody(x: PushExchange): ReadBody | undefined {
  return x.answer ? bodyOf(x.answer) : undefined;
}

function one(problem: Problem | undefined): Problem[] {
  return problem ? [problem] : [];
}

function notifyResponseProblems(value: unknown): Problem[] {
  return schemaProblems('NotifyResponse', validators.NotifyResponse.violations(value), value, 'the answer');
}

/** What every answer rule of one kind shares: who answers, where the table is. */
function answerRule(
  kind: PushKind,
  name: string,
  rest: Omit<PushRule, 'on' | 'kind' | 'id' | 'side' | 'clause'> & { clause?: string },
): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.answer.${name}`,
    side: 'customer',
    clause: PUSH_ANSWER_TABLE,
    ...rest,
  };
}

function transportRule(kind: PushKind): PushRule {
  return answerRule(kind, 'transport', {
    level: 'MUST',
    title: `the customer answers each ${kind} push within the timeout and the body cap`,
    check: (x) =>
      x.failure
        ? [
            {
              message: `no answer: ${x.failure}`,
              expected: 'an HTTP answer within timeoutMs',
              actual: x.failure,
            },
          ]
        : [],
  });
}

function jsonRule(kind: PushKind): PushRule {
  return answerRule(kind, 'json', {
    level: 'MUST',
    title: 'the answer is a JSON body (§1.2) with a JSON Content-Type',
    decisions: ['D16'],
    words: [WORDS.contentType],
    covers: ['§1.2 JSON UTF-8'],
    // D16: a JSON media type is what it takes to read the answer; the exact header is another rule.
    check: (x) =>
      one(x.answer && readableAnswerProblem(x.answer, 'the answer is not JSON (§1.2, table 3-3 / 4-3)')),
  });
}

function utf8Rule(kind: PushKind): PushRule {
  return answerRule(kind, 'utf8', {
    level: 'MUST',
    title: "the answer's bytes are UTF-8 (§1.2, §1.5 charset=UTF-8)",
    decisions: ['D22'],
    words: [WORDS.contentType],
    covers: ['§1.2 JSON UTF-8'],
    check: (x) => {
      const body = answerBody(x);
      return one(body && utf8Problem(body, 'the answer'));
    },
  });
}

function contentTypeRule(kind: PushKind): PushRule {
  return answerRule(kind, 'content-type', {
    level: 'MUST',
    title: 'the answer carries Content-Type: application/json;charset=UTF-8',
    decisions: ['D16'],
    words: [WORDS.contentType],
    covers: ['§1.5 Content-Type'],
    check: (x) => one(x.answer && contentTypeProblem(headerOf(x.answer, 'content-type'), 'answers included')),
  });
}

function resultCodeStringRule(kind: PushKind): PushRule {
  return answerRule(kind, 'result-code-string', {
    level: 'MUST',
    clause: '§3/§4 NotifyResponse.resultCode',
    title: 'resultCode is a string ("0"), not a number',
    check: (x) => {
      const body = answerBody(x);
      return body?.isJson ? one(resultCodeTypeProblem(body.json)) : [];
    },
  });
}

function schemaRule(kind: PushKind): PushRule & ValueRule {
  return {
    ...answerRule(kind, 'schema', {
      level: 'MUST',
      title: 'the answer is a valid NotifyResponse (resultCode at most 6, resultDesc at most 100)',
      covers: [
        '§3/§4 NotifyResponse.resultCode',
        '§3/§4 NotifyResponse.resultDesc',
        ...limitsOf('NotifyResponse').map(limitKey),
      ],
      check: (x) => {
        const body = answerBody(x);
        return body?.isJson ? notifyResponseProblems(body.json) : [];
      },
    }),
    type: 'NotifyResponse',
    checkValue: notifyResponseProblems,
  };
}

function httpStatusRule(kind: PushKind): PushRule {
  return answerRule(kind, 'http-status', {
    level: 'SHOULD',
    title: 'an acknowledgement travels with an HTTP 2xx status',
    decisions: ['D8', 'D20'],
    // D8: the spec gives no HTTP status; a platform may read a 5xx as a failed push and retry
    // (D20) whatever the body says, so an acknowledgement travels with a 2xx.
    check: (x) => {
      const status = x.answer?.status ?? 0;
      const code = fieldOf(answerBody(x)?.json, 'resultCode');
      if (!x.answer || code !== '0' || (status >= 200 && status < 300)) return [];
      return [
        {
          message: `D8, D20: an acknowledgement came with HTTP ${status}; a platform may read it as a failed push and retry`,
          expected: 'HTTP 2xx',
          actual: `HTTP ${status}`,
        },
      ];
    },
  });
}

/** The rules of the customer's answer to a push of one kind, in report order. */
export function pushAnswerRules(kind: PushKind) {
  return {
    transport: transportRule(kind),
    json: jsonRule(kind),
    utf8: utf8Rule(kind),
    contentType: contentTypeRule(kind),
    resultCodeString: resultCodeStringRule(kind),
    schema: schemaRule(kind),
    httpStatus: httpStatusRule(kind),
  };
}
