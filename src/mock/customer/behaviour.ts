// How the mock customer endpoint misbehaves on purpose, to exercise a platform's retries (D20):
// fail the next N pushes, fail a fraction at random (seeded), answer slowly. A failure is an HTTP
// 500 or a 200 whose resultCode is not "0"; either way the platform must push again.
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
}

export interface PushFate {
  delayMs: number;
  failure: FailureMode | null;
}

export const DEFAULT_BEHAVIOUR: Readonly<CustomerBehaviour> = {
  failNext: 0,
  failMode: 'http-500',
  failResultCode: '100003',
  failRate: 0,
  seed: 1,
  delayMs: 0,
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
  }

  reset(): void {
    this.settings = { ...this.initial };
    this.random = seededRandom(this.initial.seed);
  }

  /** What happens to the next push: consumes one of failNext, or draws against failRate. */
  decide(): PushFate {
    const { delayMs, failMode, failRate } = this.settings;
    if (this.settings.failNext > 0) {
      this.settings.failNext--;
      return { delayMs, failure: failMode };
    }
    if (failRate > 0 && this.random() < failRate) return { delayMs, failure: failMode };
    return { delayMs, failure: null };
  }
}
