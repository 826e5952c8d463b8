// Checks shared by the example cases, the property cases and the receiver: each a small named
// function that fails the case with the requirement, what was expected and what came.
import type { CaseRecorder } from '../../cases/case.js';
import type { HttpResult } from '../../client/http.js';
import { JSON_CONTENT_TYPE, specContentTypeProblem } from '../../http/content-type.js';
import { describeInvalidUtf8, type InvalidUtf8 } from '../../http/utf8.js';
import type { MessageType } from '../../schema/message-types.js';
import { validators } from '../../validate/validators.js';

function short(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The body's bytes are UTF-8 (D22: §1.2 "UTF-8编码", and every message's Content-Type says
 * charset=UTF-8, §1.5); a failure shows the bytes around the first bad sequence.
 */
export function checkUtf8(t: CaseRecorder, invalid: InvalidUtf8 | undefined, what = 'the answer'): void {
  const where = invalid ? describeInvalidUtf8(invalid) : '';
  t.check(
    invalid === undefined,
    `${what} is not UTF-8 (§1.2, §1.5 charset=UTF-8, D22)`,
    'a body in UTF-8',
    where,
  );
}

/** The answer is JSON (§1.2) in UTF-8, with a JSON media type. */
export function checkJsonAnswer(t: CaseRecorder, r: HttpResult): unknown {
  // The body is read (and so masked) only to show a failure.
  t.check(
    r.isJson,
    'the answer is not JSON (§1.2)',
    'a JSON body',
    r.isJson ? '' : short(r.exchange.response?.body ?? '') || '(empty body)',
  );
  checkUtf8(t, r.invalidUtf8);
  const type = r.exchange.response?.headers['content-type'] ?? '';
  t.check(
    /^application\/json\b/i.test(type),
    'the answer has no JSON Content-Type',
    'application/json',
    type || '(none)',
  );
  return r.json;
}

/** The value validates against the message's schema (every MUST rule of the tables). */
export function checkSchema(t: CaseRecorder, type: MessageType, value: unknown, what = 'the answer'): void {
  const violations = validators[type].violations(value);
  t.check(
    violations.length === 0,
    `${what} is not a valid ${type}: ${violations.map((v) => v.message).join('; ')}`,
    `a ${type} as the spec's table gives it`,
    short(JSON.stringify(value)),
  );
}

/** `resultCode` is a string (tables 2-3, 3-3, 4-3), not a number. */
export function checkResultCodeIsString(t: CaseRecorder, value: unknown): string {
  const code = (value as { resultCode?: unknown } | null)?.resultCode;
  t.check(
    typeof code === 'string',
    'resultCode is not a string',
    'a string resultCode such as "0"',
    JSON.stringify(code),
  );
  return code;
}

/** The top-level `resultCode` is exactly `code`. */
export function expectResultCode(t: CaseRecorder, value: unknown, code: string): void {
  const actual = (value as { resultCode?: unknown } | null)?.resultCode;
  t.check(
    actual === code,
    `resultCode is ${JSON.stringify(actual)}, not "${code}"`,
    `resultCode "${code}"`,
    JSON.stringify(actual),
  );
}

/** The request was not accepted: a non-"0" top-level code, or every recipient refused (D9). */
export function expectRejected(t: CaseRecorder, value: unknown, accepted: number): void {
  const code = (value as { resultCode?: unknown } | null)?.resultCode;
  t.check(
    accepted === 0 && code !== '0' && code !== 0,
    `the request was accepted (resultCode ${JSON.stringify(code)}, ${accepted} recipient(s) accepted)`,
    'a non-"0" resultCode and no recipient accepted',
    `resultCode ${JSON.stringify(code)}`,
  );
}

/** The answer carries the §1.5 Content-Type, charset included (D16); returns the header as sent. */
export function checkSpecContentType(t: CaseRecorder, r: HttpResult): string {
  const type = r.exchange.response?.headers['content-type'] ?? '';
  const problem = specContentTypeProblem(type);
  t.check(
    problem === undefined,
    `§1.5, D16: every message, answers included, carries Content-Type: application/json;charset=UTF-8 (所有接口消息头必须要带); the answer has ${problem}`,
    JSON_CONTENT_TYPE,
    type || '(no Content-Type)',
  );
  return type;
}
