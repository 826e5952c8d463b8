// Judging the traffic that passes through the proxy, with the kit's rules (src/rules) and nothing
// of its own: the customer's request before it is forwarded, the platform's answer, a push, the
// customer's answer to it, and a report beside the send it belongs to. Pure functions: an exchange
// as it travelled in, the findings and the rules that judged it out.
import {
  acceptedRecipients,
  bodyOf,
  type Finding,
  judgePush,
  judgeSend,
  PUSH_ANSWER_RULES,
  PUSH_ONLY_RULES,
  type PushExchange,
  type PushRule,
  pushRuleApplies,
  type RuleMeta,
  SEND_ANSWER_RULES,
  SEND_REQUEST_RULES,
  type SendExchange,
  type SendOfReport,
  type SendRule,
  sendRuleApplies,
} from '../rules/index.js';

/** What one exchange came to: what it broke, and the rules that judged it (a rule never applied is reported as skipped). */
export interface Judged {
  findings: Finding[];
  checked: RuleMeta[];
}

function sendJudged(rules: readonly SendRule[], x: SendExchange): Judged {
  const applied = rules.filter((rule) => sendRuleApplies(rule, x));
  return { findings: applied.flatMap((rule) => judgeSend(rule, x)), checked: applied };
}

function pushJudged(rules: readonly PushRule[], x: PushExchange): Judged {
  const applied = rules.filter((rule) => pushRuleApplies(rule, x));
  return { findings: applied.flatMap((rule) => judgePush(rule, x)), checked: applied };
}

/** The customer's sendTemplateMessage request, before it is forwarded. */
export function judgeSendRequest(x: SendExchange): Judged {
  return sendJudged(SEND_REQUEST_RULES, x);
}

/** The platform's answer to it (or that none came), per recipient when accepted. */
export function judgeSendAnswer(x: SendExchange): Judged {
  return sendJudged(SEND_ANSWER_RULES, x);
}

/** A push the platform made, and, for a report, the send it belongs to (or why that is not known). */
export function judgePushItself(x: PushExchange): Judged {
  return pushJudged(PUSH_ONLY_RULES[x.kind], x);
}

/** The customer's answer to a push (or that none came). */
export function judgePushAnswer(x: PushExchange): Judged {
  return pushJudged(PUSH_ANSWER_RULES[x.kind], x);
}

/** What a report of this send must carry: its requestId, and an accepted recipient's mobile and messageId. */
export function sendOfReport(x: SendExchange): SendOfReport | undefined {
  if (!x.answer) return undefined;
  const request = bodyOf(x.request).json;
  const answer = bodyOf(x.answer).json;
  const requestId = (request as { requestId?: unknown } | null | undefined)?.requestId;
  return {
    requestId: typeof requestId === 'string' ? requestId : undefined,
    accepted: acceptedRecipients(request, answer),
  };
}
