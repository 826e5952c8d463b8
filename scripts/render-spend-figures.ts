// The spending figures docs/profile.md gives, made by the plan (`--plan`), never written by hand:
// the docs' own example profile (its first JSON block) with and without its sink numbers and with
// --frugal, and the embedded default, whole and in two shards. `npm run generate` writes them
// between the markers; test/spend-figures.test.ts renders them again and compares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSpend } from '../src/library/run.js';
import type { SpendPlan } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
export const PROFILE_DOC = join(root, 'docs', 'profile.md');
export const BEGIN = '<!-- spend figures: made by `npm run generate` (scripts/render-spend-figures.ts) -->';
export const END = '<!-- end of spend figures -->';

/** The seed every figure is planned with: the valid property runs' recipients depend on it. */
export const FIGURES_SEED = 1;

/** The example profile docs/profile.md shows: its first JSON block. */
export function exampleProfile(doc = readFileSync(PROFILE_DOC, 'utf8')): {
  platform: Record<string, unknown>;
} {
  const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/profile.md shows no example profile');
  return JSON.parse(block) as { platform: Record<string, unknown> };
}

interface Row {
  what: string;
  command: string;
  plan: SpendPlan;
}

async function planned(options: Parameters<typeof planSpend>[0]): Promise<SpendPlan> {
  const made = await planSpend({ seed: FIGURES_SEED, ...options });
  if (!made) throw new Error('no plan: the profile has no platform');
  return made.plan;
}

/** Every figure of the table, planned one after another (nothing sent; the mocks run in this process). */
async function rows(): Promise<Row[]> {
  const example = exampleProfile();
  const { sinkMobiles: _sinks, ...withoutSinks } = example.platform;
  const noSinks = { ...example, platform: withoutSinks };
  const seed = `--seed ${FIGURES_SEED}`;
  const made: Row[] = [];
  const add = async (what: string, command: string, options: Parameters<typeof planSpend>[0]) => {
    made.push({ what, command, plan: await planned(options) });
  };
  await add(
    'the example profile above (2 phones, 3 sink numbers)',
    `platform --profile target.json --plan ${seed}`,
    {
      profile: example,
    },
  );
  await add('the same without `sinkMobiles`', `platform --profile target.json --plan ${seed}`, {
    profile: noSinks,
  });
  await add(
    'the same without `sinkMobiles`, `--frugal`',
    `platform --profile target.json --plan --frugal ${seed}`,
    {
      profile: noSinks,
      frugal: true,
    },
  );
  await add('the embedded default (`npm start`)', `run --plan ${seed}`, {});
  for (const index of [1, 2])
    await add(`the embedded default, shard ${index} of 2`, `run --plan --shard ${index}/2 ${seed}`, {
      shard: { index, total: 2 },
    });
  return made;
}

/** Recipients of one family of a plan, phones and sinks together (0 when the plan has none). */
function family(plan: SpendPlan, name: string): number {
  const f = plan.families.find((x) => x.family === name);
  return f ? f.planned.phones + f.planned.sinks : 0;
}

/** The table, as the lines between the markers. */
export async function renderSpendFigures(): Promise<string> {
  const lines = [
    '| run | phones | sink numbers | total | of which `limits` | of which `properties.valid` | skipped | `iot-sms-conformance …` |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...(await rows()).map(
      ({ what, command, plan }) =>
        `| ${what} | ${plan.total.phones} | ${plan.total.sinks} | ${plan.total.phones + plan.total.sinks} | ${family(plan, 'limits')} | ${family(plan, 'properties.valid')} | ${plan.skipped.length} | \`${command}\` |`,
    ),
  ];
  return lines.join('\n');
}

/** docs/profile.md with the figures between its markers replaced by `figures`. */
export function withFigures(doc: string, figures: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error('docs/profile.md has no spend figures markers');
  return `${doc.slice(0, begin + BEGIN.length)}\n${figures}\n${doc.slice(end)}`;
}
