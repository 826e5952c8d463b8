// Checks of the platform's answers to sendTemplateMessage, on top of the shared ones: accepted,
// rejected with a code, not accepted, one result per recipient. Each fails the case with the
// requirement, what was expected and what came.
import type { CaseRecorder } from '../../src/cases/case.js';
import { checkJsonAnswer, checkResultCodeIsString, checkSchema } from '../shared/checks.js';
import { type PlannedRecipient, plannedRecipients, type SendResult } from './context.js';

export function short(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface Answer {
  resultCode: string;
  resultDesc?: unknown;
  resultLists?: unknown;
}

/** The answer as JSON with a string resultCode (§2 table 2-3), or the case fails. */
export function answerOf(t: CaseRecorder, r: SendResult): Answer {
  const body = checkJsonAnswer(t, r);
  checkResultCodeIsString(t, body);
  return body as Answer;
}

export function resultsOf(answer: Answer): unknown[] {
  return Array.isArray(answer.resultLists) ? answer.resultLists : [];
}

/** What the answer holds in place of per-recipient results, said plainly (never an empty line). */
export function resultListsShown(answer: Answer): string {
  const lists = answer.resultLists;
  if (lists === undefined) return 'no resultLists';
  if (lists === null) return 'resultLists null';
  if (!Array.isArray(lists)) return `resultLists ${short(JSON.stringify(lists), 80)} (not a list)`;
  return lists.length === 0 ? 'resultLists []' : `${lists.length} result(s)`;
}

function codeOf(value: unknown): unknown {
  return (value as { resultCode?: unknown } | null)?.resultCode;
}

function describe(answer: Answer, r: SendResult): string {
  const results = resultsOf(answer);
  const perRecipient =
    results.length > 0 ? `, recipients ${results.map((x) => JSON.stringify(codeOf(x))).join(' ')}` : '';
  return `HTTP ${r.status ?? '?'}, resultCode ${JSON.stringify(answer.resultCode)}${perRecipient}`;
}

/** The request was accepted: top-level "0", a valid answer, and "0" for every recipient (D9). */
export function expectAccepted(t: CaseRecorder, r: SendResult, requirement: string): Answer {
  const answer = answerOf(t, r);
  t.check(
    answer.resultCode === '0',
    `${requirement}; the platform refused it: ${short(String(answer.resultDesc ?? ''), 120) || 'no resultDesc'}`,
    'resultCode "0"',
    describe(answer, r),
  );
  checkSchema(t, 'SendTemplateMessageResponse', answer);
  const refused = resultsOf(answer).filter((x) => codeOf(x) !== '0');
  t.check(
    refused.length === 0,
    `${requirement}; the platform accepted the request but refused ${refused.length} recipient(s) (D9)`,
    'resultCode "0" for every recipient',
    describe(answer, r),
  );
  return answer;
}

/** Nobody was accepted: a non-"0" top-level code, or every recipient refused (D9, D11). */
export function expectNotAccepted(t: CaseRecorder, r: SendResult, requirement: string): Answer {
  const answer = answerOf(t, r);
  const results = resultsOf(answer);
  // Judged from the answer, not only from the budget: an undeliverable number counts for nothing there.
  const acceptedSome =
    answer.resultCode === '0' &&
    (results.length === 0 || results.some((x) => [undefined, '0'].includes(codeOf(x) as string)));
  t.check(
    !acceptedSome && r.accepted === 0,
    `${requirement}; the platform accepted it`,
    'a non-"0" resultCode (or every recipient refused)',
    describe(answer, r),
  );
  return answer;
}

/**
 * Rejected with one of `codes` at the top level (the first is the spec's; the others are codes a
 * second, unavoidable fault of the same request also justifies, D10).
 */
export function expectCode(
  t: CaseRecorder,
  r: SendResult,
  codes: readonly string[],
  requirement: string,
): Answer {
  const answer = answerOf(t, r);
  const wanted = codes.map((c) => `"${c}"`).join(' or ');
  t.check(
    codes.includes(answer.resultCode) && r.accepted === 0,
    `${requirement}; the answer is resultCode ${JSON.stringify(answer.resultCode)}${r.accepted > 0 ? `, ${r.accepted} recipient(s) accepted` : ''}`,
    `resultCode ${wanted}`,
    describe(answer, r),
  );
  if (answer.resultCode !== codes[0])
    t.note(`rejected with ${answer.resultCode}, which the request's second fault also justifies (D10)`);
  return answer;
}

/** How the answer's per-recipient results line up with the request's recipients (D19). */
export interface RecipientMatch {
  planned: PlannedRecipient[];
  results: { mobile: unknown; resultCode: unknown; messageId: unknown }[];
}

export function matchRecipients(request: unknown, answer: Answer): RecipientMatch {
  return {
    planned: plannedRecipients(request),
    results: resultsOf(answer).map((x) => {
      const o = (x ?? {}) as { mobile?: unknown; resultCode?: unknown; messageId?: unknown };
      return { mobile: o.mobile, resultCode: o.resultCode, messageId: o.messageId };
    }),
  };
}

/** Credentials with a fault are also wrong credentials: 100001 is as justified as 100003 (D10). */
const CREDENTIALS = new Set(['account', 'password']);
/** A template id or signature with a fault is also unknown: D17 requires only a non-"0" code there. */
const RECORDS = new Set(['requestLists.[].templateId', 'requestLists.[].signature']);

/** The codes a missing or empty field at `key` justifies: 100002, and 100001 for credentials (D10). */
export function missingCodes(key: string): string[] {
  return CREDENTIALS.has(key) ? ['100002', '100001'] : ['100002'];
}

/** The decisions a format fault of the field at `key` (a schema path key) depends on. */
export function formatFaultDecisions(key: string): string[] {
  return CREDENTIALS.has(key) ? ['D10'] : RECORDS.has(key) ? ['D10', 'D17'] : [];
}

/**
 * A format fault (too long, wrong type) of the field at `key` is rejected with 100003, or with a
 * code its unavoidable second fault justifies: 100001 for credentials, any non-"0" for a template
 * id or signature the platform does not know (D10, D17).
 */
export function expectFormatError(t: CaseRecorder, r: SendResult, key: string, requirement: string): void {
  if (RECORDS.has(key)) {
    const answer = expectNotAccepted(t, r, requirement);
    t.note(
      answer.resultCode === '100003'
        ? 'rejected with 100003'
        : `rejected with ${answer.resultCode} (the value is also unknown to the platform: D17 asks only for a non-"0" code)`,
    );
    return;
  }
  expectCode(t, r, CREDENTIALS.has(key) ? ['100003', '100001'] : ['100003'], requirement);
}
