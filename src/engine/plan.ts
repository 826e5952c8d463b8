// The spending plan: how many recipients each family of platform cases gets accepted by a
// conforming platform, on the profile's phones and on its sink numbers, before anything is sent.
// It is found, not listed: the platform cases run (same seed, runs, selection and frugality) against
// a platform the kit starts in its process (LocalTargets.planPlatform: the mock, made from the profile's account, signature, templates, budget),
// which accepts what the spec says a platform accepts. Nothing reaches the target; the target need
// not be up. The run's report then sets what each family spent beside what was planned.

import type { PlatformProfile, Profile } from '../profile/profile.js';
import type { FamilySpend, SpendPlan, SpendSplit } from '../report/types.js';

export type { SpendPlan };

import type { LocalTargets } from './options.js';
import { acceptedShareOf, layoutOf, plannedOf, type Shard, type ShardLayout } from './shard.js';
import { runPlatformSide, type SideOptions } from './sides.js';

/** Short waits: the plan's platform reports at once, and nothing it does is being judged. */
const PLAN_WAIT_MS = 300;

/** A password for the plan's own platform when the profile's is not set: the plan sends nothing to the target. */
const PLAN_PASSWORD = 'plan-only-password';

/** The profile's platform as the plan's run sees it: its caps and numbers, no real credential needed. */
function planned(platform: PlatformProfile): PlatformProfile {
  const { uplinkTrigger: _none, ...rest } = platform;
  return {
    ...rest,
    password: platform.password || PLAN_PASSWORD,
    ...(platform.disabledAccount
      ? {
          disabledAccount: {
            ...platform.disabledAccount,
            password: platform.disabledAccount.password || PLAN_PASSWORD,
          },
        }
      : {}),
  };
}

export async function planPlatformSpend(
  profile: Profile & { platform: PlatformProfile },
  options: Pick<SideOptions, 'seed' | 'runs' | 'only' | 'frugal'>,
  targets: LocalTargets,
): Promise<SpendPlan> {
  const platform = planned(profile.platform);
  const mock = await targets.planPlatform(platform, PLAN_WAIT_MS);
  try {
    const outcome = await runPlatformSide(
      {
        ...profile,
        platform: { ...platform, url: mock.baseUrl },
        callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
        statusReportWaitMs: PLAN_WAIT_MS,
        tls: { ca: null, insecure: false },
        timeoutMs: 5_000,
        unsetSecrets: [],
      },
      {
        seed: options.seed,
        runs: options.runs,
        ...(options.only ? { only: options.only } : {}),
        ...(options.frugal ? { frugal: true } : {}),
        rerun: (id) => id,
      },
    );
    const families = (outcome.budget?.families ?? []).map((f) => ({ family: f.family, planned: f.spent }));
    // The skips that change the spending; the others (a profile value missing) are in the run's report.
    const skipped = outcome.results
      .filter((r) => r.verdict === 'skip' && /frugal|budget/i.test(r.message))
      .map((r) => ({ id: r.id, reason: r.message }));
    return { limit: profile.platform.maxAcceptedMessages, families, total: totalOf(families), skipped };
  } finally {
    await mock.close();
  }
}

/** The recipients of these families together. */
function totalOf(families: SpendPlan['families']): SpendSplit {
  return families.reduce(
    (sum, f) => ({ phones: sum.phones + f.planned.phones, sinks: sum.sinks + f.planned.sinks }),
    { phones: 0, sinks: 0 },
  );
}

/** Each family of the whole run's plan that costs something, whole to one of `total` shards. */
export function shardLayoutOf(plan: SpendPlan, total: number): ShardLayout {
  return layoutOf(
    plan.families.map((f) => ({ family: f.family, cost: f.planned.phones + f.planned.sinks })),
    total,
  );
}

/**
 * One shard's part of the whole run's plan: the families it runs whole, its part of the limit, the
 * skips among its cases (`cases`: the ids the shard runs).
 */
export function shardPart(
  plan: SpendPlan,
  shard: Shard,
  layout: ShardLayout,
  cases: ReadonlySet<string>,
): SpendPlan {
  const families = plan.families.filter((f) => layout.owners.get(f.family) === shard.index);
  return {
    limit: acceptedShareOf(plan.limit, shard, plannedOf(layout, shard)),
    families,
    total: totalOf(families),
    skipped: plan.skipped.filter((s) => cases.has(s.id)),
    shard: { ...shard, whole: plan.total },
  };
}

/** Every family of the plan or of the run, planned beside spent (families in plan order, then new ones). */
export function familiesWithPlan(
  plan: SpendPlan | undefined,
  spent: readonly { family: string; spent: SpendSplit }[],
): FamilySpend[] {
  const none: SpendSplit = { phones: 0, sinks: 0 };
  const names = [...new Set([...(plan?.families.map((f) => f.family) ?? []), ...spent.map((f) => f.family)])];
  return names.map((family) => {
    const planned = plan?.families.find((f) => f.family === family)?.planned;
    return {
      family,
      ...(plan ? { planned: planned ?? none } : {}),
      spent: spent.find((f) => f.family === family)?.spent ?? none,
    };
  });
}
