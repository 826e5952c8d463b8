// §1.4: numbers start with the country code (8613600000000); domestic ones may omit it
// (13600000000). Both forms are accepted (MUST); a clearly malformed number is rejected with
// 100003 (SHOULD, D12). Only profile numbers are ever used: the malformed ones are profile
// numbers with dashes, or letters, so a platform that strips dashes reaches a profile phone.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectAccepted, expectCode } from './checks.js';
import { type PlatformContext, platformCase, send, validMessage, validRequest } from './context.js';

/** A Chinese domestic mobile number without the country code: 11 digits starting with 1. */
const DOMESTIC = /^1[0-9]{10}$/;

/** Profile numbers, sink numbers first: a sink number of the wanted form spares a phone an SMS. */
function numbers(ctx: PlatformContext): string[] {
  return [...ctx.platform.sinkMobiles, ...ctx.platform.mobiles];
}

function withCountryCode(ctx: PlatformContext): string | undefined {
  return numbers(ctx).find((m) => !DOMESTIC.test(m));
}

function domestic(ctx: PlatformContext): string | undefined {
  return numbers(ctx).find((m) => DOMESTIC.test(m));
}

function toNumber(ctx: PlatformContext, mobile: string) {
  return validRequest(ctx.platform, { requestLists: [validMessage(ctx.platform, [mobile])] });
}

/** 136-0000-0001 for 13600000001: groups of 3, 4, 4 and the rest. */
function dashed(mobile: string): string {
  return [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7, 11), mobile.slice(11)]
    .filter(Boolean)
    .join('-');
}

function malformedCase(
  name: string,
  title: string,
  make: (profileNumber: string) => string,
): Case<PlatformContext> {
  return platformCase({
    id: `platform.mobiles.malformed.${name}`,
    clause: '§1.4 mobile numbers',
    level: 'SHOULD',
    title,
    decisions: ['D12'],
    covers: ['§5.4 MtSmsMessage.mobiles[]', codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const source = domestic(ctx) ?? (ctx.platform.mobiles[0] as string);
      const mobile = make(source);
      // Guarded and budgeted as the profile number it is made from, should the platform clean it up.
      const request = toNumber(ctx, mobile);
      const r = await send(ctx, t, request, {}, toNumber(ctx, source));
      expectCode(
        t,
        r,
        ['100003'],
        `§1.4, D12: a number is digits (after an optional +); ${JSON.stringify(mobile)} is a parameter format error`,
        { request, scope: { message: 0, mobile: 0 } },
      );
    },
  });
}

export const mobileCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.mobiles.country-code',
    clause: '§1.4 mobile numbers',
    level: 'MUST',
    title: 'a number that starts with the country code is accepted',
    covers: ['§5.4 MtSmsMessage.mobiles[]'],
    skipUnless: (ctx) =>
      withCountryCode(ctx) ? undefined : 'the profile has no number with a country code (e.g. 8613600000000)',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const mobile = withCountryCode(ctx) as string;
      const r = await send(ctx, t, toNumber(ctx, mobile));
      expectAccepted(t, r, `§1.4: numbers start with the country code, so ${mobile} is accepted`);
    },
  }),
  platformCase({
    id: 'platform.mobiles.domestic',
    clause: '§1.4 mobile numbers',
    level: 'MUST',
    title: 'a domestic number without the country code is accepted',
    covers: ['§5.4 MtSmsMessage.mobiles[]'],
    skipUnless: (ctx) =>
      domestic(ctx)
        ? undefined
        : 'the profile has no domestic number without country code (11 digits, e.g. 13600000001)',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const mobile = domestic(ctx) as string;
      const r = await send(ctx, t, toNumber(ctx, mobile));
      expectAccepted(t, r, `§1.4: domestic SMS may omit the country code, so ${mobile} is accepted`);
    },
  }),
  malformedCase('letters', 'a number with letters ("abc1234") is rejected with 100003', () => 'abc1234'),
  malformedCase('dashes', 'a number written with dashes (136-0000-0001) is rejected with 100003', dashed),
];
