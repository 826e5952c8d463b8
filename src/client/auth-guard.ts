// A live platform may lock an account after wrong passwords: every request with credentials other
// than the profile's (a wrong password, an unknown account, a fault on account or password) counts,
// and past the profile's cap such a request is refused here, never sent.
import type { Credentials } from '../profile/profile.js';
import { SafetyRefusal } from './budget.js';

export class AuthFaultGuard {
  private sentCount = 0;
  private refusedCount = 0;
  /** The cases whose requests were refused, in the order of their first, with how many each. */
  private readonly refusedIn = new Map<string, number>();
  /** Every case's requests with wrong credentials, sent or refused, in the order of their first. */
  private readonly wantedIn = new Map<string, number>();

  constructor(
    readonly limit: number,
    private readonly valid: readonly Credentials[],
  ) {}

  get sent(): number {
    return this.sentCount;
  }

  get refused(): number {
    return this.refusedCount;
  }

  /** Which cases had requests refused, and how many each. */
  get refusedCases(): ReadonlyMap<string, number> {
    return this.refusedIn;
  }

  /** How many requests with wrong credentials each case would have sent (those refused included). */
  get wantedCases(): ReadonlyMap<string, number> {
    return this.wantedIn;
  }

  /** The run's note: how many were sent, and how many were not, naming the cases that lost them. */
  summary(): string {
    const cap = `(cap ${this.limit}: platform.maxAuthFailures)`;
    const sent = `${this.sentCount} request(s) with wrong credentials sent`;
    if (this.refusedCount === 0) return `${sent} ${cap}`;
    const cases = [...this.refusedIn].map(([id, n]) => (n > 1 ? `${id} (${n} requests)` : id));
    return `${sent}, ${this.refusedCount} not sent ${cap}: ${cases.join(', ')}`;
  }

  /** Whether a body carries other credentials than a profile account's own (a raw body: as parsed). */
  isFault(body: unknown): boolean {
    let value = body;
    if (typeof body === 'string') {
      try {
        value = JSON.parse(body);
      } catch {
        return false; // not JSON: no platform reads credentials out of it
      }
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const b = value as { account?: unknown; password?: unknown };
    return !this.valid.some((c) => b.account === c.account && b.password === c.password);
  }

  /**
   * Admits a request about to be sent: one with wrong credentials counts as sent from here (a request
   * that then fails in transport may still have reached the platform), and past the cap it is
   * refused, never sent (SafetyRefusal), and counted against `caseId`. The body is judged once.
   */
  admit(body: unknown, caseId = 'a request of no case'): void {
    if (!this.isFault(body)) return;
    this.wantedIn.set(caseId, (this.wantedIn.get(caseId) ?? 0) + 1);
    if (this.sentCount >= this.limit) {
      this.refusedCount += 1;
      this.refusedIn.set(caseId, (this.refusedIn.get(caseId) ?? 0) + 1);
      throw new SafetyRefusal(
        `not sent: the run has already sent ${this.sentCount} request(s) with wrong credentials, the cap (the profile's platform.maxAuthFailures): the account may lock`,
      );
    }
    this.sentCount += 1;
  }
}
