// What a soak judges beyond the rules of src/rules: that what it sends, valid by construction, is
// taken. The rules judge an answer's form whatever was sent (the proxy applies them to traffic that
// may be wrong), so "a valid push is acknowledged" and "a valid request is accepted" are the
// suites' cases (customer.<kind>.property.valid, platform.send.minimal), MUST both; the soak
// states them here as rules over its own exchanges, with the suites' judgements
// (src/rules/acknowledgement.ts, acceptance.ts), so that a refusal under load is a MUST finding.
import { PUSH_ANSWER_TABLE, PUSH_KINDS, type PushKind } from '../core/terms.js';
import { fieldOf } from '../rules/body.js';
import {
  type Answer,
  acceptedJudgement,
  acknowledgedJudgement,
  bodyOf,
  type PushRule,
  type SendRule,
  WORDS,
} from '../rules/index.js';

function acknowledgedRule(kind: PushKind): PushRule {
  return {
    on: 'push',
    kind,
    id: `${kind}.answer.acknowledged`,
    side: 'customer',
    level: 'MUST',
    clause: PUSH_ANSWER_TABLE,
    title: `each valid ${kind} push the soak sends (drawn from the schema) is acknowledged with "0"`,
    words: [kind === 'uplink' ? WORDS.table32 : WORDS.table42],
    // A body that is not JSON or has no string resultCode is the form rules' finding, not this one's.
    applies: (x) => typeof fieldOf(x.answer ? bodyOf(x.answer).json : undefined, 'resultCode') === 'string',
    check: (x) => {
      const problem = x.answer
        ? acknowledgedJudgement(bodyOf(x.answer).json, x.answer.status).problem
        : undefined;
      return problem ? [problem] : [];
    },
  };
}

export const ACKNOWLEDGED: Readonly<Record<PushKind, PushRule>> = Object.fromEntries(
  PUSH_KINDS.map((kind) => [kind, acknowledgedRule(kind)]),
) as Record<PushKind, PushRule>;

export const ACCEPTED: SendRule = {
  on: 'send',
  id: 'send.answer.accepted',
  side: 'platform',
  level: 'MUST',
  clause: '§5.1 0',
  title: 'each valid request the soak sends (drawn for the profile) is accepted, every recipient with "0"',
  applies: (x) => typeof fieldOf(x.answer ? bodyOf(x.answer).json : undefined, 'resultCode') === 'string',
  check: (x) => {
    if (!x.answer) return [];
    const answer = bodyOf(x.answer).json as Answer;
    const { problem } = acceptedJudgement(
      { answer, status: x.answer.status, accepted: 0 },
      'a valid request is accepted (§5.1 "0")',
    );
    return problem ? [problem] : [];
  },
};

/** The ids of the rules above: a finding of one is a refusal (`result-code`), not a malformed answer. */
export const REFUSAL_RULE_IDS: ReadonlySet<string> = new Set([
  ...PUSH_KINDS.map((kind) => ACKNOWLEDGED[kind].id),
  ACCEPTED.id,
]);
