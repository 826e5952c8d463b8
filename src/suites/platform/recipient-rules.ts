// The per-recipient readings of a send answer (§5.5, D19) and the correlation of a status report
// with its send (§4), as pure functions: each returns the problem (message, expected, actual) or
// undefined. The platform cases check them on their own sends; the proxy on live traffic.

import type { PlannedRecipient } from '../../schema/recipients.js';
import { type Answer, matchRecipients, sameRecipient } from './checks.js';

export interface Problem {
  message: string;
  expected: string;
  actual: string;
}

export interface RecipientResult {
  mobile: unknown;
  resultCode: unknown;
  messageId: unknown;
}

/**
 * D19 (SHOULD): an accepted request has one result per recipient. `shown` says what the answer
 * held instead of results (`no resultLists`, `resultLists []`), so an empty list reads as such.
 */
export function recipientCountProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
  shown = 'no results',
): Problem | undefined {
  if (results.length === planned.length) return undefined;
  return {
    message: `D19: one result per recipient (our reading: table 2-3 marks resultLists 可选 and never says "one per recipient"); the request had ${planned.length} recipients, the answer has ${results.length} results`,
    expected: `${planned.length} results`,
    actual:
      results.length === 0
        ? `0 results (${shown})`
        : `${results.length}: ${results.map((x) => JSON.stringify(x.mobile)).join(' ')}`,
  };
}

/** §5.5 (MUST): each result's mobile is a recipient's number (with or without its country code, §1.4). */
export function foreignMobileProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
): Problem | undefined {
  const sent = [...new Set(planned.map((p) => p.mobile))];
  const foreign = results.filter((x) => !sent.some((m) => sameRecipient(x.mobile, m)));
  if (foreign.length === 0) return undefined;
  return {
    message: `§5.5: mobile is "接收方手机号", the recipient's number (with or without its country code, §1.4); ${foreign.map((x) => JSON.stringify(x.mobile)).join(', ')} is no recipient of the request`,
    expected: sent.join(', '),
    actual: results.map((x) => JSON.stringify(x.mobile)).join(' '),
  };
}

/** D19 (SHOULD): each result's mobile is a number exactly as it was sent. */
export function rewrittenMobileProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
): Problem | undefined {
  const sent = new Set(planned.map((p) => p.mobile));
  const rewritten = results.filter((x) => typeof x.mobile !== 'string' || !sent.has(x.mobile));
  if (rewritten.length === 0) return undefined;
  return {
    message: `D19: mobile is the number as sent (our reading: §5.5 says only 接收方手机号); ${rewritten.map((x) => JSON.stringify(x.mobile)).join(', ')} differs from what was sent`,
    expected: [...sent].join(', '),
    actual: results.map((x) => JSON.stringify(x.mobile)).join(' '),
  };
}

/** D19 (SHOULD): the results follow the request order, message by message, mobile by mobile. */
export function recipientOrderProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
  shown = 'no results',
): Problem | undefined {
  const expected = planned.map((p) => p.mobile).join(' ');
  const actual = results.map((x) => String(x.mobile)).join(' ');
  if (expected === actual) return undefined;
  return {
    message: 'D19: results follow the request order',
    expected,
    actual: results.length === 0 ? `(${shown})` : actual,
  };
}

/** §5.5 (MUST): the customer's messageId comes back for every recipient of its message. */
export function messageIdEchoProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
  customerMessageId: string,
): Problem | undefined {
  const want = planned.filter((p) => p.messageId === customerMessageId).length;
  const got = results.filter((x) => x.messageId === customerMessageId).length;
  if (got === want) return undefined;
  return {
    message: `§5.5: messageId is the request's messageId; ${want} recipient(s) were sent with ${customerMessageId}, ${got} result(s) carry it`,
    expected: `${want} results with messageId ${customerMessageId}`,
    actual: results.map((x) => `${String(x.mobile)}:${JSON.stringify(x.messageId)}`).join(' '),
  };
}

/** Table 2-3 / §5.5 (MUST): every recipient's resultCode is a String. */
export function recipientCodeTypeProblem(results: readonly RecipientResult[]): Problem | undefined {
  const codes = results.map((x) => x.resultCode);
  const bad = codes.filter((c) => typeof c !== 'string');
  if (bad.length === 0) return undefined;
  return {
    message: `table 2-3 / §5.5: resultCode is a String; ${bad.length} recipient result(s) carry another type`,
    expected: 'a string resultCode such as "0" for every recipient',
    actual: codes.map((c) => JSON.stringify(c)).join(' '),
  };
}

/** Which field of a status report fails to correlate with its send (§4). */
export type CorrelationField = 'messageId' | 'mobile' | 'requestId';

export interface CorrelationProblem extends Problem {
  field: CorrelationField;
}

/**
 * §4 (MUST): a report's messageId is one the send answer returned, its mobile the number of a
 * recipient that got that messageId (a customer's messageId is shared by the recipients of its
 * message, D19), its requestId (when present) the send's. Every problem, in that order.
 */
export function reportCorrelationProblems(
  report: unknown,
  expected: readonly Expected[],
  requestId: string | undefined,
): CorrelationProblem[] {
  const r = (report ?? {}) as { messageId?: unknown; mobile?: unknown; requestId?: unknown };
  const out: CorrelationProblem[] = [];
  const mobiles = expected.filter((e) => e.messageId === r.messageId).map((e) => e.mobile);
  if (mobiles.length === 0)
    out.push({
      field: 'messageId',
      message: '§4: messageId is the same as the one the send response returned',
      expected: `one of ${[...new Set(expected.map((e) => e.messageId))].join(', ')}`,
      actual: JSON.stringify(r.messageId),
    });
  // The mobile is judged against the recipients the messageId names, so only for a known one.
  else if (!mobiles.includes(r.mobile as string))
    out.push({
      field: 'mobile',
      message: `§4: mobile is the same number as in the send request (for messageId ${String(r.messageId)})`,
      expected: mobiles.join(' or '),
      actual: JSON.stringify(r.mobile),
    });
  if (r.requestId !== undefined && r.requestId !== requestId)
    out.push({
      field: 'requestId',
      message:
        '§4 table 4-2: requestId, when sent, is the requestId of the send (用于与下发消息时的requestId进行关联)',
      expected: String(requestId),
      actual: JSON.stringify(r.requestId),
    });
  return out;
}

/** An accepted recipient of a send, with the messageId its status report must carry. */
export interface Expected {
  mobile: string;
  messageId: string;
}

/** The recipients an answer accepted: "0" at the top and for the recipient, with a string messageId. */
export function acceptedRecipients(request: unknown, answer: Answer): Expected[] {
  if (answer.resultCode !== '0') return [];
  return matchRecipients(request, answer)
    .results.filter(
      (x) => x.resultCode === '0' && typeof x.messageId === 'string' && typeof x.mobile === 'string',
    )
    .map((x) => ({ mobile: x.mobile as string, messageId: x.messageId as string }));
}
