// A small seeded PRNG (mulberry32): the mocks draw statuses and simulated failures from it, so a
// run with the same seed and the same order of requests reproduces.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks a key with probability proportional to its weight (weights ≥ 0, at least one > 0). */
export function weightedPicker(weights: Readonly<Record<string, number>>, random: Random): () => string {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  if (entries.length === 0 || total <= 0) throw new Error('weightedPicker needs a positive weight');
  return () => {
    let point = random() * total;
    for (const [key, weight] of entries) {
      point -= weight;
      if (point < 0) return key;
    }
    return (entries[entries.length - 1] as [string, number])[0];
  };
}
