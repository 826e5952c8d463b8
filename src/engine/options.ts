// What a conformance run is asked to do, as typed options: every front end (the CLI, vitest, a
// user's code) builds these; none passes a command line.
import type { Side, StopReason } from '../core/terms.js';
import type { PlatformProfile, Profile, ProfileOverrides } from '../profile/profile.js';
import type { RunListener } from './events.js';
import type { Shard } from './shard.js';

/** fast-check runs per property case when the options give none. */
export const DEFAULT_RUNS = 50;

/**
 * Targets the kit starts in its own process, which the engine reaches only over HTTP as it does a
 * real target: the embedded default (a run without a profile) and the platform a spending plan
 * runs against. The package root gives the kit's mocks (src/library/targets.ts).
 */
export interface LocalTargets {
  /** The kit's own platform and customer endpoint, and a profile for them. */
  embedded(overrides: ProfileOverrides): Promise<{ profile: Profile; close(): Promise<void> }>;
  /**
   * A platform that accepts what the profile's platform accepts (its account, signature,
   * templates, budget) and reports after `waitMs` at most, on plain HTTP; a KitError of kind
   * `profile` when the profile's platform cannot be imitated.
   */
  planPlatform(
    platform: PlatformProfile,
    waitMs: number,
  ): Promise<{ baseUrl: string; close(): Promise<void> }>;
}

/** Why a caller stops a run: give it as the reason of the `signal`'s abort. */
export interface StopRequest {
  reason: Exclude<StopReason, 'deadline'>;
  /** In words: `interrupted by SIGINT`. */
  message: string;
}

export interface ConformanceOptions {
  /** A profile file (docs/profile.md), or the profile as parsed JSON; none: the kit's own targets. */
  profile?: string | object;
  /** Fields that override the profile's (a URL, timeouts, caps, TLS). */
  overrides?: ProfileOverrides;
  /**
   * Which suite: the platform's, the customer's callback endpoints', or every one the profile
   * configures (default). A suite asked for by name needs its profile section.
   */
  suite?: Side | 'both';
  /** Case ids by prefix (whole segments) or glob with `*`, comma-separated. */
  only?: string;
  /** One part of a sharded run: each costly family whole to one shard (by the whole run's plan), the rest dealt out. */
  shard?: Shard;
  /** The property cases' seed (default: random). */
  seed?: number;
  /** fast-check runs per property case (default DEFAULT_RUNS). */
  runs?: number;
  /** fast-check's path of one counterexample to replay (with its seed). */
  path?: string;
  /** Skip the cases that need many recipients when the profile has no sink numbers. */
  frugal?: boolean;
  /** SHOULD failures fail the gate too (MUST failures always do). */
  strict?: boolean;
  /** Cases in progress at once (default: each suite's plan; 1: one after another). */
  concurrency?: number;
  /** How long the run may take; the cases left are reported as not run (default: from the profile). */
  deadlineMs?: number;
  /** Ends the run now when aborted; a StopRequest as its reason says why (else: aborted). */
  signal?: AbortSignal;
  /** The command that made the run, as the report states it (secrets masked by the caller). */
  command?: string;
  /** The command that reruns one case, for the reports; the front end knows how it is called. */
  rerun?: (id: string) => string;
  /** The kit's own targets (the package root gives its mocks); needed for a run without a profile and for the plan. */
  targets?: LocalTargets;
  /** Told every event of the run, as it happens. */
  onEvent?: RunListener;
}
