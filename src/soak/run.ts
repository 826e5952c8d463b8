// The soak engine: one soak, in-process, from typed options to its report. It reads the profile
// (or starts the kit's own targets), checks the bounds and the guards, tells the platform's
// spend before anything is sent, runs one side under one stop (the caller's signal, a deadline
// that bounds every soak) and assembles the report, telling each step as an event. It prints
// nothing, writes no file and knows no command line: the front ends do (src/cli/soak.ts).
import { randomInt } from 'node:crypto';
import { KitError } from '../core/errors.js';
import type { LocalTargets } from '../engine/options.js';
import { runStop } from '../engine/stop.js';
import {
  type PlatformProfile,
  type Profile,
  type ProfileOverrides,
  profileFrom,
  requireSecrets,
  secretsOf,
} from '../profile/profile.js';
import { assembleSoak, type SoakFacts } from './assemble.js';
import type { SideOutcome, SoakRun } from './context.js';
import { soakCustomer } from './customer.js';
import { STOP_GRACE_MS } from './drive.js';
import { arrivalsOf, checkBounds, checkHosts, checkLiveSpend, namedHosts, spendOf } from './guards.js';
import {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_UPLINK_SHARE,
  type SoakListener,
  type SoakOptions,
} from './options.js';
import { type PlatformAsk, soakPlatform } from './platform.js';
import { RssMeter } from './recorder.js';
import type { SoakReport } from './types.js';

/** Room in the deadline beyond the soak's own time: starting targets, preflight, drawing the pools. */
const DEADLINE_MARGIN_MS = 60_000;

function targetsOf(options: SoakOptions): LocalTargets {
  if (!options.targets)
    throw new KitError(
      'usage',
      "a soak without a profile needs the kit's own targets (the package root gives them)",
    );
  return options.targets;
}

/** The profile's platform section and its password, which a platform soak sends. */
function platformOf(profile: Profile): PlatformProfile {
  if (!profile.platform) throw new KitError('profile', 'the profile has no platform section');
  requireSecrets(profile, ['platform'], 'the platform soak');
  return profile.platform;
}

/** The numbers a platform soak sends to: as asked, else the sink numbers, else (the kit's own mock only) its phones. */
function mobilesOf(options: SoakOptions, platform: PlatformProfile, embedded: boolean): readonly string[] {
  if (options.mobiles && options.mobiles.length > 0) return options.mobiles;
  if (platform.sinkMobiles.length > 0) return platform.sinkMobiles;
  return embedded ? platform.mobiles : [];
}

/** A soak made ready: its profile, what it asks, and for the platform what it sends to. */
interface Prepared {
  profile: Profile;
  embedded: boolean;
  asked: SoakReport['asked'];
  platform?: { profile: PlatformProfile; ask: PlatformAsk };
}

function prepare(options: SoakOptions, profile: Profile, embedded: boolean, seed: number): Prepared {
  const platform = options.side === 'platform' ? platformOf(profile) : undefined;
  const recipientsPerRequest = options.recipientsPerRequest ?? 1;
  const asked: SoakReport['asked'] = {
    ratePerS: options.ratePerS / (options.shard?.total ?? 1),
    durationS: options.durationMs / 1000,
    maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    ...(platform ? { recipientsPerRequest } : { uplinkShare: options.uplinkShare ?? DEFAULT_UPLINK_SHARE }),
    timeoutMs: profile.timeoutMs,
    seed,
  };
  if (!platform) return { profile, embedded, asked };
  const ask: PlatformAsk = {
    recipientsPerRequest,
    mobiles: mobilesOf(options, platform, embedded),
    graceMs: options.graceMs ?? profile.statusReportWaitMs,
  };
  return { profile, embedded, asked, platform: { profile: platform, ask } };
}

/** The platform's spend, told before anything is sent, then held to a live platform's guards. */
function checkSpend(p: Prepared, options: SoakOptions, emit: SoakListener): void {
  if (!p.platform) return;
  const { profile, ask } = p.platform;
  const spend = spendOf(
    p.asked.ratePerS,
    options.durationMs,
    ask.recipientsPerRequest,
    ask.mobiles,
    profile,
    !p.embedded,
    options.shard,
  );
  emit({ type: 'plan', spend });
  checkLiveSpend(spend, ask.mobiles, profile);
  if (ask.mobiles.length === 0)
    throw new KitError('profile', 'the profile gives no number to send to (platform.mobiles)');
}

/** Runs the prepared side under one stop: the caller's signal, or the deadline every soak has. */
async function execute(
  p: Prepared,
  options: SoakOptions,
  emit: SoakListener,
  startedAt: Date,
  rss: RssMeter,
) {
  // Every soak stops by itself: its own time, the answers' timeout, the reports' grace, and a margin.
  const limitMs =
    options.durationMs +
    p.profile.timeoutMs +
    STOP_GRACE_MS +
    (p.platform ? p.profile.statusReportWaitMs + p.platform.ask.graceMs : 0) +
    DEADLINE_MARGIN_MS;
  const stop = runStop(limitMs, false, startedAt, options.signal);
  try {
    const run: SoakRun = {
      profile: p.profile,
      ratePerS: p.asked.ratePerS,
      durationMs: options.durationMs,
      total: arrivalsOf(p.asked.ratePerS, options.durationMs),
      maxInFlight: p.asked.maxInFlight,
      seed: p.asked.seed,
      stop: stop.signal,
      emit,
      progressEveryMs: options.progressEveryMs ?? 500,
      rss,
    };
    let outcome: SideOutcome;
    if (p.platform) outcome = await soakPlatform(run, p.platform.ask);
    else {
      const customer = await soakCustomer(run, p.asked.uplinkShare ?? DEFAULT_UPLINK_SHARE);
      p.asked.uplinkShare = customer.uplinkShare;
      outcome = customer;
    }
    return { outcome, ...(stop.reason ? { interrupted: stop.reason.message } : {}) };
  } finally {
    stop.dispose();
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  checkBounds(options);
  const startedAt = new Date();
  const rss = new RssMeter();
  const emit: SoakListener = options.onEvent ?? (() => {});
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const overrides = options.overrides ?? {};
  refuseUrlWithoutProfile(options, overrides);
  const local = options.profile === undefined ? await targetsOf(options).embedded(overrides) : undefined;
  try {
    const profile = local?.profile ?? profileFrom(options.profile as string | object, overrides);
    // The hosts the profile names as written; the kit's own targets name none but loopback.
    const named = local ? new Set<string>() : namedHosts(profileFrom(options.profile as string | object, {}));
    checkHosts(overrides, named, options.allowAnyHost ?? false);
    const prepared = prepare(options, profile, local !== undefined, seed);
    emit({
      type: 'soak-started',
      side: options.side,
      embedded: prepared.embedded,
      targets: targetsFor(profile, options.side),
      asked: prepared.asked,
      secrets: secretsOf(profile),
    });
    checkSpend(prepared, options, emit);
    const { outcome, interrupted } = await execute(prepared, options, emit, startedAt, rss);
    const facts: SoakFacts = {
      side: options.side,
      startedAt,
      command: options.command ?? 'runSoak',
      ...(options.shard ? { shard: options.shard } : {}),
      embedded: prepared.embedded,
      asked: prepared.asked,
      thresholds: options.thresholds ?? {},
      ...(interrupted !== undefined ? { interrupted } : {}),
      rss,
      notes: [],
    };
    const report = assembleSoak(facts, outcome);
    emit({ type: 'soak-finished', report });
    return report;
  } finally {
    await local?.close();
  }
}

/**
 * Without a profile the soak is the kit's own mocks' and sends to their test numbers, with no
 * budget and no sink check: a URL given without a profile would aim that at a real target.
 */
function refuseUrlWithoutProfile(options: SoakOptions, overrides: ProfileOverrides): void {
  if (options.profile !== undefined) return;
  const given = (['url', 'uplinkUrl', 'reportUrl'] as const).find((k) => overrides[k] !== undefined);
  if (given)
    throw new KitError(
      'usage',
      `a soak of a URL (${given}) needs a profile: its numbers, its sink numbers and its budget; without one the soak is the kit's own mocks'`,
      given,
    );
}

function targetsFor(profile: Profile, side: SoakReport['side']): Record<string, string> {
  if (side === 'platform') return profile.platform ? { platform: profile.platform.url } : {};
  const c = profile.customer;
  return {
    ...(c?.uplinkUrl ? { uplinkUrl: c.uplinkUrl } : {}),
    ...(c?.reportUrl ? { reportUrl: c.reportUrl } : {}),
  };
}
