// What a customer case works with: the customer's two URLs and a client that pushes to them as a
// platform would (`Content-Type: application/json;charset=UTF-8`, POST, JSON bodies).
import { type CaseRecorder, caseConstructor } from '../../cases/case.js';
import type { HttpClient, HttpResult, SendOptions } from '../../client/http.js';
import type { CustomerProfile, Profile } from '../../profile/profile.js';

export type PushKind = 'uplink' | 'report';

/** Every customer case is made with this: it fills `side`, and `kind` (example unless given). */
export const customerCase = caseConstructor<CustomerContext>('customer');

/** Both kinds, uplink first: cases made per kind are generated in this order. */
export const PUSH_KINDS: readonly PushKind[] = ['uplink', 'report'];

/** The message a push of each kind carries (§3 table 3-2, §4 table 4-2). */
export const PUSH_MESSAGE = {
  uplink: 'NotifySmsMessageRequest',
  report: 'NotifyReportMessageRequest',
} as const satisfies Record<PushKind, string>;

/** The clause of each kind of push. */
export const PUSH_CLAUSE = {
  uplink: '§3 notifySmsMessage',
  report: '§4 notifyReportMessage',
} as const satisfies Record<PushKind, string>;

export interface CustomerContext {
  profile: Profile;
  customer: CustomerProfile;
  http: HttpClient;
  seed: number;
  runs: number;
  /** fast-check's path of a failed property run, to replay exactly that counterexample (with `seed`). */
  path?: string;
}

export function pushUrl(ctx: CustomerContext, kind: PushKind): string | null {
  return kind === 'uplink' ? ctx.customer.uplinkUrl : ctx.customer.reportUrl;
}

/** Why a case about this kind of push cannot run, when the profile gives no URL for it. */
export function needsUrl(kind: PushKind): (ctx: CustomerContext) => string | undefined {
  return (ctx) =>
    pushUrl(ctx, kind)
      ? undefined
      : `the profile gives no customer.${kind === 'uplink' ? 'uplinkUrl' : 'reportUrl'}: the ${kind} half is skipped`;
}

/** Pushes a body (a string as it is, anything else as JSON) and records the exchange in the case. */
export async function push(
  ctx: CustomerContext,
  t: CaseRecorder,
  kind: PushKind,
  body: unknown,
  opts: SendOptions = {},
): Promise<HttpResult> {
  const url = pushUrl(ctx, kind);
  if (!url) t.skip(needsUrl(kind)(ctx) ?? 'no URL');
  const result = await ctx.http.send(url, body, opts);
  t.record(result.exchange);
  if (result.error) t.fail(`no answer: ${result.error}`, 'an HTTP answer within timeoutMs', result.error);
  return result;
}

/** Pushes without recording (property runs send hundreds; only the counterexample is recorded). */
export async function pushQuietly(
  ctx: CustomerContext,
  kind: PushKind,
  body: unknown,
  opts: SendOptions = {},
): Promise<HttpResult> {
  const url = pushUrl(ctx, kind);
  if (!url) throw new Error(needsUrl(kind)(ctx));
  return ctx.http.send(url, body, opts);
}
