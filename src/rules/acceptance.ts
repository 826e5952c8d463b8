// Whether the platform accepted a request, refused it, or refused only the recipients at fault
// (§5.1, §5.5, D9, D10, D11): pure judgements of an answer that the cases parameterise (which code
// a fault calls for) and the proxy applies to a request that broke table 2-2. Each gives the
// problem, or a note of how the answer passed.
import { plannedRecipients } from '../schema/recipients.js';
import { type Answer, codeOf, describeAnswer, reasonOf, resultsOf } from './answer.js';
import { short } from './body.js';
import type { Problem } from './types.js';

/** What the answer came to: a problem when it breaks the expectation, a note of how it passed otherwise. */
export interface Judgement {
  problem?: Problem;
  note?: string;
}

/** The answer with the recipients the kit counted as accepted (0 where nothing is counted). */
export interface Answered {
  answer: Answer;
  status: number | undefined;
  /** Recipients counted as accepted for this request (the budget's count). */
  accepted: number;
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

/** A request with one fault, and where it sits: what the per-recipient reading is judged on. */
export interface FaultyRequest {
  request: unknown;
  scope: FaultScope | undefined;
}

/** The request was accepted: top-level "0", and "0" for every recipient (D9). The schema is another rule. */
export function acceptedJudgement(a: Answered, requirement: string): Judgement {
  if (a.answer.resultCode !== '0')
    return {
      problem: {
        message: `${requirement}; the platform refused it: ${short(String(a.answer.resultDesc ?? ''), 120) || 'no resultDesc'}`,
        expected: 'resultCode "0"',
        actual: describeAnswer(a.answer, a.status),
      },
    };
  const refused = resultsOf(a.answer).filter((x) => codeOf(x) !== '0');
  if (refused.length > 0)
    return {
      problem: {
        message: `${requirement}; the platform accepted the request but refused ${refused.length} recipient(s) (D9)`,
        expected: 'resultCode "0" for every recipient',
        actual: describeAnswer(a.answer, a.status),
      },
    };
  return {};
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
 * recipient at fault refused in resultLists, with one of `codes` when given. Recipients not at
 * fault may be accepted: the budget counts them (D9).
 */
function refusedPerRecipient(
  a: Answered,
  fault: { request: unknown; scope: FaultScope },
  requirement: string,
  codes?: readonly string[],
): Judgement {
  const atFault = resultsAtFault(fault.request, a.answer, fault.scope);
  const shown = atFault
    .map((f) => `${f.mobile}: ${f.result === undefined ? 'no result' : JSON.stringify(codeOf(f.result))}`)
    .join(', ');
  const refused = (x: unknown) => {
    const code = codeOf(x);
    return typeof code === 'string' && code !== '0' && (!codes || codes.includes(code));
  };
  const wanted = codes ? codes.map((c) => `"${c}"`).join(' or ') : 'a non-"0" resultCode';
  if (!(atFault.length > 0 && atFault.every((f) => refused(f.result))))
    return {
      problem: {
        message: `${requirement}; the platform accepted the request (resultCode "0") and did not refuse the recipient(s) at fault with ${wanted} in resultLists (§5.5, D9)`,
        expected: `a top-level rejection, or resultCode "0" with ${wanted} for ${atFault.map((f) => f.mobile).join(', ') || 'the recipients at fault'}`,
        actual: `${describeAnswer(a.answer, a.status)}; at fault: ${shown || 'none found in the request'}`,
      },
    };
  return {
    note: `accepted the request and refused the recipient(s) at fault in resultLists (${shown}): the per-recipient reading (§5.5, D9); ${a.accepted} other recipient(s) accepted`,
  };
}

/**
 * Nobody was accepted: a non-"0" top-level code, or every recipient refused (D9, D11). Given the
 * fault's scope, a top-level "0" that refuses every recipient at fault passes too (§5.5, D9).
 */
export function notAcceptedJudgement(a: Answered, requirement: string, fault?: FaultyRequest): Judgement {
  if (a.answer.resultCode === '0' && fault?.scope)
    return refusedPerRecipient(a, { request: fault.request, scope: fault.scope }, requirement);
  const results = resultsOf(a.answer);
  // Judged from the answer, not only from the budget: an undeliverable number counts for nothing there.
  const acceptedSome =
    a.answer.resultCode === '0' &&
    (results.length === 0 || results.some((x) => [undefined, '0'].includes(codeOf(x) as string)));
  if (acceptedSome || a.accepted !== 0)
    return {
      problem: {
        message: `${requirement}; the platform accepted it`,
        expected: 'a non-"0" resultCode (or every recipient refused)',
        actual: describeAnswer(a.answer, a.status),
      },
    };
  return {};
}

/**
 * Rejected with one of `codes` at the top level (the first is the spec's; the others are codes a
 * second, unavoidable fault of the same request also justifies, D10). Given the fault's scope, a
 * top-level "0" that refuses every recipient at fault with one of `codes` passes too (§5.5, D9).
 */
export function codeJudgement(
  a: Answered,
  codes: readonly string[],
  requirement: string,
  fault?: FaultyRequest,
): Judgement {
  if (a.answer.resultCode === '0' && fault?.scope)
    return refusedPerRecipient(a, { request: fault.request, scope: fault.scope }, requirement, codes);
  const wanted = codes.map((c) => `"${c}"`).join(' or ');
  if (!(codes.includes(a.answer.resultCode) && a.accepted === 0))
    return {
      problem: {
        message: `${requirement}; the answer is resultCode ${JSON.stringify(a.answer.resultCode)}${reasonOf(a.answer)}${a.accepted > 0 ? `, ${a.accepted} recipient(s) accepted` : ''}`,
        expected: `resultCode ${wanted}`,
        actual: describeAnswer(a.answer, a.status),
      },
    };
  return a.answer.resultCode !== codes[0]
    ? { note: `rejected with ${a.answer.resultCode}, which the request's second fault also justifies (D10)` }
    : {};
}

/** Where a fault's concrete path puts it: undefined for a fault of the request or of a whole list of numbers. */
export function faultScope(path: readonly (string | number)[]): FaultScope | undefined {
  if (path[0] !== 'requestLists' || typeof path[1] !== 'number' || path.length < 3) return undefined;
  if (path[2] !== 'mobiles') return { message: path[1] };
  return typeof path[3] === 'number' ? { message: path[1], mobile: path[3] } : undefined;
}
