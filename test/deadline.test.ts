// --deadline's durations and the default deadline derived from the profile.
import { describe, expect, it } from 'vitest';
import { defaultDeadlineMs, formatDuration, parseDuration } from '../src/engine/deadline.js';
import type { Profile } from '../src/profile/profile.js';

describe('the run deadline', () => {
  it('takes seconds, or a number with ms, s, m or h', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('500ms')).toBe(500);
    for (const bad of ['', '0', '-5', 'soon', '5x', '1e3', ' 5 m'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('names a duration as the reports show it', () => {
    expect(formatDuration(6_000)).toBe('6 s');
    expect(formatDuration(900_000)).toBe('15 min');
    expect(formatDuration(500)).toBe('500 ms');
  });

  it('defaults to a timeout per case, at most an hour, plus four report waits for the platform side', () => {
    const profile = { timeoutMs: 10_000, statusReportWaitMs: 30_000 } as Profile;
    expect(defaultDeadlineMs(profile, 110, false)).toBe(1_100_000);
    expect(defaultDeadlineMs(profile, 125, true)).toBe(1_250_000 + 120_000);
    expect(defaultDeadlineMs(profile, 1_000, true)).toBe(3_600_000 + 120_000);
  });
});
