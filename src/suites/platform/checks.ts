// What a platform case asks of an answer to sendTemplateMessage, by the rules (src/rules): that it
// is readable (JSON, UTF-8, a string resultCode), accepted, refused with a code, or not accepted;
// each fails the case with the requirement, what was expected and what came.
import type { CaseRecorder } from '../../cases/case.js';
import {
  type Answer,
  acceptedJudgement,
  codeJudgement,
  type FaultyRequest,
  notAcceptedJudgement,
  RULES,
} from '../../rules/index.js';
import type { SendResult } from './context.js';

export { short } from '../../rules/body.js';
export { type Answer, type FaultScope, type FaultyRequest, faultScope } from '../../rules/index.js';

const R = RULES.send.answer;

/** The answer as JSON in UTF-8 with a string resultCode (§1.2, table 2-3), or the case fails. */
export function answerOf(t: CaseRecorder, r: SendResult): Answer {
  t.assertSend(r.wire, R.transport, R.json, R.utf8, R.resultCodeString);
  return r.json as Answer;
}

function answered(r: SendResult, answer: Answer) {
  return { answer, status: r.status, accepted: r.accepted };
}

/** The request was accepted: top-level "0", a valid answer, and "0" for every recipient (D9). */
export function expectAccepted(t: CaseRecorder, r: SendResult, requirement: string): Answer {
  const answer = answerOf(t, r);
  t.expect(acceptedJudgement(answered(r, answer), requirement));
  t.assertSend(r.wire, R.schema);
  return answer;
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
  t.expect(notAcceptedJudgement(answered(r, answer), requirement, fault));
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
  t.expect(codeJudgement(answered(r, answer), codes, requirement, fault));
  return answer;
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
