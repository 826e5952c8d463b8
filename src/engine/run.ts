// The engine: one conformance run, in-process, from typed options to the run's report. It reads
// the profile (or starts the kit's own targets), selects the cases, checks once that the platform
// can be reached, makes the spending plan, runs both suites under one deadline and one stop, and
// assembles the report, telling each step as an event (events.ts). It prints nothing, writes no
// file and knows no command line: the front ends do (src/cli, src/vitest, src/index.ts).
import { randomInt } from 'node:crypto';
import type { CaseMeta } from '../cases/types.js';
import { readCa } from '../client/http.js';
import { KitError } from '../core/errors.js';
import type { Side } from '../core/terms.js';
import { certificatesOf } from '../http/trust.js';
import {
  type PlatformProfile,
  type Profile,
  profileFrom,
  requireSecrets,
  secretsOf,
} from '../profile/profile.js';
import type { RunReport } from '../report/types.js';
import { assembleReport } from './assemble.js';
import { defaultDeadlineMs } from './deadline.js';
import type { RunListener } from './events.js';
import { type ConformanceOptions, DEFAULT_RUNS, type LocalTargets } from './options.js';
import {
  familiesWithPlan,
  overspendNotes,
  planPlatformSpend,
  type SpendPlan,
  shardLayoutOf,
} from './plan.js';
import { preflight } from './preflight.js';
import { provenanceOf } from './provenance.js';
import {
  type Planned,
  partOf,
  planOptions,
  type Sharding,
  selectionOf,
  shardingOf,
  wholePlan,
} from './sharding.js';
import {
  noCaseMatches,
  runCustomerSide,
  runPlatformSide,
  type SideOptions,
  type SideOutcome,
  selectedCasesOf,
} from './sides.js';
import { type RunStop, runStop } from './stop.js';

/** The case that sends the disabled account's password: only a run that selects it needs that secret. */
const DISABLED_ACCOUNT_CASE = 'platform.auth.disabled-account';

function targetsOf(options: ConformanceOptions): LocalTargets {
  if (!options.targets)
    throw new KitError(
      'usage',
      "a run without a profile needs the kit's own targets (the package root gives them)",
    );
  return options.targets;
}

/** Which suites run: the one asked for (its section required), or each the profile configures (the others noted). */
function suitesOf(profile: Profile, suite: Side | 'both'): { sides: Side[]; notes: string[] } {
  if (suite === 'platform' && !profile.platform)
    throw new KitError('profile', 'the profile has no platform section');
  if (suite === 'customer' && !profile.customer)
    throw new KitError('profile', 'the profile has no customer section (nor a customer URL given apart)');
  const notes: string[] = [];
  const sides: Side[] = [];
  for (const side of ['platform', 'customer'] as const) {
    if (suite !== 'both' && suite !== side) continue;
    if (profile[side]) sides.push(side);
    else notes.push(`the profile has no ${side} section: the ${side} suite is skipped`);
  }
  return { sides, notes };
}

/** The secrets the selected platform cases send; a run without them stops before anything is sent. */
function checkSecrets(profile: Profile, selected: readonly CaseMeta[]): void {
  if (!selected.some((c) => c.side === 'platform')) return;
  const disabled = selected.some((c) => c.id === DISABLED_ACCOUNT_CASE);
  requireSecrets(
    profile,
    disabled ? ['platform', 'platform.disabledAccount'] : ['platform'],
    'the platform suite',
  );
}

export async function runConformance(options: ConformanceOptions = {}): Promise<RunReport> {
  const startedAt = new Date();
  const emit: RunListener = options.onEvent ?? (() => {});
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  const local =
    options.profile === undefined ? await targetsOf(options).embedded(options.overrides ?? {}) : undefined;
  try {
    const profile =
      local?.profile ?? profileFrom(options.profile as string | object, options.overrides ?? {});
    const { sides, notes } = suitesOf(profile, options.suite ?? 'both');
    const sharding = await shardingOf(profile, sides, options, seed);
    const selected = selectedCasesOf(sides, selectionOf(options, sharding));
    if (selected.length === 0) throw noCaseMatches(options.only);
    checkSecrets(profile, selected);
    const targets = targetsFor(profile);
    emit({
      type: 'run-started',
      seed,
      embedded: local !== undefined,
      targets,
      cases: selected,
      secrets: secretsOf(profile),
    });
    for (const text of notes) emit({ type: 'note', text });
    const limitMs =
      options.deadlineMs ?? defaultDeadlineMs(profile, selected.length, sides.includes('platform'));
    const stop = runStop(limitMs, options.deadlineMs !== undefined, startedAt, options.signal);
    try {
      const outcomes = await runSides(
        profile,
        sides,
        sideOptions(options, seed, selected, stop, emit, sharding),
        options,
        sharding,
      );
      const report = assembleReport({
        startedAt,
        command: options.command ?? 'runConformance',
        strict: options.strict ?? false,
        seed,
        ...(options.shard ? { shard: options.shard } : {}),
        embedded: local !== undefined,
        targets,
        ...provenanceOf(profile, Object.assign({}, ...outcomes.map((o) => o.certificates ?? {}))),
        ...caOf(profile),
        ...budgetOf(outcomes),
        notes: [...outcomes.flatMap((o) => o.notes), ...notes],
        results: outcomes.flatMap((o) => o.results),
        ...(stop.reason ? { stopped: stop.reason } : {}),
      });
      emit({ type: 'run-finished', report });
      return report;
    } finally {
      stop.dispose();
    }
  } finally {
    await local?.close();
  }
}

function targetsFor(profile: Profile): RunReport['targets'] {
  return {
    ...(profile.platform ? { platform: profile.platform.url } : {}),
    ...(profile.customer?.uplinkUrl ? { uplinkUrl: profile.customer.uplinkUrl } : {}),
    ...(profile.customer?.reportUrl ? { reportUrl: profile.customer.reportUrl } : {}),
  };
}

/** The CA the run trusted its targets with, its certificates alone, while its file is still there. */
function caOf(profile: Profile): Pick<RunReport, 'ca'> {
  const ca = profile.tls.ca ? certificatesOf(readCa(profile.tls.ca)) : '';
  return ca ? { ca } : {};
}

function budgetOf(outcomes: readonly SideOutcome[]): Pick<RunReport, 'budget'> {
  const budget = outcomes.find((o) => o.budget)?.budget;
  return budget ? { budget } : {};
}

/** How the sides run and tell: the selection, the stop, and each case as it starts, keeps an exchange, finishes. */
function sideOptions(
  options: ConformanceOptions,
  seed: number,
  selected: readonly CaseMeta[],
  stop: RunStop,
  emit: RunListener,
  sharding: Sharding,
): SideOptions {
  let done = 0;
  const total = selected.length;
  return {
    seed,
    runs: options.runs ?? DEFAULT_RUNS,
    ...selectionOf(options, sharding),
    ...(options.path ? { path: options.path } : {}),
    ...(options.frugal ? { frugal: true } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    rerun: options.rerun ?? ((id) => `runConformance({ only: '${id}', seed: ${seed} })`),
    stop: stop.signal,
    onStart: (c) => emit({ type: 'case-started', case: c }),
    onRecord: (caseId, exchange) => emit({ type: 'exchange', caseId, exchange }),
    onResult: (result) => emit({ type: 'case-finished', result, done: ++done, total }),
    onBudget: (budget) => emit({ type: 'budget', budget }),
  };
}

/** The platform suite (reachable, then planned, then run), then the customer suite. */
async function runSides(
  profile: Profile,
  sides: readonly Side[],
  o: SideOptions,
  options: ConformanceOptions,
  sharding: Sharding,
): Promise<SideOutcome[]> {
  const outcomes: SideOutcome[] = [];
  if (sides.includes('platform')) {
    const platformProfile = profile as Profile & { platform: PlatformProfile };
    const fingerprint = o.stop?.aborted
      ? undefined
      : await preflight(platformProfile.platform.url, profile.tls, profile.timeoutMs);
    const plan = o.stop?.aborted ? {} : await planBeforeRun(platformProfile, o, options, sharding);
    // With the plan, each case holds its planned spend from its start: several may send at once.
    const outcome = await runPlatformSide(platformProfile, {
      ...o,
      ...(plan.plan ? { spendPlan: plan.plan } : {}),
    });
    if (outcome.budget) {
      outcome.budget.families = familiesWithPlan(plan.plan, outcome.budget, outcome.results);
      outcome.notes.push(...overspendNotes(outcome.budget.families));
    }
    if (plan.note) outcome.notes.push(plan.note);
    outcomes.push({ ...outcome, ...(fingerprint ? { certificates: { platform: fingerprint } } : {}) });
  }
  if (sides.includes('customer')) outcomes.push(await runCustomerSide(profile, o));
  return outcomes;
}

/** The spending plan, told before the platform cases send (a shard's: its part of the whole run's). */
async function planBeforeRun(
  profile: Profile & { platform: PlatformProfile },
  o: SideOptions,
  options: ConformanceOptions,
  sharding: Sharding,
): Promise<Planned> {
  const made: Sharding = o.shard ? sharding : await wholePlan(profile, o, options);
  const plan = made.plan && o.shard && made.layout ? partOf(made.plan, o.shard, made.layout, o) : made.plan;
  if (plan) options.onEvent?.({ type: 'plan', plan, ...numbersOf(profile.platform) });
  return { ...(plan ? { plan } : {}), ...(made.note ? { note: made.note } : {}) };
}

/** How many distinct phones and sink numbers the profile gives (what the plan's lines say). */
export function numbersOf(platform: PlatformProfile): { phones: number; sinks: number } {
  return { phones: new Set(platform.mobiles).size, sinks: new Set(platform.sinkMobiles).size };
}

/**
 * The cases a run of these sides would run, without running any. A shard's part needs the whole
 * run's plan (shardingOf), made against the profile, or the kit's own targets without one.
 */
export async function casesOf(sides: readonly Side[], options: ConformanceOptions = {}): Promise<CaseMeta[]> {
  if (!options.shard || !sides.includes('platform')) return selectedCasesOf(sides, selectionOf(options, {}));
  const local =
    options.profile === undefined ? await targetsOf(options).embedded(options.overrides ?? {}) : undefined;
  try {
    const profile =
      local?.profile ?? profileFrom(options.profile as string | object, options.overrides ?? {});
    const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
    return selectedCasesOf(sides, selectionOf(options, await shardingOf(profile, sides, options, seed)));
  } finally {
    await local?.close();
  }
}

/** The plan of a run, without running it: nothing is sent to the target, which need not be up. */
export async function planSpend(
  options: ConformanceOptions = {},
): Promise<{ plan: SpendPlan; phones: number; sinks: number } | undefined> {
  const local =
    options.profile === undefined ? await targetsOf(options).embedded(options.overrides ?? {}) : undefined;
  try {
    const profile =
      local?.profile ?? profileFrom(options.profile as string | object, options.overrides ?? {});
    if (options.suite === 'customer' || !profile.platform) return undefined;
    const platform = profile as Profile & { platform: PlatformProfile };
    const o = planOptions(options, options.seed ?? randomInt(0, 2 ** 31 - 1));
    const whole = await planPlatformSpend(platform, o, targetsOf(options));
    const shard = options.shard;
    const plan = shard ? partOf(whole, shard, shardLayoutOf(whole, shard.total), o) : whole;
    return { plan, ...numbersOf(platform.platform) };
  } finally {
    await local?.close();
  }
}
