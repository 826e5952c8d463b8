// A live platform sends real SMS: every request the kit sends passes this guard. A number that is
// not in the profile (its phones and its sink numbers) is allowed only when it cannot be delivered
// anywhere (over 20 characters, or not a number at all); every deliverable recipient, sink numbers
// included, is reserved against the budget before sending, as if the platform wrongly accepted
// it, and what was accepted is counted after: on the profile's phones or on its sink numbers, per
// spending family (the case family that was running) and per case.
//
// Several cases may send at once (src/cases/schedule.ts, the plan's `active`). The budget then stays
// what the one-by-one order makes it: each case, as it starts in declared order, holds what it
// could get accepted were every request it sent in the spending plan's run accepted (`begin`; the
// start waits until that fits), and each request holds its worst case until its answer is counted
// (`reserve`). What the cases before a case hold binds it; what the cases after it hold does not
// (they had not started in the one-by-one order), what they used does. A request beyond its case's
// hold waits while something may still be freed (a request in flight, an earlier case's hold), and
// is refused only when nothing can: what is spent and in flight never exceeds the limit.
import { codePointLength } from '../schema/length.js';
import { resolve } from '../schema/navigate.js';

const MOBILE_MAX = resolve({ $ref: 'definitions.json#/$defs/MobileNumber' }).maxLength ?? 20;

/** The kit refused to send a request: it would reach a number outside the profile, or exceed the budget. */
export class SafetyRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetyRefusal';
  }
}

/** A number no network can deliver to: longer than any number, or with something other than digits. */
export function isUndeliverable(mobile: string): boolean {
  return codePointLength(mobile) > MOBILE_MAX || !/^\+?[0-9]+$/.test(mobile);
}

/** Every recipient string of a send request body (whatever its shape: it may be a faulty request). */
export function recipientsOf(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const lists = (body as { requestLists?: unknown }).requestLists;
  if (!Array.isArray(lists)) return [];
  const out: string[] = [];
  // A lenient platform may read a number as a number string, or one string as a list of one:
  // both count as recipients here.
  const add = (m: unknown) => {
    if (typeof m === 'string') out.push(m);
    else if (typeof m === 'number' && Number.isFinite(m)) out.push(String(m));
  };
  for (const message of lists) {
    const mobiles =
      message && typeof message === 'object' ? (message as { mobiles?: unknown }).mobiles : undefined;
    if (Array.isArray(mobiles)) {
      for (const m of mobiles) add(m);
    } else {
      add(mobiles);
    }
  }
  return out;
}

/** Recipients accepted: on the profile's own phones, and on its sink numbers. */
export interface Spend {
  phones: number;
  sinks: number;
}

/** What one case holds and has used of the budget. */
interface Ledger {
  /** Its place: cases begin in declared order; a request of no begun case comes after every case. */
  order: number;
  /** Held since it began (what the plan saw it claim at most); 0 once it only waits or has ended. */
  hold: number;
  spent: number;
  /** The worst case of its requests in flight, each counted as if accepted. */
  inflight: number;
}

/** A request's worst case, held from before it is sent until its answer is counted. */
export interface Reservation {
  readonly recipients: number;
  /** Gives it up (once): call it after `record`, whatever the answer was. */
  release(): void;
}

const AFTER_EVERY_CASE = Number.POSITIVE_INFINITY;

export class Budget {
  private spentCount = 0;
  private readonly allowed: ReadonlySet<string>;
  private readonly spentByFamily = new Map<string, Spend>();
  private readonly spentByCase = new Map<string, Spend>();
  private readonly ledgers = new Map<string, Ledger>();
  private nextOrder = 0;
  /** What each case's requests could have got accepted, each counted as if accepted (what a plan's run tells a later run). */
  private readonly worstByCase = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly limit: number,
    private readonly phones: ReadonlySet<string>,
    private readonly sinks: ReadonlySet<string> = new Set(),
  ) {
    this.allowed = new Set([...phones, ...sinks]);
  }

  get spent(): number {
    return this.spentCount;
  }

  /** What was accepted, split: the profile's phones, its sink numbers. */
  get split(): Spend {
    const total: Spend = { phones: 0, sinks: 0 };
    for (const s of this.spentByFamily.values()) {
      total.phones += s.phones;
      total.sinks += s.sinks;
    }
    return total;
  }

  /** The figures a report shows: the limit, what was spent in all, on phones and on sinks, per family and per case. */
  summary(): {
    limit: number;
    spent: number;
    phones: number;
    sinks: number;
    families: { family: string; spent: Spend }[];
    cases: { id: string; spent: Spend }[];
  } {
    const { phones, sinks } = this.split;
    return {
      limit: this.limit,
      spent: this.spent,
      phones,
      sinks,
      families: [...this.byFamily()].map(([family, spent]) => ({ family, spent })),
      cases: [...this.spentByCase].map(([id, spent]) => ({ id, spent: { ...spent } })),
    };
  }

  /** What each family got accepted, in the order they first spent. */
  byFamily(): Map<string, Spend> {
    return new Map([...this.spentByFamily].map(([k, v]) => [k, { ...v }]));
  }

  private charge(family: string, spend: Spend, caseId: string | undefined): void {
    const add = (into: Map<string, Spend>, key: string) => {
      const s = into.get(key) ?? { phones: 0, sinks: 0 };
      s.phones += spend.phones;
      s.sinks += spend.sinks;
      into.set(key, s);
    };
    add(this.spentByFamily, family);
    if (caseId !== undefined && spend.phones + spend.sinks > 0) add(this.spentByCase, caseId);
  }

  /** What is left for a request of no case: the limit less everything spent, in flight and held. */
  get remaining(): number {
    let claimed = 0;
    for (const l of this.ledgers.values()) claimed += need(l);
    return Math.max(0, this.limit - claimed);
  }

  /**
   * What is left for `caseId` as the one-by-one order would leave it: the limit less what the cases
   * before it hold or spent, what the cases after it spent and have in flight, and its own spend
   * and requests in flight.
   */
  remainingFor(caseId: string): number {
    const own = this.ledger(caseId);
    return Math.max(0, this.limit - this.othersOf(caseId, own) - act(own));
  }

  /**
   * A case begins, in declared order: it holds `recipients` (what its requests could get accepted in the plan's run).
   * False when that does not fit now but may once something is freed (`onChange` tells when);
   * with `force`, or when nothing can be freed, it holds what fits.
   */
  begin(caseId: string, recipients: number, force = false): boolean {
    const l = this.ledger(caseId);
    if (l.order === AFTER_EVERY_CASE) l.order = this.nextOrder++;
    const before = l.hold;
    l.hold = 0;
    let claimed = 0;
    for (const x of this.ledgers.values()) claimed += need(x);
    const free = this.limit - claimed;
    if (recipients <= free + act(l) || recipients === 0) {
      l.hold = recipients;
      return true;
    }
    if (!force && this.mayFree(l, false)) {
      l.hold = before;
      return false;
    }
    l.hold = Math.max(0, free + act(l));
    return true;
  }

  /** The case holds nothing beyond what it spent and has in flight: it only waits now, or it ended. */
  release(caseId: string): void {
    const l = this.ledgers.get(caseId);
    if (!l || l.hold === 0) return;
    l.hold = 0;
    this.changed();
  }

  /** Called whenever something is freed: a hold given up, a request's answer counted. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What each case's requests could have got accepted, every one counted as if accepted, by case. */
  claims(): { id: string; recipients: number }[] {
    return [...this.worstByCase].filter(([, n]) => n > 0).map(([id, recipients]) => ({ id, recipients }));
  }

  /**
   * Holds a request's worst case (`recipients`, as if accepted) for `caseId` until it is released:
   * at once when it fits, after waiting while something it depends on may be freed, or never
   * (SafetyRefusal, as check() refuses).
   */
  async reserve(caseId: string, recipients: number): Promise<Reservation> {
    const l = this.ledger(caseId);
    for (;;) {
      const claim = Math.max(l.hold, act(l) + recipients);
      if (recipients === 0 || this.othersOf(caseId, l) + claim <= this.limit)
        return this.take(caseId, l, recipients);
      if (!this.mayFree(l, true))
        throw new SafetyRefusal(
          `budget: this request could deliver ${recipients} message(s) but only ${this.remainingFor(caseId)} of ${this.limit} remain`,
        );
      await this.nextChange();
    }
  }

  private take(caseId: string, l: Ledger, recipients: number): Reservation {
    l.inflight += recipients;
    this.worstByCase.set(caseId, (this.worstByCase.get(caseId) ?? 0) + recipients);
    let held = true;
    return {
      recipients,
      release: () => {
        if (!held) return;
        held = false;
        l.inflight -= recipients;
        if (recipients > 0) this.changed();
      },
    };
  }

  /** The ledger of a case, made (after every begun case) the first time it is named. */
  private ledger(caseId: string): Ledger {
    let l = this.ledgers.get(caseId);
    if (!l) {
      l = { order: AFTER_EVERY_CASE, hold: 0, spent: 0, inflight: 0 };
      this.ledgers.set(caseId, l);
    }
    return l;
  }

  /** What binds `l`'s case: the cases before it, hold and all; the cases after it, what they used. */
  private othersOf(caseId: string, l: Ledger): number {
    let sum = 0;
    for (const [id, x] of this.ledgers) {
      if (id === caseId) continue;
      sum += x.order < l.order ? need(x) : act(x);
    }
    return sum;
  }

  /**
   * Whether waiting may free what `l` lacks: another request in flight, or a hold beyond what its
   * case used (`earlierOnly`: only the holds of the cases before `l`'s, which bind it).
   */
  private mayFree(l: Ledger, earlierOnly: boolean): boolean {
    for (const x of this.ledgers.values()) {
      if (x === l) continue;
      if (x.inflight > 0) return true;
      if (x.hold > act(x) && (!earlierOnly || x.order < l.order)) return true;
    }
    return false;
  }

  private nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      const stop = this.onChange(() => {
        stop();
        resolve();
      });
    });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** How many recipients of this body a platform could deliver to, were it to accept it. */
  deliverable(body: unknown): number {
    return recipientsOf(body).filter((m) => !isUndeliverable(m)).length;
  }

  /**
   * Throws unless the body may be sent: only profile numbers, and within what is left of the budget
   * (reserving nothing: a case's request reserves its worst case with `reserve`).
   */
  check(body: unknown, text?: string): void {
    this.guard(body, text);
    const needed = this.deliverable(body);
    if (needed > this.remaining) {
      throw new SafetyRefusal(
        `budget: this request could deliver ${needed} message(s) but only ${this.remaining} of ${this.limit} remain`,
      );
    }
  }

  /** Throws unless the body names only numbers of the profile, or numbers no network delivers to. */
  guard(body: unknown, text?: string): void {
    for (const m of recipientsOf(body)) {
      if (!isUndeliverable(m) && !this.allowed.has(m)) {
        throw new SafetyRefusal(`refused to send to ${m}: not a number of the profile`);
      }
    }
    if (text !== undefined && typeof body !== 'object') {
      // A raw body the kit could not parse as a request: it must not name any deliverable number.
      for (const m of text.match(/\+?[0-9]{5,20}/g) ?? []) {
        if (!this.allowed.has(m) && !this.allowed.has(m.replace(/^\+/, ''))) {
          throw new SafetyRefusal(`refused to send a raw body naming ${m}: not a number of the profile`);
        }
      }
    }
  }

  /**
   * Counts what the platform accepted (decision D9): per-recipient `"0"`s of an accepted request,
   * under `family` (the spending family of the case that sent it) and the case's id.
   */
  record(body: unknown, response: unknown, family = 'other', caseId?: string): number {
    if (!response || typeof response !== 'object') return 0;
    const r = response as { resultCode?: unknown; resultLists?: unknown };
    if (r.resultCode !== '0' && r.resultCode !== 0) return 0;
    // Without per-recipient codes, every deliverable recipient counts; with them, each "0" (or a
    // result with no code) counts; never more than the request could reach.
    const deliverable = this.deliverable(body);
    const accepted = Array.isArray(r.resultLists)
      ? Math.min(
          deliverable,
          r.resultLists.filter((x) => {
            const code = (x as { resultCode?: unknown } | null)?.resultCode;
            return code === '0' || code === 0 || code === undefined;
          }).length,
        )
      : deliverable;
    this.spentCount += accepted;
    this.ledger(caseId ?? '').spent += accepted;
    this.charge(family, this.splitOf(body, r.resultLists, accepted), caseId);
    return accepted;
  }

  /**
   * Who the `accepted` recipients were: read result by result when the answer lines up with the
   * request's recipients, else counted on the profile's phones first (the costlier guess).
   */
  private splitOf(body: unknown, results: unknown, accepted: number): Spend {
    const recipients = recipientsOf(body);
    if (Array.isArray(results) && results.length === recipients.length) {
      const spend: Spend = { phones: 0, sinks: 0 };
      results.forEach((x, i) => {
        const code = (x as { resultCode?: unknown } | null)?.resultCode;
        const m = recipients[i] as string;
        if ((code === '0' || code === 0 || code === undefined) && !isUndeliverable(m))
          spend[this.isSink(m) ? 'sinks' : 'phones'] += 1;
      });
      if (spend.phones + spend.sinks === accepted) return spend;
    }
    const onPhones = recipients.filter((m) => !isUndeliverable(m) && !this.isSink(m)).length;
    const phones = Math.min(accepted, onPhones);
    return { phones, sinks: accepted - phones };
  }

  private isSink(m: string): boolean {
    return this.sinks.has(m) && !this.phones.has(m);
  }
}

/** What a case claims: its hold, or what it used when that is more. */
function need(l: Ledger): number {
  return Math.max(l.hold, act(l));
}

/** What a case used: spent, and in flight as if accepted. */
function act(l: Ledger): number {
  return l.spent + l.inflight;
}
