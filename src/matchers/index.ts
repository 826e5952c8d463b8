// Assertions for a user's own tests, in the shape jest and vitest share for `expect.extend`: each
// takes the received value (and its arguments) and returns `{ pass, message, expected, actual }`.
// They judge with the kit's validators (one source of truth), so a failure lists each violation
// with its path, limit and clause as the conformance reports do. Nothing here imports a test
// framework: `iot-sms-conformance/matchers` works under jest, vitest or any jest-style expect.
import type { SendTemplateMessageRequest } from '../../generated/types.js';
import { isMessageType, MESSAGE_TYPES, type MessageType } from '../schema/message-types.js';
import { plannedRecipients } from '../schema/recipients.js';
import { validators } from '../validate/validators.js';
import type { Violation } from '../validate/violation.js';

/** What jest and vitest call with `this`: only `isNot` is read. */
export interface MatcherContext {
  isNot?: boolean;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
  expected?: unknown;
  actual?: unknown;
}

/** A body as received: parsed JSON, or its text. */
function parsed(received: unknown): { value: unknown; error?: string } {
  if (typeof received !== 'string') return { value: received };
  try {
    return { value: JSON.parse(received) as unknown };
  } catch {
    return { value: received, error: 'the text is not JSON (§1.2)' };
  }
}

function listViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `  - ${v.message} [${v.level}${v.decision ? `, ${v.decision}` : ''}]`)
    .join('\n');
}

/**
 * `expect(body).toBeValid('SendTemplateMessageRequest')`: the value (or JSON text) is a valid
 * message of that type, by the spec's tables (MUST); with `{ strict: true }`, by our SHOULD
 * readings too. A failure lists every violation: path, limit, clause.
 */
export function toBeValid(
  this: MatcherContext | undefined,
  received: unknown,
  type: MessageType,
  options: { strict?: boolean } = {},
): MatcherResult {
  if (!isMessageType(type))
    throw new TypeError(
      `toBeValid: unknown message type ${JSON.stringify(type)}; one of ${MESSAGE_TYPES.join(', ')}`,
    );
  const { value, error } = parsed(received);
  const validator = validators[type];
  const violations = error
    ? []
    : options.strict
      ? validator.strictViolations(value)
      : validator.violations(value);
  const pass = !error && violations.length === 0;
  const what = `${type}${options.strict ? ' (strict)' : ''}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected the value not to be a valid ${what}, but it is`
        : `expected a valid ${what}, but ${error ?? `it has ${violations.length} violation(s):\n${listViolations(violations)}`}`,
    expected: `a valid ${what}`,
    actual: error ?? violations.map((v) => v.message),
  };
}

function codeOf(value: unknown): unknown {
  return value !== null && typeof value === 'object'
    ? (value as { resultCode?: unknown }).resultCode
    : undefined;
}

/**
 * `expect(answer).toHaveResultCode('100003')`: the top-level `resultCode` is exactly that string
 * (tables 2-3, 3-3, 4-3: a String; a number 100003 does not pass).
 */
export function toHaveResultCode(
  this: MatcherContext | undefined,
  received: unknown,
  code: string,
): MatcherResult {
  const { value, error } = parsed(received);
  const actual = codeOf(value);
  const pass = !error && actual === code;
  return {
    pass,
    message: () =>
      pass
        ? `expected a resultCode other than "${code}"`
        : `expected resultCode "${code}" (a string, §5.1), got ${error ?? JSON.stringify(actual)}`,
    expected: code,
    actual: error ?? actual,
  };
}

/**
 * `expect(answer).toAnswerEveryRecipientOf(request)`: `resultLists` holds one MtSmsMessageRsp per
 * recipient of the request, flattened in request order (message by message, mobile by mobile),
 * each `mobile` exactly as sent and each `resultCode` a string (§5.5, D19).
 */
export function toAnswerEveryRecipientOf(
  this: MatcherContext | undefined,
  received: unknown,
  request: SendTemplateMessageRequest,
): MatcherResult {
  if (request === null || typeof request !== 'object')
    throw new TypeError('toAnswerEveryRecipientOf needs the SendTemplateMessageRequest that was sent');
  const { value, error } = parsed(received);
  // In the order D19 expects them: message by message, mobile by mobile (the suites' own reading).
  const sent = plannedRecipients(request).map((r) => r.mobile);
  const lists =
    value !== null && typeof value === 'object'
      ? (value as { resultLists?: unknown }).resultLists
      : undefined;
  const results = Array.isArray(lists) ? lists : [];
  const answered = results.map((r) =>
    r !== null && typeof r === 'object' ? (r as { mobile?: unknown }).mobile : r,
  );
  const problems: string[] = [];
  if (error) problems.push(error);
  else if (!Array.isArray(lists)) problems.push(`resultLists is ${JSON.stringify(lists)}, not a list`);
  if (results.length !== sent.length)
    problems.push(`${results.length} result(s) for ${sent.length} recipient(s)`);
  sent.forEach((mobile, i) => {
    if (i < answered.length && answered[i] !== mobile)
      problems.push(
        `result ${i} is for ${JSON.stringify(answered[i])}, recipient ${i} is ${JSON.stringify(mobile)}`,
      );
  });
  results.forEach((r, i) => {
    if (typeof codeOf(r) !== 'string')
      problems.push(`result ${i} has resultCode ${JSON.stringify(codeOf(r))}, not a string`);
  });
  const pass = problems.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? 'expected the answer not to hold one result per recipient, but it does'
        : `expected one result per recipient in request order, mobile as sent (§5.5, D19):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    expected: sent,
    actual: answered,
  };
}

/** Every matcher, for `expect.extend(smsMatchers)` in jest or vitest. */
export const smsMatchers = { toBeValid, toHaveResultCode, toAnswerEveryRecipientOf };

/** The matchers' signatures without the received value, for typing an `expect` (vitest/jest). */
export interface SmsMatchers<R> {
  toBeValid(type: MessageType, options?: { strict?: boolean }): R;
  toHaveResultCode(code: string): R;
  toAnswerEveryRecipientOf(request: SendTemplateMessageRequest): R;
}
