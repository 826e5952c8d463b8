// The budget when several cases send at once (src/client/budget.ts, src/cases/schedule.ts): each
// case holds, from its start in declared order, what its requests could get accepted in a plan's
// run (one case after another), and each request its worst case until its answer is counted.
// Drawn runs of cases, requests and answer times, against a platform that accepts what it should
// and against one that accepts everything: run four at a time, every request is refused or sent
// exactly as one after another refuses or sends it, and what is spent and in flight never exceeds
// the limit, at any moment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { runScheduled, type StartGate } from '../src/cases/schedule.js';
import { Budget, SafetyRefusal } from '../src/client/budget.js';

const PHONE = '8613600000000';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SimRequest {
  /** Recipients it could get accepted. */
  worst: number;
  /** What a conforming platform accepts of them. */
  conforming: number;
  /** How long its answer takes (ms). */
  answerMs: number;
}
interface SimCase {
  requests: SimRequest[];
  /** Waits for pushes once it has sent (gives its turn). */
  waits: boolean;
}
type Platform = 'conforming' | 'accepts everything';

const body = (n: number) => ({ requestLists: [{ mobiles: Array.from({ length: n }, () => PHONE) }] });
const answer = (accepted: number, of: number) =>
  accepted === 0
    ? { resultCode: '100003' }
    : {
        resultCode: '0',
        resultLists: Array.from({ length: of }, (_, i) => ({ resultCode: i < accepted ? '0' : '100003' })),
      };

interface Outcome {
  /** Per case, per request: sent (with what was accepted) or refused. */
  log: string[][];
  spent: number;
  /** The most that was ever spent and in flight at once. */
  highest: number;
  holds: { id: string; recipients: number }[];
}

async function simulate(
  cases: SimCase[],
  limit: number,
  platform: Platform,
  active: number,
  holds: { id: string; recipients: number }[] = [],
): Promise<Outcome> {
  const budget = new Budget(limit, new Set([PHONE]));
  const log: string[][] = cases.map(() => []);
  let inflight = 0;
  let highest = 0;
  const watch = () => {
    highest = Math.max(highest, budget.spent + inflight);
  };
  const asCase = (c: SimCase, i: number): Case<null> => ({
    id: `c${i}`,
    clause: '§1.1',
    level: 'MUST',
    title: `c${i}`,
    side: 'platform',
    kind: 'example',
    async run(_ctx, t) {
      for (const r of c.requests) {
        let held: Awaited<ReturnType<Budget['reserve']>>;
        try {
          held = await budget.reserve(t.caseId, r.worst);
        } catch (err) {
          if (!(err instanceof SafetyRefusal)) throw err;
          log[i]?.push('refused');
          return;
        }
        inflight += r.worst;
        watch();
        await sleep(r.answerMs);
        const accepted = platform === 'conforming' ? r.conforming : r.worst;
        const counted = budget.record(body(r.worst), answer(accepted, r.worst), 'f', t.caseId);
        inflight -= r.worst;
        held.release();
        watch();
        log[i]?.push(`sent, ${counted} accepted`);
      }
      if (c.waits) {
        t.waiting();
        await sleep(5);
      }
    },
  });
  const byId = new Map(holds.map((h) => [h.id, h.recipients]));
  const gate: StartGate = {
    begin: (id, force) => budget.begin(id, byId.get(id) ?? 0, force),
    release: (id) => budget.release(id),
    onChange: (listener) => budget.onChange(listener),
  };
  await runScheduled(
    cases.map((c, i) => ({ case: asCase(c, i) })),
    null,
    { rerun: (id) => id, tls: {} },
    { concurrency: 8, active },
    { gate },
  );
  const claims = budget.claims();
  return { log, spent: budget.spent, highest, holds: claims };
}

const request = fc
  .record({ worst: fc.integer({ min: 0, max: 12 }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
  .chain(({ worst, share }) =>
    fc.record({
      worst: fc.constant(worst),
      conforming: fc.constantFrom(0, Math.floor(worst * share), worst),
      answerMs: fc.integer({ min: 0, max: 4 }),
    }),
  );
const simCase = fc.record({ requests: fc.array(request, { maxLength: 3 }), waits: fc.boolean() });

describe('cases sending at once, each holding what its requests could get accepted', () => {
  it('refuse and send exactly what one after another does, and never go past the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(simCase, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 40 }),
        async (cases, limit) => {
          // The plan: one case after another, against a conforming platform.
          const plan = await simulate(cases, limit, 'conforming', 1);
          for (const platform of ['conforming', 'accepts everything'] as const) {
            const oneByOne = await simulate(cases, limit, platform, 1);
            const atOnce = await simulate(cases, limit, platform, 4, plan.holds);
            expect(atOnce.log).toEqual(oneByOne.log);
            expect(atOnce.spent).toBe(oneByOne.spent);
            expect(atOnce.highest).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { seed: 26, numRuns: 120 },
    );
  }, 120_000);

  it('without holds (no plan), requests in flight still never go past the limit', async () => {
    const cases: SimCase[] = Array.from({ length: 6 }, () => ({
      requests: [{ worst: 10, conforming: 0, answerMs: 3 }],
      waits: false,
    }));
    const atOnce = await simulate(cases, 25, 'accepts everything', 4);
    expect(atOnce.highest).toBeLessThanOrEqual(25);
    expect(atOnce.spent).toBe(20);
    expect(atOnce.log.flat().filter((l) => l === 'refused')).toHaveLength(4);
  });
});

describe('Budget.remainingFor', () => {
  it('counts what the cases before hold, and only what the cases after used', async () => {
    const budget = new Budget(100, new Set([PHONE]));
    expect(budget.begin('a', 30)).toBe(true);
    expect(budget.begin('b', 50)).toBe(true);
    // a: the limit less b's use (none yet); b: the limit less a's hold.
    expect(budget.remainingFor('a')).toBe(100);
    expect(budget.remainingFor('b')).toBe(70);
    const held = await budget.reserve('b', 10);
    budget.record(body(10), answer(10, 10), 'f', 'b');
    held.release();
    expect(budget.remainingFor('a')).toBe(90);
    expect(budget.remainingFor('b')).toBe(60);
    // c does not fit beside a's and b's holds: held back while they may free something.
    expect(budget.begin('c', 30)).toBe(false);
    budget.release('a');
    expect(budget.begin('c', 30)).toBe(true);
    expect(budget.remaining).toBe(100 - 50 - 30);
  });
});
