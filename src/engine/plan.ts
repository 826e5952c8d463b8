// The spending plan: how many recipients each family of platform cases gets accepted by a
// conforming platform, on the profile's phones and on its sink numbers, before anything is sent.
// It is found, not listed: the platform cases run (same seed, runs, selection and frugality) against
// a platform the kit starts in its process (LocalTargets.planPlatform: the mock, made from the profile's account, signature, templates, budget),
// which accepts what the spec says a platform accepts. Nothing reaches the target; the target need
// not be up. The run's report then sets what each family spent beside what was planned, and names
// the cases of a family that spent more.

import type { CaseResult } from '../cases/types.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';
import type { BudgetReport, CaseOverspend, FamilySpend, SpendPlan, SpendSplit } from '../report/types.js';
import { spendFamily } from '../suites/platform/context.js';

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
    const cases = (outcome.budget?.cases ?? []).map((c) => ({ id: c.id, planned: c.spent }));
    return {
      limit: profile.platform.maxAcceptedMessages,
      families,
      total: totalOf(families),
      skipped,
      cases,
      reserve: outcome.reserve ?? [],
    };
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
    ...(plan.cases ? { cases: plan.cases.filter((c) => cases.has(c.id)) } : {}),
    ...(plan.reserve ? { reserve: plan.reserve.filter((c) => cases.has(c.id)) } : {}),
    shard: { ...shard, whole: plan.total },
  };
}

/** Recipients of a split, phones and sinks together. */
function sum(s: SpendSplit): number {
  return s.phones + s.sinks;
}

/**
 * Every family of the plan or of the run, planned beside spent (families in plan order, then new
 * ones); a family that spent more than planned names its cases that did (`over`), each with what
 * the plan gave it and its verdict and message: the plan is what a conforming platform accepts, so
 * such a case's request was accepted where a conforming platform refuses it, or more of it was.
 */
export function familiesWithPlan(
  plan: SpendPlan | undefined,
  budget: Pick<BudgetReport, 'families' | 'cases'>,
  results: readonly CaseResult[] = [],
): FamilySpend[] {
  const none: SpendSplit = { phones: 0, sinks: 0 };
  const spent = budget.families ?? [];
  const names = [...new Set([...(plan?.families.map((f) => f.family) ?? []), ...spent.map((f) => f.family)])];
  return names.map((family) => {
    const planned = plan?.families.find((f) => f.family === family)?.planned;
    const used = spent.find((f) => f.family === family)?.spent ?? none;
    const over = plan && sum(used) > sum(planned ?? none) ? overspent(plan, budget, results, family) : [];
    return {
      family,
      ...(plan ? { planned: planned ?? none } : {}),
      spent: used,
      ...(over.length > 0 ? { over } : {}),
    };
  });
}

/** The cases of a family that got more accepted than the plan gives them. */
function overspent(
  plan: SpendPlan,
  budget: Pick<BudgetReport, 'cases'>,
  results: readonly CaseResult[],
  family: string,
): CaseOverspend[] {
  return (budget.cases ?? []).flatMap((c) => {
    if (spendFamily(c.id) !== family) return [];
    const planned = sum(plan.cases?.find((p) => p.id === c.id)?.planned ?? { phones: 0, sinks: 0 });
    if (sum(c.spent) <= planned) return [];
    const r = results.find((x) => x.id === c.id);
    const why = r ? `${r.verdict.toUpperCase()} ${r.level}: ${r.message.split('\n')[0] ?? ''}` : 'no result';
    return [{ id: c.id, planned, spent: sum(c.spent), why }];
  });
}

/** The lines a report's notes give for the families that spent more than planned. */
export function overspendNotes(families: readonly FamilySpend[]): string[] {
  return families.flatMap((f) =>
    f.over && f.planned
      ? [
          `spending: family ${f.family} got ${sum(f.spent)} recipient(s) accepted, the plan ${sum(f.planned)} (what a conforming platform accepts): ${f.over
            .map((c) => `${c.id} ${c.spent} where the plan gives ${c.planned} (${c.why})`)
            .join('; ')}`,
        ]
      : [],
  );
}
