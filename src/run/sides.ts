// Running one side of the kit against its target: set up the client (and the receiver for the
// platform side), check the target can be reached, run the selected cases, tear down.

import type { CustomerContext } from '../../suites/customer/context.js';
import { customerCases } from '../../suites/customer/index.js';
import { newPlatformContext, SEND_PATH } from '../../suites/platform/context.js';
import { platformCases } from '../../suites/platform/index.js';
import type { Case } from '../cases/case.js';
import { type RunOptions, runCases } from '../cases/runner.js';
import { selectCases } from '../cases/select.js';
import type { CaseMeta, CaseResult } from '../cases/types.js';
import { HttpClient } from '../client/http.js';
import { Redactor } from '../client/redact.js';
import type { PlatformProfile, Profile } from '../profile/profile.js';
import { secretsOf } from '../profile/profile.js';
import { CallbackReceiver } from '../receiver/receiver.js';
import { preflight, probe } from './preflight.js';

export interface SideOptions {
  seed: number;
  runs: number;
  only?: string;
  /** fast-check's path of a counterexample to replay (with the seed it was found with). */
  path?: string;
  rerun: (id: string) => string;
  onResult?: (r: CaseResult) => void;
}

export interface SideOutcome {
  results: CaseResult[];
  notes: string[];
  budget?: { limit: number; spent: number };
}

/** Every case of both sides, for listings and the coverage matrix. */
export function allCases(): CaseMeta[] {
  return [...platformCases, ...customerCases];
}

function clientFor(profile: Profile, redactor: Redactor): HttpClient {
  return new HttpClient({
    timeoutMs: profile.timeoutMs,
    tls: profile.tls,
    redactor,
    maxBodyBytes: profile.maxBodyBytes,
  });
}

/** How the runner reports a side's cases: rerun command, curl TLS flags, the run's secrets masked. */
function runOptions(profile: Profile, o: SideOptions, redactor: Redactor): RunOptions {
  return {
    rerun: o.rerun,
    tls: { insecure: profile.tls.insecure, caFile: profile.tls.ca },
    redact: (text: string) => redactor.text(text),
    ...(o.onResult ? { onResult: o.onResult } : {}),
  };
}

export async function runPlatformSide(
  profile: Profile & { platform: PlatformProfile },
  o: SideOptions,
): Promise<SideOutcome> {
  const cases = selectCases(platformCases, o.only);
  if (cases.length === 0) return { results: [], notes: [] };
  await preflight(profile.platform.url, profile.tls, profile.timeoutMs);
  const redactor = new Redactor(secretsOf(profile));
  const http = clientFor(profile, redactor);
  await probe(http, `${profile.platform.url}${SEND_PATH}`).catch(async (err: unknown) => {
    await http.close();
    throw err;
  });
  const receiver = await CallbackReceiver.start(
    profile.callbackReceiver.listen,
    profile.callbackReceiver.publicUrl,
    redactor,
  );
  receiver.maxBodyBytes = profile.maxBodyBytes;
  const ctx = newPlatformContext(profile, http, receiver, o.seed, o.runs, o.path);
  const notes: string[] = [];
  if (!profile.platform.disabledAccount)
    notes.push('the profile has no platform.disabledAccount: the 100006 case is skipped');
  if (!profile.platform.uplinkTrigger)
    notes.push('the profile has no platform.uplinkTrigger: the uplink cases are skipped');
  try {
    const results = await runCases(cases, ctx, runOptions(profile, o, redactor));
    notes.push(
      `${ctx.authFaults.sent} request(s) with wrong credentials sent${ctx.authFaults.refused > 0 ? `, ${ctx.authFaults.refused} not sent` : ''} (cap ${ctx.authFaults.limit}: platform.maxAuthFailures)`,
    );
    const oversized = receiver.pushes.filter((p) => p.tooLarge).length;
    if (oversized > 0)
      notes.push(
        `${oversized} push(es) over the receiver's cap of ${profile.maxBodyBytes} bytes were answered 413 and not kept`,
      );
    return { results, notes, budget: { limit: ctx.budget.limit, spent: ctx.budget.spent } };
  } finally {
    await receiver.close();
    await http.close();
  }
}

export async function runCustomerSide(profile: Profile, o: SideOptions): Promise<SideOutcome> {
  const customer = profile.customer;
  if (!customer) return { results: [], notes: [] };
  const cases = selectCases(customerCases as Case<CustomerContext>[], o.only);
  if (cases.length === 0) return { results: [], notes: [] };
  const notes: string[] = [];
  const redactor = new Redactor(secretsOf(profile));
  const http = clientFor(profile, redactor);
  try {
    for (const [name, url] of [
      ['uplinkUrl', customer.uplinkUrl],
      ['reportUrl', customer.reportUrl],
    ] as const) {
      if (!url) {
        notes.push(`the profile gives no customer.${name}: that half of the customer suite is skipped`);
        continue;
      }
      await preflight(url, profile.tls, profile.timeoutMs);
      await probe(http, url);
    }
  } catch (err) {
    await http.close();
    throw err;
  }
  const ctx: CustomerContext = {
    profile,
    customer,
    http,
    seed: o.seed,
    runs: o.runs,
    ...(o.path ? { path: o.path } : {}),
  };
  try {
    const results = await runCases(cases, ctx, runOptions(profile, o, redactor));
    return { results, notes };
  } finally {
    await http.close();
  }
}
