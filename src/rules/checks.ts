// The checks several rules share, as pure functions over a read body or a header: each gives the
// problem in the words a report shows, or nothing.
import { JSON_CONTENT_TYPE, specContentTypeProblem } from '../http/content-type.js';
import { describeInvalidUtf8 } from '../http/utf8.js';
import type { MessageType } from '../schema/message-types.js';
import type { Violation } from '../validate/violation.js';
import { bodyOf, fieldOf, headerOf, type ReadBody, short } from './body.js';
import type { Problem, WireAnswer } from './types.js';

/** The body's bytes are UTF-8 (D22: §1.2 "UTF-8编码", §1.5 charset=UTF-8); shows the bytes around the first bad one. */
export function utf8Problem(body: ReadBody, what: string): Problem | undefined {
  if (!body.invalidUtf8) return undefined;
  return {
    message: `${what} is not UTF-8 (§1.2, §1.5 charset=UTF-8, D22)`,
    expected: 'a body in UTF-8',
    actual: describeInvalidUtf8(body.invalidUtf8),
  };
}

/** The header carries the §1.5 Content-Type, charset included (D16). */
export function contentTypeProblem(header: string, what: string): Problem | undefined {
  const problem = specContentTypeProblem(header);
  if (problem === undefined) return undefined;
  return {
    message: `§1.5, D16: every message, ${what}, carries Content-Type: application/json;charset=UTF-8 (所有接口消息头必须要带); here ${problem}`,
    expected: JSON_CONTENT_TYPE,
    actual: header || '(no Content-Type)',
  };
}

/** The body parses as JSON. */
export function notJsonProblem(body: ReadBody, message: string, expected: string): Problem | undefined {
  if (body.isJson) return undefined;
  return { message, expected, actual: short(body.text) || '(empty body)' };
}

/**
 * An answer the kit can read: a JSON body (§1.2) under a JSON media type (D16: enough to read it;
 * the exact §1.5 header is a rule of its own). `notJson` is the words of the first problem.
 */
export function readableAnswerProblem(answer: WireAnswer, notJson: string): Problem | undefined {
  const body = bodyOf(answer);
  const problem = notJsonProblem(body, notJson, 'a JSON body');
  if (problem) return problem;
  const type = headerOf(answer, 'content-type');
  if (/^application\/json\b/i.test(type)) return undefined;
  return {
    message: 'the answer has no JSON Content-Type',
    expected: 'application/json',
    actual: type || '(none)',
  };
}

/** `resultCode` is a string (tables 2-3, 3-3, 4-3), not a number. */
export function resultCodeTypeProblem(value: unknown): Problem | undefined {
  const code = fieldOf(value, 'resultCode');
  if (typeof code === 'string') return undefined;
  return {
    message: 'resultCode is not a string',
    expected: 'a string resultCode such as "0"',
    actual: JSON.stringify(code) ?? 'undefined',
  };
}

/** Each schema violation as a problem of its own, naming its field's clause; a case shows them together. */
export function schemaProblems(
  type: MessageType,
  violations: readonly Violation[],
  value: unknown,
  what: string,
): Problem[] {
  if (violations.length === 0) return [];
  const all = violations.map((v) => v.message).join('; ');
  return violations.map((v) => ({
    message: `${what} is not a valid ${type}: ${v.message}`,
    expected: `a ${type} as the spec's table gives it`,
    actual: short(JSON.stringify(value) ?? 'undefined'),
    clause: v.clause,
    ...(v.decision ? { decision: v.decision } : {}),
    summary: `${what} is not a valid ${type}: ${all}`,
  }));
}
