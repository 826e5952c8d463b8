// Status reports the platform mishandles on purpose, for load tests that must catch it (a soak's
// delivery accounting): when a report with a statusCallback falls due, one draw decides its fate.
// With u drawn in [0, 1): u < loseFraction drops it (never pushed, not kept); below
// loseFraction + duplicateFraction it is pushed twice (two separate pushes of the same body); below
// loseFraction + duplicateFraction + lateFraction it is pushed lateDelayMs after it fell due;
// otherwise it is pushed as usual. The draws come from a stream of their own seeded by
// delivery.seed (the statuses drawn do not change when fates are turned on), in the order reports
// fall due, so a run with the same seed and the same order of requests reproduces. What was done
// is kept: exact counts, and each fate's reports (messageId, mobile, …) in a bounded list.
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { BoundedLog } from '../bounded-log.js';
import { type Random, seededRandom } from '../prng.js';

export type ReportFate = 'dropped' | 'duplicated' | 'late';

export interface FateOptions {
  loseFraction: number;
  duplicateFraction: number;
  lateFraction: number;
  lateDelayMs: number;
  seed: number;
  /** Most reports listed per fate (the counts stay exact). */
  maxFateRecords: number;
}

/** One report given a fate. */
export interface FatedReport {
  fate: ReportFate;
  messageId: string;
  mobile: string;
  /** The report's requestId, null when it carries none. */
  requestId: string | null;
  status: string;
  /** The statusCallback it was (or would have been) pushed to. */
  url: string;
  /** ISO time it fell due (delivery.delayMs after acceptance) and its fate was drawn. */
  dueAt: string;
  /** ISO time it is pushed: dueAt for a duplicated one, dueAt + lateDelayMs for a late one; null when dropped. */
  pushAt: string | null;
  /** Its pushes (ids of pushes()): two when duplicated, one once a late one is pushed, none when dropped. */
  pushIds: number[];
}

export interface FateCounts {
  /** Reports with a statusCallback that fell due since the start or the last reset, whatever their fate. */
  reports: number;
  /** Reports pushed once, at once, as usual: reports − dropped − duplicated − late. */
  normal: number;
  dropped: number;
  duplicated: number;
  late: number;
  /** Late reports still waiting for their extra delay (part of `late`). */
  lateWaiting: number;
}

/** What the platform did to its reports: exact counts, and each fate's reports (oldest first, bounded). */
export interface DeliveryFates {
  counts: FateCounts;
  dropped: FatedReport[];
  duplicated: FatedReport[];
  late: FatedReport[];
}

/** Salt of the fates' stream: a different stream from the statuses', from the same seed. */
const FATE_STREAM = 0x2545f491;

export class FateBook {
  private random: Random;
  private readonly active: boolean;
  private readonly counts = { reports: 0, dropped: 0, duplicated: 0, late: 0 };
  private readonly lists: Record<ReportFate, BoundedLog<FatedReport>>;

  constructor(private readonly options: FateOptions) {
    this.random = seededRandom(options.seed ^ FATE_STREAM);
    this.active = options.loseFraction + options.duplicateFraction + options.lateFraction > 0;
    this.lists = {
      dropped: new BoundedLog(options.maxFateRecords),
      duplicated: new BoundedLog(options.maxFateRecords),
      late: new BoundedLog(options.maxFateRecords),
    };
  }

  /** The fate of a report with a statusCallback that falls due now; undefined: pushed as usual. */
  draw(report: NotifyReportMessageRequest, url: string): FatedReport | undefined {
    this.counts.reports++;
    if (!this.active) return undefined;
    const { loseFraction, duplicateFraction, lateFraction, lateDelayMs } = this.options;
    const u = this.random();
    let fate: ReportFate;
    if (u < loseFraction) fate = 'dropped';
    else if (u < loseFraction + duplicateFraction) fate = 'duplicated';
    else if (u < loseFraction + duplicateFraction + lateFraction) fate = 'late';
    else return undefined;
    const now = Date.now();
    const fated: FatedReport = {
      fate,
      messageId: report.messageId,
      mobile: report.mobile,
      requestId: report.requestId ?? null,
      status: report.status,
      url,
      dueAt: new Date(now).toISOString(),
      pushAt: fate === 'dropped' ? null : new Date(fate === 'late' ? now + lateDelayMs : now).toISOString(),
      pushIds: [],
    };
    this.counts[fate]++;
    this.lists[fate].push(fated);
    return fated;
  }

  snapshot(lateWaiting: number): DeliveryFates {
    const { reports, dropped, duplicated, late } = this.counts;
    const copy = (log: BoundedLog<FatedReport>) =>
      log.toArray().map((r) => ({ ...r, pushIds: [...r.pushIds] }));
    return {
      counts: {
        reports,
        normal: reports - dropped - duplicated - late,
        dropped,
        duplicated,
        late,
        lateWaiting,
      },
      dropped: copy(this.lists.dropped),
      duplicated: copy(this.lists.duplicated),
      late: copy(this.lists.late),
    };
  }

  /** Forgets what was done, and starts the draws again from the seed. */
  reset(): void {
    this.random = seededRandom(this.options.seed ^ FATE_STREAM);
    Object.assign(this.counts, { reports: 0, dropped: 0, duplicated: 0, late: 0 });
    for (const log of Object.values(this.lists)) log.clear();
  }
}
