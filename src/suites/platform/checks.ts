// Checks of the platform's answers to sendTemplateMessage, on top of the shared ones: accepted,
// rejected with a code, not accepted, one result per recipient. Each fails the case with the
// requirement, what was expected and what came.
import type { CaseRecorder } from '../../cases/case.js';
import type { PathSegment } from '../../schema/navigate.js';
import { type PlannedRecipient, plannedRecipients } from '../../schema/recipients.js';
import { checkJsonAnswer, checkResultCodeIsString, checkSchema } from '../shared/checks.js';
import type { SendResult } from './context.js';

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

/**
 * Where the one fault of a request sits, when it is not the request's as a whole: in one message
 * (all its recipients are at fault) or in one recipient's number. §5.5 gives each recipient its
 * own resultCode, so a platform may answer such a fault per recipient (D9).
 */
export interface FaultScope {
  message: number;
  /** The index in the message's mobiles, when the fault is one number. */
  mobile?: number;
}

/** The fault's scope from its concrete path; undefined for a fault of the request or of a whole list of numbers. */
export function faultScope(path: readonly PathSegment[]): FaultScope | undefined {
  if (path[0] !== 'requestLists' || typeof path[1] !== 'number' || path.length < 3) return undefined;
  if (path[2] !== 'mobiles') return { message: path[1] };
  return typeof path[3] === 'number' ? { message: path[1], mobile: path[3] } : undefined;
}

/** A request with one fault, and where it sits: what the per-recipient reading is judged on. */
export interface FaultyRequest {
  request: unknown;
  scope: FaultScope | undefined;
}

/** The recipients a fault concerns, with their flat index (message by message, mobile by mobile). */
function recipientsAtFault(request: unknown, scope: FaultScope): { mobile: string; index: number }[] {
  const lists = (request as { requestLists?: unknown } | null)?.requestLists;
  if (!Array.isArray(lists)) return [];
  const out: { mobile: string; index: number }[] = [];
  let index = 0;
  lists.forEach((message: unknown, m) => {
    const mobiles = (message as { mobiles?: unknown } | null)?.mobiles;
    if (!Array.isArray(mobiles)) return;
    mobiles.forEach((mobile: unknown, j) => {
      if (typeof mobile !== 'string') return;
      if (m === scope.message && (scope.mobile === undefined || scope.mobile === j))
        out.push({ mobile, index });
      index += 1;
    });
  });
  return out;
}

/**
 * The results the answer gives the recipients at fault: by position when the answer lists every
 * recipient in request order (D19), else by mobile, a refused result first for a number that is
 * also sent to recipients not at fault.
 */
function resultsAtFault(
  request: unknown,
  answer: Answer,
  scope: FaultScope,
): { mobile: string; result: unknown }[] {
  const planned = plannedRecipients(request);
  const results = resultsOf(answer);
  const mobileOf = (x: unknown) => (x as { mobile?: unknown } | null)?.mobile;
  const inOrder =
    results.length === planned.length && results.every((x, i) => mobileOf(x) === planned[i]?.mobile);
  const unused = new Set(results.map((_, i) => i));
  return recipientsAtFault(request, scope).map(({ mobile, index }) => {
    if (inOrder) return { mobile, result: results[index] };
    const candidates = [...unused].filter((i) => mobileOf(results[i]) === mobile);
    const pick = candidates.find((i) => codeOf(results[i]) !== '0') ?? candidates[0];
    if (pick === undefined) return { mobile, result: undefined };
    unused.delete(pick);
    return { mobile, result: results[pick] };
  });
}

/**
 * The per-recipient reading of a fault (§5.5, D9): the request accepted (top-level "0") and every
 * recipient at fault refused in resultLists, with one of `codes` when given; the case fails
 * otherwise. Recipients not at fault may be accepted: the budget counts them (D9).
 */
function expectRefusedPerRecipient(
  t: CaseRecorder,
  r: SendResult,
  answer: Answer,
  fault: { request: unknown; scope: FaultScope },
  requirement: string,
  codes?: readonly string[],
): void {
  const atFault = resultsAtFault(fault.request, answer, fault.scope);
  const shown = atFault
    .map((f) => `${f.mobile}: ${f.result === undefined ? 'no result' : JSON.stringify(codeOf(f.result))}`)
    .join(', ');
  const refused = (x: unknown) => {
    const code = codeOf(x);
    return typeof code === 'string' && code !== '0' && (!codes || codes.includes(code));
  };
  const wanted = codes ? codes.map((c) => `"${c}"`).join(' or ') : 'a non-"0" resultCode';
  t.check(
    atFault.length > 0 && atFault.every((f) => refused(f.result)),
    `${requirement}; the platform accepted the request (resultCode "0") and did not refuse the recipient(s) at fault with ${wanted} in resultLists (§5.5, D9)`,
    `a top-level rejection, or resultCode "0" with ${wanted} for ${atFault.map((f) => f.mobile).join(', ') || 'the recipients at fault'}`,
    `${describe(answer, r)}; at fault: ${shown || 'none found in the request'}`,
  );
  t.note(
    `accepted the request and refused the recipient(s) at fault in resultLists (${shown}): the per-recipient reading (§5.5, D9); ${r.accepted} other recipient(s) accepted`,
  );
}

/**
 * Nobody was accepted: a non-"0" top-level code, or every recipient refused (D9, D11). Given the
 * fault's scope, a top-level "0" that refuses every recipient at fault passes too (§5.5, D9).
 */
export function expectNotAccepted(
  t: CaseRecorder,
  r: SendResult,
  requirement: string,
  fault?: FaultyRequest,
): Answer {
  const answer = answerOf(t, r);
  if (answer.resultCode === '0' && fault?.scope) {
    expectRefusedPerRecipient(t, r, answer, { request: fault.request, scope: fault.scope }, requirement);
    return answer;
  }
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
 * second, unavoidable fault of the same request also justifies, D10). Given the fault's scope, a
 * top-level "0" that refuses every recipient at fault with one of `codes` passes too (§5.5, D9).
 */
export function expectCode(
  t: CaseRecorder,
  r: SendResult,
  codes: readonly string[],
  requirement: string,
  fault?: FaultyRequest,
): Answer {
  const answer = answerOf(t, r);
  if (answer.resultCode === '0' && fault?.scope) {
    expectRefusedPerRecipient(
      t,
      r,
      answer,
      { request: fault.request, scope: fault.scope },
      requirement,
      codes,
    );
    return answer;
  }
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

/**
 * Whether a result's `mobile` names the recipient `sent`: §5.5 says only "接收方手机号" (the
 * recipient's number), and §1.4 lets a domestic number go with or without its country code, so
 * `13600000001`, `8613600000001` and `+8613600000001` name one recipient (D19).
 */
export function sameRecipient(result: unknown, sent: string): boolean {
  if (typeof result !== 'string') return false;
  const canonical = (m: string) => {
    const digits = m.replace(/^\+/, '');
    return /^1[0-9]{10}$/.test(digits) ? `86${digits}` : digits;
  };
  return canonical(result) === canonical(sent);
}

/**
 * The messages of the request without their own messageId for which the answer returns no
 * generated one: §5.4 "客户未定义时，系统生成并在响应消息中返回" (when the customer sets none, the
 * system generates one and returns it in the response). A message counts as answered when a result
 * for one of its recipients carries a messageId that is not a customer's (D19).
 */
export function messagesWithoutGeneratedId(request: unknown, answer: Answer): number[] {
  const planned = plannedRecipients(request);
  const own = new Set(planned.map((p) => p.messageId).filter((id) => id !== undefined));
  const withId = matchRecipients(request, answer).results.filter(
    (x) => typeof x.messageId === 'string' && x.messageId !== '' && !own.has(x.messageId),
  );
  const messages = [...new Set(planned.filter((p) => p.messageId === undefined).map((p) => p.messageIndex))];
  return messages.filter(
    (m) =>
      !planned.some((p) => p.messageIndex === m && withId.some((x) => sameRecipient(x.mobile, p.mobile))),
  );
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
export function expectFormatError(
  t: CaseRecorder,
  r: SendResult,
  key: string,
  requirement: string,
  fault?: FaultyRequest,
): void {
  if (RECORDS.has(key)) {
    const answer = expectNotAccepted(t, r, requirement, fault);
    if (answer.resultCode === '0') return;
    t.note(
      answer.resultCode === '100003'
        ? 'rejected with 100003'
        : `rejected with ${answer.resultCode} (the value is also unknown to the platform: D17 asks only for a non-"0" code)`,
    );
    return;
  }
  expectCode(t, r, CREDENTIALS.has(key) ? ['100003', '100001'] : ['100003'], requirement, fault);
}
