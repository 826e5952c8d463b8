// What a rule judges and what it finds. A rule is one requirement of the spec (or one of our
// documented readings), declared once with its clause, level, decisions and coverage keys, and a
// pure check over one exchange as it travelled: a send (the customer's request and the platform's
// answer) or a push (the platform's push and the customer's answer). The cases assert rules on
// their own traffic, the proxy on live traffic, the matchers and the pactum handlers on what a
// user's test holds: one requirement, one verdict, wherever it is judged.
import type { Level, PushKind, Side } from '../core/terms.js';
import type { MessageType } from '../schema/message-types.js';

/** One HTTP message as it travelled: its headers (lower-case names, repeated ones joined) and its body's bytes. */
export interface WireMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface WireRequest extends WireMessage {
  readonly method: string;
}

export interface WireAnswer extends WireMessage {
  readonly status: number;
}

/** A send as it travelled: the request and, unless the transport failed, the answer. */
export interface SendExchange {
  readonly request: WireRequest;
  readonly answer?: WireAnswer;
  /** Why no whole answer came (refused, timeout, a body over the cap), in one line. */
  readonly failure?: string;
  /** Why the request itself was not read whole (a body over the judge's cap), in one line. */
  readonly requestOverCap?: string;
}

/** What a report is judged against: the send it belongs to, as its answer accepted it. */
export interface SendOfReport {
  /** The requestId of the send, when it had one. */
  readonly requestId: string | undefined;
  /** Each accepted recipient with its messageId. */
  readonly accepted: readonly { mobile: string; messageId: string }[];
}

/** A push as it travelled: the platform's push and, unless the transport failed, the customer's answer. */
export interface PushExchange {
  readonly kind: PushKind;
  readonly push: WireRequest;
  readonly answer?: WireAnswer;
  /** Why no whole answer came, in one line. */
  readonly failure?: string;
  /** Why the push itself was not read whole (a body over the judge's cap), in one line. */
  readonly pushOverCap?: string;
  /** For a status report: the send it belongs to, when known. */
  readonly send?: SendOfReport;
  /** For a status report whose send is not known: why (the proxy saw no answered send for it). */
  readonly uncorrelated?: string;
}

/** What a check finds wrong, in the case's words: what the spec requires, what was expected, what came. */
export interface Problem {
  message: string;
  expected?: string;
  actual?: string;
  /** A schema finding names the field's own clause and decision (the validator's), within the rule. */
  clause?: string;
  decision?: string;
  /** The one line a case shows when a rule finds several problems in one exchange (they share it). */
  summary?: string;
}

/** What a rule is, without its check: the metadata every consumer shows. */
export interface RuleMeta {
  /** Permanent: `send.answer.content-type`, `report.push.schema`. */
  readonly id: string;
  /** Whose behaviour it judges: the platform's (answers, pushes) or the customer's (requests, answers to pushes). */
  readonly side: Side;
  readonly level: Level;
  /** The clause it checks, as in the clause index (src/spec/clauses.ts). */
  readonly clause: string;
  /** One line: what must hold. */
  readonly title: string;
  /** The decisions of docs/spec-decisions.md it rests on. */
  readonly decisions?: readonly string[];
  /**
   * The words of the original that compel its check (src/rules/words.ts): a MUST rule that cites a
   * decision quotes them, or it rests on the decision alone and is SHOULD at most.
   */
  readonly words?: readonly string[];
  /** Coverage keys it exercises beyond its clause (limits, codes, other clauses). */
  readonly covers?: readonly string[];
}

export interface SendRule extends RuleMeta {
  readonly on: 'send';
  /** Whether the exchange is one the rule speaks of (default: every one); a report counts only those. */
  applies?(x: SendExchange): boolean;
  check(x: SendExchange): Problem[];
}

export interface PushRule extends RuleMeta {
  readonly on: 'push';
  readonly kind: PushKind;
  /** Whether the exchange is one the rule speaks of (default: every push of its kind). */
  applies?(x: PushExchange): boolean;
  check(x: PushExchange): Problem[];
}

/** A rule over one message's value (what a matcher holds); the schema rules of the exchanges are ones too. */
export interface ValueRule extends RuleMeta {
  /** The message type whose value it judges. */
  readonly type: MessageType;
  checkValue(value: unknown): Problem[];
}

export type Rule = SendRule | PushRule | (ValueRule & { readonly on: 'value' });

/** One exchange breaking one rule: the problem, with the rule that names it. */
export interface Finding extends Problem {
  readonly rule: RuleMeta;
  /** The rule's clause, or the field's for a schema finding. */
  clause: string;
  level: Level;
}

/** The rule's metadata alone (what a finding and a report carry). */
export function metaOf(rule: RuleMeta): RuleMeta {
  const { id, side, level, clause, title, decisions, covers } = rule;
  return {
    id,
    side,
    level,
    clause,
    title,
    ...(decisions ? { decisions } : {}),
    ...(covers ? { covers } : {}),
  };
}

/** A rule's problems as findings. */
export function findingsOf(rule: RuleMeta, problems: readonly Problem[]): Finding[] {
  const meta = metaOf(rule);
  return problems.map((p) => ({ ...p, rule: meta, clause: p.clause ?? rule.clause, level: rule.level }));
}

/** Whether a rule speaks of this exchange at all (a rule that does not apply passes it unjudged). */
export function sendRuleApplies(rule: SendRule, x: SendExchange): boolean {
  return rule.applies?.(x) ?? true;
}

export function pushRuleApplies(rule: PushRule, x: PushExchange): boolean {
  return x.kind === rule.kind && (rule.applies?.(x) ?? true);
}

/** Applies a send rule to an exchange. */
export function judgeSend(rule: SendRule, x: SendExchange): Finding[] {
  return sendRuleApplies(rule, x) ? findingsOf(rule, rule.check(x)) : [];
}

/** Applies a push rule to an exchange of its kind. */
export function judgePush(rule: PushRule, x: PushExchange): Finding[] {
  return pushRuleApplies(rule, x) ? findingsOf(rule, rule.check(x)) : [];
}
