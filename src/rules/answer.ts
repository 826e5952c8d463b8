// Reading a send answer (table 2-3, §5.5): its top-level code, its per-recipient results, and how
// they line up with the request's recipients (D19). Pure helpers of the rules and the cases.
import { type PlannedRecipient, plannedRecipients } from '../schema/recipients.js';
import { short } from './body.js';

export interface Answer {
  resultCode: string;
  resultDesc?: unknown;
  resultLists?: unknown;
}

export interface RecipientResult {
  mobile: unknown;
  resultCode: unknown;
  messageId: unknown;
}

export function codeOf(value: unknown): unknown {
  return (value as { resultCode?: unknown } | null)?.resultCode;
}

export function resultsOf(answer: unknown): unknown[] {
  const lists = (answer as { resultLists?: unknown } | null)?.resultLists;
  return Array.isArray(lists) ? lists : [];
}

/** What the answer holds in place of per-recipient results, said plainly (never an empty line). */
export function resultListsShown(answer: unknown): string {
  const lists = (answer as { resultLists?: unknown } | null)?.resultLists;
  if (lists === undefined) return 'no resultLists';
  if (lists === null) return 'resultLists null';
  if (!Array.isArray(lists)) return `resultLists ${short(JSON.stringify(lists), 80)} (not a list)`;
  return lists.length === 0 ? 'resultLists []' : `${lists.length} result(s)`;
}

/** How the answer's per-recipient results line up with the request's recipients (D19). */
export interface RecipientMatch {
  planned: PlannedRecipient[];
  results: RecipientResult[];
}

export function matchRecipients(request: unknown, answer: unknown): RecipientMatch {
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
export function messagesWithoutGeneratedId(request: unknown, answer: unknown): number[] {
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

/** An accepted recipient of a send, with the messageId its status report must carry. */
export interface AcceptedRecipient {
  mobile: string;
  messageId: string;
}

/** The recipients an answer accepted: "0" at the top and for the recipient, with a string messageId. */
export function acceptedRecipients(request: unknown, answer: unknown): AcceptedRecipient[] {
  if (codeOf(answer) !== '0') return [];
  return matchRecipients(request, answer)
    .results.filter(
      (x) => x.resultCode === '0' && typeof x.messageId === 'string' && typeof x.mobile === 'string',
    )
    .map((x) => ({ mobile: x.mobile as string, messageId: x.messageId as string }));
}

/** ` (resultDesc "…")`, when the answer has one: the reason a target gives for a code is often there. */
export function reasonOf(answer: unknown): string {
  const desc = (answer as { resultDesc?: unknown } | null | undefined)?.resultDesc;
  return typeof desc === 'string' && desc.trim() !== ''
    ? ` (resultDesc ${JSON.stringify(short(desc, 120))})`
    : '';
}

/** `HTTP 200, resultCode "0", recipients "0" "0"`: an answer in one line. */
export function describeAnswer(answer: unknown, status: number | undefined): string {
  const results = resultsOf(answer);
  const perRecipient =
    results.length > 0 ? `, recipients ${results.map((x) => JSON.stringify(codeOf(x))).join(' ')}` : '';
  return `HTTP ${status ?? '?'}, resultCode ${JSON.stringify(codeOf(answer))}${perRecipient}`;
}
