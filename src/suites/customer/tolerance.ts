// What a robust endpoint tolerates though the spec does not say so (SHOULD): fields a later
// version may add, the same report twice (D20: delivery is at least once), a burst of concurrent
// pushes, and `application/json` with or without the charset §1.5 names (D16).
import type { Case, CaseRecorder } from '../../cases/case.js';
import { JSON_CONTENT_TYPE } from '../../client/http.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { expectAcknowledged, notAcknowledged } from './checks.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  PUSH_MESSAGE,
  type PushKind,
  push,
  pushQuietly,
} from './context.js';
import { minimalPush, type Push, uniqueId } from './messages.js';

/** A field no table has: what a later version of the platform might add. */
const UNKNOWN_FIELDS = { extendInfo: 'added in a later version', traceId: 'a1b2c3' };

/** A push that differs from every other one: a report by messageId, an uplink by content. */
function distinctPush(ctx: CustomerContext, to: PushKind): Push {
  const field = to === 'report' ? 'messageId' : 'content';
  const max = nodeAt(messageSchema(PUSH_MESSAGE[to]), [field])?.maxLength ?? 20;
  return { ...minimalPush(to), [field]: uniqueId(ctx, max) };
}

function casesFor(to: PushKind): Case<CustomerContext>[] {
  const base = { level: 'SHOULD', skipUnless: needsUrl(to) } as const;
  const contentTypeCase = (name: string, contentType: string): Case<CustomerContext> =>
    customerCase({
      ...base,
      id: `customer.${to}.tolerance.content-type.${name}`,
      clause: '§1.5 Content-Type',
      title: `${to}: a push with Content-Type ${contentType} is acknowledged`,
      decisions: ['D16'],
      covers: [PUSH_CLAUSE[to]],
      async run(ctx, t: CaseRecorder) {
        expectAcknowledged(
          t,
          await push(ctx, t, to, minimalPush(to), { headers: { 'content-type': contentType } }),
        );
      },
    });
  return [
    customerCase({
      ...base,
      id: `customer.${to}.tolerance.unknown-fields`,
      clause: PUSH_CLAUSE[to],
      title: `${to}: a push with fields the table does not list is acknowledged`,
      async run(ctx, t: CaseRecorder) {
        expectAcknowledged(t, await push(ctx, t, to, { ...minimalPush(to), ...UNKNOWN_FIELDS }));
      },
    }),
    customerCase({
      ...base,
      id: `customer.${to}.tolerance.burst`,
      clause: PUSH_CLAUSE[to],
      title: `${to}: a burst of concurrent pushes (profile customer.burst) is acknowledged, every one`,
      async run(ctx, t: CaseRecorder) {
        const n = ctx.customer.burst;
        const bodies = Array.from({ length: n }, () => distinctPush(ctx, to));
        const results = await Promise.all(bodies.map((b) => pushQuietly(ctx, to, b, { label: 'burst' })));
        const failures = results.map(notAcknowledged).filter((p): p is string => p !== undefined);
        const first = results.find((r) => notAcknowledged(r) !== undefined);
        if (first) t.record(first.exchange);
        t.check(
          failures.length === 0,
          `${failures.length} of ${n} concurrent pushes were not acknowledged; the first: ${failures[0]}`,
          `all ${n} acknowledged with "0"`,
          `${n - failures.length} acknowledged`,
        );
        t.note(`${n} concurrent pushes, all acknowledged`);
      },
    }),
    contentTypeCase('charset', JSON_CONTENT_TYPE),
    contentTypeCase('plain', 'application/json'),
  ];
}

const duplicateReport: Case<CustomerContext> = customerCase({
  id: 'customer.report.tolerance.duplicate',
  clause: '§4 notifyReportMessage',
  level: 'SHOULD',
  title: 'the same status report pushed twice is acknowledged both times (at-least-once delivery)',
  decisions: ['D20'],
  skipUnless: needsUrl('report'),
  async run(ctx, t: CaseRecorder) {
    // A messageId no earlier case used, so the first push is new to the endpoint.
    const report = distinctPush(ctx, 'report');
    expectAcknowledged(t, await push(ctx, t, 'report', report, { label: 'first delivery' }));
    expectAcknowledged(t, await push(ctx, t, 'report', report, { label: 'the same report again' }));
    t.note('acknowledged both deliveries');
  },
});

export const toleranceCases: Case<CustomerContext>[] = [...PUSH_KINDS.flatMap(casesFor), duplicateReport];
