// One run split across N processes or CI runners (`--shard i/N`): each shard takes every N-th of
// the selected cases of each side, in declared order (so the order rules of the plan still hold
// inside a shard), and an N-th of every cap the profile sets, so the shards together never spend
// or risk more than one run may. `merge-reports` puts the N reports back together (src/engine/merge.ts).
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

/** The shard's part of a list: items 0-based k with k mod N = i - 1 (all of it without a shard). */
export function inShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items];
  return items.filter((_, k) => k % shard.total === shard.index - 1);
}

/** The shard's part of a cap: the shards' parts add up to exactly `limit`, and never exceed it. */
export function shareOf(limit: number, shard: Shard | undefined): number {
  if (!shard) return limit;
  const base = Math.floor(limit / shard.total);
  return base + (shard.index <= limit % shard.total ? 1 : 0);
}

/** The profile as one shard sees it: every cap of the platform section cut to the shard's part. */
export function shardProfile<P extends Profile & { platform: PlatformProfile }>(
  profile: P,
  shard: Shard | undefined,
): P {
  if (!shard) return profile;
  const p = profile.platform;
  return {
    ...profile,
    platform: {
      ...p,
      maxAcceptedMessages: shareOf(p.maxAcceptedMessages, shard),
      validRunsBudget: shareOf(p.validRunsBudget, shard),
      maxAuthFailures: shareOf(p.maxAuthFailures, shard),
    },
  };
}
