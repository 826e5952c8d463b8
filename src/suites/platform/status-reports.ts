// §2 statusCallback and §4 notifyReportMessage, end to end: with statusCallback set to the kit's
// receiver, each accepted recipient's status report arrives within statusReportWaitMs, valid,
// and carrying the messageId, mobile and requestId of the send. Without statusCallback (or with
// an empty one, D6) nothing is pushed. One send is judged by several cases (shared-run.ts).
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { ReceivedPush } from '../../receiver/receiver.js';
import {
  type AcceptedRecipient,
  acceptedRecipients,
  resultListsShown,
  tableRow,
  WORDS,
} from '../../rules/index.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { schemaCoverKeys } from '../../spec/coverage-keys.js';
import { type Answer, answerOf } from './checks.js';
import {
  type PlatformContext,
  phoneRequest,
  platformCase,
  send,
  validMessage,
  validRequest,
} from './context.js';
import { assertPushes, field, recordPushes } from './pushes.js';
import { sharedRun } from './shared-run.js';
import { distinctPhones, type JsonObject, uniqueId } from './values.js';

/**
 * How far a receiveTime read as UTC+8 may lie outside the time between the send and the report's
 * arrival (clock skew): less than any zone's distance from UTC+8 (UTC+8:45, the nearest, is 45
 * minutes away), so a time in another zone fails.
 */
export const TIME_ZONE_TOLERANCE_MS = 10 * 60_000;
const UTC_PLUS_8_MS = 8 * 3600_000;

/** A §1.6 time (yyyy-MM-dd HH:mm:ss) read as UTC+8, in ms since the epoch; undefined if it is not one. */
export function utcPlus8(time: unknown): number | undefined {
  if (typeof time !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(time);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) - UTC_PLUS_8_MS;
}

/** The longest the "no push" cases wait: long enough for a prompt platform, short enough for a run. */
const QUIET_CAP_MS = 5_000;

const KNOWN_STATUSES = Object.keys(
  nodeAt(messageSchema('NotifyReportMessageRequest'), ['status'])?.['x-known-values'] ?? {},
);

const REPORT_COVERS = schemaCoverKeys('NotifyReportMessageRequest');

interface ReportRun {
  requestId: string;
  /** When the send request went out (ms since the epoch). */
  sentAt: number;
  answer: Answer;
  /** The accepted recipients with the messageId the answer gave each. */
  expected: AcceptedRecipient[];
  /** Report pushes after the send that carry its requestId or one of its messageIds, or are not JSON. */
  pushes: ReceivedPush[];
  waitedMs: number;
}

function belongsTo(requestId: string, ids: ReadonlySet<string>): (p: ReceivedPush) => boolean {
  return (p) => !p.isJson || field(p, 'requestId') === requestId || ids.has(field(p, 'messageId') as string);
}

async function reportRun(ctx: PlatformContext, t: CaseRecorder): Promise<ReportRun> {
  return sharedRun(ctx, t, 'reports.pushed', async (scratch) => {
    const requestId = uniqueId(ctx, 20);
    const request = validRequest(ctx.platform, {
      requestLists: [validMessage(ctx.platform, distinctPhones(ctx.platform, 2))],
      requestId,
      statusCallback: ctx.receiver.reportUrl,
    });
    const since = ctx.receiver.pushes.length;
    const sentAt = Date.now();
    const r = await send(ctx, scratch, request);
    const answer = answerOf(scratch, r);
    const expected = acceptedRecipients(request, answer);
    const mine = belongsTo(requestId, new Set(expected.map((e) => e.messageId)));
    const ours = (all: readonly ReceivedPush[]) =>
      all.slice(since).filter((p) => p.kind === 'report' && mine(p));
    const started = Date.now();
    const all = await ctx.receiver.waitFor(
      (pushes) =>
        expected.length > 0 &&
        expected.every((e) => ours(pushes).some((p) => field(p, 'messageId') === e.messageId)),
      expected.length > 0 ? ctx.profile.statusReportWaitMs : 0,
      scratch,
    );
    return { requestId, sentAt, answer, expected, pushes: ours(all), waitedMs: Date.now() - started };
  });
}

/** The report pushes of the shared send, recorded in the case; skips when none came (the arrive case says why). */
async function arrivedReports(ctx: PlatformContext, t: CaseRecorder): Promise<ReportRun> {
  const run = await reportRun(ctx, t);
  recordPushes(ctx, t, run.pushes);
  if (run.pushes.length === 0) t.skip('no status report arrived to judge (see platform.reports.arrive)');
  return run;
}

interface QuietRun {
  /** Per request: what it was, its answer's code, the pushes that carry its requestId or messageIds. */
  requests: { label: string; code: string; accepted: number; pushes: ReceivedPush[] }[];
  waitedMs: number;
}

/**
 * Two requests the platform must not push reports for (no statusCallback; an empty one), one wait.
 * A request with the receiver as statusCallback goes first, so that a platform that keeps the
 * last statusCallback it saw has one to misuse, even when these cases run alone.
 */
async function quietRun(ctx: PlatformContext, t: CaseRecorder): Promise<QuietRun> {
  return sharedRun(ctx, t, 'reports.quiet', async (scratch) => {
    await send(ctx, scratch, phoneRequest(ctx.platform, { statusCallback: ctx.receiver.reportUrl }), {
      label: 'with statusCallback, first',
    });
    const since = ctx.receiver.pushes.length;
    const variants: { label: string; extra: JsonObject }[] = [
      { label: 'without statusCallback', extra: {} },
      { label: 'with statusCallback ""', extra: { statusCallback: '' } },
    ];
    const sent = [];
    for (const v of variants) {
      const requestId = uniqueId(ctx, 20);
      const request = phoneRequest(ctx.platform, { requestId, ...v.extra });
      const r = await send(ctx, scratch, request, { label: v.label });
      const answer = answerOf(scratch, r);
      const ids = new Set(acceptedRecipients(request, answer).map((e) => e.messageId));
      sent.push({ label: v.label, code: answer.resultCode, accepted: r.accepted, requestId, ids });
    }
    const waitMs = Math.min(ctx.profile.statusReportWaitMs, QUIET_CAP_MS);
    const started = Date.now();
    const all = await ctx.receiver.waitFor(() => false, waitMs, scratch);
    const after = all.slice(since);
    return {
      requests: sent.map((s) => ({
        label: s.label,
        code: s.code,
        accepted: s.accepted,
        // Any push to the receiver, whatever its path: the platform had no URL of ours for these.
        pushes: after.filter(
          (p) =>
            p.isJson && (field(p, 'requestId') === s.requestId || s.ids.has(field(p, 'messageId') as string)),
        ),
      })),
      waitedMs: Date.now() - started,
    };
  });
}

function quietCase(index: number, id: string, title: string, decisions: string[]): Case<PlatformContext> {
  return platformCase({
    id,
    clause: '§2 statusCallback retention',
    level: 'MUST',
    title,
    ...(decisions.length > 0 ? { decisions } : {}),
    // Whether "" is set or not (D6), a report goes only to the URI of the request's statusCallback.
    words: [WORDS.reportUri],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await quietRun(ctx, t);
      const req = run.requests[index];
      if (!req) throw new Error('quiet run without its request');
      recordPushes(ctx, t, req.pushes);
      t.check(
        req.pushes.length === 0,
        `§2: without a statusCallback, reports are not pushed (the platform keeps them for 1 hour); a request ${req.label} got ${req.pushes.length} report(s) pushed to the kit's receiver`,
        'no push',
        `${req.pushes.length} push(es) to ${[...new Set(req.pushes.map((p) => p.path))].join(', ')}`,
      );
      const bound = `waited ${run.waitedMs} ms (min(statusReportWaitMs, ${QUIET_CAP_MS} ms)); a later push would go unseen`;
      t.note(
        req.code === '0'
          ? `no report pushed for the request ${req.label}: ${bound}`
          : `the request ${req.label} was refused (resultCode ${req.code}), and nothing was pushed: ${bound}`,
      );
    },
  });
}

export const statusReportCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.reports.arrive',
    clause: '§2 statusCallback push',
    level: 'MUST',
    title: "each accepted recipient's status report is pushed to statusCallback within statusReportWaitMs",
    covers: ['§4 notifyReportMessage'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await reportRun(ctx, t);
      recordPushes(ctx, t, run.pushes);
      t.check(
        run.answer.resultCode === '0',
        'a valid request with statusCallback was not accepted, so no report can be awaited',
        'resultCode "0" with a messageId per recipient',
        `resultCode ${JSON.stringify(run.answer.resultCode)}`,
      );
      t.check(
        run.expected.length > 0,
        `§5.4, §4: the platform accepted the request (resultCode "0") but returned no messageId for any recipient (${resultListsShown(run.answer)}), so no status report can be matched to it`,
        'resultCode "0" with a messageId per recipient',
        `resultCode "0", ${resultListsShown(run.answer)}`,
      );
      const missing = run.expected.filter(
        (e) => !run.pushes.some((p) => field(p, 'messageId') === e.messageId),
      );
      t.check(
        missing.length === 0,
        `§2: with statusCallback set, each message's status report is pushed there (§4); none came for ${missing.map((e) => `${e.mobile} (${e.messageId})`).join(', ')} within ${ctx.profile.statusReportWaitMs} ms`,
        `${run.expected.length} report(s), one per messageId`,
        `${run.pushes.length} report push(es) for this request`,
      );
      t.note(`${run.expected.length} report(s) arrived within ${run.waitedMs} ms`);
    },
  }),
  platformCase({
    id: 'platform.reports.schema',
    clause: '§4 notifyReportMessage',
    level: 'MUST',
    title: 'each status report is a valid NotifyReportMessageRequest (table 4-2)',
    decisions: ['D1', 'D2', 'D4'],
    // D4's reading, 0 to 99, holds a platform to an int of at most 2 digits that counts parts.
    words: [WORDS.table42, tableRow('NotifyReportMessageRequest', ['smsCount']), WORDS.smsCount],
    covers: [...REPORT_COVERS, '§5.2 status codes'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(t, 'report', run.pushes, (R) => [R.json, R.schema]);
    },
  }),
  platformCase({
    id: 'platform.reports.content-type',
    clause: '§1.5 Content-Type',
    level: 'MUST',
    title: 'each status report push carries Content-Type: application/json;charset=UTF-8',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(t, 'report', run.pushes, (R) => [R.contentType]);
    },
  }),
  platformCase({
    id: 'platform.reports.method',
    clause: '§4 notifyReportMessage',
    level: 'MUST',
    title: 'each status report is pushed with POST (table 4-1: HTTPS + POST)',
    covers: ['§1.3 POST'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(t, 'report', run.pushes, (R) => [R.method]);
      t.note(`${run.pushes.length} report(s), each a POST`);
    },
  }),
  platformCase({
    id: 'platform.reports.requestId',
    clause: '§4 NotifyReportMessageRequest.requestId',
    level: 'SHOULD',
    title: 'a report for a request that carried requestId carries that requestId',
    decisions: ['D19'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(t, 'report', run.pushes, (R) => [R.requestIdCarried], {
        requestId: run.requestId,
        accepted: run.expected,
      });
      t.note(`${run.pushes.length} report(s), each with requestId ${run.requestId}`);
    },
  }),
  platformCase({
    id: 'platform.reports.correlate',
    clause: '§4 NotifyReportMessageRequest.messageId',
    level: 'MUST',
    title: 'each report carries a messageId of the send answer, with its mobile and the requestId',
    covers: ['§4 NotifyReportMessageRequest.mobile', '§4 NotifyReportMessageRequest.requestId'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(
        t,
        'report',
        run.pushes,
        (R) => [R.correlateMessageId, R.correlateMobile, R.correlateRequestId],
        {
          requestId: run.requestId,
          accepted: run.expected,
        },
      );
      const withRequestId = run.pushes.filter((p) => field(p, 'requestId') !== undefined).length;
      t.note(`${run.pushes.length} report(s) match the send; ${withRequestId} carry its requestId`);
    },
  }),
  platformCase({
    id: 'platform.reports.status',
    clause: '§5.2 status codes',
    level: 'INFO',
    title: 'which status codes the reports carry (other values than §5.2 are reported)',
    decisions: ['D1'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      const statuses = run.pushes.map((p) => field(p, 'status'));
      const other = statuses.filter((s) => typeof s !== 'string' || !KNOWN_STATUSES.includes(s));
      t.note(
        `statuses: ${statuses.map((s) => JSON.stringify(s)).join(' ')}${other.length > 0 ? `; not in §5.2: ${other.map((s) => JSON.stringify(s)).join(' ')}` : ' (all §5.2 codes)'}`,
      );
    },
  }),
  platformCase({
    id: 'platform.reports.time-format',
    clause: '§1.6 time format',
    level: 'MUST',
    title: 'receiveTime, when sent, is in the §1.6 format yyyy-MM-dd HH:mm:ss',
    decisions: ['D14'],
    words: [WORDS.timeFormat],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      assertPushes(t, 'report', run.pushes, (R) => [R.timeFormat]);
      const sent = run.pushes.filter((p) => field(p, 'receiveTime') !== undefined).length;
      t.note(`${sent} of ${run.pushes.length} report(s) carry a receiveTime, all in the §1.6 format`);
    },
  }),
  platformCase({
    id: 'platform.reports.time-zone',
    clause: '§1.6 time format',
    level: 'SHOULD',
    title: `receiveTime, read as UTC+8, lies between the send and the report's arrival (±${TIME_ZONE_TOLERANCE_MS / 60_000} min)`,
    decisions: ['D14'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const run = await arrivedReports(ctx, t);
      const timed = run.pushes.filter((p) => utcPlus8(field(p, 'receiveTime')) !== undefined);
      if (timed.length === 0)
        t.skip('no report carries a receiveTime in the §1.6 format to read a zone from');
      const from = run.sentAt - TIME_ZONE_TOLERANCE_MS;
      const off = timed.filter((p) => {
        const at = utcPlus8(field(p, 'receiveTime')) as number;
        return at < from || at > p.at + TIME_ZONE_TOLERANCE_MS;
      });
      const hours = (p: ReceivedPush) =>
        (((utcPlus8(field(p, 'receiveTime')) as number) - p.at) / 3600_000).toFixed(1);
      t.check(
        off.length === 0,
        `§1.6, D14: "国内短信时区是UTC+8"; read as UTC+8, ${off.length} receiveTime(s) lie outside the send-to-arrival span by more than ${TIME_ZONE_TOLERANCE_MS / 60_000} minutes (a time in another zone)`,
        `a time between ${new Date(run.sentAt).toISOString()} and the arrival, as UTC+8`,
        off.map((p) => `${String(field(p, 'receiveTime'))} (${hours(p)} h from the arrival)`).join('; '),
      );
      t.note(`${timed.length} receiveTime(s), read as UTC+8, within the send-to-arrival span`);
    },
  }),
  quietCase(
    0,
    'platform.reports.none-without-callback',
    'without statusCallback, no status report is pushed',
    [],
  ),
  quietCase(1, 'platform.reports.none-empty-callback', 'with statusCallback "", no status report is pushed', [
    'D6',
  ]),
];
