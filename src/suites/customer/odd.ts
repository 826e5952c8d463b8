// Odd values a platform would hardly push, whose refusal the words neither demand nor forbid
// (D26): a time in the §1.6 shape that is no date (30 February), and a one-digit number (D12 sets
// no minimum). A careful endpoint rightly refuses both, a lenient one acknowledges them: observed
// and reported (INFO), never judged. The valid pushes of every other case are real times and
// real numbers (D23, D25).
import { formatSpecTime, parseSpecTime } from '../../arbitraries/spec-time.js';
import type { Case } from '../../cases/case.js';
import { TIME_FIELD } from '../../rules/push.js';
import { withValueAt } from '../../schema/instances.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { acknowledges } from './checks.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  PUSH_MESSAGE,
  type PushKind,
  push,
} from './context.js';
import { minimalPush, mobileForms, type Push } from './messages.js';

/** The field's example time moved to 30 February of its year: the §1.6 shape, no such day. */
function impossibleTime(to: PushKind): string {
  const example = nodeAt(messageSchema(PUSH_MESSAGE[to]), [TIME_FIELD[to]])?.examples?.[0];
  const t = typeof example === 'string' ? parseSpecTime(example) : undefined;
  if (!t) throw new Error(`${PUSH_MESSAGE[to]}.${TIME_FIELD[to]} has no example time`);
  return formatSpecTime({ ...t, month: 2, day: 30 });
}

/** The first digit of the §1.4 example with country code: a number of one digit. */
const oneDigit = (to: PushKind) => mobileForms(to).countryCode.slice(0, 1);

function oddCase(
  to: PushKind,
  name: string,
  what: string,
  clause: string,
  decisions: string[],
  body: () => Push,
): Case<CustomerContext> {
  return customerCase({
    id: `customer.${to}.odd.${name}`,
    clause,
    level: 'INFO',
    title: `${to}: a push with ${what}: what happens (a careful endpoint refuses it)`,
    decisions,
    covers: [PUSH_CLAUSE[to]],
    skipUnless: needsUrl(to),
    async run(ctx, t) {
      const r = await push(ctx, t, to, body());
      const code = (r.json as { resultCode?: unknown } | null | undefined)?.resultCode;
      t.note(
        `${acknowledges(r) ? 'acknowledged' : 'not acknowledged'}: HTTP ${r.status ?? '?'}, resultCode ${JSON.stringify(code) ?? 'none'}`,
      );
    },
  });
}

function casesFor(to: PushKind): Case<CustomerContext>[] {
  const message = PUSH_MESSAGE[to];
  const time = impossibleTime(to);
  const mobile = oneDigit(to);
  return [
    oddCase(
      to,
      'impossible-time',
      `${TIME_FIELD[to]} ${time} (no such day)`,
      '§1.6 time format',
      ['D26', 'D23'],
      () => withValueAt(message, minimalPush(to), [TIME_FIELD[to]], time),
    ),
    oddCase(
      to,
      'one-digit-mobile',
      `mobile ${mobile} (one digit)`,
      '§1.4 mobile numbers',
      ['D26', 'D25', 'D12'],
      () => withValueAt(message, minimalPush(to), ['mobile'], mobile),
    ),
  ];
}

export const oddCases: Case<CustomerContext>[] = PUSH_KINDS.flatMap(casesFor);
