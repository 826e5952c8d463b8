// The values platform cases put into requests. The limits and the places come from the schemas;
// what fills them comes from the profile where the platform checks the value against its own
// records (credentials, template ids, the signature, the numbers it may deliver to), and is made
// up otherwise (ids of exactly the length wanted, digits for extension codes, the receiver's URL).
import { randomBytes } from 'node:crypto';
import type { PlatformProfile, TemplateProfile } from '../../profile/profile.js';
import { concretePath, type Json, withValueAt } from '../../schema/instances.js';
import { codePointLength as codePoints } from '../../schema/length.js';
import type { PathSegment } from '../../schema/navigate.js';
import {
  type PlatformContext,
  spendingMobiles,
  templateParasFor,
  templateWithVariables,
  validMessage,
  validRequest,
} from './context.js';

export type JsonObject = { [key: string]: Json };

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(Math.max(length, 1));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] as number) % alphabet.length];
  return out;
}

/** Letters and digits, exactly `length` long, never the same twice in a run (the run's serial, then random). */
export function uniqueId(ctx: Pick<PlatformContext, 'serial'>, length: number): string {
  ctx.serial.next += 1;
  const head = `K${ctx.serial.next.toString(36)}`;
  if (head.length >= length) return randomFrom(ALNUM, length);
  return head + randomFrom(ALNUM, length - head.length);
}

export function digits(length: number): string {
  return randomFrom(DIGITS, length);
}

/** `value` extended with `filler` (or cut) to exactly `length` code points (D7). */
export function padTo(value: string, length: number, filler: string): string {
  const chars = [...value];
  if (chars.length >= length) return chars.slice(0, length).join('');
  return value + filler.repeat(length - chars.length);
}

/** `requestLists.[].mobiles.[]`: the key of a schema path, as overrides and coverage use it. */
export function pathKeyOf(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

/** The part of a case id a schema path gives: `requestLists.mobiles.items` for `requestLists.[].mobiles.[]`. */
export function idPath(path: readonly PathSegment[]): string {
  const out: string[] = [];
  path.forEach((seg, i) => {
    const last = i === path.length - 1;
    if (seg === '[]') {
      if (last) out.push('items');
    } else if (seg === '{}') {
      if (last) out.push('values');
    } else out.push(String(seg));
  });
  return out.join('.');
}

/** Fields the platform checks against its own records: only profile values are valid there. */
export interface PinnedField {
  /** What the value is, in the words of a message. */
  what: string;
  /** The valid values this profile gives. */
  values(platform: PlatformProfile): string[];
  /** What pads a profile value past its limit (digits stay digits). */
  filler: string;
}

export const PINNED: Readonly<Record<string, PinnedField>> = {
  account: { what: 'the profile account', values: (p) => [p.account], filler: 'x' },
  password: { what: 'the profile password', values: (p) => [p.password], filler: 'x' },
  'requestLists.[].templateId': {
    what: 'a profile template id',
    values: (p) => p.templates.map((tpl) => tpl.id),
    filler: 'x',
  },
  'requestLists.[].signature': { what: 'the profile signature', values: (p) => [p.signature], filler: 'x' },
  'requestLists.[].mobiles.[]': {
    what: 'a profile number',
    values: (p) => [...p.sinkMobiles, ...p.mobiles],
    filler: '0',
  },
};

export function readAt(root: Json | undefined, path: readonly PathSegment[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[seg];
  }
  return cur;
}

/** A valid request whose message uses `tpl` (its variables filled to their maximum). */
export function requestWithTemplate(platform: PlatformProfile, tpl: TemplateProfile): JsonObject {
  return validRequest(platform, { requestLists: [validMessage(platform, undefined, tpl)] });
}

/**
 * A valid request that holds the pinned field `key` with the value `value`, derived from the
 * profile value `source` (for a template id: the request uses that template's variables).
 */
export function requestWithPinned(
  ctx: PlatformContext,
  key: string,
  source: string,
  value: string,
): JsonObject {
  const tpl = ctx.platform.templates.find((x) => x.id === source);
  const base =
    key === 'requestLists.[].templateId' && tpl
      ? requestWithTemplate(ctx.platform, tpl)
      : validRequest(ctx.platform);
  return withValueAt('SendTemplateMessageRequest', base, concretePath(key.split('.')), value);
}

const NAMED = (i: number): JsonObject => ({ key: `k${i + 1}`, value: `v${i + 1}` });

/** Every field the request schema has, each with a valid value: where a case finds any field it needs. */
export function richRequest(ctx: PlatformContext): JsonObject {
  const tpl = templateWithVariables(ctx.platform) ?? (ctx.platform.templates[0] as TemplateProfile);
  return {
    ...validRequest(ctx.platform, { requestLists: [] }),
    requestLists: [
      {
        ...validMessage(ctx.platform, undefined, tpl),
        messageId: uniqueId(ctx, 16),
        extCode: digits(4),
        extendInfos: [NAMED(0)],
      },
    ],
    requestId: uniqueId(ctx, 12),
    statusCallback: ctx.receiver.reportUrl,
    extendInfos: [NAMED(0)],
  };
}

/**
 * The smallest valid request that has a value at `path` (a schema path), and the concrete path of
 * that value: the minimal valid request (with a template that has variables when the path goes
 * into templateParas), the containers and the field on the way taken from the rich one where
 * absent. `at` is undefined when the profile cannot give such a request.
 */
export function requestHolding(
  ctx: PlatformContext,
  path: readonly PathSegment[],
): { request: JsonObject; at: PathSegment[] | undefined } {
  const rich = richRequest(ctx);
  const tpl = path.includes('templateParas') ? templateWithVariables(ctx.platform) : undefined;
  let base = tpl ? requestWithTemplate(ctx.platform, tpl) : validRequest(ctx.platform);
  const at: PathSegment[] = [];
  for (const seg of path) {
    const here = readAt(base, at);
    let step: PathSegment = seg;
    if (seg === '[]') step = 0;
    else if (seg === '{}') {
      const keys = here && typeof here === 'object' && !Array.isArray(here) ? Object.keys(here) : [];
      if (keys.length === 0) return { request: base, at: undefined };
      step = keys[0] as string;
    }
    at.push(step);
    if (readAt(base, at) === undefined) {
      const value = readAt(rich, at);
      if (value === undefined) return { request: base, at: undefined };
      base = withValueAt('SendTemplateMessageRequest', base, at, structuredClone(value));
    }
  }
  return { request: base, at };
}

/**
 * The first `count` profile numbers, each once, sink numbers first: a number twice in one message
 * is one a platform may merge, and then its answer has fewer results than the request had numbers.
 */
export function distinctMobiles(platform: PlatformProfile, count: number): string[] {
  return [...new Set([...platform.sinkMobiles, ...platform.mobiles])].slice(0, count);
}

/** The first `count` of the profile's phones, each once: for cases that need a number a platform surely reports on. */
export function distinctPhones(platform: PlatformProfile, count: number): string[] {
  return [...new Set(platform.mobiles)].slice(0, count);
}

/** Values as the spec's own example and the vendor's samples give them: a name, a time, a code with a leading zero, a quote. */
const SAMPLE_VALUES = ['Amigo', '2020-04-30 23:59:59', '002569', "O'Brien"];

/**
 * The `i`-th message of a batch as senders vary them: every other one with the customer's own
 * messageId (of varying length), two in three with an extCode, the second with extendInfos.
 */
export function varied(ctx: PlatformContext, message: JsonObject, i: number): JsonObject {
  return {
    ...message,
    ...(i % 2 === 0 ? { messageId: uniqueId(ctx, 8 + (i % 3) * 6) } : {}),
    ...(i % 3 !== 2 ? { extCode: digits(1 + (i % 4)) } : {}),
    ...(i === 1 ? { extendInfos: [{ key: 'orderNo', value: 'A-1' }] } : {}),
  };
}

/**
 * `count` messages as a real batch mixes them, each to the next sink number (else phone): the
 * profile's templates in turn with sample values, varied (ids, extCodes) message by message.
 */
export function mixedMessages(ctx: PlatformContext, count: number, from = 0): JsonObject[] {
  const mobiles = spendingMobiles(ctx.platform);
  const templates = ctx.platform.templates;
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const tpl = templates[i % templates.length] as TemplateProfile;
    const paras = templateParasFor(tpl, (v) => {
      const sample = SAMPLE_VALUES[(i + v.name.length) % SAMPLE_VALUES.length] as string;
      return sample.slice(0, v.maxLength);
    });
    const message = validMessage(ctx.platform, [mobiles[i % mobiles.length] as string], tpl);
    return varied(ctx, { ...message, ...(paras ? { templateParas: paras } : {}) }, i);
  });
}

/** `count` items for the list at `key`: messages to sink numbers (else phones), such numbers, or named parameters. */
export function itemsFor(ctx: PlatformContext, key: string, count: number): Json[] {
  const mobiles = spendingMobiles(ctx.platform);
  const mobile = (i: number) => mobiles[i % mobiles.length] as string;
  if (key === 'requestLists')
    return Array.from({ length: count }, (_, i) => validMessage(ctx.platform, [mobile(i)]));
  if (key.endsWith('mobiles')) return Array.from({ length: count }, (_, i) => mobile(i));
  if (key.endsWith('extendInfos')) return Array.from({ length: count }, (_, i) => NAMED(i));
  throw new Error(`the platform suite has no items for the list ${key}`);
}

/**
 * A string of exactly `length` code points for a field the profile does not pin, or why there is
 * none: the receiver's URL padded with a query string, digits for an extension code, an id else.
 */
export function freeString(ctx: PlatformContext, key: string, length: number): string | { skip: string } {
  if (key === 'statusCallback') {
    const head = `${ctx.receiver.reportUrl}?pad=`;
    if (codePoints(head) > length)
      return {
        skip: `the receiver's URL (${codePoints(head)} characters with ?pad=) is longer than ${length}`,
      };
    return padTo(head, length, 'x');
  }
  if (key.endsWith('extCode')) return digits(length);
  return uniqueId(ctx, length);
}

/**
 * A value of the wrong JSON type that a lenient binder could still read as the intended one: a
 * digit string as a number, a single value instead of a list, a value wrapped in a list. A
 * platform that coerces accepts it, which is what the type cases are there to catch.
 */
export function wrongTypeOf(intended: Json, allowed: readonly string[]): Json {
  // Never a number for a string: common binders (Jackson, Gson) read one as its digits by
  // default, and the spec does not say that is wrong (D21). A list of the value is not a string
  // to any default binder.
  if (allowed.includes('string') && typeof intended === 'string') return [intended];
  if (allowed.includes('array') && Array.isArray(intended) && intended.length > 0) return intended[0] as Json;
  if (allowed.includes('object') && intended !== null && typeof intended === 'object') return [intended];
  if (allowed.includes('string')) return 12345;
  if (allowed.includes('array')) return 'not a list';
  if (allowed.includes('object')) return 'not an object';
  return 'not a number';
}
