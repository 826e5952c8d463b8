// A case's definition and the recorder it reports through while it runs.
import type { CaseKind, CaseMeta, Exchange, PropertyRun, Side } from './types.js';

/** Thrown by a check that does not hold: the case fails with what was expected and what came. */
export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
    this.name = 'CaseFailure';
  }
}

/** Thrown to skip a case at run time (e.g. the budget is spent), with the reason. */
export class CaseSkip extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseSkip';
  }
}

/** What a running case records: its exchanges, its outcome message, its property run. */
export class CaseRecorder {
  readonly exchanges: Exchange[] = [];
  message = '';
  property?: PropertyRun;

  /** `onWaiting`: what the scheduler does when the case says it only waits (src/cases/schedule.ts). */
  constructor(private readonly onWaiting: () => void = () => {}) {}

  /**
   * Says the case only waits from now on (for a push, for a run another case shares): the next case
   * may start meanwhile. A case that waits sends nothing afterwards (it judges what arrived), so the
   * sends stay in declared order. Outside a scheduled run it does nothing.
   */
  waiting(): void {
    this.onWaiting();
  }

  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }

  /** The one-line outcome a passing (or INFO) case reports. */
  note(message: string): void {
    this.message = message;
  }

  fail(message: string, expected?: string, actual?: string): never {
    throw new CaseFailure(message, expected, actual);
  }

  check(condition: boolean, message: string, expected?: string, actual?: string): asserts condition {
    if (!condition) throw new CaseFailure(message, expected, actual);
  }

  skip(reason: string): never {
    throw new CaseSkip(reason);
  }
}

export interface Case<Ctx> extends CaseMeta {
  /** Why the case cannot run against this target (profile lacks something), or undefined. */
  skipUnless?: (ctx: Ctx) => string | undefined;
  run(ctx: Ctx, t: CaseRecorder): Promise<void>;
}

/** A case as its author writes it: the side's constructor fills `side`, and `kind` unless given. */
export type CaseSpec<Ctx> = Omit<Case<Ctx>, 'side' | 'kind'> & { kind?: CaseKind };

/**
 * The constructor of one side's cases (suites/platform/context.ts: `platformCase`,
 * suites/customer/context.ts: `customerCase`): one way to write a case, literal or factory-made.
 */
export function caseConstructor<Ctx>(side: Side): (spec: CaseSpec<Ctx>) => Case<Ctx> {
  return (spec) => ({ ...spec, side, kind: spec.kind ?? 'example' });
}
