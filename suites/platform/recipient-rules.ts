// The per-recipient readings of a send answer (§5.5, D19) and the correlation of a status report
// with its send (§4), as pure functions: each returns the problem (message, expected, actual) or
// undefined. The platform cases check them on their own sends; the proxy on live traffic.
import { type Answer, matchRecipients } from './checks.js';
import type { PlannedRecipient } from './context.js';

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

/** §5.5, D19 (MUST): an accepted request has one result per recipient. */
export function recipientCountProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
): Problem | undefined {
  if (results.length === planned.length) return undefined;
  return {
    message: `§5.5, D19: one result per recipient; the request had ${planned.length} recipients, the answer has ${results.length} results`,
    expected: `${planned.length} results`,
    actual: `${results.length}: ${results.map((x) => JSON.stringify(x.mobile)).join(' ')}`,
  };
}

/** §5.5, D19 (MUST): each result's mobile is one of the numbers sent, exactly as sent. */
export function foreignMobileProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
): Problem | undefined {
  const sent = new Set(planned.map((p) => p.mobile));
  const foreign = results.filter((x) => typeof x.mobile !== 'string' || !sent.has(x.mobile));
  if (foreign.length === 0) return undefined;
  return {
    message: `§5.5, D19: mobile is the recipient's number as sent; ${foreign.map((x) => JSON.stringify(x.mobile)).join(', ')} was not sent`,
    expected: [...sent].join(', '),
    actual: results.map((x) => JSON.stringify(x.mobile)).join(' '),
  };
}

/** D19 (SHOULD): the results follow the request order, message by message, mobile by mobile. */
export function recipientOrderProblem(
  planned: readonly PlannedRecipient[],
  results: readonly RecipientResult[],
): Problem | undefined {
  const expected = planned.map((p) => p.mobile).join(' ');
  const actual = results.map((x) => String(x.mobile)).join(' ');
  return expected === actual
    ? undefined
    : { message: 'D19: results follow the request order', expected, actual };
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
      message: '§4: requestId correlates with the send request',
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
