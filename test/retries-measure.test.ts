// The retry measurement (D20, suites/platform/retries.ts) against the mock with several retry
// settings: the attempts it reports are the attempts the mock made, whatever its base delay and
// backoff, including a base delay equal to the old fixed 1 s floor, which raced the retry.
import { describe, expect, it } from 'vitest';
import { quietTimeMs } from '../src/suites/platform/retries.js';
import { mockConfig } from './mutants/platform/config.js';
import { runAgainstMock } from './mutants/platform/harness.js';

const settings = [
  // The run: retries at +1 s and +2 s, a fixed 1 s quiet time saw only the first attempt.
  { baseDelayMs: 1_000, factor: 1, attempts: 3, waitMs: 1_500 },
  { baseDelayMs: 50, factor: 2, attempts: 5, waitMs: 1_000 },
  { baseDelayMs: 200, factor: 1.5, attempts: 4, waitMs: 1_000 },
];

describe('the retry measurement', () => {
  it('derives the quiet time from the gaps seen, never a fixed floor', () => {
    expect(quietTimeMs([], 2_500)).toBe(2_500);
    expect(quietTimeMs([1_004], 2_500)).toBe(3_012);
    expect(quietTimeMs([100, 400, 200], 30_000)).toBe(1_200);
  });

  for (const s of settings) {
    it(`counts every attempt of a mock retrying ${s.attempts} times from ${s.baseDelayMs} ms × ${s.factor}`, async () => {
      const config = mockConfig(s.waitMs);
      const run = await runAgainstMock(
        {
          statusReportWaitMs: s.waitMs,
          config: {
            ...config,
            retry: { ...config.retry, attempts: s.attempts, baseDelayMs: s.baseDelayMs, factor: s.factor },
          },
        },
        { runs: 1, seed: 1, only: 'platform.retries' },
      );
      const note = (id: string) => run.results.find((r) => r.id === id)?.message ?? '';
      console.log(note('platform.retries.recovery'));
      console.log(note('platform.retries.give-up'));
      expect(note('platform.retries.give-up')).toMatch(
        new RegExp(`^gave up after ${s.attempts} attempt\\(s\\): no further attempt within`),
      );
      // 500, dropped, 100003, then the receiver acknowledges: the 4th attempt, if the mock makes one.
      expect(note('platform.retries.recovery')).toMatch(
        s.attempts >= 4
          ? /^4 attempt\(s\): .*dropped.*acknowledged at attempt 4$/
          : new RegExp(`^${s.attempts} attempt\\(s\\): .*no further attempt within`),
      );
    }, 30_000);
  }
});
