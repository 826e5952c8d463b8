// What a customer case works with: the customer's two URLs and a client that pushes to them as a
// platform would (`Content-Type: application/json;charset=UTF-8`, POST, JSON bodies).
import { type CaseRecorder, caseConstructor } from '../../cases/case.js';
import type { Slots } from '../../cases/schedule.js';
import type { HttpClient, HttpResult, SendOptions } from '../../client/http.js';
import type { PushKind } from '../../core/terms.js';
import type { CustomerProfile, Profile } from '../../profile/profile.js';
import { type PushExchange, RULES } from '../../rules/index.js';

export { PUSH_CLAUSE, PUSH_KINDS, PUSH_MESSAGE, type PushKind } from '../../core/terms.js';

/** Every customer case is made with this: it fills `side`, and `kind` (example unless given). */
export const customerCase = caseConstructor<CustomerContext>('customer');

/** A push's result, with the push and the answer as they travelled, for the rules to judge. */
export interface PushResult extends HttpResult {
  pushed: PushExchange;
}

function pushed(kind: PushKind, r: HttpResult): PushResult {
  const { request, answer, failure } = r.wire;
  return {
    ...r,
    pushed: { kind, push: request, ...(answer ? { answer } : {}), ...(failure ? { failure } : {}) },
  };
}

export interface CustomerContext {
  profile: Profile;
  customer: CustomerProfile;
  http: HttpClient;
  seed: number;
  runs: number;
  /** fast-check's path of a failed property run, to replay exactly that counterexample (with `seed`). */
  path?: string;
  /** Ids drawn in this run so far, so each id the kit makes is new (messages.ts uniqueId). */
  serial: { next: number };
  /** The pushes the property cases may have in flight at once, all together (the run's concurrency). */
  pushSlots?: Slots;
  /** How long each push of the run took to be answered (ms), and how many got no answer, by kind. */
  answers?: Record<PushKind, { ms: number[]; unanswered: number }>;
}

/** Notes how long the push took to be answered, or that it got no answer (latency.ts reports them). */
function timed(ctx: CustomerContext, kind: PushKind, r: HttpResult): HttpResult {
  const answers = ctx.answers?.[kind];
  const ms = r.exchange.response?.durationMs;
  if (answers && !r.error && ms !== undefined) answers.ms.push(ms);
  else if (answers) answers.unanswered += 1;
  return r;
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
): Promise<PushResult> {
  const url = pushUrl(ctx, kind);
  if (!url) t.skip(needsUrl(kind)(ctx) ?? 'no URL');
  const result = pushed(kind, timed(ctx, kind, await ctx.http.send(url, body, opts)));
  t.record(result.exchange);
  t.assertPush(result.pushed, RULES.answer[kind].transport);
  return result;
}

/** Pushes without recording (property runs send hundreds; only the counterexample is recorded). */
export async function pushQuietly(
  ctx: CustomerContext,
  kind: PushKind,
  body: unknown,
  opts: SendOptions = {},
): Promise<PushResult> {
  const url = pushUrl(ctx, kind);
  if (!url) throw new Error(needsUrl(kind)(ctx));
  return pushed(kind, timed(ctx, kind, await ctx.http.send(url, body, opts)));
}
