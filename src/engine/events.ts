// What a conformance run tells while it runs. The engine emits these; everything people see is a
// listener: the console's live lines and plan, the report files, the vitest tests, a user's own
// code. A listener gets the data as it is (exchanges as recorded); what it prints or stores, it
// formats itself.
import type { CaseMeta, CaseResult, Exchange } from '../cases/types.js';
import type { BudgetReport, RunReport, SpendPlan } from '../report/types.js';

export type RunEvent =
  /** The run has its target and its cases, in declared order; nothing is sent yet. */
  | {
      type: 'run-started';
      seed: number;
      embedded: boolean;
      targets: RunReport['targets'];
      cases: CaseMeta[];
      /**
       * The run's secrets (the profile's passwords that are set), for the front end that masks
       * what it prints or stores (src/report/render/mask.ts); a masked event leaves them out.
       */
      secrets?: readonly string[];
    }
  /** The recipients each family of platform cases would get accepted (made before the platform cases send). */
  | { type: 'plan'; plan: SpendPlan; phones: number; sinks: number }
  | { type: 'case-started'; case: CaseMeta }
  /** One exchange a case kept, as it kept it. */
  | { type: 'exchange'; caseId: string; exchange: Exchange }
  /** A case's result, as it finished (in finishing order); `done` of `total` cases have finished. */
  | { type: 'case-finished'; result: CaseResult; done: number; total: number }
  /** What the platform cases have got accepted so far, after a platform case that spent. */
  | { type: 'budget'; budget: BudgetReport }
  /** Something the reader must know (a skipped half, a missing profile part, a cap reached). */
  | { type: 'note'; text: string }
  | { type: 'run-finished'; report: RunReport };

export type RunListener = (event: RunEvent) => void;

/** Several listeners as one: each gets every event, in the order given. */
export function allOf(...listeners: readonly (RunListener | undefined)[]): RunListener {
  const present = listeners.filter((l): l is RunListener => l !== undefined);
  return (event) => {
    for (const listen of present) listen(event);
  };
}
