// §3 notifySmsMessage: the platform pushes an uplink SMS to the SP. A live platform pushes one
// only when a user texts in, so this needs the profile's test hook (uplinkTrigger, the mock's
// /__mock/uplink): the kit asks for an uplink to its receiver and checks the push that arrives.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { tableRow, WORDS } from '../../rules/index.js';
import { schemaCoverKeys } from '../../spec/coverage-keys.js';
import { short } from './checks.js';
import { type PlatformContext, platformCase } from './context.js';
import { assertPushes, field, recordPushes } from './pushes.js';
import { uniqueId } from './values.js';

const UPLINK_COVERS = schemaCoverKeys('NotifySmsMessageRequest');

/** The spec's own example time (§3), so what comes back can be compared with what was asked for. */
const SEND_TIME = '2017-05-15 16:08:54';

const needsTrigger = (ctx: PlatformContext) =>
  ctx.platform.uplinkTrigger
    ? undefined
    : 'the profile has no platform.uplinkTrigger (a hook that makes the platform push an uplink SMS)';

export const uplinkCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.uplink.push',
    clause: '§3 notifySmsMessage',
    level: 'MUST',
    title:
      'an uplink SMS is pushed to the SP as a valid NotifySmsMessageRequest, with its mobile and content',
    decisions: ['D3', 'D7', 'D14', 'D16'],
    words: [
      WORDS.uplink,
      tableRow('NotifySmsMessageRequest', ['extCode']),
      WORDS.timeFormat,
      WORDS.contentType,
    ],
    covers: [...UPLINK_COVERS, '§1.5 Content-Type', '§1.3 POST'],
    skipUnless: needsTrigger,
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const trigger = ctx.platform.uplinkTrigger;
      if (!trigger) t.skip('no uplinkTrigger');
      const mobile = ctx.platform.mobiles[0] as string;
      const content = `KIT uplink ${uniqueId(ctx, 12)}`;
      const since = ctx.receiver.pushes.length;
      // The trigger is a test hook, not the SMS API: no SMS goes out, so no budget is spent.
      const asked = await ctx.http.send(
        trigger.url,
        { url: ctx.receiver.uplinkUrl, mobile, content, sendTime: SEND_TIME },
        { label: 'uplink trigger', ...(trigger.headers ? { headers: trigger.headers } : {}) },
      );
      t.record(asked.exchange);
      t.check(
        asked.status !== undefined && asked.status >= 200 && asked.status < 300,
        'the uplink trigger did not take the request, so no uplink can be awaited',
        'a 2xx answer',
        asked.error ?? `HTTP ${asked.status}: ${short(asked.exchange.response?.body ?? '', 200)}`,
      );
      const all = await ctx.receiver.waitFor(
        (pushes) => pushes.slice(since).some((p) => p.kind === 'uplink' && field(p, 'content') === content),
        ctx.profile.statusReportWaitMs,
        t,
      );
      const ours = all
        .slice(since)
        .filter((p) => p.kind === 'uplink' && (!p.isJson || field(p, 'content') === content));
      recordPushes(ctx, t, ours);
      t.check(
        ours.length > 0,
        `§3: the platform pushes an uplink SMS to the SP's URL; none with the content asked for arrived at ${ctx.receiver.uplinkUrl} within ${ctx.profile.statusReportWaitMs} ms`,
        `a push to ${ctx.receiver.uplinkUrl}`,
        `${all.slice(since).length} push(es) of any kind since the trigger: ${[...new Set(all.slice(since).map((p) => p.path))].join(', ') || 'none'}`,
      );
      assertPushes(t, 'uplink', ours, (R) => [R.json, R.schema, R.contentType, R.method]);
      for (const p of ours) {
        t.check(
          field(p, 'mobile') === mobile,
          "§3: mobile is the sender's number",
          mobile,
          JSON.stringify(field(p, 'mobile')),
        );
      }
      assertPushes(t, 'uplink', ours, (R) => [R.timeFormat]);
      t.note('uplink arrived');
    },
  }),
];
