// Every length and count limit of the send request, walked from its schema (never listed by hand):
// a value one past the limit is rejected with 100003, a value at the limit is accepted (§5.1).
// The "over" cases run first: each reserves its recipients against the budget as if the platform
// wrongly accepted it, so it must run before the "at" cases spend the budget. The "at" cases share
// one request with every limit at once (see combinedRun), sent to the profile's sink numbers when
// it has any: 119 recipients for eleven limits.
import { type Case, CaseFailure, type CaseRecorder } from '../../cases/case.js';
import { unrelatedSecret } from '../../client/wrong-secret.js';
import { secretsOf } from '../../profile/profile.js';
import { limitWords, WORDS } from '../../rules/index.js';
import { type Constraint, limitsOf } from '../../schema/constraints.js';
import { concretePath, type Json, withValueAt } from '../../schema/instances.js';
import { codePointLength as codePoints } from '../../schema/length.js';
import { formatPath, type PathSegment } from '../../schema/navigate.js';
import { codeKey, limitKey } from '../../spec/coverage-keys.js';
import { expectAccepted, expectFormatError, faultScope, formatFaultDecisions } from './checks.js';
import { type PlatformContext, platformCase, type SendResult, send, validRequest } from './context.js';
import { largestBatch } from './traffic.js';
import {
  freeString,
  idPath,
  itemsFor,
  type JsonObject,
  PINNED,
  padTo,
  pathKeyOf,
  requestHolding,
  requestWithPinned,
  richRequest,
} from './values.js';

/** The limits a value can be put at and past: string lengths and list sizes. */
const LIMITS = limitsOf('SendTemplateMessageRequest').filter(
  (c) => c.keyword === 'maxLength' || c.keyword === 'maxItems',
);

interface Built {
  request: JsonObject;
  /** What a platform that cuts values to their limit would make of it (reserved against the budget). */
  asIf?: JsonObject;
  /** One line: what was put where. */
  what: string;
}

function unit(c: Constraint): string {
  return c.keyword === 'maxItems' ? 'items' : 'characters';
}

function put(
  ctx: PlatformContext,
  path: readonly PathSegment[],
  value: Json,
): { request: JsonObject } | { skip: string } {
  // A list of messages or numbers replaces the one in the minimal request; anything else goes into
  // the smallest request that has a place for it.
  const key = pathKeyOf(path);
  if (key === 'requestLists' || key === 'requestLists.[].mobiles') {
    const at = key === 'requestLists' ? ['requestLists'] : ['requestLists', 0, 'mobiles'];
    return { request: withValueAt('SendTemplateMessageRequest', validRequest(ctx.platform), at, value) };
  }
  const { request, at } = requestHolding(ctx, path);
  if (!at) return { skip: `the profile gives no request with a ${formatPath(path)}` };
  return { request: withValueAt('SendTemplateMessageRequest', request, at, value) };
}

/** The request with the field at (`over` false) or one past (`over` true) its limit, or why it cannot be made. */
function build(ctx: PlatformContext, c: Constraint, over: boolean): Built | { skip: string } {
  const limit = c.limit as number;
  const length = over ? limit + 1 : limit;
  const key = pathKeyOf(c.path);
  const where = formatPath(c.path);
  if (c.keyword === 'maxItems') {
    const made = put(ctx, c.path, itemsFor(ctx, key, length));
    if ('skip' in made) return made;
    const asIf = over ? put(ctx, c.path, itemsFor(ctx, key, limit)) : undefined;
    return {
      request: made.request,
      ...(asIf && 'request' in asIf ? { asIf: asIf.request } : {}),
      what: `${where} holds ${length} items`,
    };
  }
  const pinned = PINNED[key];
  if (pinned) {
    const values = pinned.values(ctx.platform);
    const atLimit = values.find((v) => codePoints(v) === limit);
    if (!over && !atLimit) {
      // Never the length of a password: that too is something of it.
      const lengths = key === 'password' ? '' : ` (it has ${values.map(codePoints).join(', ')})`;
      return {
        skip: `${where} must be ${pinned.what}, and the profile has none of exactly ${limit} characters${lengths}: a value at the limit cannot be made up for a field the platform checks against its records`,
      };
    }
    if (over && key === 'password') {
      // Never a variation of the real password (the profile's padded): random, unrelated to it.
      const value = unrelatedSecret(secretsOf(ctx.profile), length);
      return {
        request: requestWithPinned(ctx, key, ctx.platform.password, value),
        what: `${where} is a random wrong password of ${length} characters`,
      };
    }
    const source = atLimit ?? values.reduce((a, b) => (codePoints(b) > codePoints(a) ? b : a));
    const value = over ? padTo(source, length, pinned.filler) : source;
    const request = requestWithPinned(ctx, key, source, value);
    // Cut back to the limit, an over-long profile value is the profile value again: a platform that
    // truncates would deliver it. Reserve it (only then is the cut value a number of the profile).
    const asIf = over && atLimit ? requestWithPinned(ctx, key, source, source) : undefined;
    const shown = `${pinned.what} padded`;
    return {
      request,
      ...(asIf ? { asIf } : {}),
      what: over
        ? `${where} is ${shown} to ${length} characters`
        : `${where} is ${pinned.what} of ${limit} characters`,
    };
  }
  const value = freeString(ctx, key, length);
  if (typeof value !== 'string') return value;
  const made = put(ctx, c.path, value);
  if ('skip' in made) return made;
  return { request: made.request, what: `${where} is ${length} characters long` };
}

function overCase(c: Constraint): Case<PlatformContext> {
  const key = pathKeyOf(c.path);
  const limit = c.limit as number;
  const decisions = formatFaultDecisions(key);
  const requirement = `${c.clause}: at most ${limit} ${unit(c)}; more is a parameter format error (§5.1 100003)`;
  return platformCase({
    id: `platform.limits.${idPath(c.path)}.${c.keyword}.over`,
    clause: c.clause,
    level: 'MUST',
    title: `${formatPath(c.path)} one past its limit (${limit + 1} ${unit(c)}) is rejected with 100003`,
    ...(decisions.length > 0 ? { decisions } : {}),
    words: [limitWords(c), WORDS.format],
    covers: [limitKey(c), '§5.1 100003', codeKey('100003')],
    requirement,
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const built = build(ctx, c, true);
      if ('skip' in built) t.skip(built.skip);
      const r = await send(ctx, t, built.request, {}, built.asIf);
      // A field of the first message may be refused per recipient (D9); a number of 21 cannot
      // be: MtSmsMessageRsp.mobile holds at most 20, so it is refused at the top level.
      const at = c.path.map((seg) => (seg === '[]' ? 0 : seg));
      const scope = key === 'requestLists.[].mobiles.[]' ? undefined : faultScope(at);
      expectFormatError(t, r, key, `${requirement}; here ${built.what}`, { request: built.request, scope });
    },
  });
}

/**
 * The limits whose at-limit values can share one request: all but the fields the platform checks
 * against its records (a longer account or template id is another one, each needs its own request).
 */
const SHARABLE = LIMITS.filter((c) => !PINNED[pathKeyOf(c.path)]);

/** The lists whose at-limit request gets many recipients accepted: 20 messages, 100 numbers. */
function isCostly(c: Constraint): boolean {
  return recipientsAt(c) > 1;
}

interface Combined {
  /** The exchange, to record in each case that reads it. */
  recorder: CaseRecorder;
  /** Whether the platform accepted it as a request at its limits must be (resultCode "0" for every recipient). */
  accepted: boolean;
  recipients: number;
  /** The request and its send, for what a case that reads it asserts. */
  request: JsonObject;
  result: SendResult;
  /** Where each shape of traffic.ts sits in requestLists, by the id of the case that judges it. */
  shapes: ReadonlyMap<string, number[]>;
}

/** Where the run keeps the combined request once a case has sent it (ctx.shared). */
const COMBINED = 'limits.combined';

/**
 * One request with every sharable limit at once: 20 messages, the first with 100 numbers and every
 * other field at its limit (119 recipients instead of 129 in eleven requests), the other 19 the
 * largest legal batch as senders mix one (traffic.ts: templates, Chinese and other scripts, ids).
 * A costly case sends it (so it is never sent for a cheap case run alone); each at-limit case and
 * each shape's case it holds is judged by it when the platform accepts it, and sends its own
 * request when not, so a refusal still points at the one limit or shape that caused it. Not sent
 * when the budget cannot hold it.
 */
function combinedRun(ctx: PlatformContext, t: CaseRecorder): Promise<Combined | undefined> {
  let pending = ctx.shared.get(COMBINED) as Promise<Combined | undefined> | undefined;
  if (pending) return pending;
  pending = (async () => {
    const ordered = [...SHARABLE].sort(
      (a, b) =>
        a.path.length - b.path.length || Number(b.keyword === 'maxItems') - Number(a.keyword === 'maxItems'),
    );
    let request = richRequest(ctx);
    let shapes: ReadonlyMap<string, number[]> = new Map();
    for (const c of ordered) {
      const key = pathKeyOf(c.path);
      const batch = key === 'requestLists' ? largestBatch(ctx, c.limit as number) : undefined;
      if (batch) shapes = batch.shapes;
      const value =
        batch?.messages ??
        (c.keyword === 'maxItems'
          ? itemsFor(ctx, key, c.limit as number)
          : freeString(ctx, key, c.limit as number));
      if (typeof value === 'object' && value !== null && 'skip' in value) return undefined;
      request = withValueAt('SendTemplateMessageRequest', request, concretePath(c.path), value as Json);
    }
    const recipients = ctx.budget.deliverable(request);
    if (recipients > ctx.budget.remainingFor(t.caseId)) return undefined;
    const recorder = t.scratch();
    const r = await send(ctx, recorder, request, { label: 'every limit of the request at once' });
    let accepted = true;
    try {
      expectAccepted(recorder.scratch(), r, 'every limit at once');
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      accepted = false;
    }
    return { recorder, accepted, recipients, request, result: r, shapes };
  })();
  ctx.shared.set(COMBINED, pending);
  return pending;
}

/**
 * The largest legal batch of this run, when a costly at-limit case sent it and the platform
 * accepted all of it; the case that reads it records it. Undefined otherwise: the case then sends
 * its own request.
 */
export async function acceptedLargestBatch(
  ctx: PlatformContext,
  t: CaseRecorder,
): Promise<Combined | undefined> {
  const pending = ctx.shared.get(COMBINED) as Promise<Combined | undefined> | undefined;
  if (!pending) return undefined;
  const combined = await pending;
  if (!combined?.accepted) return undefined;
  for (const e of combined.recorder.exchanges) t.record(e);
  return combined;
}

function atCase(c: Constraint): Case<PlatformContext> {
  const limit = c.limit as number;
  const requirement = `${c.clause}: up to ${limit} ${unit(c)} are allowed, so a request at the limit is accepted (§5.1 0)`;
  const sharable = SHARABLE.includes(c);
  return platformCase({
    id: `platform.limits.${idPath(c.path)}.${c.keyword}.at`,
    clause: c.clause,
    level: 'MUST',
    title: `${formatPath(c.path)} at its limit (${limit} ${unit(c)}) is accepted`,
    covers: [limitKey(c), '§5.1 0', codeKey('0')],
    requirement,
    async run(ctx: PlatformContext, t: CaseRecorder) {
      // A list of 20 messages or 100 numbers goes to sink numbers; without any it costs the
      // profile's phones that many SMS: said in the report, or skipped under --frugal.
      const many = recipientsAt(c);
      const onPhones = many > 1 && ctx.platform.sinkMobiles.length === 0;
      const phones = new Set(ctx.platform.mobiles).size;
      if (onPhones && ctx.frugal)
        t.skip(
          `needs ${many} recipients accepted and the profile has no platform.sinkMobiles: skipped under --frugal rather than send ${many} SMS to the profile's ${phones} phone(s)`,
        );
      // A costly case sends the request with every limit at once; the others read it if it was sent.
      const combined =
        sharable && (isCostly(c) || ctx.shared.has(COMBINED)) ? await combinedRun(ctx, t) : undefined;
      if (combined) for (const e of combined.recorder.exchanges) t.record(e);
      const built = build(ctx, c, false);
      if (combined?.accepted && !('skip' in built)) {
        t.note(
          `accepted: ${built.what}, in one request with every limit at once (${combined.recipients} recipient(s)${onPhones ? `, all on the profile's ${phones} phone(s): no platform.sinkMobiles; --frugal skips this` : ''})`,
        );
        return;
      }
      if ('skip' in built) t.skip(built.skip);
      const r = await send(ctx, t, built.request);
      expectAccepted(t, r, `${requirement}; here ${built.what}`);
      t.note(
        onPhones
          ? `accepted: ${built.what}; ${r.accepted} recipient(s), all on the profile's ${phones} phone(s) (no platform.sinkMobiles; --frugal skips this case)`
          : `accepted: ${built.what}; ${r.accepted} recipient(s)`,
      );
    },
  });
}

/** Recipients a request at the limit has: the limit itself for lists of messages or numbers. */
function recipientsAt(c: Constraint): number {
  const key = pathKeyOf(c.path);
  return c.keyword === 'maxItems' && (key === 'requestLists' || key === 'requestLists.[].mobiles')
    ? (c.limit as number)
    : 1;
}

/** Refused requests only reserve the budget: these run early. */
export const limitOverCases: Case<PlatformContext>[] = LIMITS.map(overCase);
/**
 * Accepted requests spend it: these run after the core cases, the costly ones first (they send the
 * request with every limit at once, which the others then read).
 */
export const limitAtCases: Case<PlatformContext>[] = [...LIMITS]
  .sort((a, b) => recipientsAt(b) - recipientsAt(a))
  .map(atCase);
