// The soak's pushes come from a pool serialised once, the ids put in per arrival (PushBodies): the
// bytes must be those of the stamped push serialised (its ids put in the order they are written),
// valid, every id new, for both kinds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushKind } from '../src/core/terms.js';
import { drawPushes, Ids, PushBodies, stampPush } from '../src/soak/pool.js';
import { validators } from '../src/validate/validators.js';

/** Ids as Ids makes them, from a serial the test can repeat. */
function counter(prefix: string) {
  let n = 0;
  return { next: () => `${prefix}${(n++).toString(36)}` };
}

describe('PushBodies', () => {
  for (const kind of ['uplink', 'report'] as const satisfies readonly PushKind[]) {
    it(`gives the bytes of JSON.stringify(stampPush(…)) for ${kind} pushes, ids new each time`, () => {
      const pool = drawPushes(kind, 7, 64);
      const bodies = new PushBodies(kind, pool, counter('t'));
      const seen = new Set<string>();
      for (let index = 0; index < 200; index++) {
        const push = pool[index % pool.length] as (typeof pool)[number];
        const body = bodies.body(index);
        const parsed = JSON.parse(body.toString('utf8'));
        // The same bytes as the push stamped with the ids this body carries.
        const carried = [parsed.messageId, parsed.requestId].filter((id) => typeof id === 'string');
        const again = JSON.stringify(stampPush(kind, push, { next: () => carried.shift() as string }));
        expect(body.toString('utf8')).toBe(again);
        const validator =
          kind === 'uplink' ? validators.NotifySmsMessageRequest : validators.NotifyReportMessageRequest;
        expect(validator.violations(parsed)).toEqual([]);
        if (kind === 'report') {
          expect(seen.has(parsed.messageId)).toBe(false);
          seen.add(parsed.messageId);
        }
      }
    });
  }

  it('finds the places of the ids even when a pushed text holds the mark it would use', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.boolean(), (noise, withRequestId) => {
        const push = {
          mobile: '8613800000000',
          messageId: 'x',
          status: 'DELIVRD',
          receiveTime: '2026-12-07 10:00:00',
          smsCount: 1,
          extCode: `\u00000\u0000${noise}\u00001\u0000`,
          ...(withRequestId ? { requestId: 'y' } : {}),
        };
        const ids = new Ids();
        const body = new PushBodies('report', [push], ids).body(0);
        const parsed = JSON.parse(body.toString('utf8'));
        expect(parsed.extCode).toBe(push.extCode);
        expect(parsed.messageId).toMatch(/^s[0-9a-z]{6}[0-9a-z]+$/);
        if (withRequestId) expect(parsed.requestId).not.toBe(parsed.messageId);
      }),
    );
  });
});
