// A run's overall deadline: `--deadline 90` (seconds), `90s`, `15m`, `1h`, `500ms`; without it, one
// derived from the profile: a timeout per case (no run should need more, with waits overlapped),
// at most an hour, plus room for the status report waits of the platform side.
import type { Profile } from '../profile/profile.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** The most the per-case part of the default deadline may be. */
export const DEFAULT_DEADLINE_CAP_MS = 3_600_000;

/** Milliseconds of a duration, or undefined when it is not one (the caller says what is expected). */
export function parseDuration(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1_000);
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** `90 s`, `15 min`, `1.5 h`: a deadline as the reports name it. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${Number((ms / 1_000).toFixed(1))} s`;
  if (ms < 7_200_000) return `${Number((ms / 60_000).toFixed(1))} min`;
  return `${Number((ms / 3_600_000).toFixed(1))} h`;
}

/**
 * The deadline of a run of `cases` cases without --deadline: `cases` × timeoutMs (at most an
 * hour), plus 4 × statusReportWaitMs when the platform side runs (reports, the quiet wait and the
 * retry window overlap, but each may take that long).
 */
export function defaultDeadlineMs(profile: Profile, cases: number, platform: boolean): number {
  const perCase = Math.min(DEFAULT_DEADLINE_CAP_MS, cases * profile.timeoutMs);
  return perCase + (platform ? 4 * profile.statusReportWaitMs : 0);
}
