// The platform soak's delivery accounting: every (messageId, recipient) the platform accepted, and
// every status report that came for it. Memory is bounded by time, not by the soak's length:
//
// - a pair waits in `pending` from its send's answer until its first report (then it is settled)
//   or until waitMs + graceMs have passed (then it is lost: a report after that counts as unknown);
// - a settled pair's key stays in `settled` for dupWindowMs after its first report, so a second
//   report within that window is a duplicate; one after it counts as unknown. The window
//   (2 × statusReportWaitMs by default) covers a platform's retries of a report it thinks failed;
//   a duplicate later than that still shows, as an unknown report;
// - a report whose pair is not known yet waits in `early` for up to earlyMs: the platform may push
//   it before the kit has read the send's answer; after that it is unknown.
//
// Each map holds what arrives in its window (rate × recipients × window), and each is swept in
// insertion order, which is the order its entries expire in.
import type { AcceptedRecipient, SendOfReport } from '../rules/index.js';
import type { DeliveryAccounting, Pair } from './types.js';

/** How many pairs of each wrong kind the report names. */
const EXAMPLES = 20;

interface Pending extends Pair {
  requestId: string | undefined;
  answeredAt: number;
}

interface Settled extends Pair {
  requestId: string | undefined;
  until: number;
  duplicated: boolean;
}

/** A report not tied to an accepted pair yet, and what judges it once it is. */
interface Early<R> {
  report: R;
  pair: Pair;
  at: number;
}

export interface LedgerTimes {
  waitMs: number;
  graceMs: number;
  dupWindowMs: number;
  earlyMs: number;
}

/** Told for each report once the ledger knows what it belongs to: its send, or why none. */
export type ReportJudge<R> = (report: R, tie: { send: SendOfReport } | { uncorrelated: string }) => void;

/**
 * The key of a pair. §1.4 lets a domestic number go with or without its country code, so
 * `13600000001`, `8613600000001` and `+8613600000001` are one recipient (D19, as sameRecipient).
 */
export function pairKey(messageId: string, mobile: string): string {
  const digits = mobile.replace(/^\+/, '');
  return `${messageId}\u0000${/^1[0-9]{10}$/.test(digits) ? `86${digits}` : digits}`;
}

function sendOf(p: { messageId: string; mobile: string; requestId: string | undefined }): SendOfReport {
  return { requestId: p.requestId, accepted: [{ messageId: p.messageId, mobile: p.mobile }] };
}

export class DeliveryLedger<R> {
  private readonly pending = new Map<string, Pending>();
  private readonly settled = new Map<string, Settled>();
  private readonly early = new Map<string, Early<R>[]>();
  private readonly examples: DeliveryAccounting['examples'] = {
    lost: [],
    late: [],
    duplicated: [],
    unknown: [],
  };
  requests = 0;
  recipients = 0;
  accepted = 0;
  onTime = 0;
  late = 0;
  lost = 0;
  duplicated = 0;
  extraReports = 0;
  unknown = 0;

  constructor(
    private readonly times: LedgerTimes,
    private readonly judge: ReportJudge<R>,
    /** Told each pair's report delay (ms from the send's answer to its first report). */
    private readonly onDelay: (ms: number) => void,
  ) {}

  get waiting(): number {
    return this.pending.size;
  }

  get reported(): number {
    return this.onTime + this.late;
  }

  /** A send request went out with `recipients` recipients. */
  sent(recipients: number): void {
    this.requests += 1;
    this.recipients += recipients;
  }

  /** The pairs a send's answer accepted, answered at `at`. */
  accept(pairs: readonly AcceptedRecipient[], requestId: string | undefined, at: number): void {
    for (const pair of pairs) {
      this.accepted += 1;
      const key = pairKey(pair.messageId, pair.mobile);
      const pending: Pending = { ...pair, requestId, answeredAt: at };
      const early = this.early.get(key);
      if (!early) {
        this.pending.set(key, pending);
        continue;
      }
      this.early.delete(key);
      for (const e of early) this.arrive(key, pending, e.report, Math.max(e.at, at));
    }
  }

  /** A report came at `at` for (messageId, mobile); a report without both counts as unknown. */
  report(report: R, messageId: unknown, mobile: unknown, at: number): void {
    if (typeof messageId !== 'string' || typeof mobile !== 'string') {
      this.unknownReport(
        report,
        { messageId: String(messageId), mobile: String(mobile) },
        'it has no messageId or mobile string',
      );
      return;
    }
    const key = pairKey(messageId, mobile);
    const pending = this.pending.get(key);
    if (pending || this.settled.has(key)) {
      this.arrive(key, pending, report, at);
      return;
    }
    const list = this.early.get(key);
    const early: Early<R> = { report, pair: { messageId, mobile }, at };
    if (list) list.push(early);
    else this.early.set(key, [early]);
  }

  /** A report for a known pair: its first (settling it), or one more. */
  private arrive(key: string, pending: Pending | undefined, report: R, at: number): void {
    if (pending) {
      this.pending.delete(key);
      const delay = at - pending.answeredAt;
      this.onDelay(Math.max(0, delay));
      if (delay <= this.times.waitMs) this.onTime += 1;
      else {
        this.late += 1;
        this.example('late', pending);
      }
      this.settled.set(key, {
        messageId: pending.messageId,
        mobile: pending.mobile,
        requestId: pending.requestId,
        until: at + this.times.dupWindowMs,
        duplicated: false,
      });
      this.judge(report, { send: sendOf(pending) });
      return;
    }
    const settled = this.settled.get(key);
    if (!settled) return;
    this.extraReports += 1;
    if (!settled.duplicated) {
      settled.duplicated = true;
      this.duplicated += 1;
      this.example('duplicated', settled);
    }
    this.judge(report, { send: sendOf(settled) });
  }

  private unknownReport(report: R, pair: Pair, why: string): void {
    this.unknown += 1;
    this.example('unknown', pair);
    this.judge(report, { uncorrelated: `a report for no pair the soak had accepted: ${why}` });
  }

  private example(kind: keyof DeliveryAccounting['examples'], pair: Pair): void {
    const list = this.examples[kind];
    if (list.length < EXAMPLES) list.push({ messageId: pair.messageId, mobile: pair.mobile });
  }

  /** Expires what is past its window at `now`: pairs never reported (lost), settled keys, early reports (unknown). */
  sweep(now: number): void {
    const lostAfter = this.times.waitMs + this.times.graceMs;
    for (const [key, p] of this.pending) {
      if (now - p.answeredAt < lostAfter) break;
      this.pending.delete(key);
      this.lostPair(p);
    }
    for (const [key, s] of this.settled) {
      if (s.until > now) break;
      this.settled.delete(key);
    }
    for (const [key, list] of this.early) {
      if (now - (list[0]?.at ?? now) < this.times.earlyMs) break;
      this.early.delete(key);
      for (const e of list)
        this.unknownReport(e.report, e.pair, 'no send answer accepted its (messageId, mobile)');
    }
  }

  private lostPair(p: Pair): void {
    this.lost += 1;
    this.example('lost', p);
  }

  /**
   * The end of the soak: every pair still pending is lost, unless the soak was stopped before its
   * grace ran out (`interrupted`): then the pairs still within their wait are counted as pending.
   */
  finish(now: number, interrupted: boolean): DeliveryAccounting {
    let pending = 0;
    for (const p of this.pending.values()) {
      if (interrupted && now - p.answeredAt < this.times.waitMs + this.times.graceMs) pending += 1;
      else this.lostPair(p);
    }
    this.pending.clear();
    for (const list of this.early.values())
      for (const e of list)
        this.unknownReport(e.report, e.pair, 'no send answer accepted its (messageId, mobile)');
    this.early.clear();
    this.settled.clear();
    return {
      requests: this.requests,
      recipients: this.recipients,
      accepted: this.accepted,
      onTime: this.onTime,
      late: this.late,
      lost: this.lost,
      ...(pending > 0 ? { pending } : {}),
      duplicated: this.duplicated,
      extraReports: this.extraReports,
      unknown: this.unknown,
      waitMs: this.times.waitMs,
      graceMs: this.times.graceMs,
      examples: this.examples,
    };
  }
}
