// A push the platform makes to the customer (§1, §3 table 3-2, §4 table 4-2, D14, D16): its method,
// its media type, JSON in UTF-8, its table's rules, our readings, and its times in the §1.6 format.
// Declared per kind of push, so the uplink's and the report's findings name their own table.
import { PUSH_CLAUSE, PUSH_MESSAGE, PUSH_TABLE, type PushKind } from '../core/terms.js';
import { describeInvalidUtf8 } from '../http/utf8.js';
import { validators } from '../validate/validators.js';
import type { Violation } from '../validate/violation.js';
import { bodyOf, fieldOf, headerOf } from './body.js';
import { contentTypeProblem, schemaProblems } from './checks.js';
import type { Problem, PushExchange, PushRule, ValueRule } from './types.js';
import { WORDS } from './words.js';

/** The time field of each push, which §1.6 gives its format (D14). */
export const TIME_FIELD = { uplink: 'sendTime', report: 'receiveTime' } as const satisfies Record<
  PushKind,
  string
>;

/** The table that gives each push its method: "HTTPS + POST". */
const METHOD_TABLE = { uplink: '§3 table 3-1', report: '§4 table 4-1' } as const satisfies Record<
  PushKind,
  string
>;

/** The push's body when it parsed, judged by `check`. */
function ofPush(x: PushExchange, check: (value: unknown) => Problem[]): Problem[] {
  const body = bodyOf(x.push);
  return body.isJson ? check(body.json) : [];
}

/** The push's schema violations that `pick` keeps. */
function violations(kind: PushKind, value: unknown, pick: (v: Violation) => boolean): Violation[] {
  return validators[PUSH_MESSAGE[kind]].strictViolations(value).filter(pick);
}

/** Whether a violation is of the push's time field, whose §1.6 format is a sender's MUST (D14). */
function isTimeFormat(kind: PushKind, v: Violation): boolean {
  return v.level === 'SHOULD' && v.path === TIME_FIELD[kind];
}

/** A schema rule of the push: its check over the value, and over the push that carries it. */
function schemaRule(
  meta: Omit<PushRule & ValueRule, 'on' | 'check' | 'checkValue' | 'type'>,
  checkValue: (value: unknown) => Problem[],
): PushRule & ValueRule {
  return {
    on: 'push',
    type: PUSH_MESSAGE[meta.kind],
    ...meta,
    checkValue,
    check: (x) => ofPush(x, checkValue),
  };
}

function methodRule(kind: PushKind): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.push.method`,
    side: 'platform',
    level: 'MUST',
    clause: PUSH_CLAUSE[kind],
    title: `each ${kind} is pushed with POST (${METHOD_TABLE[kind]}: HTTPS + POST)`,
    covers: ['§1.3 POST'],
    check: (x) =>
      x.push.method === 'POST'
        ? []
        : [
            {
              message: `${METHOD_TABLE[kind]}: the platform pushes with "HTTPS + POST"; this push came as ${x.push.method}`,
              expected: 'POST',
              actual: x.push.method,
            },
          ],
  };
}

function contentTypeRule(kind: PushKind): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.push.content-type`,
    side: 'platform',
    level: 'MUST',
    clause: '§1.5 Content-Type',
    title: `each ${kind} push carries Content-Type: application/json;charset=UTF-8`,
    decisions: ['D16'],
    words: [WORDS.contentType],
    check: (x) => {
      const problem = contentTypeProblem(headerOf(x.push, 'content-type'), 'pushes included');
      return problem ? [problem] : [];
    },
  };
}

function jsonRule(kind: PushKind): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.push.json`,
    side: 'platform',
    level: 'MUST',
    clause: '§1.2 JSON UTF-8',
    title: `each ${kind} push is JSON in UTF-8`,
    decisions: ['D22'],
    words: [WORDS.json],
    check: (x) => {
      const body = bodyOf(x.push);
      const expected = `a ${PUSH_MESSAGE[kind]} in JSON`;
      if (!body.isJson)
        return [
          {
            message: `§1.2: the push body is not JSON: ${body.notJson}`,
            expected,
            actual: body.text || '(empty body)',
          },
        ];
      if (!body.invalidUtf8) return [];
      return [
        {
          message: `${PUSH_TABLE[kind]}: the push body is not UTF-8 (§1.2, §1.5 charset=UTF-8, D22)`,
          expected: 'a body in UTF-8',
          actual: describeInvalidUtf8(body.invalidUtf8),
        },
      ];
    },
  };
}

function mustSchemaRule(kind: PushKind): PushRule & ValueRule {
  return schemaRule(
    {
      kind,
      id: `${kind}.push.schema`,
      side: 'platform',
      level: 'MUST',
      clause: PUSH_TABLE[kind],
      title: `each ${kind} push keeps every MUST rule of ${PUSH_TABLE[kind]}`,
    },
    (value) =>
      schemaProblems(
        PUSH_MESSAGE[kind],
        violations(kind, value, (v) => v.level === 'MUST'),
        value,
        'the push',
      ),
  );
}

function shouldSchemaRule(kind: PushKind): PushRule & ValueRule {
  return schemaRule(
    {
      kind,
      id: `${kind}.push.schema.should`,
      side: 'platform',
      level: 'SHOULD',
      clause: PUSH_TABLE[kind],
      title: `each ${kind} push keeps our readings (the number grammar)`,
      decisions: ['D12'],
    },
    (value) =>
      schemaProblems(
        PUSH_MESSAGE[kind],
        violations(kind, value, (v) => v.level === 'SHOULD' && !isTimeFormat(kind, v)),
        value,
        'the push',
      ),
  );
}

function timeFormatRule(kind: PushKind): PushRule & ValueRule {
  return schemaRule(
    {
      kind,
      id: `${kind}.push.time-format`,
      side: 'platform',
      level: 'MUST',
      clause: '§1.6 time format',
      title: `${TIME_FIELD[kind]}, when sent, is in the §1.6 format yyyy-MM-dd HH:mm:ss`,
      decisions: ['D14'],
      words: [WORDS.timeFormat],
    },
    (value) =>
      violations(kind, value, (v) => isTimeFormat(kind, v)).map((v) => ({
        message: `§1.6, D14: "所有接口中的时间格式：yyyy-MM-dd HH:mm:ss"; ${v.path} is ${JSON.stringify(fieldOf(value, v.path))}`,
        expected: 'yyyy-MM-dd HH:mm:ss',
        actual: JSON.stringify(fieldOf(value, v.path)) ?? 'undefined',
      })),
  );
}

function bodyCapRule(kind: PushKind): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.push.body-cap`,
    side: 'platform',
    level: 'SHOULD',
    clause: PUSH_TABLE[kind],
    title: `each ${kind} push fits the judge's body cap (a larger one is answered 413, not read)`,
    check: (x) =>
      x.pushOverCap
        ? [{ message: x.pushOverCap, expected: 'a body within the cap', actual: x.pushOverCap }]
        : [],
  };
}

/** The rules of a push of one kind, in report order. */
export function pushRules(kind: PushKind) {
  return {
    method: methodRule(kind),
    contentType: contentTypeRule(kind),
    json: jsonRule(kind),
    schema: mustSchemaRule(kind),
    schemaShould: shouldSchemaRule(kind),
    timeFormat: timeFormatRule(kind),
    bodyCap: bodyCapRule(kind),
  };
}
