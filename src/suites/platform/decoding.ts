// Bodies real JSON readers mishandle (D28, D29, D30): a required field whose name differs only in
// letter case, as a Go or .NET client without tags writes it ("Mobiles"), is missing, though Go's
// encoding/json matches names case-insensitively (MUST 100002, D28); a name given twice, read first
// by one reader and last by another (SHOULD 100003, D29); text after the JSON value, which Go's
// json.Decoder and Jackson's defaults leave unread (MUST: not accepted, D30); and bytes that are
// not UTF-8 (a GBK name), which Go replaces with U+FFFD (MUST: not accepted, D30). Every such body
// names only the profile's numbers (sink numbers first) and is reserved and counted, whichever way
// a platform reads it, as if the platform accepted it (wire-body.ts, `asIf`).
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { TemplateProfile } from '../../profile/profile.js';
import { tableRow, WORDS } from '../../rules/index.js';
import { type Constraint, constraintsOf } from '../../schema/constraints.js';
import type { Json } from '../../schema/instances.js';
import { formatPath, type PathSegment } from '../../schema/navigate.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectCode, faultScope, short } from './checks.js';
import {
  type PlatformContext,
  platformCase,
  type SendResult,
  send,
  spendingMobiles,
  validMessage,
  validRequest,
} from './context.js';
import { idPath, type JsonObject, pathKeyOf, readAt, requestHolding } from './values.js';
import { WireBody } from './wire-body.js';

/**
 * Required fields whose name is sent in another letter case. Not the credentials: a request without
 * `account` or `password` counts against platform.maxAuthFailures (an account may lock), and the
 * fields of the messages already show a reader that folds case.
 */
const RENAMED = constraintsOf('SendTemplateMessageRequest').filter(
  (c) => c.keyword === 'required' && !['account', 'password'].includes(pathKeyOf(c.path)),
);

/** "mobiles" → "Mobiles": the name a Go struct field or a .NET property has without a JSON tag. */
function pascal(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** `request` with the member at `at` renamed `to`, in its place among the others. */
function renamed(request: JsonObject, at: readonly PathSegment[], to: string): JsonObject {
  const copy = structuredClone(request);
  const parent = readAt(copy, at.slice(0, -1)) as JsonObject;
  const from = at[at.length - 1] as string;
  const entries = Object.entries(parent).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const key of Object.keys(parent)) delete parent[key];
  Object.assign(parent, Object.fromEntries(entries));
  return copy;
}

function nameCaseCase(c: Constraint): Case<PlatformContext> {
  const where = formatPath(c.path);
  const name = String(c.path[c.path.length - 1]);
  const variant = pascal(name);
  return platformCase({
    id: `platform.json.name-case.${idPath(c.path)}`,
    clause: c.clause,
    level: 'MUST',
    title: `${where} sent as "${variant}" (its name in another letter case) is a missing field, answered 100002`,
    decisions: ['D28'],
    words: [tableRow('SendTemplateMessageRequest', c.path), WORDS.missing],
    covers: ['§5.1 100002', codeKey('100002')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { request, at } = requestHolding(ctx, c.path);
      if (!at) t.skip(`the profile gives no request with a ${where}`);
      const faulty = renamed(request, at, variant);
      // A reader that folds case (Go's encoding/json) reads the request itself: reserved as such.
      const r = await send(ctx, t, faulty, {}, request);
      expectCode(
        t,
        r,
        ['100002'],
        `§5.1 100002: ${where} is required (${c.clause}) and JSON names are exact, so "${variant}" is another member and ${name} is missing (D28)`,
        { request: faulty, scope: faultScope(at) },
      );
    },
  });
}

/** A body that is not one JSON text in UTF-8 was not accepted: any answer but "0" (its form is D16's SHOULD). */
function expectNotZero(t: CaseRecorder, r: SendResult, requirement: string): void {
  const code = (r.json as { resultCode?: unknown } | undefined)?.resultCode;
  t.check(
    code !== '0' && code !== 0 && r.accepted === 0,
    `${requirement}, yet it was answered "0"`,
    'anything but resultCode "0"',
    `HTTP ${r.status}: ${short(r.exchange.response?.body ?? '', 200)}`,
  );
  t.note(`not accepted: HTTP ${r.status}, resultCode ${JSON.stringify(code)} (D16: 100003 in JSON)`);
}

/** The first template variable that holds `chars` characters, and its template. */
function variableHolding(
  ctx: PlatformContext,
  chars: number,
): { tpl: TemplateProfile; name: string } | undefined {
  for (const tpl of ctx.platform.templates) {
    const v = (tpl.variables ?? []).find((x) => x.maxLength >= chars);
    if (v) return { tpl, name: v.name };
  }
  return undefined;
}

/** 张伟 in GBK, the encoding a Chinese Windows client writes by default: d5 c5 ce b0. */
const GBK_NAME = Uint8Array.from([0xd5, 0xc5, 0xce, 0xb0]);
/** What a reader that replaces bad bytes makes of it (U+FFFD twice, then ΰ): 3 characters, 8 bytes. */
const GBK_NAME_LOSSY = Buffer.from(GBK_NAME).toString('utf8');

export const decodingCases: Case<PlatformContext>[] = [
  ...RENAMED.map(nameCaseCase),
  platformCase({
    id: 'platform.json.duplicate-name',
    clause: '§1.2 JSON UTF-8',
    level: 'SHOULD',
    title: 'a request that gives a message\'s "mobiles" twice, with two numbers, is refused with 100003',
    decisions: ['D29'],
    covers: [codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const [first, second = first] = spendingMobiles(ctx.platform) as [string, ...string[]];
      const base = validRequest(ctx.platform, { requestLists: [validMessage(ctx.platform, [first])] });
      const body = WireBody.twice(base, ['requestLists', 0], 'mobiles', [second]);
      const r = await send(ctx, t, body);
      const code = (r.json as { resultCode?: unknown } | undefined)?.resultCode;
      if (code === '0') {
        const results = (r.json as { resultLists?: { mobile?: unknown }[] }).resultLists ?? [];
        const got = results.map((x) => String(x.mobile));
        const which = got.includes(first) ? 'the first' : got.includes(second) ? 'the last' : 'neither';
        t.fail(
          `D29: an object names each member once; with "mobiles" given twice (${first}, then ${second}) the platform accepted the request and took ${which} of the two, where another reader takes the other`,
          'resultCode "100003"',
          `resultCode "0", results for ${got.join(', ') || 'nobody'}`,
        );
      }
      expectCode(
        t,
        r,
        ['100003'],
        'D29: a request whose object names a member twice is a parameter format error',
      );
    },
  }),
  platformCase({
    id: 'platform.json.trailing-text',
    clause: '§1.2 JSON UTF-8',
    level: 'MUST',
    title: 'a valid request followed by one more "}" (not one JSON text) is not accepted',
    decisions: ['D16', 'D30'],
    words: [WORDS.json],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const body = WireBody.trailing(validRequest(ctx.platform), '}');
      const r = await send(ctx, t, body);
      expectNotZero(
        t,
        r,
        '§1.2: the request is JSON (请求使用JSON数据格式); a JSON text is one value with nothing after it but whitespace (RFC 8259 §2), and this body has "}" after its value',
      );
    },
  }),
  platformCase({
    id: 'platform.json.not-utf8',
    clause: '§1.2 JSON UTF-8',
    level: 'MUST',
    title: 'a request with a name in GBK bytes (not UTF-8) is not accepted',
    decisions: ['D16', 'D30'],
    words: [WORDS.json],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      // In a template value where one holds what a lenient reader makes of it (8 bytes), else in
      // the request's extendInfos: either way the only fault is the encoding.
      const held = variableHolding(ctx, 8);
      let base: JsonObject;
      let at: PathSegment[];
      if (held) {
        const message = validMessage(ctx.platform, undefined, held.tpl);
        base = validRequest(ctx.platform, { requestLists: [message] });
        at = ['requestLists', 0, 'templateParas', held.name];
      } else {
        base = validRequest(ctx.platform, { extendInfos: [{ key: 'name', value: 'x' } as Json] });
        at = ['extendInfos', 0, 'value'];
      }
      const body = WireBody.reEncoded(base, at, GBK_NAME, GBK_NAME_LOSSY);
      const r = await send(ctx, t, body);
      expectNotZero(
        t,
        r,
        `§1.2: the request is UTF-8 (UTF-8编码); ${formatPath(at)} holds the bytes d5 c5 ce b0 (张伟 in GBK), which are not UTF-8`,
      );
    },
  }),
];
