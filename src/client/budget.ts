// A live platform sends real SMS: every request the kit sends passes this guard. A number that is
// not in the profile is allowed only when it cannot be delivered anywhere (over 20 characters, or
// not a number at all); every deliverable recipient is reserved against the budget before
// sending, as if the platform wrongly accepted it, and what was accepted is counted after.
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
  return [...mobile].length > MOBILE_MAX || !/^\+?[0-9]+$/.test(mobile);
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

export class Budget {
  private spentCount = 0;

  constructor(
    readonly limit: number,
    private readonly allowed: ReadonlySet<string>,
  ) {}

  get spent(): number {
    return this.spentCount;
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

  /** Counts what the platform accepted (decision D9): per-recipient `"0"`s of an accepted request. */
  record(body: unknown, response: unknown): number {
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
    return accepted;
  }
}
