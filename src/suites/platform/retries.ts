// D20: the spec says nothing about retries, so how a platform retries a status report push that
// failed is measured and reported (INFO), never judged. The receiver answers the next pushes as
// scripted: HTTP 500, then a dropped connection (a dead endpoint, as a timeout would be), then
// resultCode "100003"; then, in the second case, HTTP 500 every time until the platform gives up.
// Only the case's own request's pushes take the script; each attempt is reported with the answer
// it really got.
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { ReceivedPush, ReceiverAnswer } from '../../receiver/receiver.js';
import { matchRecipients } from '../../rules/index.js';
import { answerOf } from './checks.js';
import { type PlatformContext, phoneRequest, platformCase, send } from './context.js';
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
/**
 * How many times the longest gap seen between two attempts the kit waits for the next one before
 * it calls the platform done. A backoff that doubles makes the next gap twice the last; three
 * times leaves room for jitter and for the time an attempt takes.
 */
export const QUIET_GAP_MULTIPLE = 3;
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
  /** The longest gap between two attempts seen (0 with fewer than two). */
  longestGapMs: number;
  windowMs: number;
}

/**
 * How long to wait for the next attempt, from what was observed: with no gap seen yet (one
 * attempt), the profile's statusReportWaitMs, the time the kit grants any push to come; after
 * that, QUIET_GAP_MULTIPLE × the longest gap. Never a fixed floor: a floor equal to a platform's
 * retry delay races its retry and miscounts it.
 */
export function quietTimeMs(gapsMs: readonly number[], statusReportWaitMs: number): number {
  return gapsMs.length === 0 ? statusReportWaitMs : QUIET_GAP_MULTIPLE * Math.max(...gapsMs);
}

/**
 * Sends one message with statusCallback and follows its report's push attempts until one is
 * acknowledged, until none comes for the quiet time (quietTimeMs), or until the window
 * (3 × statusReportWaitMs; an attempt seen inside it still gets its full quiet time) closes.
 */
async function follow(
  ctx: PlatformContext,
  t: CaseRecorder,
  script: ReceiverAnswer[],
  stopOnAck: boolean,
): Promise<Measured> {
  const requestId = uniqueId(ctx, 20);
  const request = phoneRequest(ctx.platform, { requestId, statusCallback: ctx.receiver.reportUrl });
  const since = ctx.receiver.pushes.length;
  // Only this request's reports take the script (by requestId, or by a messageId of its answer),
  // so cases running beside this one are answered as usual and cannot use up the script.
  const ids = new Set<string>();
  const mine = (json: unknown) => {
    const body = json as { requestId?: unknown; messageId?: unknown } | null;
    return body?.requestId === requestId || ids.has(body?.messageId as string);
  };
  const dropScript = ctx.receiver.answerNext('report', script, mine);
  const windowMs = 3 * ctx.profile.statusReportWaitMs;
  try {
    const r = await send(ctx, t, request);
    const answer = answerOf(t, r);
    for (const x of matchRecipients(request, answer).results)
      if (typeof x.messageId === 'string') ids.add(x.messageId);
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
    let longestGapMs = 0;
    for (;;) {
      const attempts = ours(ctx.receiver.pushes);
      const last = attempts[attempts.length - 1];
      if (stopOnAck && last && isAck(last.answeredWith)) break;
      const gaps = attempts.slice(1).map((p, i) => p.at - (attempts[i] as ReceivedPush).at);
      longestGapMs = Math.max(0, ...gaps);
      quietMs = Math.min(quietTimeMs(gaps, ctx.profile.statusReportWaitMs), windowMs);
      // The first push is awaited for statusReportWaitMs; each next one for the quiet time, in
      // full even where it runs past the window, so that "gave up" is only said after waiting as
      // long as the gaps seen call for. An attempt after the window closes ends the watch.
      if (last && last.at > started + windowMs) break;
      const deadline = last ? last.at + quietMs : started + ctx.profile.statusReportWaitMs;
      const waitMs = deadline - Date.now();
      if (waitMs <= 0) {
        quiet = last !== undefined;
        break;
      }
      await ctx.receiver.waitFor((all) => ours(all).length > attempts.length, waitMs, t);
    }
    const attempts = ours(ctx.receiver.pushes);
    recordPushes(ctx, t, attempts);
    const final = attempts[attempts.length - 1];
    return {
      attempts,
      acknowledged: final !== undefined && isAck(final.answeredWith),
      quiet,
      quietMs,
      longestGapMs,
      windowMs,
    };
  } finally {
    dropScript();
  }
}

function noPush(ctx: PlatformContext): string {
  return `no report push arrived within statusReportWaitMs (${ctx.profile.statusReportWaitMs} ms): nothing to measure`;
}

/** Where the quiet time came from, so a reader can judge the "no further attempt". */
function quietBasis(m: Measured): string {
  if (m.attempts.length < 2) return 'statusReportWaitMs: no retry seen to measure a gap';
  const wanted = QUIET_GAP_MULTIPLE * m.longestGapMs;
  return wanted > m.quietMs
    ? `${QUIET_GAP_MULTIPLE} × the longest gap seen (${m.longestGapMs} ms) would be ${wanted} ms: cut to the ${m.windowMs} ms window`
    : `${QUIET_GAP_MULTIPLE} × the longest gap seen, ${m.longestGapMs} ms`;
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
  decisions: ['D20'],
};

export const retryCases: Case<PlatformContext>[] = [
  platformCase({
    ...base,
    id: 'platform.retries.recovery',
    title: 'how a report push is retried after HTTP 500, a dropped connection and resultCode 100003',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const m = await follow(ctx, t, [FAIL_500, DROP, REFUSE], true);
      if (m.attempts.length === 0) t.fail(noPush(ctx));
      const outcome = m.acknowledged
        ? `acknowledged at attempt ${m.attempts.length}`
        : m.quiet
          ? `no further attempt within ${m.quietMs} ms of attempt ${m.attempts.length} (${quietBasis(m)}; a later one would go unseen)`
          : `still unacknowledged when the ${m.windowMs} ms window closed`;
      t.note(`${m.attempts.length} attempt(s): ${timeline(m)}; ${outcome}`);
    },
  }),
  platformCase({
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
        ? `gave up after ${m.attempts.length} attempt(s): no further attempt within ${m.quietMs} ms (${quietBasis(m)}; a later one would go unseen)`
        : `still retrying when the ${m.windowMs} ms window closed (${m.attempts.length} attempts)`;
      t.note(`${outcome}: ${timeline(m)}`);
    },
  }),
];
