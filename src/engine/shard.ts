// One run split across N processes or CI runners (`--shard i/N`). Each family of cases that costs
// recipients (the spending plan of the whole run says which) goes whole to one shard, so what its
// cases share (a limits probe, a status-report send) is sent once, as in one run, and the shards'
// spends add up to the whole run's. The other cases are dealt out, every N-th to each shard, in
// declared order (so the order rules of the plan still hold inside a shard). The caps are split so
// the shards together never spend or risk more than one run may. `merge-reports` puts the N
// reports back together (src/engine/merge.ts).
import { KitError } from '../core/errors.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total)
    throw new KitError(
      'usage',
      `a shard is i/N with 1 ≤ i ≤ N (e.g. 2/3), not ${JSON.stringify(text)}`,
      'shard',
    );
  return { index, total };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}

/** The costly families of a sharded run and the shard (1-based) each goes to whole. */
export type FamilyOwners = ReadonlyMap<string, number>;

/**
 * Each family that costs something, whole to one shard: the costliest first, each to the shard
 * that has the least so far (the lowest index on a tie), so the shards' spends come out even.
 */
export function familyOwners(
  costs: readonly { family: string; cost: number }[],
  total: number,
): FamilyOwners {
  const load = new Array<number>(total).fill(0);
  const owners = new Map<string, number>();
  // A stable sort: families that cost the same keep the plan's order.
  for (const { family, cost } of costs.filter((c) => c.cost > 0).sort((a, b) => b.cost - a.cost)) {
    const k = load.indexOf(Math.min(...load));
    owners.set(family, k + 1);
    load[k] = (load[k] ?? 0) + cost;
  }
  return owners;
}

/** What a shard knows of the whole run's plan: the shard each costly family goes to, and its cost. */
export interface ShardLayout {
  owners: FamilyOwners;
  /** Recipients each costly family gets accepted in the whole run's plan. */
  costs: ReadonlyMap<string, number>;
}

/** The layout of a plan's families: each that costs something, whole to one shard. */
export function layoutOf(costs: readonly { family: string; cost: number }[], total: number): ShardLayout {
  return {
    owners: familyOwners(costs, total),
    costs: new Map(costs.filter((c) => c.cost > 0).map((c) => [c.family, c.cost])),
  };
}

/** What the plan gives the shard's own families, and all families. */
export function plannedOf(layout: ShardLayout, shard: Shard): { mine: number; all: number } {
  let mine = 0;
  let all = 0;
  for (const [family, cost] of layout.costs) {
    all += cost;
    if (layout.owners.get(family) === shard.index) mine += cost;
  }
  return { mine, all };
}

/** How a shard takes its part of a list: items of an owned family go to its owner, the others are dealt out. */
export interface ShardSplit<T> {
  shard: Shard;
  owners?: FamilyOwners;
  familyOf?: (item: T) => string;
}

/**
 * The shard's part of a list (all of it without a shard): the items of the families it owns, and
 * of the items no shard owns, the 0-based k-th with k mod N = i - 1.
 */
export function inShard<T>(items: readonly T[], split: ShardSplit<T> | undefined): T[] {
  if (!split) return [...items];
  const { shard, owners, familyOf } = split;
  let dealt = 0;
  return items.filter((item) => {
    const owner = owners && familyOf ? owners.get(familyOf(item)) : undefined;
    if (owner !== undefined) return owner === shard.index;
    return dealt++ % shard.total === shard.index - 1;
  });
}

/** The shard's part of a cap: the shards' parts add up to exactly `limit`, and never exceed it. */
export function shareOf(limit: number, shard: Shard | undefined): number {
  if (!shard) return limit;
  const base = Math.floor(limit / shard.total);
  return base + (shard.index <= limit % shard.total ? 1 : 0);
}

/**
 * The shard's part of the recipients the run may get accepted: what the plan gives its families,
 * and its share of what the plan leaves over; the shards' parts add up to exactly `limit`.
 */
export function acceptedShareOf(
  limit: number,
  shard: Shard | undefined,
  planned?: { mine: number; all: number },
): number {
  if (!shard || !planned) return shareOf(limit, shard);
  const spare = Math.max(0, limit - planned.all);
  return Math.min(limit, planned.mine) + shareOf(spare, shard);
}

/**
 * The profile as one shard sees it: its part of the recipients (acceptedShareOf) and of the
 * requests with wrong credentials. The valid property runs' cap stays whole: their one case runs in
 * one shard only.
 */
export function shardProfile<P extends Profile & { platform: PlatformProfile }>(
  profile: P,
  shard: Shard | undefined,
  planned?: { mine: number; all: number },
): P {
  if (!shard) return profile;
  const p = profile.platform;
  return {
    ...profile,
    platform: {
      ...p,
      maxAcceptedMessages: acceptedShareOf(p.maxAcceptedMessages, shard, planned),
      maxAuthFailures: shareOf(p.maxAuthFailures, shard),
    },
  };
}
