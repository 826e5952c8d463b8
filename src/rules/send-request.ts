// The customer's sendTemplateMessage request (§1, §2 table 2-2, §5.4): what the proxy judges of a
// customer's application, and the matchers of a request a user's code built.
import { isJsonContentType } from '../http/content-type.js';
import { describeInvalidUtf8 } from '../http/utf8.js';
import { validators } from '../validate/validators.js';
import { bodyOf, headerOf } from './body.js';
import { contentTypeProblem, schemaProblems } from './checks.js';
import type { Problem, SendExchange, SendRule, ValueRule } from './types.js';
import { WORDS } from './words.js';

const TYPE = 'SendTemplateMessageRequest';

/** The request's violations of one level, as problems. */
function requestProblems(value: unknown, level: 'MUST' | 'SHOULD') {
  const violations = validators[TYPE].strictViolations(value).filter((v) => v.level === level);
  return schemaProblems(TYPE, violations, value, 'the request');
}

/** The request's body when it parsed, judged by `check`. */
function ofRequest(x: SendExchange, check: (value: unknown) => Problem[]) {
  const body = bodyOf(x.request);
  return body.isJson ? check(body.json) : [];
}

/** A request the platform must read as an API call: POST, a JSON media type, a JSON body (D8, D16). */
export function isApiCall(x: SendExchange): boolean {
  return (
    x.request.method === 'POST' &&
    isJsonContentType(headerOf(x.request, 'content-type')) &&
    bodyOf(x.request).isJson
  );
}

export const sendRequestRules = {
  method: {
    on: 'send',
    id: 'send.request.method',
    side: 'customer',
    level: 'MUST',
    clause: '§1.3 POST',
    title: 'the send request uses POST',
    check: (x) =>
      x.request.method === 'POST'
        ? []
        : [
            {
              message: `§1.3: the method is ${x.request.method}`,
              expected: 'POST',
              actual: x.request.method,
            },
          ],
  },
  contentType: {
    on: 'send',
    id: 'send.request.content-type',
    side: 'customer',
    level: 'MUST',
    clause: '§1.5 Content-Type',
    title: 'the send request carries Content-Type: application/json;charset=UTF-8',
    decisions: ['D16'],
    words: [WORDS.contentType],
    check: (x) => {
      const problem = contentTypeProblem(headerOf(x.request, 'content-type'), 'requests included');
      return problem ? [problem] : [];
    },
  },
  json: {
    on: 'send',
    id: 'send.request.json',
    side: 'customer',
    level: 'MUST',
    clause: '§1.2 JSON UTF-8',
    title: 'the send request is JSON in UTF-8',
    check: (x) => {
      const body = bodyOf(x.request);
      const expected = 'a JSON object in UTF-8';
      if (!body.isJson)
        return [{ message: `§1.2: ${body.notJson}`, expected, actual: body.text || '(empty body)' }];
      if (body.invalidUtf8)
        return [
          {
            message: '§1.2: body is not UTF-8 text',
            expected,
            actual: describeInvalidUtf8(body.invalidUtf8),
          },
        ];
      return [];
    },
  },
  schema: {
    on: 'send',
    id: 'send.request.schema',
    side: 'customer',
    level: 'MUST',
    clause: '§2 table 2-2',
    title: 'the send request keeps every MUST rule of table 2-2 and §5.4',
    type: TYPE,
    checkValue: (value) => requestProblems(value, 'MUST'),
    check: (x) => ofRequest(x, (value) => requestProblems(value, 'MUST')),
  },
  schemaShould: {
    on: 'send',
    id: 'send.request.schema.should',
    side: 'customer',
    level: 'SHOULD',
    clause: '§2 table 2-2',
    title: 'the send request keeps our readings (number grammar, callback URL)',
    decisions: ['D6', 'D12'],
    type: TYPE,
    checkValue: (value) => requestProblems(value, 'SHOULD'),
    check: (x) => ofRequest(x, (value) => requestProblems(value, 'SHOULD')),
  },
  bodyCap: {
    on: 'send',
    id: 'send.request.body-cap',
    side: 'customer',
    level: 'SHOULD',
    clause: '§2 sendTemplateMessage',
    title: "the send request fits the judge's body cap (a larger one is not read)",
    check: (x) =>
      x.requestOverCap
        ? [{ message: x.requestOverCap, expected: 'a body within the cap', actual: x.requestOverCap }]
        : [],
  },
} as const satisfies Record<string, SendRule | (SendRule & ValueRule)>;
