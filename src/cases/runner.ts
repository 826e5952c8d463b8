// Runs cases one after another and turns each into a CaseResult: a failed check is a failure, a
// transport error or a bug in the case is an error, an INFO case never fails.

import { SafetyRefusal } from '../client/budget.js';
import { type CurlTls, curlFor } from '../client/curl.js';
import type { Finding } from '../rules/index.js';
import { clause } from '../spec/clauses.js';
import { type Case, CaseFailure, CaseRecorder, CaseSkip } from './case.js';
import { requirementOf } from './requirement.js';
import type { CaseMeta, CaseResult, Exchange, Verdict } from './types.js';

export interface RunOptions {
  /** The command that reruns one case, given its id (and the seed of the run). */
  rerun: (id: string) => string;
  tls: CurlTls;
  onResult?: (result: CaseResult) => void;
  /** Told when a case starts (after its skip check, before it sends anything). */
  onStart?: (c: CaseMeta) => void;
  /** Told each exchange a case keeps, as it keeps it. */
  onRecord?: (caseId: string, exchange: Exchange) => void;
  /** Aborted when the run must end now (deadline, signal): the case ends as not run to the end. */
  stop?: AbortSignal;
  /** Called when the case says it only waits (CaseRecorder.waiting): the scheduler's, per case. */
  onWaiting?: () => void;
}

/** Thrown inside runCase when the run is stopped while the case is in progress. */
class Stopped extends Error {}

/** Runs the case until it ends or the run is stopped, whichever comes first. */
async function runUntilStopped<C>(c: Case<C>, ctx: C, t: CaseRecorder, signal?: AbortSignal): Promise<void> {
  if (!signal) return c.run(ctx, t);
  let fail = () => {};
  const stop = new Promise<never>((_resolve, reject) => {
    fail = () => reject(new Stopped(String(signal.reason)));
  });
  signal.addEventListener('abort', fail, { once: true });
  try {
    // The case may go on in the background after a stop: the race handles its promise.
    await Promise.race([c.run(ctx, t), stop]);
  } finally {
    signal.removeEventListener('abort', fail);
  }
}

function meta<C>(c: Case<C>) {
  const { run: _run, skipUnless: _skip, ...rest } = c;
  return rest;
}

export async function runCase<C>(c: Case<C>, ctx: C, options: RunOptions): Promise<CaseResult> {
  const t = new CaseRecorder({
    caseId: c.id,
    level: c.level,
    ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
    ...(options.onRecord ? { onRecord: (e: Exchange) => options.onRecord?.(c.id, e) } : {}),
  });
  const started = performance.now();
  let verdict: Verdict;
  let message: string;
  let expected: string | undefined;
  let actual: string | undefined;
  let findings: readonly Finding[] | undefined;
  const skipReason = c.skipUnless?.(ctx);
  let notRun: string | undefined;
  if (options.stop?.aborted) {
    notRun = String(options.stop.reason);
    verdict = 'skip';
    message = `not run: ${notRun}`;
  } else if (skipReason) {
    verdict = 'skip';
    message = skipReason;
  } else {
    options.onStart?.(meta(c));
    try {
      await runUntilStopped(c, ctx, t, options.stop);
      verdict = c.level === 'INFO' ? 'info' : 'pass';
      message = t.message || 'as the spec requires';
    } catch (err) {
      if (err instanceof Stopped) {
        notRun = err.message;
        verdict = 'skip';
        message = `not run to the end: ${notRun}`;
      } else if (err instanceof CaseSkip || err instanceof SafetyRefusal) {
        verdict = 'skip';
        message = err.message;
      } else if (err instanceof CaseFailure) {
        verdict = c.level === 'INFO' ? 'info' : 'fail';
        message = err.message;
        expected = err.expected;
        actual = err.actual;
        findings = err.findings;
      } else {
        verdict = c.level === 'INFO' ? 'info' : 'error';
        message = `the case could not complete: ${(err as Error).message}`;
      }
    }
  }
  const transportErrors = t.exchanges.filter((e) => e.error);
  if (verdict === 'fail' && transportErrors.length > 0 && !expected) verdict = 'error';
  // A property failure reruns with the path of its counterexample, so the rerun line replays it.
  const rerun = options.rerun(c.id);
  const path = t.property?.path;
  const result: CaseResult = {
    ...meta(c),
    requirement: requirementOf(c),
    verdict,
    message,
    ...(expected !== undefined
      ? { expected }
      : verdict === 'fail'
        ? { expected: clause(c.clause)?.text ?? c.clause }
        : {}),
    ...(actual !== undefined ? { actual } : {}),
    ...(findings ? { findings: [...findings] } : {}),
    exchanges: [...t.exchanges],
    rerun: path && !rerun.includes(' --path ') ? `${rerun} --path ${path}` : rerun,
    curl: t.exchanges.filter((e) => e.direction === 'sent').map((e) => curlFor(e, options.tls)),
    ...(t.property ? { property: t.property } : {}),
    durationMs: Math.round(performance.now() - started),
    ...(notRun !== undefined ? { notRun } : {}),
  };
  options.onResult?.(result);
  return result;
}

export async function runCases<C>(
  cases: readonly Case<C>[],
  ctx: C,
  options: RunOptions,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c, ctx, options));
  return results;
}
