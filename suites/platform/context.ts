// What a platform case works with: the profile, a guarded client that sends to the platform, the
// kit's callback receiver, and builders of requests that are valid for this target.
import type { CaseRecorder } from '../../src/cases/case.js';
import { Budget } from '../../src/client/budget.js';
import type { HttpClient, HttpResult, SendOptions } from '../../src/client/http.js';
import type { PlatformProfile, Profile, TemplateProfile } from '../../src/profile/profile.js';
import type { CallbackReceiver } from '../../src/receiver/receiver.js';
import type { Json } from '../../src/schema/instances.js';

export const SEND_PATH = '/common/sms/sendTemplateMessage';

export interface PlatformContext {
  profile: Profile;
  platform: PlatformProfile;
  http: HttpClient;
  budget: Budget;
  receiver: CallbackReceiver;
  seed: number;
  /** fast-check runs per property case. */
  runs: number;
  /** Every messageId the platform generated in this run, for the uniqueness case. */
  generatedMessageIds: Map<string, string>;
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
): PlatformContext {
  return {
    profile,
    platform: profile.platform,
    http,
    budget: new Budget(profile.platform.maxAcceptedMessages, new Set(profile.platform.mobiles)),
    receiver,
    seed,
    runs,
    generatedMessageIds: new Map(),
  };
}

/**
 * Sends a body to the platform's send URL through the safety guard and the budget, records the
 * exchange in the case, and counts what was accepted. A string body is sent as it is.
 */
export async function send(ctx: PlatformContext, t: CaseRecorder, body: unknown, opts: SendOptions = {}): Promise<SendResult> {
  if (typeof body === 'string') ctx.budget.check(undefined, body);
  else ctx.budget.check(body);
  const result = await ctx.http.send(sendUrl(ctx), body, opts);
  t.record(result.exchange);
  if (result.error) t.fail(`no answer: ${result.error}`, 'an HTTP answer', result.error);
  const accepted = typeof body === 'string' ? 0 : ctx.budget.record(body, result.json);
  return { ...result, accepted };
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

/** One MtSmsMessage valid for this target: a profile template (variables filled), its signature. */
export function validMessage(
  platform: PlatformProfile,
  mobiles: string[] = [platform.mobiles[0] as string],
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

/** A send request valid for this target, with one message to the first profile number. */
export function validRequest(platform: PlatformProfile, extra: { [key: string]: Json } = {}): { [key: string]: Json } {
  return {
    account: platform.account,
    password: platform.password,
    requestLists: [validMessage(platform)],
    ...extra,
  };
}
