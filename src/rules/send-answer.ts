// The platform's answer to sendTemplateMessage (§1, §2 table 2-3, §5.1, D8, D9, D16, D22): that it
// came, its form, its schema, its HTTP status, and that a request breaking table 2-2 is refused.
// The per-recipient readings of an accepted answer are in recipients.ts.
import { validators } from '../validate/validators.js';
import type { Violation } from '../validate/violation.js';
import { notAcceptedJudgement } from './acceptance.js';
import type { Answer } from './answer.js';
import { bodyOf, fieldOf, headerOf } from './body.js';
import {
  contentTypeProblem,
  readableAnswerProblem,
  resultCodeTypeProblem,
  schemaProblems,
  utf8Problem,
} from './checks.js';
import { refusalIsMust } from './refusal.js';
import { isApiCall } from './send-request.js';
import type { Problem, SendExchange, SendRule, ValueRule } from './types.js';
import { WORDS } from './words.js';

/** The answer's body, when an answer came. */
function answerBody(x: SendExchange) {
  return x.answer ? bodyOf(x.answer) : undefined;
}

/** The answer's JSON value, when it came and parsed. */
export function answerJson(x: SendExchange): unknown {
  const body = answerBody(x);
  return body?.isJson ? body.json : undefined;
}

const TYPE = 'SendTemplateMessageResponse';

/** The answer's violations of one level, as problems. */
function answerProblems(value: unknown, level: 'MUST' | 'SHOULD') {
  const violations = validators[TYPE].strictViolations(value).filter((v) => v.level === level);
  return schemaProblems(TYPE, violations, value, 'the answer');
}

/** The answer's body when it came and parsed, judged by `check`. */
function ofAnswer(x: SendExchange, check: (value: unknown) => Problem[]) {
  const body = answerBody(x);
  return body?.isJson ? check(body.json) : [];
}

/** The answer is JSON (§1.2) under a JSON media type (D16: enough to read it; the exact header is another rule). */
function jsonProblems(x: SendExchange): Problem[] {
  const problem = x.answer && readableAnswerProblem(x.answer, 'the answer is not JSON (§1.2)');
  return problem ? [problem] : [];
}

/**
 * The faults of the request a refusal rule judges: MUST when the request breaks table 2-2 so that
 * any platform must see it, SHOULD for the rest (D7, D10, D21). Judged on a well-formed answer only,
 * so a bad media type is the form rule's finding alone.
 */
function refusalFaults(x: SendExchange, must: boolean): Violation[] {
  const request = bodyOf(x.request);
  const json = answerJson(x);
  if (
    !request.isJson ||
    !x.answer ||
    jsonProblems(x).length > 0 ||
    typeof fieldOf(json, 'resultCode') !== 'string'
  )
    return [];
  const violations = validators.SendTemplateMessageRequest.violations(request.json);
  const mustOnes = violations.filter((v) => refusalIsMust(v, request.json));
  return must ? mustOnes : mustOnes.length > 0 ? [] : violations;
}

function refusalProblems(x: SendExchange, must: boolean): Problem[] {
  const faults = refusalFaults(x, must);
  if (!x.answer || faults.length === 0) return [];
  const json = answerJson(x);
  const { problem } = notAcceptedJudgement(
    { answer: json as Answer, status: x.answer.status, accepted: 0 },
    `§5.1: the request breaks table 2-2 (${faults.map((v) => v.message).join('; ')})`,
  );
  return problem ? [problem] : [];
}

export const sendAnswerRules = {
  transport: {
    on: 'send',
    id: 'send.answer.transport',
    side: 'platform',
    level: 'MUST',
    clause: '§2 sendTemplateMessage',
    title: 'the platform answers each send within the timeout and the body cap',
    check: (x) =>
      x.failure
        ? [{ message: `no answer: ${x.failure}`, expected: 'an HTTP answer', actual: x.failure }]
        : [],
  },
  json: {
    on: 'send',
    id: 'send.answer.json',
    side: 'platform',
    level: 'MUST',
    clause: '§1.2 JSON UTF-8',
    title: 'the answer is a JSON body with a JSON Content-Type',
    decisions: ['D16'],
    words: [WORDS.contentType],
    check: jsonProblems,
  },
  utf8: {
    on: 'send',
    id: 'send.answer.utf8',
    side: 'platform',
    level: 'MUST',
    clause: '§1.2 JSON UTF-8',
    title: "the answer's bytes are UTF-8",
    decisions: ['D22'],
    words: [WORDS.contentType],
    check: (x) => {
      const body = answerBody(x);
      const problem = body && utf8Problem(body, 'the answer');
      return problem ? [problem] : [];
    },
  },
  contentType: {
    on: 'send',
    id: 'send.answer.content-type',
    side: 'platform',
    level: 'MUST',
    clause: '§1.5 Content-Type',
    title: 'the answer carries Content-Type: application/json;charset=UTF-8',
    decisions: ['D16'],
    words: [WORDS.contentType],
    check: (x) => {
      const problem = x.answer && contentTypeProblem(headerOf(x.answer, 'content-type'), 'answers included');
      return problem ? [problem] : [];
    },
  },
  resultCodeString: {
    on: 'send',
    id: 'send.answer.result-code-string',
    side: 'platform',
    level: 'MUST',
    clause: '§2 SendTemplateMessageResponse.resultCode',
    title: 'resultCode is a string (table 2-3), not a number',
    check: (x) => {
      const body = answerBody(x);
      const problem = body?.isJson ? resultCodeTypeProblem(body.json) : undefined;
      return problem ? [problem] : [];
    },
  },
  schema: {
    on: 'send',
    id: 'send.answer.schema',
    side: 'platform',
    level: 'MUST',
    clause: '§2 table 2-3',
    title: 'the answer is a valid SendTemplateMessageResponse (table 2-3, §5.5)',
    decisions: ['D5'],
    words: [WORDS.table23],
    type: TYPE,
    checkValue: (value) => answerProblems(value, 'MUST'),
    check: (x) => ofAnswer(x, (value) => answerProblems(value, 'MUST')),
  },
  schemaShould: {
    on: 'send',
    id: 'send.answer.schema.should',
    side: 'platform',
    level: 'SHOULD',
    clause: '§2 table 2-3',
    title: 'the answer keeps our readings of table 2-3 and §5.5',
    type: TYPE,
    checkValue: (value) => answerProblems(value, 'SHOULD'),
    check: (x) => ofAnswer(x, (value) => answerProblems(value, 'SHOULD')),
  },
  httpStatus: {
    on: 'send',
    id: 'send.answer.http-status',
    side: 'platform',
    level: 'SHOULD',
    clause: '§2 sendTemplateMessage',
    title: 'an answer with a resultCode travels with HTTP 200',
    decisions: ['D8'],
    applies: (x) => isApiCall(x) && fieldOf(answerJson(x), 'resultCode') !== undefined,
    // D8: a business error travels with HTTP 200; a transport fault (method, media type) may get a 4xx.
    check: (x) => {
      const code = fieldOf(answerJson(x), 'resultCode');
      if (!x.answer || code === undefined || !isApiCall(x) || x.answer.status === 200) return [];
      return [
        {
          message: `D8: the vendor's clients read the body only on 2xx; resultCode ${JSON.stringify(code)} came with HTTP ${x.answer.status}`,
          expected: 'HTTP 200',
          actual: `HTTP ${x.answer.status}`,
        },
      ];
    },
  },
  refusesInvalid: {
    on: 'send',
    id: 'send.answer.refuses-invalid',
    side: 'platform',
    level: 'MUST',
    clause: '§5.1 result codes',
    title:
      'a request missing a required field, over a list or (BMP) length limit, or of a type no binder reads is not accepted',
    decisions: ['D7', 'D9', 'D15', 'D21'],
    words: [WORDS.missing, WORDS.format],
    applies: (x) => refusalFaults(x, true).length > 0,
    check: (x) => refusalProblems(x, true),
  },
  refusesInvalidShould: {
    on: 'send',
    id: 'send.answer.refuses-invalid.should',
    side: 'platform',
    level: 'SHOULD',
    clause: '§5.1 result codes',
    title:
      'a request breaking another MUST rule of table 2-2 (a number for a string, a null, a length in non-BMP text) is not accepted',
    decisions: ['D7', 'D10', 'D21'],
    applies: (x) => refusalFaults(x, false).length > 0,
    check: (x) => refusalProblems(x, false),
  },
} as const satisfies Record<string, SendRule | (SendRule & ValueRule)>;
