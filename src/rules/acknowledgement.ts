// Whether an answer carries the code a case expects: the customer acknowledged a push ("0",
// table 3-3 / 4-3) or refused it with the code D18 reads for its fault; the platform answered a
// request with "0". Pure judgements of an answer's body, which the cases parameterise.
import type { Judgement } from './acceptance.js';
import { reasonOf } from './answer.js';
import { fieldOf } from './body.js';

/** The top-level resultCode is exactly `code` (a String, tables 2-3, 3-3, 4-3). */
export function resultCodeIs(answer: unknown, code: string): Judgement {
  const actual = fieldOf(answer, 'resultCode');
  if (actual === code) return {};
  const shown = actual === undefined ? 'no resultCode' : `resultCode ${JSON.stringify(actual)}`;
  return {
    problem: {
      message: `${shown}${reasonOf(answer)}, not "${code}"`,
      expected: `resultCode "${code}"`,
      actual: JSON.stringify(actual) ?? 'no resultCode',
    },
  };
}

/** The push was acknowledged: resultCode "0". */
export function acknowledgedJudgement(answer: unknown, status: number | undefined): Judgement {
  const judged = resultCodeIs(answer, '0');
  return judged.problem ? judged : { note: `acknowledged with "0" (HTTP ${status ?? '?'})` };
}

/** The push was not acknowledged: any code but "0" (a number 0 counts as "0": a lenient platform reads it so). */
export function notAcknowledgedJudgement(answer: unknown, fault: string, code: string): Judgement {
  const actual = fieldOf(answer, 'resultCode');
  if (actual !== '0' && actual !== 0) return {};
  return {
    problem: {
      message: `a push whose ${fault} was acknowledged with "0"`,
      expected: `a code other than "0" (D18: ${code})`,
      actual: JSON.stringify(actual),
    },
  };
}

/** The push was refused with the code D18 gives its fault. */
export function refusedWithJudgement(answer: unknown, code: string, status: number | undefined): Judgement {
  const judged = resultCodeIs(answer, code);
  return judged.problem ? judged : { note: `refused with ${code} (HTTP ${status ?? '?'})` };
}
