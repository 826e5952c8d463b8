// Running a suite's cases so that waiting overlaps, while what must stay in order stays in order.
// Cases start in their declared order. Three rules, given as data by the suite (a Plan):
// - `concurrency`: how many cases may be in progress at once (1: strictly one after another);
// - `active`: how many of them may do something other than wait. With 1, one case at a time sends,
//   in declared order (the budget's order stays exact), and a case gives its turn to the next one
//   only while it waits (`t.waiting()` on its recorder: for a push, for a run another case shares);
// - per case, `after` (start only when every earlier case has finished), `alone` (start when
//   every earlier case has finished, and let nothing start until it has) and `afterSends` (start
//   only when no earlier case is still doing more than wait: what they send is all sent).
// With `active` above 1, a gate (the platform's budget) may hold the next case back until what it
// needs is free: cases still start in declared order, none skips ahead of one held back.
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
  /**
   * Starts only when every case declared before it has done all it does but wait (finished, or
   * only waiting): it reads what they sent, or the budget they left.
   */
  afterSends?: boolean;
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

/**
 * What may hold a case back before it starts, and is told when a case gives its turn and ends
 * (the platform side's budget: each case holds its planned spend from its start).
 */
export interface StartGate {
  /**
   * Asked before a case starts, in declared order: false holds it and every case after it back
   * until `onChange` calls. `force`: nothing is in progress that could free anything: start it.
   */
  begin(caseId: string, force: boolean): boolean;
  /** The case only waits from now on (it gave its turn), or it ended. */
  release(caseId: string): void;
  onChange(listener: () => void): () => void;
}

export interface ScheduleOptions {
  /** Overrides the plan's concurrency (1 forces one case after another, e.g. to compare). */
  concurrency?: number;
  /** Holds cases back before they start (see StartGate). */
  gate?: StartGate;
  /** Aborted when the run must end now; its reason (a string) says why, e.g. the deadline passed. */
  stop?: AbortSignal;
}

/**
 * The cases of a plan that `keep` keeps, in declared order, each with its phase's placement: a phase `after` waits
 * for every earlier case before its first case starts (its own cases then overlap as usual); a
 * phase `alone` runs each of its cases alone; in a phase `afterSends`, each case starts once no
 * earlier case does more than wait.
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
      ...(p.afterSends ? { afterSends: true } : {}),
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
  /** Gives the turn back, if the case still holds it, as the case ends. */
  end(): void;
}

/** One call of runScheduled: what has started, what is in progress and acting, and the results so far. */
class Scheduler<C> {
  private readonly results: CaseResult[];
  private next = 0;
  private running = 0;
  private active = 0;
  private alone = false;
  private resolve: (results: CaseResult[]) => void = () => {};

  constructor(
    private readonly slots: readonly Scheduled<C>[],
    private readonly ctx: C,
    private readonly runOptions: RunOptions,
    private readonly limits: { concurrency: number; maxActive: number },
    private readonly stop: AbortSignal | undefined,
    private readonly gate: StartGate | undefined,
  ) {
    this.results = new Array(slots.length);
  }

  /** Starts what may start, and resolves with every result in the order of the slots. */
  runAll(): Promise<CaseResult[]> {
    return new Promise<CaseResult[]>((resolve) => {
      this.stop?.addEventListener('abort', () => queueMicrotask(this.pump), { once: true });
      const unsubscribe = this.gate?.onChange(() => queueMicrotask(this.pump));
      this.resolve = (results) => {
        unsubscribe?.();
        resolve(results);
      };
      this.pump();
    });
  }

  /** Starts what may start now (after a stop: reports the rest as not run); resolves once all ended. */
  private readonly pump = (): void => {
    if (this.stop?.aborted) this.reportNotStarted(String(this.stop.reason));
    else this.startWhatMay();
    if (this.next >= this.slots.length && this.running === 0) this.resolve(this.results);
  };

  /** Starts the next cases in declared order while the limits, `after` and `alone` allow. */
  private startWhatMay(): void {
    const { concurrency, maxActive } = this.limits;
    while (
      this.next < this.slots.length &&
      !this.alone &&
      this.running < concurrency &&
      this.active < maxActive
    ) {
      const slot = this.slots[this.next] as Scheduled<C>;
      if ((slot.after || slot.alone) && this.running > 0) break;
      if (slot.afterSends && this.active > 0) break;
      if (this.gate && !this.gate.begin(slot.case.id, this.running === 0)) break;
      this.start(this.next++, slot);
    }
  }

  /** Nothing more starts: what has not started is reported as not run, in its place. */
  private reportNotStarted(reason: string): void {
    while (this.next < this.slots.length) {
      const slot = this.slots[this.next] as Scheduled<C>;
      const result = notRunResult(slot.case, this.runOptions, reason);
      this.results[this.next++] = result;
      this.runOptions.onResult?.(result);
    }
  }

  /** Starts a slot's case holding a turn; its result is told when the case ends, not by runCase. */
  private start(index: number, slot: Scheduled<C>): void {
    this.running++;
    this.active++;
    if (slot.alone) this.alone = true;
    const turn = this.newTurn(slot.case.id);
    const stop = this.stop;
    const options: RunOptions = {
      ...this.runOptions,
      ...(stop ? { stop } : {}),
      onWaiting: () => turn.release(),
    };
    delete options.onResult;
    void runCase(slot.case, this.ctx, options).then((result) => this.ended(index, slot, turn, result));
  }

  /** A started case's turn: given up (once) while it waits, which lets the next case start. */
  private newTurn(caseId: string): Turn {
    let holding = true;
    const giveUp = (): boolean => {
      if (!holding) return false;
      holding = false;
      this.active--;
      this.gate?.release(caseId);
      return true;
    };
    return {
      release: () => {
        if (giveUp()) queueMicrotask(this.pump);
      },
      end: () => {
        giveUp();
      },
    };
  }

  /** Puts a case's result in its place, frees what the case held and starts what may start now. */
  private ended(index: number, slot: Scheduled<C>, turn: Turn, result: CaseResult): void {
    this.results[index] = result;
    turn.end();
    this.gate?.release(slot.case.id);
    this.running--;
    if (slot.alone) this.alone = false;
    this.runOptions.onResult?.(result);
    this.pump();
  }
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
  return new Scheduler(slots, ctx, run, { concurrency, maxActive }, stop, options.gate).runAll();
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

/**
 * At most `size` pieces of work at once, the others waiting their turn, first come first served:
 * a suite's pushes in flight across its cases (the customer property cases' runs).
 */
export class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    }
  }
}
