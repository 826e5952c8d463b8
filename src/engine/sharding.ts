// Planning before a run selects its cases: the whole run's spending plan, made against a platform
// the kit starts in its process (plan.ts), and for a sharded run the layout it gives: each family
// of platform cases that spends goes whole to one shard (shard.ts), so a shard's selection, its part
// of the caps and its part of the plan all come from the one plan of the whole run.
import { KitError } from '../core/errors.js';
import type { Side } from '../core/terms.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';
import type { SpendPlan } from '../report/types.js';
import { type ConformanceOptions, DEFAULT_RUNS } from './options.js';
import { planPlatformSpend, shardLayoutOf, shardPart } from './plan.js';
import { layoutOf, type Shard, type ShardLayout } from './shard.js';
import { platformFamilySizes, type SideOptions, selectedCasesOf } from './sides.js';

export interface Planned {
  plan?: SpendPlan;
  /** Why there is no plan: a profile the plan cannot imitate, no local targets. */
  note?: string;
}

/** The whole run's plan (never a shard's); a profile the plan cannot imitate leaves a note. */
export async function wholePlan(
  profile: Profile & { platform: PlatformProfile },
  o: Pick<SideOptions, 'seed' | 'runs' | 'only' | 'frugal'>,
  options: ConformanceOptions,
): Promise<Planned> {
  if (!options.targets)
    return { note: 'no spending plan: the run was given no local targets to plan against' };
  try {
    return { plan: await planPlatformSpend(profile, o, options.targets) };
  } catch (err) {
    if (err instanceof KitError && err.kind === 'profile') return { note: err.message };
    throw err;
  }
}

/** A sharded run's platform side: the whole run's plan, and the shard each costly family goes to. */
export interface Sharding extends Planned {
  layout?: ShardLayout;
}

/**
 * The whole run's plan, made before a shard selects its cases: each family it says costs
 * something goes whole to one shard. Without a plan, every family goes whole to one shard.
 */
export async function shardingOf(
  profile: Profile,
  sides: readonly Side[],
  options: ConformanceOptions,
  seed: number,
): Promise<Sharding> {
  if (!options.shard || !sides.includes('platform') || !profile.platform) return {};
  const o = planOptions(options, seed);
  const made = await wholePlan(profile as Profile & { platform: PlatformProfile }, o, options);
  if (made.plan) return { ...made, layout: shardLayoutOf(made.plan, options.shard.total) };
  return {
    note: `${made.note ?? 'no spending plan'}; each family of platform cases went whole to one shard`,
    layout: layoutOf(platformFamilySizes(options.only), options.shard.total),
  };
}

/** What the plan's run takes of the options. */
export function planOptions(
  options: ConformanceOptions,
  seed: number,
): Pick<SideOptions, 'seed' | 'runs' | 'only' | 'frugal'> {
  return {
    seed,
    runs: options.runs ?? DEFAULT_RUNS,
    ...(options.only ? { only: options.only } : {}),
    ...(options.frugal ? { frugal: true } : {}),
  };
}

/** The selection of the options: `only`, and the shard with its layout. */
export function selectionOf(
  options: ConformanceOptions,
  sharding: Sharding,
): Pick<SideOptions, 'only' | 'shard' | 'layout'> {
  return {
    ...(options.only ? { only: options.only } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(sharding.layout ? { layout: sharding.layout } : {}),
  };
}

/** A shard's part of the whole run's plan: its families, its part of the limit, its cases' skips. */
export function partOf(
  plan: SpendPlan,
  shard: Shard,
  layout: ShardLayout,
  o: Pick<SideOptions, 'only'>,
): SpendPlan {
  const mine = selectedCasesOf(['platform'], { ...o, shard, layout });
  return shardPart(plan, shard, layout, new Set(mine.map((c) => c.id)));
}
