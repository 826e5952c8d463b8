// What a platform case works with: the profile, a guarded client that sends to the platform, the
// kit's callback receiver, and builders of requests that are valid for this target.
import { type CaseRecorder, caseConstructor } from '../../cases/case.js';
import { AuthFaultGuard } from '../../client/auth-guard.js';
import { Budget } from '../../client/budget.js';
import type { HttpClient, HttpResult, SendOptions } from '../../client/http.js';
import { SEND_PATH } from '../../core/terms.js';
import type { PlatformProfile, Profile, TemplateProfile } from '../../profile/profile.js';
import type { CallbackReceiver } from '../../receiver/receiver.js';
import { RULES } from '../../rules/index.js';
import type { Json } from '../../schema/instances.js';
import { plannedRecipients } from '../../schema/recipients.js';
import { BATCH_FAMILY, readsLargestBatch } from './batch-readers.js';
import { WireBody } from './wire-body.js';

export { SEND_PATH } from '../../core/terms.js';

/**
 * The family a case's spending is counted under in the plan and the report: the second part of
 * its id (`limits`, `reports`, …), the property cases each on their own (valid runs have a cap of
 * their own; fault runs only reserve), and a case judged by the largest legal batch as the
 * family that sends it (batch-readers.ts).
 */
export function spendFamily(caseId: string): string {
  if (readsLargestBatch(caseId)) return BATCH_FAMILY;
  const [, family = 'other', sub] = caseId.split('.');
  return family === 'properties' && sub ? `${family}.${sub}` : family;
}

/** Every platform case is made with this: it fills `side`, and `kind` (example unless given). */
export const platformCase = caseConstructor<PlatformContext>('platform');

export interface PlatformContext {
  profile: Profile;
  platform: PlatformProfile;
  http: HttpClient;
  budget: Budget;
  /** Counts and caps the requests with wrong credentials (platform.maxAuthFailures). */
  authFaults: AuthFaultGuard;
  receiver: CallbackReceiver;
  seed: number;
  /** fast-check runs per property case. */
  runs: number;
  /** Skip a case that needs many recipients rather than send them to the profile's phones (--frugal). */
  frugal?: boolean;
  /** fast-check's path to replay one counterexample of a property case (`--path`), with `seed`. */
  path?: string;
  /** Every messageId the platform generated in this run (id → where it was seen), for the uniqueness case. */
  generatedMessageIds: Map<string, string>;
  /** Generated messageIds seen again in another message or request of this run, each with both places. */
  repeatedMessageIds?: string[];
  /** Generated messageIds shared by recipients of one message (SHOULD-level, D19). */
  sharedMessageIds?: string[];
  /** For each generated messageId, the request and message it first came for. */
  messageIdScopes?: Map<string, string>;
  /** Send answers recorded so far in this run: numbers each, so a repeat can be told from ids shared inside one message. */
  answersRecorded: number;
  /** What cases of this run share, by key: a request several cases judge (shared-run.ts), sent once. */
  shared: Map<string, Promise<unknown>>;
  /** Ids drawn in this run so far, so each id the kit makes is new (values.ts uniqueId). */
  serial: { next: number };
}

export interface SendResult extends HttpResult {
  /** Recipients the platform accepted (counted against the budget). */
  accepted: number;
}

export function sendUrl(ctx: PlatformContext): string {
  return `${ctx.platform.url}${SEND_PATH}`;
}

export function newPlatformContext(
  profile: Profile & { platform: PlatformProfile },
  http: HttpClient,
  receiver: CallbackReceiver,
  seed: number,
  runs: number,
  path?: string,
  options: { frugal?: boolean } = {},
): PlatformContext {
  return {
    profile,
    platform: profile.platform,
    http,
    budget: new Budget(
      profile.platform.maxAcceptedMessages,
      new Set(profile.platform.mobiles),
      new Set(profile.platform.sinkMobiles),
    ),
    authFaults: new AuthFaultGuard(profile.platform.maxAuthFailures, [
      profile.platform,
      ...(profile.platform.disabledAccount ? [profile.platform.disabledAccount] : []),
    ]),
    receiver,
    seed,
    runs,
    ...(path ? { path } : {}),
    ...(options.frugal ? { frugal: true } : {}),
    ...newMessageIdLedger(),
    shared: new Map(),
    serial: { next: 0 },
  };
}

/** What the run remembers of the messageIds the platform generated (part of the context). */
export type MessageIdLedger = Pick<
  PlatformContext,
  'generatedMessageIds' | 'repeatedMessageIds' | 'sharedMessageIds' | 'messageIdScopes' | 'answersRecorded'
>;

/** An empty ledger: a new run's, or the merge of a sharded run's reports (src/engine/merge.ts). */
export function newMessageIdLedger(): MessageIdLedger {
  return {
    generatedMessageIds: new Map(),
    repeatedMessageIds: [],
    sharedMessageIds: [],
    messageIdScopes: new Map(),
    answersRecorded: 0,
  };
}

/** Remembers the messageIds the platform generated (recipients whose message had none), noting repeats. */
export function recordGeneratedIds(ctx: MessageIdLedger, body: unknown, response: unknown, at: string): void {
  ctx.answersRecorded += 1;
  const sendNumber = ctx.answersRecorded;
  const results = (response as { resultCode?: unknown; resultLists?: unknown } | null)?.resultLists;
  if (!Array.isArray(results)) return;
  const planned = plannedRecipients(body);
  // Only when the answer lines up with the request; a miscount is the recipients case's finding.
  if (planned.length !== results.length) return;
  // The customer's own ids are never taken for generated ones, even if the answer is out of order.
  const own = new Set(planned.map((p) => p.messageId));
  results.forEach((result: unknown, i) => {
    const id = (result as { messageId?: unknown } | null)?.messageId;
    const p = planned[i];
    if (!p || p.messageId !== undefined || typeof id !== 'string' || id === '' || own.has(id)) return;
    const where = `${p.mobile} at ${at}`;
    const scope = `${sendNumber}#${p.messageIndex}`;
    const first = ctx.generatedMessageIds.get(id);
    if (first === undefined) {
      ctx.generatedMessageIds.set(id, where);
      ctx.messageIdScopes?.set(id, scope);
    } else if (ctx.messageIdScopes?.get(id) === scope) {
      // Recipients of one message sharing an id: a reading of ours, not the spec's words (D19).
      ctx.sharedMessageIds?.push(`${id} (${first}; also for ${where})`);
    } else {
      ctx.repeatedMessageIds?.push(`${id} (${first}; again for ${where})`);
    }
  });
}

/**
 * Sends a body to the platform's send URL through the safety guard and the budget (its worst case
 * held until its answer is counted), records the exchange in the case, and counts what was accepted. A string body is sent as it is, and bytes
 * too (a body that is not UTF-8): both are guarded as their text, and count only through `asIf`.
 * A WireBody is judged by what JSON readers may make of it (its readings): each is guarded, and
 * the costliest is reserved and counted.
 *
 * `asIf` is what a lenient platform could make of a faulty body (a number coerced to a string, a
 * value truncated to its limit, a dashed number with its dashes dropped): it is guarded and
 * reserved too, and counted when the body itself names no deliverable recipient.
 */
export async function send(
  ctx: PlatformContext,
  t: CaseRecorder,
  body: unknown,
  opts: SendOptions = {},
  asIf?: unknown,
): Promise<SendResult> {
  const readings = body instanceof WireBody ? body.readings : [body];
  const raw = body instanceof WireBody ? undefined : rawText(body);
  if (raw !== undefined) ctx.budget.guard(undefined, raw);
  else for (const reading of readings) ctx.budget.guard(reading);
  if (asIf !== undefined) ctx.budget.guard(asIf);
  const value = readings.reduce((a, b) => (ctx.budget.deliverable(b) > ctx.budget.deliverable(a) ? b : a));
  // The worst case, as if the platform accepted the costliest reading (or `asIf`): held from before
  // the request goes until what was accepted is counted, while other cases may send beside it.
  const worst = Math.max(
    raw !== undefined ? 0 : ctx.budget.deliverable(value),
    asIf !== undefined ? ctx.budget.deliverable(asIf) : 0,
  );
  const held = await ctx.budget.reserve(t.caseId, worst);
  try {
    ctx.authFaults.admit(raw ?? readings.find((x) => ctx.authFaults.isFault(x)) ?? readings[0], t.caseId);
    const result = await ctx.http.send(sendUrl(ctx), body instanceof WireBody ? body.wire : body, opts);
    t.record(result.exchange);
    // Counted before the answer is judged: an answer that fails a rule may still have accepted recipients.
    const family = spendFamily(t.caseId);
    let accepted = raw !== undefined ? 0 : ctx.budget.record(value, result.json, family, t.caseId);
    if (asIf !== undefined && accepted === 0 && ctx.budget.deliverable(value) === 0) {
      accepted = ctx.budget.record(asIf, result.json, family, t.caseId);
    }
    t.assertSend(result.wire, RULES.send.answer.transport);
    // A raw body's ids are read off the request it stands for (`asIf`), when it gives one.
    const sent = raw === undefined ? value : asIf;
    if (sent !== undefined) recordGeneratedIds(ctx, sent, result.json, result.exchange.at);
    return { ...result, accepted };
  } finally {
    held.release();
  }
}

/** The text of a body sent as it is (a string, or bytes read as UTF-8 with replacements); else undefined. */
function rawText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : undefined;
}

/** The template a case uses by default: the first one with variables, else the first. */
export function templateWithVariables(platform: PlatformProfile): TemplateProfile | undefined {
  return platform.templates.find((tpl) => (tpl.variables?.length ?? 0) > 0);
}

export function templateWithoutVariables(platform: PlatformProfile): TemplateProfile | undefined {
  return platform.templates.find((tpl) => (tpl.variables?.length ?? 0) === 0);
}

/** Values for a template's variables: each `fill(variable)` or a digit string of its full length. */
export function templateParasFor(
  tpl: TemplateProfile,
  fill: (v: { name: string; maxLength: number }) => string = (v) => '1'.repeat(v.maxLength),
): Record<string, string> | undefined {
  if (!tpl.variables || tpl.variables.length === 0) return undefined;
  return Object.fromEntries(tpl.variables.map((v) => [v.name, fill(v)]));
}

/**
 * The numbers an accepted request that needs no real phone goes to: the profile's sink numbers
 * when it has any, else its phones. Cases that need a phone to answer (status reports, the number
 * forms of §1.4) use `platform.mobiles` themselves.
 */
export function spendingMobiles(platform: Pick<PlatformProfile, 'mobiles' | 'sinkMobiles'>): string[] {
  return platform.sinkMobiles.length > 0 ? platform.sinkMobiles : platform.mobiles;
}

/** What a valid request is made of: the profile's credentials, template, signature and numbers. */
export type RequestSource = Pick<
  PlatformProfile,
  'account' | 'password' | 'signature' | 'templates' | 'mobiles' | 'sinkMobiles'
>;

/** One MtSmsMessage valid for this target: a profile template (variables filled), its signature; to a sink number when there is one. */
export function validMessage(
  platform: RequestSource,
  mobiles: string[] = [spendingMobiles(platform)[0] as string],
  tpl: TemplateProfile = platform.templates[0] as TemplateProfile,
): { [key: string]: Json } {
  const paras = templateParasFor(tpl);
  return {
    mobiles,
    templateId: tpl.id,
    signature: platform.signature,
    ...(paras ? { templateParas: paras } : {}),
  };
}

/** A send request valid for this target, with one message to the first sink number, else the first phone. */
export function validRequest(
  platform: RequestSource,
  extra: { [key: string]: Json } = {},
): { [key: string]: Json } {
  return {
    account: platform.account,
    password: platform.password,
    requestLists: [validMessage(platform)],
    ...extra,
  };
}

/**
 * A valid request to the profile's first phone: for cases that need the platform to treat it as a
 * real delivery (status reports, their retries), which a sink number may not get.
 */
export function phoneRequest(
  platform: PlatformProfile,
  extra: { [key: string]: Json } = {},
): { [key: string]: Json } {
  return validRequest(platform, {
    requestLists: [validMessage(platform, [platform.mobiles[0] as string])],
    ...extra,
  });
}
