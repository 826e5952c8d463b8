// The platform soak's spend as the CLI prints it before anything is sent (as `--plan` prints a
// run's): requests, recipients, numbers, and the budget it is held to.
import { formatShard } from '../../../engine/shard.js';
import type { SoakSpend } from '../../../soak/options.js';

export function renderSoakPlan(spend: SoakSpend): string {
  const part = spend.shard ? `, shard ${formatShard(spend.shard)}` : '';
  const budget =
    spend.limit === null
      ? "the kit's own mock platform: no budget applies"
      : `budget ${spend.limit} (platform.maxAcceptedMessages${spend.shard ? ', this shard’s part' : ''})`;
  return [
    `plan${part}: recipients a conforming platform would accept in this soak (nothing sent yet): ${spend.recipients}`,
    `  ${spend.requests} request(s) × ${spend.recipientsPerRequest} recipient(s), to ${spend.numbers} number(s), ${spend.sinks} of them sink number(s); ${budget}`,
  ].join('\n');
}
