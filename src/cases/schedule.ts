// Running a suite's cases so that waiting overlaps, while what must stay in order stays in order.
// Cases start in their declared order. Three rules, given as data by the suite (a Plan):
// - `concurrency`: how many cases may be in progress at once (1: strictly one after another);
// - `active`: how many of them may do something other than wait. With 1, one case at a time sends,
//   in declared order (the budget's order stays exact), and a case gives its turn to the next one
//   only while it waits (`t.waiting()` on its recorder: for a push, for a run another case shares);
// - per case, `after` (start only when every earlier case has finished) and `alone` (start when
//   every earlier case has finished, and let nothing start until it has).
// Results come back in the declared order, whatever order the cases finished in; `onResult` sees
// them as they finish. A stop (the deadline, a signal) ends the run at once: cases not started are
// reported as not run, cases in progress as not run to the end, with what they had recorded.
import { setMaxListeners } from 'node:events';
import type { Case } from './case.js';
import { requirementOf } from './requirement.js';
import { type RunOptions, runCase } from './runner.js';
import type { CaseResult } from './types.js';

/** How a case is scheduled beyond its declared place. */
export interface Placement {
  /** Starts only when every case declared before it has finished (it reads what they did). */
  after?: boolean;
  /** Runs alone: starts when every earlier case has finished; nothing starts until it has. */
  alone?: boolean;
}

/** A named group of cases that share a placement, and why they sit where they do. */
export interface Phase<C> extends Placement {
  name: string;
  /** Why this phase is here, in the run order: the rule it keeps. */
  why: string;
  cases: readonly Case<C>[];
}

/** How a suite may overlap its cases (see the top of this file). */
export interface Plan<C> {
  phases: readonly Phase<C>[];
  /** Cases in progress at once, waiting ones included. */
  concurrency: number;
  /** Cases in progress that may do something other than wait. */
  active: number;
}

export interface Scheduled<C> extends Placement {
  case: Case<C>;
}

export interface ScheduleOptions {
  /** Overrides the plan's concurrency (1 forces one case after another, e.g. to compare). */
  concurrency?: number;
  /** Aborted when the run must end now; its reason (a string) says why, e.g. the deadline passed. */
  stop?: AbortSignal;
}

/**
 * The cases of a plan that `keep` keeps, in declared order, each with its phase's placement: a phase `after` waits
 * for every earlier case before its first case starts (its own cases then overlap as usual); a
 * phase `alone` runs each of its cases alone.
 */
export function planCases<C>(
  plan: Pick<Plan<C>, 'phases'>,
  keep: (c: Case<C>) => boolean = () => true,
): Scheduled<C>[] {
  return plan.phases.flatMap((p) =>
    p.cases.filter(keep).map((c, i) => ({
      case: c,
      ...(p.after && i === 0 ? { after: true } : {}),
      ...(p.alone ? { alone: true } : {}),
    })),
  );
}

/**
 * A case's turn: given up while the case only waits. The case's recorder gives it up
 * (CaseRecorder.waiting), not an AsyncLocalStorage: in Node 20 one turns on promise hooks for every
 * promise of the process, the embedded mock's included (about 8 % of a raw replay's time).
 */
interface Turn {
  release(): void;
}

/** Runs `slots` as the plan allows; the results are in the order of `slots`. */
export function runScheduled<C>(
  slots: readonly Scheduled<C>[],
  ctx: C,
  run: RunOptions,
  limits: { concurrency: number; active: number },
  options: ScheduleOptions = {},
): Promise<CaseResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? limits.concurrency);
  const maxActive = Math.max(1, Math.min(limits.active, concurrency));
  const stop = options.stop;
  // Each case in progress listens for the stop (and stops listening when it ends).
  if (stop) setMaxListeners(0, stop);
  const results: CaseResult[] = new Array(slots.length);
  let next = 0;
  let running = 0;
  let active = 0;
  let alone = false;
  return new Promise<CaseResult[]>((resolve) => {
    const finishIfDone = () => {
      if (next >= slots.length && running === 0) resolve(results);
    };
    const start = (index: number, slot: Scheduled<C>) => {
      running++;
      active++;
      if (slot.alone) alone = true;
      let holding = true;
      const turn: Turn = {
        release() {
          if (!holding) return;
          holding = false;
          active--;
          queueMicrotask(pump);
        },
      };
      const options: RunOptions = { ...run, ...(stop ? { stop } : {}), onWaiting: () => turn.release() };
      delete options.onResult;
      void runCase(slot.case, ctx, options).then((result) => {
        results[index] = result;
        if (holding) {
          holding = false;
          active--;
        }
        running--;
        if (slot.alone) alone = false;
        run.onResult?.(result);
        pump();
      });
    };
    const pump = () => {
      if (stop?.aborted) {
        // Nothing more starts; what has not started is reported as not run, in its place.
        while (next < slots.length) {
          const slot = slots[next] as Scheduled<C>;
          const result = notRunResult(slot.case, run, String(stop.reason));
          results[next++] = result;
          run.onResult?.(result);
        }
        finishIfDone();
        return;
      }
      while (next < slots.length && !alone && running < concurrency && active < maxActive) {
        const slot = slots[next] as Scheduled<C>;
        if ((slot.after || slot.alone) && running > 0) break;
        start(next++, slot);
      }
      finishIfDone();
    };
    stop?.addEventListener('abort', () => queueMicrotask(pump), { once: true });
    pump();
  });
}

/** A case the run ended before: a skip that says why, so every reporter shows it as not run. */
export function notRunResult<C>(c: Case<C>, run: RunOptions, reason: string): CaseResult {
  const { run: _run, skipUnless: _skip, ...meta } = c;
  return {
    ...meta,
    requirement: requirementOf(c),
    verdict: 'skip',
    message: `not run: ${reason}`,
    notRun: reason,
    exchanges: [],
    rerun: run.rerun(c.id),
    curl: [],
    durationMs: 0,
  };
}
