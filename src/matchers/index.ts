// Assertions for a user's own tests, in the shape jest and vitest share for `expect.extend`: each
// takes the received value (and its arguments) and returns `{ pass, message, expected, actual }`.
// They judge with the kit's rules (src/rules): the same rule, clause and level a conformance case
// or the proxy would give, listed per finding. Nothing here imports a test framework:
// `iot-sms-conformance/matchers` works under jest, vitest or any jest-style expect.
import type { SendTemplateMessageRequest } from '../../generated/types.js';
import {
  type Answer,
  acceptedJudgement,
  type Finding,
  judgeSendExchange,
  judgeValue,
  RULES,
  resultCodeIs,
  type SendExchange,
  schemaRulesOf,
} from '../rules/index.js';
import { isMessageType, MESSAGE_TYPES, type MessageType } from '../schema/message-types.js';
import { plannedRecipients } from '../schema/recipients.js';

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

/** One line per finding: the rule's level and clause (the field's, for a schema finding), its words, the rule. */
export function listFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const decisions = f.decision ? [f.decision] : (f.rule.decisions ?? []);
      return `  - ${f.message} [${[`${f.level} ${f.clause}`, ...decisions].join(', ')}; rule ${f.rule.id}]`;
    })
    .join('\n');
}

/**
 * `expect(body).toBeValid('SendTemplateMessageRequest')`: the value (or JSON text) is a valid
 * message of that type, by the spec's tables (MUST); with `{ strict: true }`, by our SHOULD
 * readings too. A failure lists every finding: path, limit, clause, level, rule.
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
  const rules = schemaRulesOf(type);
  const findings = error ? [] : judgeValue([rules.must, ...(options.strict ? rules.should : [])], value);
  const pass = !error && findings.length === 0;
  const what = `${type}${options.strict ? ' (strict)' : ''}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected the value not to be a valid ${what}, but it is`
        : `expected a valid ${what}, but ${error ?? `it has ${findings.length} violation(s):\n${listFindings(findings)}`}`,
    expected: `a valid ${what}`,
    actual: error ?? findings.map((f) => f.message),
  };
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
  const actual = (value as { resultCode?: unknown } | null | undefined)?.resultCode;
  const pass = !error && resultCodeIs(value, code).problem === undefined;
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

/** The answer to a request, as the send rules judge it (the bodies as JSON text). */
function sendExchange(request: unknown, answer: unknown): SendExchange {
  const json = { 'content-type': 'application/json;charset=UTF-8' };
  return {
    request: { method: 'POST', headers: json, body: Buffer.from(JSON.stringify(request)) },
    answer: { status: 200, headers: json, body: Buffer.from(JSON.stringify(answer) ?? '') },
  };
}

/** The rules of an answer's recipients: one result each, in order, the number as sent, a string code (§5.5, D19). */
const EVERY_RECIPIENT = [
  RULES.send.recipients.count,
  RULES.send.recipients.order,
  RULES.send.recipients.mobileExact,
  RULES.send.recipients.resultCodeString,
];

/**
 * `expect(answer).toAnswerEveryRecipientOf(request)`: the answer accepted the request and holds one
 * MtSmsMessageRsp per recipient, flattened in request order (message by message, mobile by
 * mobile), each `mobile` exactly as sent and each `resultCode` a string (§5.5, D19).
 */
export function toAnswerEveryRecipientOf(
  this: MatcherContext | undefined,
  received: unknown,
  request: SendTemplateMessageRequest,
): MatcherResult {
  if (request === null || typeof request !== 'object')
    throw new TypeError('toAnswerEveryRecipientOf needs the SendTemplateMessageRequest that was sent');
  const { value, error } = parsed(received);
  const refused = error
    ? undefined
    : acceptedJudgement(
        { answer: (value ?? {}) as Answer, status: 200, accepted: 0 },
        'the request is answered per recipient',
      ).problem;
  const findings = error || refused ? [] : judgeSendExchange(sendExchange(request, value), EVERY_RECIPIENT);
  const problems = [
    ...(error ? [`  - ${error}`] : []),
    ...(refused ? [`  - ${refused.message} (${refused.actual})`] : []),
    ...(findings.length > 0 ? [listFindings(findings)] : []),
  ];
  const pass = problems.length === 0;
  const lists = (value as { resultLists?: unknown } | null | undefined)?.resultLists;
  return {
    pass,
    message: () =>
      pass
        ? 'expected the answer not to hold one result per recipient, but it does'
        : `expected one result per recipient in request order, mobile as sent (§5.5, D19):\n${problems.join('\n')}`,
    expected: plannedRecipients(request).map((r) => r.mobile),
    actual: Array.isArray(lists) ? lists.map((r) => (r as { mobile?: unknown } | null)?.mobile) : lists,
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
