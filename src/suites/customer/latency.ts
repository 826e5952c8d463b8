// How long the endpoint takes to answer each kind of push, over every push of the run (the
// property runs, the bursts and the replayed counterexamples included): median, p95 and max. The
// spec sets no time to answer; a platform gives up on a push that takes longer than its own
// timeout and pushes it again, so the time is observed and reported (INFO), never judged. These
// cases run last, once every other case has pushed.
import type { Case, CaseRecorder } from '../../cases/case.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  type PushKind,
} from './context.js';

const WHAT: Record<PushKind, string> = { uplink: 'uplink', report: 'status report' };

/** The value at quantile `q` (0 to 1) of sorted values, by nearest rank. */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Median, p95 and max of answer times (ms), in words. */
export function describeLatency(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = Number.isInteger(mid)
    ? Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2)
    : (sorted[Math.floor(mid)] as number);
  return `median ${median} ms, p95 ${nearestRank(sorted, 0.95)} ms, max ${sorted[sorted.length - 1]} ms`;
}

function latencyCase(kind: PushKind): Case<CustomerContext> {
  return customerCase({
    id: `customer.${kind}.latency`,
    clause: PUSH_CLAUSE[kind],
    level: 'INFO',
    title: `answer latency of the ${WHAT[kind]} pushes (median, p95, max)`,
    requirement:
      'none: the spec sets no time to answer a push; a platform that waits less than the endpoint takes gives up on the push and pushes it again',
    skipUnless: needsUrl(kind),
    async run(ctx: CustomerContext, t: CaseRecorder) {
      const answers = ctx.answers?.[kind];
      if (!answers || answers.ms.length + answers.unanswered === 0) {
        t.note(`no ${WHAT[kind]} push was made in this run: nothing to measure`);
        return;
      }
      const unanswered =
        answers.unanswered > 0
          ? `; ${answers.unanswered} got no answer (the timeoutMs was ${ctx.profile.timeoutMs} ms)`
          : '';
      t.note(
        answers.ms.length > 0
          ? `${answers.ms.length} ${WHAT[kind]} push(es) answered: ${describeLatency(answers.ms)}${unanswered}`
          : `no ${WHAT[kind]} push got an answer${unanswered}`,
      );
    },
  });
}

export const latencyCases: Case<CustomerContext>[] = PUSH_KINDS.map(latencyCase);
