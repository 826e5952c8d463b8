// Every rule of the kit, declared once (each in the file of the exchange it judges), and the ways
// to apply them: all the rules of a send or a push to one exchange (the proxy), the schema rules of
// a message type to a value (the matchers), one rule to one exchange (a case). A new rule goes into
// its file and into this table; the proxy, the matchers and the reports pick it up from here.
import { PUSH_KINDS, type PushKind } from '../core/terms.js';
import type { MessageType } from '../schema/message-types.js';
import { partRules } from './messages.js';
import { pushRules } from './push.js';
import { pushAnswerRules } from './push-answer.js';
import { recipientRules } from './recipients.js';
import { reportRules } from './report.js';
import { sendAnswerRules } from './send-answer.js';
import { sendRequestRules } from './send-request.js';
import {
  type Finding,
  findingsOf,
  judgePush,
  judgeSend,
  type PushExchange,
  type PushRule,
  type Rule,
  type SendExchange,
  type SendRule,
  type ValueRule,
} from './types.js';

function perKind<T>(make: (kind: PushKind) => T): Record<PushKind, T> {
  return { uplink: make('uplink'), report: make('report') };
}

export const RULES = {
  send: { request: sendRequestRules, answer: sendAnswerRules, recipients: recipientRules },
  push: { uplink: pushRules('uplink'), report: { ...pushRules('report'), ...reportRules } },
  answer: perKind(pushAnswerRules),
  part: partRules,
} as const;

/** Every rule of a send, in report order: the request's, then the answer's, then per recipient. */
export const SEND_RULES: readonly SendRule[] = [
  ...Object.values(RULES.send.request),
  ...Object.values(RULES.send.answer),
  ...Object.values(RULES.send.recipients),
];

/** The rules of the customer's request alone (judged before it is forwarded). */
export const SEND_REQUEST_RULES: readonly SendRule[] = Object.values(RULES.send.request);

/** The rules of the platform's answer, given its request. */
export const SEND_ANSWER_RULES: readonly SendRule[] = [
  ...Object.values(RULES.send.answer),
  ...Object.values(RULES.send.recipients),
];

/** The rules of a push alone, without its answer. */
export const PUSH_ONLY_RULES: Readonly<Record<PushKind, readonly PushRule[]>> = perKind(
  (kind) => Object.values(RULES.push[kind]) as PushRule[],
);

/** The rules of the customer's answer to a push. */
export const PUSH_ANSWER_RULES: Readonly<Record<PushKind, readonly PushRule[]>> = perKind((kind) =>
  Object.values(RULES.answer[kind]),
);

/** Every rule of a push of each kind, in report order: the push's, then the customer's answer's. */
export const PUSH_RULES: Readonly<Record<PushKind, readonly PushRule[]>> = perKind((kind) => [
  ...PUSH_ONLY_RULES[kind],
  ...PUSH_ANSWER_RULES[kind],
]);

/** The rules the judge of live traffic applies (the proxy): every rule of a send or a push, in report order. */
export const TRAFFIC_RULES: readonly (SendRule | PushRule)[] = [
  ...SEND_RULES,
  ...PUSH_KINDS.flatMap((kind) => PUSH_RULES[kind]),
];

/** Every rule, in report order: the traffic's, then the parts' (what only a matcher judges). */
export const ALL_RULES: readonly Rule[] = [
  ...TRAFFIC_RULES,
  ...Object.values(RULES.part).flatMap((p) => [p.must, p.should]),
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The schema rules of a message type: the MUST one and our SHOULD readings (for a push, its time format too). */
export function schemaRulesOf(type: MessageType): { must: ValueRule; should: ValueRule[] } {
  switch (type) {
    case 'SendTemplateMessageRequest':
      return { must: RULES.send.request.schema, should: [RULES.send.request.schemaShould] };
    case 'SendTemplateMessageResponse':
      return { must: RULES.send.answer.schema, should: [RULES.send.answer.schemaShould] };
    case 'NotifySmsMessageRequest':
    case 'NotifyReportMessageRequest': {
      const rules = RULES.push[type === 'NotifySmsMessageRequest' ? 'uplink' : 'report'];
      return { must: rules.schema, should: [rules.schemaShould, rules.timeFormat] };
    }
    case 'NotifyResponse':
      return { must: RULES.answer.uplink.schema, should: [] };
    default:
      return { must: RULES.part[type].must, should: [RULES.part[type].should] };
  }
}

/** A value judged by rules over values (the matchers' way). */
export function judgeValue(rules: readonly ValueRule[], value: unknown): Finding[] {
  return rules.flatMap((rule) => findingsOf(rule, rule.checkValue(value)));
}

/** Every send rule applied to one exchange. */
export function judgeSendExchange(x: SendExchange, rules: readonly SendRule[] = SEND_RULES): Finding[] {
  return rules.flatMap((rule) => judgeSend(rule, x));
}

/** Every rule of the push's kind applied to one exchange. */
export function judgePushExchange(x: PushExchange, rules?: readonly PushRule[]): Finding[] {
  return (rules ?? PUSH_RULES[x.kind]).flatMap((rule) => judgePush(rule, x));
}

export * from './acceptance.js';
export * from './acknowledgement.js';
export * from './answer.js';
export { bodyOf, type ReadBody } from './body.js';
export { noResultsProblem } from './recipients.js';
export * from './types.js';
export { codeRow, limitWords, tableRow, WORDS } from './words.js';
