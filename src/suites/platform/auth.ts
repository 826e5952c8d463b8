// §5.1 100001 "access authentication failed" and 100006 "account abnormal": a wrong password or an
// unknown account is refused with 100001, a disabled account with 100006. Each request is
// otherwise valid, so the credentials are its only fault.
// A live platform may lock an account after wrong passwords: these cases send one each.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { unrelatedSecret } from '../../client/wrong-secret.js';
import { secretsOf } from '../../profile/profile.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectCode } from './checks.js';
import { type PlatformContext, platformCase, send, validRequest } from './context.js';
import { uniqueId } from './values.js';

const ACCOUNT_MAX = 30;

export const authCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.auth.wrong-password',
    clause: '§5.1 100001',
    level: 'MUST',
    title: 'the profile account with a wrong password is refused with 100001',
    covers: [codeKey('100001')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(
        ctx,
        t,
        // Never a variation of the real password: random, sharing no character with any secret.
        validRequest(ctx.platform, { password: unrelatedSecret(secretsOf(ctx.profile)) }),
      );
      expectCode(
        t,
        r,
        ['100001'],
        '§5.1 100001: a request whose password is wrong fails access authentication',
      );
    },
  }),
  platformCase({
    id: 'platform.auth.unknown-account',
    clause: '§5.1 100001',
    level: 'MUST',
    title: 'an account the platform does not know is refused with 100001',
    covers: [codeKey('100001')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const account = `kit${uniqueId(ctx, Math.min(ACCOUNT_MAX, ctx.platform.account.length + 4) - 3)}`;
      const r = await send(ctx, t, validRequest(ctx.platform, { account }));
      expectCode(
        t,
        r,
        ['100001'],
        `§5.1 100001: a request from an unknown account (${account}) fails access authentication`,
      );
    },
  }),
  platformCase({
    id: 'platform.auth.disabled-account',
    clause: '§5.1 100006',
    level: 'MUST',
    title: 'a disabled account with its right password is refused with 100006',
    covers: [codeKey('100006')],
    skipUnless: (ctx) =>
      ctx.platform.disabledAccount
        ? undefined
        : 'the profile has no platform.disabledAccount (an account the platform has disabled)',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const disabled = ctx.platform.disabledAccount;
      if (!disabled) return t.skip('the profile has no platform.disabledAccount');
      const r = await send(
        ctx,
        t,
        validRequest(ctx.platform, { account: disabled.account, password: disabled.password }),
      );
      expectCode(
        t,
        r,
        ['100006'],
        `§5.1 100006: the account ${disabled.account} is disabled (account abnormal)`,
      );
    },
  }),
];
