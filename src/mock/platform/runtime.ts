// What a mock platform holds besides its socket, built from one configuration: the journal, the
// pusher, the report delivery, and the send steps (with hooks). Kept in one object, passed to the
// router and the handle, instead of variables captured by one long closure; it is also the
// admin API's target (admin.ts).
import type { AdminLimits } from '../admin-request.js';
import type { PlatformAdminTarget } from './admin.js';
import type { PlatformConfig } from './config.js';
import { ReportDelivery, type RetainedReport } from './delivery.js';
import type { DeliveryFates } from './fates.js';
import { applyHooks, type PlatformHooks, type PlatformSteps } from './hooks.js';
import { Journal, type JournalEntry } from './journal.js';
import { createPlatformPusher } from './pusher.js';
import type { PushRecord, PushStats, RetryingPusher } from './retry.js';
import { defaultSteps } from './steps.js';
import type { UplinkInjection } from './uplink.js';

export class PlatformRuntime implements PlatformAdminTarget {
  readonly log: Journal;
  readonly pusher: RetryingPusher;
  readonly delivery: ReportDelivery;
  readonly steps: PlatformSteps;
  readonly limits: AdminLimits;
  readonly uplinkDefaults: { url: string | null; mobile: string };

  constructor(config: PlatformConfig, pushCa: string | undefined, hooks: PlatformHooks | undefined) {
    this.limits = { ...config.limits };
    this.log = new Journal(config.journal.maxEntries, config.journal.maxBodyBytes);
    this.pusher = createPlatformPusher(config, pushCa, this.log);
    this.delivery = new ReportDelivery(config.delivery, this.pusher);
    this.steps = applyHooks(defaultSteps(config, this.delivery), hooks);
    this.uplinkDefaults = { url: config.uplink.url, mobile: config.target.mobiles[0] ?? '' };
  }

  journal(): JournalEntry[] {
    return this.log.entries();
  }

  journalDropped(): number {
    return this.log.dropped;
  }

  retainedReports(): RetainedReport[] {
    return this.delivery.retained();
  }

  deliveryFate(): DeliveryFates {
    return this.delivery.fateSnapshot();
  }

  pushes(): PushRecord[] {
    return this.pusher.history.toArray();
  }

  pushStats(): PushStats & { scheduled: number } {
    return { ...this.pusher.counts(), scheduled: this.delivery.scheduled };
  }

  injectUplink(injection: UplinkInjection): { record: PushRecord; settled: Promise<PushRecord> } {
    return this.pusher.push('uplink', injection.url, injection.body);
  }

  reset(): void {
    this.delivery.reset();
    this.pusher.reset();
    this.log.clear();
  }

  /** No report is waiting for its delay and no push is pending. */
  idle(): boolean {
    return this.delivery.scheduled === 0 && this.pusher.counts().pending === 0;
  }
}
