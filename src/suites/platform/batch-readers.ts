// The cases judged by the largest legal batch that the at-limit cases send (limits.ts, traffic.ts):
// on a conforming platform they spend nothing of their own, and when they do (the batch was not
// sent or not accepted) it is in its stead, so they spend as the family that sends it. A sharded
// run then keeps them in the shard of that batch (src/engine/shard.ts), and spends what one run does.
export const BATCH_FAMILY = 'limits';

export const BATCH_READERS = {
  plain: 'platform.templates.plain',
  atMax: 'platform.templates.variables.at-max',
  cjk: 'platform.templates.values.cjk',
  cjkAtMax: 'platform.templates.values.cjk-at-max',
  otherScripts: 'platform.templates.values.other-scripts',
  emoji: 'platform.templates.values.emoji',
  reordered: 'platform.templates.variables.reordered',
  batch: 'platform.send.batch.mixed',
} as const;

const READERS: ReadonlySet<string> = new Set(Object.values(BATCH_READERS));

export function readsLargestBatch(caseId: string): boolean {
  return READERS.has(caseId);
}
