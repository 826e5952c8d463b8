// A listening mock platform as its caller holds it (MockPlatform): where it is, what it received
// and pushed, injecting an uplink, waiting until every report is delivered (whenIdle), and closing
// once, with a grace period for requests and pushes in flight.
import { SEND_PATH } from '../../core/terms.js';
import type { ListeningServer, TlsMaterial } from '../../http/listen.js';
import { waitUntil } from '../wait.js';
import type { PlatformConfig } from './config.js';
import type { RetainedReport } from './delivery.js';
import type { DeliveryFates } from './fates.js';
import type { JournalEntry } from './journal.js';
import { buildProfile, type TargetProfile } from './profile.js';
import type { PushRecord, PushStats } from './retry.js';
import type { PlatformRuntime } from './runtime.js';
import { parseUplinkInjection } from './uplink.js';

export interface MockPlatform {
  /** The sendTemplateMessage endpoint. */
  readonly url: string;
  /** `http(s)://host:port`. */
  readonly baseUrl: string;
  readonly profile: TargetProfile;
  readonly config: PlatformConfig;
  /** The certificate served (PEM), null over plain HTTP. A client may trust it as its CA. */
  readonly certificate: string | null;
  journal(): JournalEntry[];
  retainedReports(): RetainedReport[];
  /**
   * What delivery.loseFraction, duplicateFraction and lateFraction did (fates.ts): exact counts
   * since the start or the last reset, and each fate's reports with their messageId and mobile
   * (oldest first, at most delivery.maxFateRecords each). A copy: later fates do not change it.
   */
  deliveryFate(): DeliveryFates;
  pushes(): PushRecord[];
  pushStats(): PushStats & { scheduled: number };
  /** Pushes an uplink SMS (fields as given, defaults where absent) to `url` or the configured one. */
  injectUplink(input: Record<string, unknown>): Promise<PushRecord>;
  /** Resolves once no report is waiting for its delay (a late one for its extra delay too) and no push is pending. */
  whenIdle(timeoutMs?: number): Promise<void>;
  reset(): void;
  /** Stops accepting; pushes in flight may finish within `graceMs` (default: the push timeout). */
  close(options?: { graceMs?: number }): Promise<void>;
}

export function platformHandle(
  server: ListeningServer,
  runtime: PlatformRuntime,
  config: PlatformConfig,
  tls: TlsMaterial | undefined,
): MockPlatform {
  const profile = buildProfile(config, server.baseUrl, tls !== undefined);
  let closed: Promise<void> | undefined;
  return {
    url: `${server.baseUrl}${SEND_PATH}`,
    baseUrl: server.baseUrl,
    profile,
    config,
    certificate: tls?.cert ?? null,
    journal: () => runtime.journal(),
    retainedReports: () => runtime.retainedReports(),
    deliveryFate: () => runtime.deliveryFate(),
    pushes: () => runtime.pushes(),
    pushStats: () => runtime.pushStats(),
    injectUplink(input) {
      const injection = parseUplinkInjection(input, runtime.uplinkDefaults);
      if ('error' in injection) return Promise.reject(new Error(injection.error));
      return runtime.injectUplink(injection).settled;
    },
    whenIdle: (timeoutMs = 30_000) =>
      waitUntil(() => runtime.idle(), { timeoutMs, what: 'the mock platform to deliver every report' }),
    reset: () => runtime.reset(),
    close({ graceMs = config.retry.pushTimeoutMs } = {}) {
      closed ??= (async () => {
        runtime.delivery.close();
        await Promise.all([server.close(graceMs), runtime.pusher.close(graceMs)]);
      })();
      return closed;
    },
  };
}
