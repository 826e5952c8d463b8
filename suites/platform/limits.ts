// Every length and count limit of the send request, walked from its schema (never listed by hand):
// a value one past the limit is rejected with 100003, a value at the limit is accepted (§5.1).
// The "over" cases run first: each reserves its recipients against the budget as if the platform
// wrongly accepted it, so it must run before the "at" cases spend the budget.
import type { Case, CaseRecorder } from '../../src/cases/case.js';
import { unrelatedSecret } from '../../src/client/wrong-secret.js';
import { secretsOf } from '../../src/profile/profile.js';
import { codeKey, limitKey } from '../../src/report/coverage.js';
import { type Constraint, limitsOf } from '../../src/schema/constraints.js';
import { type Json, withValueAt } from '../../src/schema/instances.js';
import { formatPath, type PathSegment } from '../../src/schema/navigate.js';
import { expectAccepted, expectFormatError, formatFaultDecisions } from './checks.js';
import { type PlatformContext, send, validRequest } from './context.js';
import {
  codePoints,
  freeString,
  idPath,
  itemsFor,
  type JsonObject,
  PINNED,
  padTo,
  pathKeyOf,
  requestHolding,
  requestWithPinned,
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
  return {
    id: `platform.limits.${idPath(c.path)}.${c.keyword}.over`,
    clause: c.clause,
    level: 'MUST',
    title: `${formatPath(c.path)} one past its limit (${limit + 1} ${unit(c)}) is rejected with 100003`,
    side: 'platform',
    kind: 'example',
    ...(decisions.length > 0 ? { decisions } : {}),
    covers: [limitKey(c), '§5.1 100003', codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const built = build(ctx, c, true);
      if ('skip' in built) t.skip(built.skip);
      const r = await send(ctx, t, built.request, {}, built.asIf);
      const requirement = `${c.clause}: at most ${limit} ${unit(c)}; here ${built.what}, a parameter format error (§5.1 100003)`;
      expectFormatError(t, r, key, requirement);
    },
  };
}

function atCase(c: Constraint): Case<PlatformContext> {
  const limit = c.limit as number;
  return {
    id: `platform.limits.${idPath(c.path)}.${c.keyword}.at`,
    clause: c.clause,
    level: 'MUST',
    title: `${formatPath(c.path)} at its limit (${limit} ${unit(c)}) is accepted`,
    side: 'platform',
    kind: 'example',
    covers: [limitKey(c), '§5.1 0', codeKey('0')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const built = build(ctx, c, false);
      if ('skip' in built) t.skip(built.skip);
      const r = await send(ctx, t, built.request);
      expectAccepted(
        t,
        r,
        `${c.clause}: up to ${limit} ${unit(c)} are allowed; here ${built.what}, so the request is accepted (§5.1 0)`,
      );
      t.note(`accepted: ${built.what}; ${r.accepted} recipient(s)`);
    },
  };
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
/** Accepted requests spend it: these run after the core cases, the cheapest first. */
export const limitAtCases: Case<PlatformContext>[] = [...LIMITS]
  .sort((a, b) => recipientsAt(a) - recipientsAt(b))
  .map(atCase);
