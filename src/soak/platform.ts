// `soak platform`: the kit plays the customer and sends valid sendTemplateMessage requests at a
// rate, with its own receiver as statusCallback, and accounts for every (messageId, recipient)
// the platform accepted (accounting.ts). It judges each answer by the send rules and each status
// report by the report's rules (its schema, its correlation with the send, and the receiver's own
// answer, which is "0" as a conforming customer's is).

import type { Histogram } from 'hdr-histogram-js';
import type { HttpClient } from '../client/http.js';
import { SEND_PATH } from '../core/terms.js';
import { preflight, probe } from '../engine/preflight.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import type { PlatformProfile } from '../profile/profile.js';
import { CallbackReceiver, type ReceivedPush } from '../receiver/receiver.js';
import { fieldOf } from '../rules/body.js';
import {
  acceptedRecipients,
  bodyOf,
  judgePush,
  PUSH_RULES,
  type PushExchange,
  type WireAnswer,
} from '../rules/index.js';
import { DeliveryLedger, type ReportJudge } from './accounting.js';
import type { OpenArrivals } from './arrivals.js';
import { cutOf, givenUpNote, progressOf, type SideOutcome, type SoakRun, soakClient } from './context.js';
import { drive, sleep } from './drive.js';
import { newHistogram, recordMs } from './histogram.js';
import { intervalWidthMs } from './intervals.js';
import { errorKindOf, judgeSendAnswer, SEND_STATUS_OK } from './judge.js';
import type { SoakProgress } from './options.js';
import { drawRequests, Ids, requestFor } from './pool.js';
import { SoakRecorder } from './recorder.js';

/** After the last pair's report, how long without any report ends the listening early. */
const QUIET_MS = 1_000;
/** How often the listening checks whether it is over. */
const LISTEN_STEP_MS = 50;

export interface PlatformAsk {
  recipientsPerRequest: number;
  mobiles: readonly string[];
  graceMs: number;
}

async function startReceiver(run: SoakRun): Promise<CallbackReceiver> {
  const r = run.profile.callbackReceiver;
  const receiver = await CallbackReceiver.start(r.listen, r.publicUrl, r.tls);
  receiver.maxBodyBytes = run.profile.maxBodyBytes;
  // A soak keeps counts, not pushes: memory must not grow with its length.
  receiver.keepPushes = false;
  return receiver;
}

/** The receiver's answer to a push as it went (its own answers are judged too: a conforming customer's). */
function answerOf(push: ReceivedPush): WireAnswer | undefined {
  const a = push.answeredWith;
  if (a.hangUp) return undefined;
  return {
    status: a.status ?? 200,
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body: Buffer.from(a.body ?? '{"resultCode":"0"}', 'utf8'),
  };
}

/** A report as the rules judge it: the push as it came and the receiver's answer, tied to its send or said why not. */
function reportJudge(recorder: SoakRecorder): ReportJudge<ReceivedPush> {
  return (push, tie) => {
    const answer = answerOf(push);
    const x: PushExchange = {
      kind: 'report',
      push: push.wire,
      ...(answer ? { answer } : { failure: 'the receiver closed the connection without an answer' }),
      ...tie,
      ...(push.tooLarge ? { pushOverCap: push.body } : {}),
    };
    recorder.received(PUSH_RULES.report.flatMap((rule) => judgePush(rule, x)));
  };
}

/** The receiver tells the ledger each status report as it comes; other pushes are only counted. */
function listenTo(receiver: CallbackReceiver, ledger: DeliveryLedger<ReceivedPush>) {
  const heard = { others: 0, lastReportAt: 0 };
  receiver.onPush = (push) => {
    if (push.kind !== 'report') {
      heard.others += 1;
      return;
    }
    const json = bodyOf(push.wire).json;
    heard.lastReportAt = performance.now();
    ledger.report(push, fieldOf(json, 'messageId'), fieldOf(json, 'mobile'), heard.lastReportAt);
  };
  return heard;
}

/**
 * Listens for the last reports, for the grace after the last answer; over sooner once every pair
 * has its report and no report came for a quiet second (a duplicate comes at once, or later than
 * a quiet second only as a retry: the grace covers those only while a pair still waits).
 */
async function listenForTheRest(
  run: SoakRun,
  ledger: DeliveryLedger<ReceivedPush>,
  heard: { lastReportAt: number },
  until: number,
  tell: () => void,
): Promise<void> {
  const listening = (now: number) =>
    now < until && (ledger.waiting > 0 || now < heard.lastReportAt + QUIET_MS);
  let toldAt = performance.now();
  while (!run.stop.aborted && listening(performance.now())) {
    await sleep(LISTEN_STEP_MS, run.stop);
    if (performance.now() - toldAt < run.progressEveryMs) continue;
    toldAt = performance.now();
    run.rss.sample();
    tell();
  }
}

/** What the soak sends and how it counts each answer. */
interface Sending {
  recorder: SoakRecorder;
  ledger: DeliveryLedger<ReceivedPush>;
  reportDelay: Histogram;
  fire: (index: number, scheduledAt: number) => Promise<void>;
  lastAnswerAt: () => number;
}

function sending(run: SoakRun, ask: PlatformAsk, http: HttpClient, statusCallback: string): Sending {
  const platform = run.profile.platform as PlatformProfile;
  const sendUrl = `${platform.url}${SEND_PATH}`;
  const waitMs = run.profile.statusReportWaitMs;
  const pool = drawRequests(platform, ask.mobiles, statusCallback, run.seed);
  const ids = new Ids();
  const recorder = new SoakRecorder(performance.now(), intervalWidthMs(run.durationMs));
  const reportDelay = newHistogram();
  const ledger = new DeliveryLedger<ReceivedPush>(
    // Duplicates are looked for over twice the wait; a report may come before its answer is read.
    { waitMs, graceMs: ask.graceMs, dupWindowMs: 2 * waitMs, earlyMs: run.profile.timeoutMs + 1_000 },
    reportJudge(recorder),
    (ms) => recordMs(reportDelay, ms),
  );
  let lastAnswerAt = recorder.t0;
  const fire = async (index: number, scheduledAt: number): Promise<void> => {
    const body = requestFor(pool, index, ask.recipientsPerRequest, ids, statusCallback);
    ledger.sent(ask.recipientsPerRequest);
    const r = await http.send(sendUrl, body);
    const now = performance.now();
    const findings = judgeSendAnswer(r);
    recorder.complete(scheduledAt, now, errorKindOf(r, findings, SEND_STATUS_OK), findings);
    if (recorder.isFrozen) return;
    const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
    ledger.accept(acceptedRecipients(body, r.json), requestId, now);
    lastAnswerAt = now;
  };
  return { recorder, ledger, reportDelay, fire, lastAnswerAt: () => lastAnswerAt };
}

export async function soakPlatform(run: SoakRun, ask: PlatformAsk): Promise<SideOutcome> {
  const platform = run.profile.platform as PlatformProfile;
  const http = soakClient(run);
  let receiver: CallbackReceiver | undefined;
  try {
    await preflight(platform.url, run.profile.tls, run.profile.timeoutMs);
    await probe(http, `${platform.url}${SEND_PATH}`);
    receiver = await startReceiver(run);
    const { recorder, ledger, reportDelay, fire, lastAnswerAt } = sending(run, ask, http, receiver.reportUrl);
    const heard = listenTo(receiver, ledger);
    const tell = (phase: SoakProgress['phase'], arrivals: OpenArrivals) => {
      ledger.sweep(performance.now());
      const counts = { accepted: ledger.accepted, reported: ledger.reported, pending: ledger.waiting };
      run.emit({
        type: 'progress',
        progress: progressOf('platform', run, recorder, arrivals, phase, counts),
      });
    };
    const { arrivals, givenUp } = await drive({
      total: run.total,
      ratePerS: run.ratePerS,
      maxInFlight: run.maxInFlight,
      recorder,
      rss: run.rss,
      stop: run.stop,
      fire,
      everyMs: run.progressEveryMs,
      onTick: tell,
      cutMs: cutOf(run),
    });
    // Every pair gets what the ledger gives it, the last one too: the wait, then the grace, after its answer.
    await listenForTheRest(
      run,
      ledger,
      heard,
      lastAnswerAt() + run.profile.statusReportWaitMs + ask.graceMs,
      () => tell('listening', arrivals),
    );
    receiver.onPush = undefined;
    const endedAt = performance.now();
    return {
      recorder,
      arrivals,
      endedAt,
      targets: { platform: platform.url },
      notes: [
        ...(heard.others > 0
          ? [`${heard.others} push(es) other than status reports came to the receiver (not counted)`]
          : []),
        ...givenUpNote(givenUp, run),
      ],
      reportDelay,
      accounting: ledger.finish(endedAt, run.stop.aborted),
    };
  } finally {
    await receiver?.close();
    await (run.stop.aborted ? http.destroy() : http.close());
  }
}
