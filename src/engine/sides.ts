// Running one side of the kit against its target: set up the client (and the receiver for the
// platform side), probe the target, run the selected cases, tear down. Whether the platform can be
// reached at all (the preflight) the engine checks once before the plan (run.ts).

import type { Case } from '../cases/case.js';
import type { RunOptions } from '../cases/runner.js';
import {
  notRunResult,
  type Plan,
  planCases,
  runScheduled,
  type Scheduled,
  Slots,
  type StartGate,
} from '../cases/schedule.js';
import { selectCases } from '../cases/select.js';
import type { CaseMeta, CaseResult, Exchange, Side } from '../cases/types.js';
import type { AuthFaultGuard } from '../client/auth-guard.js';
import type { Budget } from '../client/budget.js';
import { HttpClient } from '../client/http.js';
import { KitError } from '../core/errors.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';
import { CallbackReceiver } from '../receiver/receiver.js';
import type { BudgetReport, Provenance, SpendPlan } from '../report/types.js';
import type { CustomerContext } from '../suites/customer/context.js';
import { customerCases, customerPlan } from '../suites/customer/index.js';
import { newPlatformContext, SEND_PATH, spendFamily } from '../suites/platform/context.js';
import { platformCases, platformPlan } from '../suites/platform/index.js';
import { DEFAULT_RUNS } from './options.js';
import { preflight, probe } from './preflight.js';
import { inShard, plannedOf, type Shard, type ShardLayout, shardProfile } from './shard.js';

export { DEFAULT_RUNS };

export interface SideOptions {
  seed: number;
  runs: number;
  only?: string;
  /** fast-check's path of a counterexample to replay (with the seed it was found with). */
  path?: string;
  rerun: (id: string) => string;
  onResult?: (r: CaseResult) => void;
  /** Told when a case starts. */
  onStart?: (c: CaseMeta) => void;
  /** Told each exchange a case keeps, as it keeps it. */
  onRecord?: (caseId: string, exchange: Exchange) => void;
  /** Told what the platform cases have got accepted so far, after each platform case that spent. */
  onBudget?: (budget: BudgetReport) => void;
  /** Cases in progress at once (default: the suite's plan); 1 runs them one after another. */
  concurrency?: number;
  /** Aborted (with a reason) when the run must end now: the deadline passed, a signal came. */
  stop?: AbortSignal;
  /** Skip the cases that need many recipients when the profile has no sink numbers (--frugal). */
  frugal?: boolean;
  /** Run only this shard's part of the selected cases, with its part of the profile's caps. */
  shard?: Shard;
  /** The shard each costly family of platform cases goes to whole (from the whole run's plan). */
  layout?: ShardLayout;
  /**
   * The run's spending plan (a shard's: its part): with it, up to platform.maxConcurrentSends
   * platform cases send at once, each holding from its start what its requests could get accepted.
   */
  spendPlan?: SpendPlan;
}

/** The cases of one side that `--only` selects and the shard takes, in declared order. */
export function selectedCases<C extends CaseMeta>(
  all: readonly C[],
  o: Pick<SideOptions, 'only' | 'shard' | 'layout'>,
): C[] {
  const selected = selectCases(all, o.only);
  if (!o.shard) return selected;
  return inShard(selected, {
    shard: o.shard,
    ...(o.layout ? { owners: o.layout.owners, familyOf: familyOfCase } : {}),
  });
}

/** The spending family of a platform case; the customer cases spend nothing and belong to none. */
function familyOfCase(c: CaseMeta): string {
  return c.side === 'platform' ? spendFamily(c.id) : '';
}

/** The plan's cases that `--only` selects (and the shard takes), with their placements. */
function scheduled<C>(plan: Plan<C>, all: readonly Case<C>[], o: SideOptions): Scheduled<C>[] {
  const selected = new Set(selectedCases(all, o));
  return planCases(plan, (c) => selected.has(c));
}

/**
 * Runs the scheduled cases as the plan allows (or as `concurrency` forces), `active` of them doing
 * more than wait at once, each held back by `gate` until what it needs is free.
 */
function runPlanned<C>(
  plan: Plan<C>,
  slots: Scheduled<C>[],
  ctx: C,
  run: RunOptions,
  o: SideOptions,
  active: number = plan.active,
  gate?: StartGate,
) {
  return runScheduled(
    slots,
    ctx,
    run,
    { concurrency: plan.concurrency, active },
    {
      ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
      ...(o.stop ? { stop: o.stop } : {}),
      ...(gate ? { gate } : {}),
    },
  );
}

/** The run's concurrency on a side: the flag's, else the side's plan. */
function concurrencyOf<C>(plan: Plan<C>, o: SideOptions): number {
  return Math.max(1, o.concurrency ?? plan.concurrency);
}

/**
 * How many platform cases send at once: platform.maxConcurrentSends when the run has a spending
 * plan to hold each case's spend by, and the plan's run stays within platform.maxAuthFailures
 * (past it, the order decides which case's wrong-credential request is sent); else one, as the
 * cases are declared. With a note when the profile asked for more.
 */
function sendsAtOnce(
  platform: PlatformProfile,
  plan: SpendPlan | undefined,
  selected: ReadonlySet<string>,
): { active: number; note?: string } {
  const wanted = platform.maxConcurrentSends;
  if (wanted <= 1) return { active: 1 };
  if (!plan?.reserve)
    return {
      active: 1,
      note: `no spending plan to hold each case's spend by: the platform cases sent one at a time (platform.maxConcurrentSends ${wanted})`,
    };
  const authFaults = plan.reserve.reduce((n, c) => n + (selected.has(c.id) ? c.authFaults : 0), 0);
  if (authFaults > platform.maxAuthFailures)
    return {
      active: 1,
      note: `the plan's run wants ${authFaults} requests with wrong credentials, more than platform.maxAuthFailures (${platform.maxAuthFailures}): the platform cases sent one at a time, so the cap goes to them in declared order`,
    };
  return { active: wanted };
}

/** The platform cases' start gate: each case holds, from its start, what its requests in the plan's run could get accepted. */
function budgetGate(budget: Budget, plan: SpendPlan | undefined): StartGate {
  const holds = new Map((plan?.reserve ?? []).map((c) => [c.id, c.recipients]));
  return {
    begin: (caseId, force) => budget.begin(caseId, holds.get(caseId) ?? 0, force),
    release: (caseId) => budget.release(caseId),
    onChange: (listener) => budget.onChange(listener),
  };
}

/** Closes the client; after a stop, without waiting for requests still in flight. */
function closeClient(http: HttpClient, o: SideOptions): Promise<void> {
  return o.stop?.aborted ? http.destroy() : http.close();
}

/** A side the run was stopped before: every case not run, the target not even probed. */
function notRun<C>(cases: Scheduled<C>[], o: SideOptions): SideOutcome {
  const reason = String(o.stop?.reason);
  const results = cases.map((s) => notRunResult(s.case, { rerun: o.rerun, tls: {} }, reason));
  for (const r of results) o.onResult?.(r);
  return { results, notes: [] };
}

export interface SideOutcome {
  results: CaseResult[];
  notes: string[];
  budget?: BudgetReport;
  /** The TLS leaf certificates' fingerprints the preflight saw, by target. */
  certificates?: Provenance['certificates'];
  /** Platform side: what each case could have got accepted and its wrong-credential requests (a plan's run gives SpendPlan.reserve). */
  reserve?: NonNullable<SpendPlan['reserve']>;
}

/** Every case of both sides, for listings and the coverage matrix. */
export function allCases(): CaseMeta[] {
  return [...platformCases, ...customerCases];
}

/** A selection that selects nothing: one error for a run and for a listing alike. */
export function noCaseMatches(only: string | undefined): KitError {
  return new KitError('usage', `no case matches ${only ?? 'the selection'}`, 'only');
}

/** The cases of these sides that `--only` selects and the shard takes (each side split on its own). */
export function selectedCasesOf(
  sides: readonly Side[],
  o: Pick<SideOptions, 'only' | 'shard' | 'layout'>,
): CaseMeta[] {
  return [
    ...(sides.includes('platform') ? selectedCases(platformCases, o) : []),
    ...(sides.includes('customer') ? selectedCases(customerCases, o) : []),
  ];
}

/** Each family of the platform cases `only` selects, weighed by its number of cases. */
export function platformFamilySizes(only: string | undefined): { family: string; cost: number }[] {
  const sizes = new Map<string, number>();
  for (const c of selectCases(platformCases, only))
    sizes.set(spendFamily(c.id), (sizes.get(spendFamily(c.id)) ?? 0) + 1);
  return [...sizes].map(([family, cost]) => ({ family, cost }));
}

function clientFor(profile: Profile, connections?: number): HttpClient {
  return new HttpClient({
    timeoutMs: profile.timeoutMs,
    tls: profile.tls,
    maxBodyBytes: profile.maxBodyBytes,
    ...(connections !== undefined ? { connections } : {}),
  });
}

/** How the runner reports a side's cases: rerun command, curl TLS flags, and who is told. */
function runOptions(profile: Profile, o: SideOptions): RunOptions {
  return {
    rerun: o.rerun,
    tls: { insecure: profile.tls.insecure, ca: Boolean(profile.tls.ca) },
    ...(o.onResult ? { onResult: o.onResult } : {}),
    ...(o.onStart ? { onStart: o.onStart } : {}),
    ...(o.onRecord ? { onRecord: o.onRecord } : {}),
  };
}

export async function runPlatformSide(
  whole: Profile & { platform: PlatformProfile },
  o: SideOptions,
): Promise<SideOutcome> {
  const profile = shardProfile(
    whole,
    o.shard,
    o.shard && o.layout ? plannedOf(o.layout, o.shard) : undefined,
  );
  const cases = scheduled(platformPlan, platformCases, o);
  if (cases.length === 0) return { results: [], notes: [] };
  if (o.stop?.aborted) return notRun(cases, o);
  const http = clientFor(profile);
  await probe(http, `${profile.platform.url}${SEND_PATH}`).catch(async (err: unknown) => {
    await http.close();
    throw err;
  });
  const receiver = await CallbackReceiver.start(
    profile.callbackReceiver.listen,
    profile.callbackReceiver.publicUrl,
    profile.callbackReceiver.tls,
  );
  receiver.maxBodyBytes = profile.maxBodyBytes;
  const ctx = newPlatformContext(profile, http, receiver, o.seed, o.runs, o.path, {
    ...(o.frugal ? { frugal: true } : {}),
  });
  const notes: string[] = [];
  if (!profile.platform.disabledAccount)
    notes.push('the profile has no platform.disabledAccount: the 100006 case is skipped');
  if (!profile.platform.uplinkTrigger)
    notes.push('the profile has no platform.uplinkTrigger: the uplink cases are skipped');
  const sends = sendsAtOnce(profile.platform, o.spendPlan, new Set(cases.map((s) => s.case.id)));
  if (sends.note) notes.push(sends.note);
  try {
    const run = withBudget(runOptions(profile, o), ctx.budget, o);
    const gate = budgetGate(ctx.budget, o.spendPlan);
    const results = await runPlanned(platformPlan, cases, ctx, run, o, sends.active, gate);
    notes.push(ctx.authFaults.summary());
    const oversized = receiver.pushes.filter((p) => p.tooLarge).length;
    if (oversized > 0)
      notes.push(
        `${oversized} push(es) over the receiver's cap of ${profile.maxBodyBytes} bytes were answered 413 and not kept`,
      );
    return { results, notes, budget: ctx.budget.summary(), reserve: reserveOf(ctx.budget, ctx.authFaults) };
  } finally {
    await receiver.close();
    await closeClient(http, o);
  }
}

/** What each case's requests could have got accepted, and how many wrong-credential requests it wanted. */
function reserveOf(budget: Budget, authFaults: AuthFaultGuard): NonNullable<SpendPlan['reserve']> {
  const byCase = new Map<string, { recipients: number; authFaults: number }>();
  for (const p of budget.claims()) byCase.set(p.id, { recipients: p.recipients, authFaults: 0 });
  for (const [id, n] of authFaults.wantedCases)
    byCase.set(id, { recipients: byCase.get(id)?.recipients ?? 0, authFaults: n });
  return [...byCase].filter(([, c]) => c.recipients > 0 || c.authFaults > 0).map(([id, c]) => ({ id, ...c }));
}

/** The run's result listener, also telling the budget after each case that spent. */
function withBudget(run: RunOptions, budget: Budget, o: SideOptions): RunOptions {
  const tell = o.onBudget;
  if (!tell) return run;
  let told = budget.spent;
  return {
    ...run,
    onResult: (r) => {
      run.onResult?.(r);
      if (budget.spent === told) return;
      told = budget.spent;
      tell(budget.summary());
    },
  };
}

export async function runCustomerSide(profile: Profile, o: SideOptions): Promise<SideOutcome> {
  const customer = profile.customer;
  if (!customer) return { results: [], notes: [] };
  const cases = scheduled(customerPlan, customerCases, o);
  if (cases.length === 0) return { results: [], notes: [] };
  if (o.stop?.aborted) return notRun(cases, o);
  const notes: string[] = [];
  const certificates: Provenance['certificates'] = {};
  const concurrency = concurrencyOf(customerPlan, o);
  // As many connections as pushes may be in flight: a push queued behind the others would time out.
  const http = clientFor(profile, concurrency);
  const urls = [
    ['uplinkUrl', customer.uplinkUrl],
    ['reportUrl', customer.reportUrl],
  ] as const;
  // Both endpoints checked at once (a slow endpoint costs one answer time, not two); the first
  // failure in this order stops the run.
  const checked = await Promise.allSettled(
    urls.map(async ([, url]) => {
      if (!url) return undefined;
      const fingerprint = await preflight(url, profile.tls, profile.timeoutMs);
      await probe(http, url);
      return fingerprint;
    }),
  );
  for (const [i, [name, url]] of urls.entries()) {
    const outcome = checked[i] as PromiseSettledResult<string | undefined>;
    if (outcome.status === 'rejected') {
      await http.close();
      throw outcome.reason;
    }
    if (!url) notes.push(`the profile gives no customer.${name}: that half of the customer suite is skipped`);
    else if (outcome.value) certificates[name] = outcome.value;
  }
  const ctx: CustomerContext = {
    profile,
    customer,
    http,
    seed: o.seed,
    runs: o.runs,
    ...(o.path ? { path: o.path } : {}),
    serial: { next: 0 },
    pushSlots: new Slots(concurrency),
    answers: { uplink: { ms: [], unanswered: 0 }, report: { ms: [], unanswered: 0 } },
  };
  try {
    const results = await runPlanned(customerPlan, cases, ctx, runOptions(profile, o), o);
    return { results, notes, certificates };
  } finally {
    await closeClient(http, o);
  }
}
