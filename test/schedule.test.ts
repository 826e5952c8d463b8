// The scheduler: cases start in declared order, one at a time may do more than wait (so the sends
// keep their order), waiting overlaps, `after` and `alone` hold, the results come back in declared
// order whatever order they finished in, and a stop reports what did not run.
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { planCases, runScheduled, type Scheduled } from '../src/cases/schedule.js';
import type { CaseResult } from '../src/cases/types.js';

type Log = string[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A case that logs when it starts and ends; `waitMs` > 0: it says it waits, then waits. */
function fake(id: string, log: Log, waitMs = 0, workMs = 5): Case<null> {
  return {
    id,
    clause: '§1.1',
    level: 'MUST',
    title: id,
    side: 'platform',
    kind: 'example',
    async run(_ctx, t) {
      log.push(`start ${id}`);
      await sleep(workMs);
      log.push(`sent ${id}`);
      if (waitMs > 0) {
        t.waiting();
        await sleep(waitMs);
      }
      log.push(`end ${id}`);
    },
  };
}

function slots(cases: Case<null>[], placements: Record<string, { after?: boolean; alone?: boolean }> = {}) {
  return cases.map((c): Scheduled<null> => ({ case: c, ...(placements[c.id] ?? {}) }));
}

async function run(
  s: Scheduled<null>[],
  limits: { concurrency: number; active: number },
  stop?: AbortSignal,
) {
  const finished: string[] = [];
  const results = await runScheduled(
    s,
    null,
    { rerun: (id) => id, tls: {}, onResult: (r: CaseResult) => finished.push(r.id) },
    limits,
    stop ? { stop } : {},
  );
  return { results, finished };
}

describe('runScheduled', () => {
  it('lets a waiting case wait beside the next ones, one sending at a time, in declared order', async () => {
    const log: Log = [];
    const cases = [fake('a', log, 300), fake('b', log), fake('c', log, 100), fake('d', log)];
    const { results, finished } = await run(slots(cases), { concurrency: 8, active: 1 });
    // b starts while a waits: a ends after b and d.
    expect(log.indexOf('start b')).toBeLessThan(log.indexOf('end a'));
    expect(log.indexOf('end d')).toBeLessThan(log.indexOf('end a'));
    // Only one case works at a time: each "sent" comes before the next case starts, in order.
    const sends = log.filter((l) => l.startsWith('start') || l.startsWith('sent'));
    expect(sends).toEqual([
      'start a',
      'sent a',
      'start b',
      'sent b',
      'start c',
      'sent c',
      'start d',
      'sent d',
    ]);
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(results.every((r) => r.verdict === 'pass')).toBe(true);
    expect(finished).not.toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(finished)).toEqual(new Set(['a', 'b', 'c', 'd']));
  });

  it('with concurrency 1, runs one case after another, waits included', async () => {
    const log: Log = [];
    const cases = [fake('a', log, 50), fake('b', log), fake('c', log, 20)];
    const { finished } = await run(slots(cases), { concurrency: 1, active: 1 });
    expect(log).toEqual([
      'start a',
      'sent a',
      'end a',
      'start b',
      'sent b',
      'end b',
      'start c',
      'sent c',
      'end c',
    ]);
    expect(finished).toEqual(['a', 'b', 'c']);
  });

  it('overlaps cases that do more than wait up to the concurrency (a slow endpoint)', async () => {
    const log: Log = [];
    const cases = ['a', 'b', 'c', 'd', 'e'].map((id) => fake(id, log, 0, 100));
    await run(slots(cases), { concurrency: 3, active: 3 });
    // a, b and c start before any ends; d starts only when one has ended.
    expect(log.slice(0, 3)).toEqual(['start a', 'start b', 'start c']);
    expect(log.indexOf('start d')).toBeGreaterThan(log.findIndex((l) => l.startsWith('end')));
  });

  it('starts an `after` case when every earlier case has ended, and an `alone` case by itself', async () => {
    const log: Log = [];
    const cases = [
      fake('a', log, 100),
      fake('b', log),
      fake('c', log, 0, 50),
      fake('d', log),
      fake('e', log),
    ];
    await run(slots(cases, { b: { after: true }, d: { alone: true } }), { concurrency: 8, active: 8 });
    expect(log.indexOf('start b')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.indexOf('start d')).toBeGreaterThan(log.indexOf('end c'));
    expect(log.indexOf('start e')).toBeGreaterThan(log.indexOf('end d'));
  });

  it('an `after` phase waits once, for its first case; its own cases overlap', () => {
    const log: Log = [];
    const plan = {
      phases: [
        { name: 'one', why: 'x', cases: [fake('a', log)] },
        { name: 'two', why: 'y', cases: [fake('b', log), fake('c', log)], after: true },
      ],
    };
    expect(planCases(plan).map((s) => [s.case.id, s.after ?? false])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    // With the first case of the phase left out, the next one carries the wait.
    expect(planCases(plan, (c) => c.id !== 'b').map((s) => [s.case.id, s.after ?? false])).toEqual([
      ['a', false],
      ['c', true],
    ]);
  });

  it('on a stop, reports the case in progress as not run to the end and the rest as not run', async () => {
    const log: Log = [];
    const cases = [fake('a', log), fake('b', log, 5_000), fake('c', log), fake('d', log)];
    const stop = new AbortController();
    setTimeout(() => stop.abort('the deadline (1 s) passed'), 200);
    const started = Date.now();
    const { results, finished } = await run(slots(cases), { concurrency: 1, active: 1 }, stop.signal);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(results.map((r) => [r.id, r.verdict])).toEqual([
      ['a', 'pass'],
      ['b', 'skip'],
      ['c', 'skip'],
      ['d', 'skip'],
    ]);
    expect(results[1]?.message).toBe('not run to the end: the deadline (1 s) passed');
    expect(results[2]?.message).toBe('not run: the deadline (1 s) passed');
    expect(results.slice(1).every((r) => r.notRun === 'the deadline (1 s) passed')).toBe(true);
    expect(finished).toHaveLength(4);
  });
});

describe('the suites’ plans', () => {
  it('platform: one case sends at a time; refused before at-limit; messageId uniqueness after every other example case', async () => {
    const { platformPlan } = await import('../src/suites/platform/index.js');
    expect(platformPlan.active).toBe(1);
    const names = platformPlan.phases.map((p) => p.name);
    expect(names.indexOf('refused')).toBeLessThan(names.indexOf('at-limit'));
    const ids = planCases(platformPlan).map((s) => s.case);
    const uniquePhase = platformPlan.phases.find((p) => p.name === 'unique-ids')?.cases ?? [];
    expect(uniquePhase.map((c) => c.id)).toContain('platform.responses.messageId.unique');
    const first = ids.indexOf(uniquePhase[0] as (typeof ids)[number]);
    const examples = ids.filter((c) => c.kind === 'example' && !uniquePhase.includes(c));
    expect(first).toBeGreaterThan(Math.max(...examples.map((c) => ids.indexOf(c))));
    expect(ids.slice(first + uniquePhase.length).every((c) => c.kind === 'property')).toBe(true);
    for (const p of platformPlan.phases) expect(p.why.length, p.name).toBeGreaterThan(10);
  });

  it('customer: a burst runs alone; the refusals start once every earlier case has finished', async () => {
    const { customerPlan } = await import('../src/suites/customer/index.js');
    const slots = planCases(customerPlan);
    const bursts = slots.filter((s) => s.case.id.endsWith('.tolerance.burst'));
    expect(bursts.length).toBe(2);
    expect(bursts.every((s) => s.alone)).toBe(true);
    const firstReject = slots.find((s) => s.case.id.includes('.reject.'));
    expect(firstReject?.after).toBe(true);
  });
});
