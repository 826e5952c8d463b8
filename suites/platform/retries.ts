// D20: the spec says nothing about retries, so how a platform retries a status report push that
// failed is measured and reported (INFO), never judged. The receiver answers the next pushes as
// scripted: HTTP 500, then a dropped connection (a dead endpoint, as a timeout would be), then
// resultCode "100003"; then, in the second case, HTTP 500 every time until the platform gives up.
// A push of another request may take a scripted answer; each attempt is reported with the answer
// it really got.
import type { Case, CaseRecorder } from '../../src/cases/case.js';
import type { ReceivedPush, ReceiverAnswer } from '../../src/receiver/receiver.js';
import { answerOf, matchRecipients } from './checks.js';
import { type PlatformContext, phoneRequest, send } from './context.js';
import { field, recordPushes } from './pushes.js';
import { uniqueId } from './values.js';

const FAIL_500: ReceiverAnswer = {
  status: 500,
  body: '{"resultCode":"100003","resultDesc":"kit: simulated HTTP 500"}',
};
const DROP: ReceiverAnswer = { hangUp: true };
const REFUSE: ReceiverAnswer = {
  status: 200,
  body: '{"resultCode":"100003","resultDesc":"kit: simulated refusal"}',
};
/** The least time without an attempt that counts as "no further attempt". */
const QUIET_FLOOR_MS = 1_000;
/** Enough 500s that a platform gives up before they are used up. */
const GIVE_UP_SCRIPT = 30;

/** The receiver's default answer, or a scripted one that acknowledges: 2xx with resultCode "0". */
function isAck(a: ReceiverAnswer): boolean {
  const status = a.status ?? 200;
  return (
    !a.hangUp &&
    status >= 200 &&
    status < 300 &&
    /"resultCode"\s*:\s*"0"/.test(a.body ?? '{"resultCode":"0"}')
  );
}

function describeAnswer(a: ReceiverAnswer): string {
  if (a.hangUp) return 'dropped';
  const code = /"resultCode"\s*:\s*"([^"]*)"/.exec(a.body ?? '')?.[1];
  return `HTTP ${a.status ?? 200}${code !== undefined ? ` "${code}"` : ''}`;
}

interface Measured {
  attempts: ReceivedPush[];
  /** True when the last attempt was acknowledged with the default answer. */
  acknowledged: boolean;
  /** True when no attempt came for the quiet time after the last one, within the window. */
  quiet: boolean;
  /** How long that quiet time was. */
  quietMs: number;
  windowMs: number;
}

/**
 * Sends one message with statusCallback and follows its report's push attempts until one is
 * acknowledged, until none comes for a quiet time (twice the longest interval seen, at least 1 s,
 * at most statusReportWaitMs), or until the window (3 × statusReportWaitMs) closes.
 */
async function follow(
  ctx: PlatformContext,
  t: CaseRecorder,
  script: ReceiverAnswer[],
  stopOnAck: boolean,
): Promise<Measured> {
  const requestId = uniqueId(20);
  const request = phoneRequest(ctx.platform, { requestId, statusCallback: ctx.receiver.reportUrl });
  const since = ctx.receiver.pushes.length;
  ctx.receiver.answerNext('report', script);
  const windowMs = 3 * ctx.profile.statusReportWaitMs;
  try {
    const r = await send(ctx, t, request);
    const answer = answerOf(t, r);
    const ids = new Set(
      matchRecipients(request, answer)
        .results.map((x) => x.messageId)
        .filter((x): x is string => typeof x === 'string'),
    );
    t.check(
      answer.resultCode === '0' && ids.size > 0,
      'the request was not accepted: nothing to measure',
      '"0"',
      answer.resultCode,
    );
    const ours = (all: readonly ReceivedPush[]) =>
      all
        .slice(since)
        .filter(
          (p) =>
            p.kind === 'report' &&
            (field(p, 'requestId') === requestId || ids.has(field(p, 'messageId') as string)),
        );
    const started = Date.now();
    let quiet = false;
    let quietMs = 0;
    for (;;) {
      const attempts = ours(ctx.receiver.pushes);
      const last = attempts[attempts.length - 1];
      if (stopOnAck && last && isAck(last.answeredWith)) break;
      const intervals = attempts.slice(1).map((p, i) => p.at - (attempts[i] as ReceivedPush).at);
      // With backoff the next wait is rarely more than twice the longest so far.
      quietMs = Math.min(
        ctx.profile.statusReportWaitMs,
        Math.max(QUIET_FLOOR_MS, 2 * Math.max(0, ...intervals)),
      );
      // The first push is awaited for statusReportWaitMs; each next one for the quiet time.
      const deadline = Math.min(
        last ? last.at + quietMs : started + ctx.profile.statusReportWaitMs,
        started + windowMs,
      );
      const waitMs = deadline - Date.now();
      if (waitMs <= 0) {
        quiet = last !== undefined && deadline < started + windowMs;
        break;
      }
      await ctx.receiver.waitFor((all) => ours(all).length > attempts.length, waitMs);
    }
    const attempts = ours(ctx.receiver.pushes);
    recordPushes(ctx, t, attempts);
    const final = attempts[attempts.length - 1];
    return {
      attempts,
      acknowledged: final !== undefined && isAck(final.answeredWith),
      quiet,
      quietMs,
      windowMs,
    };
  } finally {
    ctx.receiver.clearScript();
  }
}

function noPush(ctx: PlatformContext): string {
  return `no report push arrived within statusReportWaitMs (${ctx.profile.statusReportWaitMs} ms): nothing to measure`;
}

function timeline(m: Measured): string {
  const first = m.attempts[0]?.at ?? 0;
  return m.attempts
    .map(
      (p, i) =>
        `#${i + 1} +${p.at - first} ms → ${isAck(p.answeredWith) ? 'acknowledged' : describeAnswer(p.answeredWith)}`,
    )
    .join(', ');
}

const base = {
  clause: '§4 notifyReportMessage',
  level: 'INFO' as const,
  side: 'platform' as const,
  kind: 'example' as const,
  decisions: ['D20'],
};

export const retryCases: Case<PlatformContext>[] = [
  {
    ...base,
    id: 'platform.retries.recovery',
    title: 'how a report push is retried after HTTP 500, a dropped connection and resultCode 100003',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const m = await follow(ctx, t, [FAIL_500, DROP, REFUSE], true);
      if (m.attempts.length === 0) t.fail(noPush(ctx));
      const outcome = m.acknowledged
        ? `acknowledged at attempt ${m.attempts.length}`
        : m.quiet
          ? `no further attempt within ${m.quietMs} ms of attempt ${m.attempts.length} (a later one would go unseen)`
          : `still unacknowledged when the ${m.windowMs} ms window closed`;
      t.note(`${m.attempts.length} attempt(s): ${timeline(m)}; ${outcome}`);
    },
  },
  {
    ...base,
    id: 'platform.retries.give-up',
    title: 'how many times, and how far apart, a report push is retried when every attempt fails',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const m = await follow(
        ctx,
        t,
        Array.from({ length: GIVE_UP_SCRIPT }, () => FAIL_500),
        false,
      );
      if (m.attempts.length === 0) t.fail(noPush(ctx));
      const outcome = m.quiet
        ? `gave up after ${m.attempts.length} attempt(s): no further attempt within ${m.quietMs} ms (a later one would go unseen)`
        : `still retrying when the ${m.windowMs} ms window closed (${m.attempts.length} attempts)`;
      t.note(`${outcome}: ${timeline(m)}`);
    },
  },
];
