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

/** How a case ended, before its exchanges are looked at. */
interface Outcome {
  verdict: Verdict;
  message: string;
  expected?: string | undefined;
  actual?: string | undefined;
  findings?: readonly Finding[] | undefined;
  /** Why the run ended before the case did (the case is a skip). */
  notRun?: string;
}

/** The case's recorder, which tells the run's listeners each exchange and when the case only waits. */
function recorderFor<C>(c: Case<C>, options: RunOptions): CaseRecorder {
  return new CaseRecorder({
    caseId: c.id,
    level: c.level,
    ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
    ...(options.onRecord ? { onRecord: (e: Exchange) => options.onRecord?.(c.id, e) } : {}),
  });
}

/** Runs the case unless the run has stopped or the case skips itself, and says how it ended. */
async function outcomeOf<C>(c: Case<C>, ctx: C, t: CaseRecorder, options: RunOptions): Promise<Outcome> {
  const skipReason = c.skipUnless?.(ctx);
  if (options.stop?.aborted) {
    const notRun = String(options.stop.reason);
    return { verdict: 'skip', message: `not run: ${notRun}`, notRun };
  }
  if (skipReason) return { verdict: 'skip', message: skipReason };
  options.onStart?.(meta(c));
  try {
    await runUntilStopped(c, ctx, t, options.stop);
    return { verdict: c.level === 'INFO' ? 'info' : 'pass', message: t.message || 'as the spec requires' };
  } catch (err) {
    return outcomeOfError(c, err);
  }
}

/** How a case that threw ended: stopped, skipped, failed a check, or could not complete (INFO: info). */
function outcomeOfError<C>(c: Case<C>, err: unknown): Outcome {
  if (err instanceof Stopped)
    return { verdict: 'skip', message: `not run to the end: ${err.message}`, notRun: err.message };
  if (err instanceof CaseSkip || err instanceof SafetyRefusal)
    return { verdict: 'skip', message: err.message };
  if (err instanceof CaseFailure) {
    const { message, expected, actual, findings } = err;
    return { verdict: c.level === 'INFO' ? 'info' : 'fail', message, expected, actual, findings };
  }
  const message = `the case could not complete: ${(err as Error).message}`;
  return { verdict: c.level === 'INFO' ? 'info' : 'error', message };
}

/** The command that reruns the case; after a property failure, it replays the counterexample's path. */
function rerunOf<C>(c: Case<C>, t: CaseRecorder, options: RunOptions): string {
  const rerun = options.rerun(c.id);
  const path = t.property?.path;
  return path && !rerun.includes(' --path ') ? `${rerun} --path ${path}` : rerun;
}

/** The case's result from how it ended and what it recorded. */
function caseResult<C>(
  c: Case<C>,
  outcome: Outcome,
  t: CaseRecorder,
  options: RunOptions,
  started: number,
): CaseResult {
  const { message, expected, actual, findings, notRun } = outcome;
  // A failed check with nothing expected, where an exchange did not go through, is an error.
  const transportErrors = t.exchanges.filter((e) => e.error);
  const verdict =
    outcome.verdict === 'fail' && transportErrors.length > 0 && !expected ? 'error' : outcome.verdict;
  const rerun = rerunOf(c, t, options);
  return {
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
    rerun,
    curl: t.exchanges.filter((e) => e.direction === 'sent').map((e) => curlFor(e, options.tls)),
    ...(t.property ? { property: t.property } : {}),
    durationMs: Math.round(performance.now() - started),
    ...(notRun !== undefined ? { notRun } : {}),
  };
}

export async function runCase<C>(c: Case<C>, ctx: C, options: RunOptions): Promise<CaseResult> {
  const t = recorderFor(c, options);
  const started = performance.now();
  const outcome = await outcomeOf(c, ctx, t, options);
  const result = caseResult(c, outcome, t, options, started);
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
