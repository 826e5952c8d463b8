// A live platform sends real SMS: every request the kit sends passes this guard. A number that is
// not in the profile (its phones and its sink numbers) is allowed only when it cannot be delivered
// anywhere (over 20 characters, or not a number at all); every deliverable recipient, sink numbers
// included, is reserved against the budget before sending, as if the platform wrongly accepted
// it, and what was accepted is counted after: on the profile's phones or on its sink numbers, per
// spending family (the case family that was running) and per case.
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

export class Budget {
  private spentCount = 0;
  private readonly allowed: ReadonlySet<string>;
  private readonly spentByFamily = new Map<string, Spend>();
  private readonly spentByCase = new Map<string, Spend>();

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

  get remaining(): number {
    return Math.max(0, this.limit - this.spentCount);
  }

  /** How many recipients of this body a platform could deliver to, were it to accept it. */
  deliverable(body: unknown): number {
    return recipientsOf(body).filter((m) => !isUndeliverable(m)).length;
  }

  /** Throws unless the body may be sent: only profile numbers, and within what is left of the budget. */
  check(body: unknown, text?: string): void {
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
    const needed = this.deliverable(body);
    if (needed > this.remaining) {
      throw new SafetyRefusal(
        `budget: this request could deliver ${needed} message(s) but only ${this.remaining} of ${this.limit} remain`,
      );
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
