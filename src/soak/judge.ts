// One exchange of a soak, judged: by the rules the suites use (src/rules) and the soak's own
// (acknowledged.ts), and counted under one error kind at most, so the kinds add up to the
// exchanges that failed or broke a MUST rule (the error rate's numerator).
import type { WireResult } from '../client/http.js';
import type { PushKind } from '../core/terms.js';
import {
  type Finding,
  judgePush,
  judgeSend,
  PUSH_ANSWER_RULES,
  type PushExchange,
  type PushRule,
  SEND_ANSWER_RULES,
  type SendRule,
} from '../rules/index.js';
import { ACCEPTED, ACKNOWLEDGED, REFUSAL_RULE_IDS } from './acknowledged.js';
import type { SoakErrorKind } from './types.js';

const PUSH_ANSWER: Readonly<Record<PushKind, readonly PushRule[]>> = {
  uplink: [...PUSH_ANSWER_RULES.uplink, ACKNOWLEDGED.uplink],
  report: [...PUSH_ANSWER_RULES.report, ACKNOWLEDGED.report],
};
const SEND_ANSWER: readonly SendRule[] = [...SEND_ANSWER_RULES, ACCEPTED];

/** The customer's answer to one of the soak's pushes. */
export function judgePushAnswer(
  kind: PushKind,
  r: WireResult,
): { exchange: PushExchange; findings: Finding[] } {
  const { request, answer, failure } = r.wire;
  const exchange: PushExchange = {
    kind,
    push: request,
    ...(answer ? { answer } : {}),
    ...(failure ? { failure } : {}),
  };
  return { exchange, findings: PUSH_ANSWER[kind].flatMap((rule) => judgePush(rule, exchange)) };
}

/** The platform's answer to one of the soak's send requests. */
export function judgeSendAnswer(r: WireResult): Finding[] {
  return SEND_ANSWER.flatMap((rule) => judgeSend(rule, r.wire));
}

/**
 * The one error kind of an exchange, if it failed or broke a MUST rule: the transport's first,
 * then the HTTP status (`ok` says which pass), then a malformed answer (`schema`: any MUST rule
 * of its form), then a refusal of what was valid (`result-code`).
 */
export function errorKindOf(
  r: WireResult,
  findings: readonly Finding[],
  ok: (status: number) => boolean,
): SoakErrorKind | undefined {
  if (r.error) return r.tooLarge ? 'body-too-large' : (r.failureKind ?? 'other');
  if (r.status !== undefined && !ok(r.status)) return 'http-status';
  const must = findings.filter((f) => f.level === 'MUST');
  if (must.some((f) => !REFUSAL_RULE_IDS.has(f.rule.id))) return 'schema';
  return must.length > 0 ? 'result-code' : undefined;
}

/** D8, D20: a push is acknowledged with a 2xx. */
export const PUSH_STATUS_OK = (status: number): boolean => status >= 200 && status < 300;
/** D8: a send's answer, refusals included, travels with HTTP 200. */
export const SEND_STATUS_OK = (status: number): boolean => status === 200;
