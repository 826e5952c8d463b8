// How the mock customer endpoint misbehaves on purpose, to exercise a platform's retries (D20):
// fail the next N pushes, fail a fraction at random (seeded), answer slowly. A failure is an HTTP
// 500 or a 200 whose resultCode is not "0"; either way the platform must push again. For load
// tests: answer the slower the more pushes are in flight (slowdownPerInFlightMs), and fail every
// push after the first N (failAfter).
import { codePointLength } from '../../schema/length.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { type Random, seededRandom } from '../prng.js';

export type FailureMode = 'http-500' | 'result-code';

export interface CustomerBehaviour {
  /** Pushes still to fail, whatever they hold. */
  failNext: number;
  failMode: FailureMode;
  /** The resultCode of a failure (default "100003"). */
  failResultCode: string;
  /** Fraction of pushes, 0 to 1, failed at random. */
  failRate: number;
  /** Seed of the random failures; setting it restarts the sequence. */
  seed: number;
  /** Time taken before each answer. */
  delayMs: number;
  /**
   * Extra time taken before an answer per other push in flight (received, not yet answered) when
   * it arrives: a push's answer waits delayMs + slowdownPerInFlightMs × inFlight (at most 120 s).
   */
  slowdownPerInFlightMs: number;
  /**
   * null: off. N: the first N pushes pass, every later one is answered HTTP 200 with resultCode
   * failResultCode (whatever failMode says). Pushes are counted from the start, the last reset, or
   * the last time failAfter was set (setting it, to any value, restarts the count).
   */
  failAfter: number | null;
}

export interface PushFate {
  delayMs: number;
  failure: FailureMode | null;
  /** Pushes received before it still in flight when it arrived. */
  inFlight: number;
  /** Its place among the pushes received since the start or the last reset (1 for the first). */
  arrival: number;
}

export const DEFAULT_BEHAVIOUR: Readonly<CustomerBehaviour> = {
  failNext: 0,
  failMode: 'http-500',
  failResultCode: '100003',
  failRate: 0,
  seed: 1,
  delayMs: 0,
  slowdownPerInFlightMs: 0,
  failAfter: null,
};

const RESULT_CODE_MAX = nodeAt(messageSchema('NotifyResponse'), ['resultCode'])?.maxLength ?? 0;
/** A slow answer still has to come before any sane client gives up. */
const MAX_DELAY_MS = 120_000;

function problemWith(key: string, value: unknown): string | undefined {
  const isInt = (min: number, max: number) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  switch (key) {
    case 'failNext':
      return isInt(0, Number.MAX_SAFE_INTEGER) ? undefined : 'failNext must be a whole number ≥ 0';
    case 'failMode':
      return value === 'http-500' || value === 'result-code'
        ? undefined
        : 'failMode must be "http-500" or "result-code"';
    case 'failResultCode':
      return typeof value === 'string' &&
        value !== '0' &&
        value.length > 0 &&
        codePointLength(value) <= RESULT_CODE_MAX
        ? undefined
        : `failResultCode must be a code other than "0", at most ${RESULT_CODE_MAX} characters`;
    case 'failRate':
      return typeof value === 'number' && value >= 0 && value <= 1
        ? undefined
        : 'failRate must be between 0 and 1';
    case 'seed':
      return isInt(-(2 ** 31), 2 ** 32) ? undefined : 'seed must be a 32-bit integer';
    case 'delayMs':
      return isInt(0, MAX_DELAY_MS) ? undefined : `delayMs must be a whole number from 0 to ${MAX_DELAY_MS}`;
    case 'slowdownPerInFlightMs':
      return isInt(0, MAX_DELAY_MS)
        ? undefined
        : `slowdownPerInFlightMs must be a whole number from 0 to ${MAX_DELAY_MS}`;
    case 'failAfter':
      return value === null || isInt(0, Number.MAX_SAFE_INTEGER)
        ? undefined
        : 'failAfter must be null (off) or a whole number ≥ 0';
    default:
      return `unknown setting ${JSON.stringify(key)}; known: ${Object.keys(DEFAULT_BEHAVIOUR).join(', ')}`;
  }
}

/** The first problem of a partial behaviour, or undefined when every setting is valid. */
export function behaviourProblem(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return 'behaviour must be a JSON object';
  for (const [key, value] of Object.entries(input)) {
    const problem = problemWith(key, value);
    if (problem) return problem;
  }
  return undefined;
}

export class BehaviourControl {
  private settings: CustomerBehaviour;
  private random: Random;
  /** Pushes decided since the start or the last reset. */
  private arrivals = 0;
  /** `arrivals` when failAfter was last set (or reset): failAfter counts the pushes after it. */
  private failAfterFrom = 0;

  constructor(private readonly initial: CustomerBehaviour) {
    this.settings = { ...initial };
    this.random = seededRandom(initial.seed);
  }

  current(): CustomerBehaviour {
    return { ...this.settings };
  }

  /** Applies a partial behaviour; throws on an invalid one (see behaviourProblem). */
  update(partial: Partial<CustomerBehaviour>): void {
    const problem = behaviourProblem(partial);
    if (problem) throw new Error(problem);
    this.settings = { ...this.settings, ...partial };
    if (partial.seed !== undefined) this.random = seededRandom(partial.seed);
    if (partial.failAfter !== undefined) this.failAfterFrom = this.arrivals;
  }

  reset(): void {
    this.settings = { ...this.initial };
    this.random = seededRandom(this.initial.seed);
    this.arrivals = 0;
    this.failAfterFrom = 0;
  }

  /**
   * What happens to the next push, which arrives with `inFlight` earlier pushes not yet answered:
   * its delay; its failure: one of failNext consumed, else failAfter passed, else a draw against
   * failRate.
   */
  decide(inFlight = 0): PushFate {
    const { delayMs, slowdownPerInFlightMs, failMode, failRate, failAfter } = this.settings;
    const arrival = ++this.arrivals;
    const fate = (failure: FailureMode | null): PushFate => ({
      delayMs: Math.min(MAX_DELAY_MS, delayMs + slowdownPerInFlightMs * inFlight),
      failure,
      inFlight,
      arrival,
    });
    if (this.settings.failNext > 0) {
      this.settings.failNext--;
      return fate(failMode);
    }
    if (failAfter !== null && arrival - this.failAfterFrom > failAfter) return fate('result-code');
    if (failRate > 0 && this.random() < failRate) return fate(failMode);
    return fate(null);
  }
}
