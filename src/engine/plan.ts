// The spending plan: how many recipients each family of platform cases gets accepted by a
// conforming platform, on the profile's phones and on its sink numbers, before anything is sent.
// It is found, not listed: the platform cases run (same seed, runs, selection and --frugal) against
// an in-process mock platform made from the profile (its account, signature, templates, budget),
// which accepts what the spec says a platform accepts. Nothing reaches the target; the target need
// not be up. The run's report then sets what each family spent beside what was planned.

import { KitError } from '../core/errors.js';
import { ConfigError, type PlatformConfigInput, startMockPlatform } from '../mock/index.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';
import type { FamilySpend, SpendSplit } from '../report/types.js';
import { shareOf } from './shard.js';
import { runPlatformSide, type SideOptions } from './sides.js';

export interface SpendPlan {
  limit: number;
  families: { family: string; planned: SpendSplit }[];
  total: SpendSplit;
  /** Cases the plan skips for the spending, with why (--frugal without sink numbers, the budget). */
  skipped: { id: string; reason: string }[];
}

/** Short waits: the plan's mock reports at once, and nothing it does is being judged. */
const PLAN_WAIT_MS = 300;

/** A mock platform configuration that accepts what the profile's platform accepts. */
function mockConfigFor(platform: PlatformProfile): PlatformConfigInput {
  return {
    accounts: [
      { account: platform.account, password: platform.password },
      ...(platform.disabledAccount ? [{ ...platform.disabledAccount, disabled: true }] : []),
    ],
    signatures: [platform.signature],
    templates: platform.templates.map((tpl) => ({
      id: tpl.id,
      text: (tpl.variables ?? []).map((v) => `{${v.name}}`).join(' ') || 'plan',
      ...(tpl.variables ? { variables: tpl.variables } : {}),
    })),
    delivery: { delayMs: 5 },
    retry: { baseDelayMs: 5, maxDelayMs: 50, pushTimeoutMs: 1_000 },
    target: { maxAcceptedMessages: platform.maxAcceptedMessages, statusReportWaitMs: PLAN_WAIT_MS },
  };
}

export async function planPlatformSpend(
  profile: Profile & { platform: PlatformProfile },
  options: Pick<SideOptions, 'seed' | 'runs' | 'only' | 'frugal' | 'shard'>,
): Promise<SpendPlan> {
  let mock: Awaited<ReturnType<typeof startMockPlatform>>;
  try {
    mock = await startMockPlatform({
      config: mockConfigFor(profile.platform),
      tls: false,
      onError: () => {},
    });
  } catch (err) {
    if (err instanceof ConfigError)
      throw new KitError(
        'profile',
        `no spending plan: the profile's platform does not fit the kit's mock (${err.message})`,
      );
    throw err;
  }
  try {
    const { uplinkTrigger: _none, ...platform } = profile.platform;
    const outcome = await runPlatformSide(
      {
        ...profile,
        platform: { ...platform, url: mock.baseUrl },
        callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
        statusReportWaitMs: PLAN_WAIT_MS,
        tls: { ca: null, insecure: false },
        timeoutMs: 5_000,
      },
      {
        seed: options.seed,
        runs: options.runs,
        ...(options.only ? { only: options.only } : {}),
        ...(options.frugal ? { frugal: true } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        rerun: (id) => id,
      },
    );
    const families = (outcome.budget?.families ?? []).map((f) => ({ family: f.family, planned: f.spent }));
    const total = families.reduce(
      (sum, f) => ({ phones: sum.phones + f.planned.phones, sinks: sum.sinks + f.planned.sinks }),
      { phones: 0, sinks: 0 },
    );
    // The skips that change the spending; the others (a profile value missing) are in the run's report.
    const skipped = outcome.results
      .filter((r) => r.verdict === 'skip' && /frugal|budget/i.test(r.message))
      .map((r) => ({ id: r.id, reason: r.message }));
    return { limit: shareOf(profile.platform.maxAcceptedMessages, options.shard), families, total, skipped };
  } finally {
    await mock.close({ graceMs: 0 });
  }
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

/** The plan as a few lines of text: one per family, phones and sinks, then the total and the skips. */
export function renderPlan(plan: SpendPlan, profile: Profile & { platform: PlatformProfile }): string {
  const phones = new Set(profile.platform.mobiles).size;
  const sinks = new Set(profile.platform.sinkMobiles).size;
  const rows: [string, string, string, string][] = [
    ['family', 'phones', 'sinks', 'total'],
    ...plan.families.map(
      (f) =>
        [
          f.family,
          String(f.planned.phones),
          String(f.planned.sinks),
          String(f.planned.phones + f.planned.sinks),
        ] as [string, string, string, string],
    ),
    [
      'total',
      String(plan.total.phones),
      String(plan.total.sinks),
      String(plan.total.phones + plan.total.sinks),
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [
    `plan: recipients a conforming platform would accept, per case family (nothing sent): ${phones} profile phone(s), ${sinks} sink number(s), budget ${plan.limit}`,
    ...rows.map(
      ([a, b, c, d]) => `  ${a.padEnd(width)}  ${b.padStart(6)}  ${c.padStart(6)}  ${d.padStart(6)}`,
    ),
  ];
  for (const s of plan.skipped) lines.push(`  skipped: ${s.id}: ${s.reason}`);
  return lines.join('\n');
}
