// What keeps a soak safe: it is bounded (rate, duration, arrivals), it soaks only the hosts the
// profile names (or loopback) unless told otherwise, and against a live platform it sends only to
// the profile's sink numbers and never more than its budget. Each refusal is one line (a usage
// error, exit 2), said before anything is sent.
import { KitError } from '../core/errors.js';
import type { Shard } from '../engine/shard.js';
import type { PlatformProfile, Profile, ProfileOverrides } from '../profile/profile.js';
import {
  MAX_DURATION_MS,
  MAX_RATE_PER_S,
  MAX_RECIPIENTS_PER_REQUEST,
  type SoakOptions,
  type SoakSpend,
} from './options.js';

/** Arrivals of a soak at `ratePerS` for `durationMs`: the whole ones (a float's 249.99999 is 250). */
export function arrivalsOf(ratePerS: number, durationMs: number): number {
  const exact = (ratePerS * durationMs) / 1000;
  const near = Math.round(exact);
  return Math.abs(exact - near) < 1e-6 ? near : Math.floor(exact);
}

/** The options' numbers, within their bounds; a usage error names the one that is not. */
export function checkBounds(o: SoakOptions): void {
  const bad = (what: string) => new KitError('usage', what);
  if (!(o.ratePerS > 0 && o.ratePerS <= MAX_RATE_PER_S))
    throw bad(`the rate must be more than 0 and at most ${MAX_RATE_PER_S} per second, not ${o.ratePerS}`);
  if (!(o.durationMs >= 1 && o.durationMs <= MAX_DURATION_MS))
    throw bad(`the duration must be from 1 ms to 24 h, not ${o.durationMs} ms`);
  if (
    o.maxInFlight !== undefined &&
    !(Number.isInteger(o.maxInFlight) && o.maxInFlight >= 1 && o.maxInFlight <= 10_000)
  )
    throw bad(`max in flight must be a whole number from 1 to 10000, not ${o.maxInFlight}`);
  if (o.uplinkShare !== undefined && !(o.uplinkShare >= 0 && o.uplinkShare <= 1))
    throw bad(`the uplink share must be from 0 to 1, not ${o.uplinkShare}`);
  const r = o.recipientsPerRequest;
  if (r !== undefined && !(Number.isInteger(r) && r >= 1 && r <= MAX_RECIPIENTS_PER_REQUEST))
    throw bad(
      `recipients per request must be a whole number from 1 to ${MAX_RECIPIENTS_PER_REQUEST} (one message each), not ${r}`,
    );
  const rate = o.ratePerS / (o.shard?.total ?? 1);
  if (arrivalsOf(rate, o.durationMs) < 1)
    throw bad(
      `a rate of ${rate}/s for ${o.durationMs} ms schedules no arrival: raise the rate or the duration`,
    );
}

const LOOPBACK = /^(localhost|127(\.[0-9]{1,3}){3}|::1|\[::1\])$/i;

function hostOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Every host the profile names, as written (before any URL given apart). */
export function namedHosts(profile: Profile): Set<string> {
  const urls = [
    profile.platform?.url,
    profile.platform?.uplinkTrigger?.url,
    profile.customer?.uplinkUrl,
    profile.customer?.reportUrl,
    profile.callbackReceiver.publicUrl,
  ];
  return new Set(urls.map(hostOf).filter((h): h is string => h !== undefined));
}

/**
 * A URL given apart from the profile (an override) is soaked only on loopback or on a host the
 * profile names: a typo must not point a load test at someone else's server.
 */
export function checkHosts(
  overrides: ProfileOverrides,
  named: ReadonlySet<string>,
  allowAnyHost: boolean,
): void {
  if (allowAnyHost) return;
  const given = [
    ['url', overrides.url],
    ['uplinkUrl', overrides.uplinkUrl],
    ['reportUrl', overrides.reportUrl],
  ] as const;
  for (const [setting, url] of given) {
    const host = hostOf(url);
    if (url === undefined) continue;
    if (host === undefined)
      throw new KitError('usage', `the ${setting} given, ${url}, is not a URL`, setting);
    if (!LOOPBACK.test(host) && !named.has(host))
      throw new KitError(
        'usage',
        `a soak loads its target: the ${setting} given (${host}) is neither loopback nor a host the profile names (to soak it anyway: allowAnyHost)`,
        setting,
      );
  }
}

/** What a platform soak will get accepted, at the shard's rate (limit null against the kit's own mock). */
export function spendOf(
  ratePerS: number,
  durationMs: number,
  recipientsPerRequest: number,
  mobiles: readonly string[],
  platform: PlatformProfile,
  live: boolean,
  shard: Shard | undefined,
): SoakSpend {
  const requests = arrivalsOf(ratePerS, durationMs);
  const distinct = new Set(mobiles);
  const sinks = new Set(platform.sinkMobiles);
  return {
    requests,
    recipientsPerRequest,
    recipients: requests * recipientsPerRequest,
    numbers: distinct.size,
    sinks: [...distinct].filter((m) => sinks.has(m)).length,
    // A shard may spend its part of the budget: the shards together never more than one soak.
    limit: live ? Math.floor(platform.maxAcceptedMessages / (shard?.total ?? 1)) : null,
    ...(shard ? { shard } : {}),
  };
}

/** Against a live platform: sink numbers only, and the whole spend within the budget. */
export function checkLiveSpend(
  spend: SoakSpend,
  mobiles: readonly string[],
  platform: PlatformProfile,
): void {
  if (spend.limit === null) return;
  if (platform.sinkMobiles.length === 0)
    throw new KitError(
      'usage',
      'a soak of a live platform sends only to sink numbers, and the profile gives no platform.sinkMobiles',
      'platform.sinkMobiles',
    );
  const sinks = new Set(platform.sinkMobiles);
  const other = mobiles.find((m) => !sinks.has(m));
  if (other !== undefined)
    throw new KitError(
      'usage',
      `a soak of a live platform sends only to sink numbers: ${other} is not one of the profile's platform.sinkMobiles`,
      'platform.sinkMobiles',
    );
  if (spend.recipients > spend.limit)
    throw new KitError(
      'usage',
      `the soak would get up to ${spend.recipients} recipients accepted (${spend.requests} requests × ${spend.recipientsPerRequest}), more than the budget of ${spend.limit} (the profile's platform.maxAcceptedMessages${spend.shard ? `, this shard's part` : ''}): lower the rate, the duration or the recipients per request`,
      'platform.maxAcceptedMessages',
    );
}
