// A case's definition and the recorder it reports through while it runs. A case judges what it
// sent and what came back by asserting rules (src/rules) on the exchanges as they travelled: the
// first rule that finds a problem fails the case, with its findings.
import type { Level } from '../core/terms.js';
import {
  type Finding,
  type Judgement,
  judgePush,
  judgeSend,
  type PushExchange,
  type PushRule,
  type RuleMeta,
  type SendExchange,
  type SendRule,
} from '../rules/index.js';
import type { CaseKind, CaseMeta, Exchange, PropertyRun, Side } from './types.js';

/** Thrown by a check that does not hold: the case fails with what was expected and what came. */
export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
    /** The rule findings that failed the case, when a rule did. */
    readonly findings?: readonly Finding[],
  ) {
    super(message);
    this.name = 'CaseFailure';
  }
}

/** The failure a rule's findings make: one finding's words, or the words the findings share. */
export function failureOf(findings: readonly Finding[]): CaseFailure {
  const [first] = findings as [Finding, ...Finding[]];
  const message =
    findings.length > 1 && first.summary ? first.summary : findings.map((f) => f.message).join('; ');
  return new CaseFailure(message, first.expected, first.actual, findings);
}

/** How binding a level is: a case may assert a rule at its own level or a stricter one. */
const STRENGTH: Record<Level, number> = { INFO: 0, SHOULD: 1, MUST: 2 };

/** Thrown to skip a case at run time (e.g. the budget is spent), with the reason. */
export class CaseSkip extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseSkip';
  }
}

/** Who a recorder records for, and who listens. */
export interface RecorderOptions {
  /** The case's id (what its spending is counted under, what its events name). */
  caseId?: string;
  /** The case's level; a MUST case that asserts a SHOULD rule is a bug of the case. */
  level?: Level;
  /** What the scheduler does when the case says it only waits (src/cases/schedule.ts). */
  onWaiting?: () => void;
  /** Told each exchange the case keeps, as it keeps it (the engine's `exchange` event). */
  onRecord?: (exchange: Exchange) => void;
}

/** What a running case records: its exchanges, its outcome message, its property run. */
export class CaseRecorder {
  readonly exchanges: Exchange[] = [];
  message = '';
  property?: PropertyRun;

  constructor(private readonly options: RecorderOptions = {}) {}

  get caseId(): string {
    return this.options.caseId ?? '';
  }

  get level(): Level {
    return this.options.level ?? 'INFO';
  }

  /**
   * A recorder for work done on this case's behalf whose exchanges the case keeps or drops itself
   * (a run several cases share, one run of a property): the same case, level and turn.
   */
  scratch(): CaseRecorder {
    const { onRecord: _told, ...same } = this.options;
    return new CaseRecorder(same);
  }

  /**
   * Says the case only waits from now on (for a push, for a run another case shares): the next case
   * may start meanwhile. A case that waits sends nothing afterwards (it judges what arrived), so the
   * sends stay in declared order. Outside a scheduled run it does nothing.
   */
  waiting(): void {
    this.options.onWaiting?.();
  }

  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.options.onRecord?.(exchange);
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

  /** Asserts rules on a send, in order: the first that finds a problem fails the case with its findings. */
  assertSend(x: SendExchange, ...rules: readonly SendRule[]): void {
    for (const rule of rules) this.failOn(rule, judgeSend(rule, x));
  }

  /** Asserts rules on a push (and the customer's answer), in order, as assertSend. */
  assertPush(x: PushExchange, ...rules: readonly PushRule[]): void {
    for (const rule of rules) this.failOn(rule, judgePush(rule, x));
  }

  /** A judgement of an answer (src/rules/acceptance.ts): its problem fails the case, its note is the outcome. */
  expect(j: Judgement): void {
    if (j.problem) throw new CaseFailure(j.problem.message, j.problem.expected, j.problem.actual);
    if (j.note) this.note(j.note);
  }

  private failOn(rule: { id: string; level: Level }, findings: readonly Finding[]): void {
    if (STRENGTH[rule.level] < STRENGTH[this.level])
      throw new Error(`a ${this.level} case asserts the ${rule.level} rule ${rule.id}`);
    if (findings.length > 0) throw failureOf(findings);
  }
}

export interface Case<Ctx> extends CaseMeta {
  /** Why the case cannot run against this target (profile lacks something), or undefined. */
  skipUnless?: (ctx: Ctx) => string | undefined;
  run(ctx: Ctx, t: CaseRecorder): Promise<void>;
}

/**
 * What a case that is one rule's case takes from the rule: its clause, level, title, decisions, the
 * words of the original it quotes and coverage keys, and the rule's id, so that a report says of it
 * what the rule's declaration says.
 */
export function asRuleCase(
  rule: RuleMeta,
): Pick<CaseMeta, 'clause' | 'level' | 'title' | 'decisions' | 'words' | 'covers' | 'rule'> {
  return {
    clause: rule.clause,
    level: rule.level,
    title: rule.title,
    rule: rule.id,
    ...(rule.decisions ? { decisions: [...rule.decisions] } : {}),
    ...(rule.words ? { words: [...rule.words] } : {}),
    ...(rule.covers ? { covers: [...rule.covers] } : {}),
  };
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
