// What a customer case asks of the answer to a push, by the rules (src/rules): that it is a
// readable NotifyResponse (table 3-3 / 4-3), and that it acknowledged the push ("0") or refused it
// with the code D18 reads for its fault.
import type { CaseRecorder } from '../../cases/case.js';
import {
  acknowledgedJudgement,
  judgePush,
  notAcknowledgedJudgement,
  type PushRule,
  RULES,
  refusedWithJudgement,
} from '../../rules/index.js';
import type { PushResult } from './context.js';

/** The rules of a readable answer, in the order a case asserts them. */
function answerRules(r: PushResult): PushRule[] {
  const A = RULES.answer[r.pushed.kind];
  return [A.transport, A.json, A.utf8, A.resultCodeString, A.schema];
}

/** The push was acknowledged: a JSON NotifyResponse whose resultCode is the string "0". */
export function expectAcknowledged(t: CaseRecorder, r: PushResult): void {
  t.assertPush(r.pushed, ...answerRules(r));
  t.expect(acknowledgedJudgement(r.json, r.status));
}

/** The push was refused (D18): a JSON answer, a code other than "0", a NotifyResponse, and the code D18 gives. */
export function expectRefused(t: CaseRecorder, r: PushResult, code: string, fault: string): void {
  const A = RULES.answer[r.pushed.kind];
  t.assertPush(r.pushed, A.transport, A.json, A.utf8);
  t.expect(notAcknowledgedJudgement(r.json, fault, code));
  t.assertPush(r.pushed, A.resultCodeString, A.schema);
  t.expect(refusedWithJudgement(r.json, code, r.status));
}

/**
 * Why an answer is not an acknowledgement, in one line; undefined when it is one. The same rules
 * as expectAcknowledged (property runs judge hundreds of answers, outside a case's recorder).
 */
export function notAcknowledged(r: PushResult): string | undefined {
  for (const rule of answerRules(r)) {
    const [finding] = judgePush(rule, r.pushed);
    if (finding)
      return finding.actual && !finding.message.includes(finding.actual)
        ? `${finding.message} (got ${finding.actual})`
        : finding.message;
  }
  const { problem } = acknowledgedJudgement(r.json, r.status);
  if (!problem) return undefined;
  // The code once: the message already names what came (and the target's resultDesc).
  return problem.actual && !problem.message.includes(problem.actual)
    ? `${problem.message} (got ${problem.actual})`
    : problem.message;
}

/** Whether an answer acknowledges the push ("0" as a string or, leniently, a number). */
export function acknowledges(r: PushResult): boolean {
  const code = (r.json as { resultCode?: unknown } | null | undefined)?.resultCode;
  return r.isJson && (code === '0' || code === 0);
}
