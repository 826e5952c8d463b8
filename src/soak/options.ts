// What a soak is asked to do, and what it tells while it runs: the typed options every front end
// builds (the CLI, a user's code) and the events it emits. Like a conformance run (src/engine/),
// the soak prints nothing and writes no file; a listener does.
import type { LocalTargets } from '../engine/options.js';
import type { Shard } from '../engine/shard.js';
import type { ProfileOverrides } from '../profile/profile.js';
import type { SoakReport, SoakSide } from './types.js';

/** The gates of a soak; one not given is not set (it always holds), but lost, late and duplicates default to 0. */
export interface SoakThresholds {
  /** Most p99 answer latency, in ms (from each arrival's scheduled start). */
  maxP99Ms?: number;
  /** Most share (0 to 1) of exchanges that failed or broke a MUST rule. */
  maxErrorRate?: number;
  /** Platform: most (messageId, recipient) pairs whose report never came (default 0). */
  maxLost?: number;
  /** Platform: most pairs whose first report came after statusReportWaitMs (default 0). */
  maxLate?: number;
  /** Platform: most pairs reported more than once (default 0). */
  maxDuplicates?: number;
}

export interface SoakOptions {
  side: SoakSide;
  /** A profile file or the parsed profile; none: the kit's own mocks (`targets` starts them). */
  profile?: string | object;
  /** Fields that override the profile's (URLs, timeout, caps, TLS). */
  overrides?: ProfileOverrides;
  /** Arrivals per second of the whole soak (a shard takes its part). */
  ratePerS: number;
  durationMs: number;
  /** Most exchanges in flight at once (default DEFAULT_MAX_IN_FLIGHT); an arrival past it waits, its wait counted. */
  maxInFlight?: number;
  /** Seed of the drawn pushes and requests (default: random). */
  seed?: number;
  /** Customer: the share of uplink pushes in the mix (default DEFAULT_UPLINK_SHARE); the rest are status reports. */
  uplinkShare?: number;
  /** Platform: recipients per send request, each in a message of its own (default 1, at most 20). */
  recipientsPerRequest?: number;
  /** Platform: the numbers sent to (default: the profile's sink numbers; with the kit's mocks, its phones if none). */
  mobiles?: readonly string[];
  /** Platform: how long the soak keeps listening for reports after the last send's answer (default statusReportWaitMs). */
  graceMs?: number;
  thresholds?: SoakThresholds;
  /** This runner's part of a soak split over N runners: 1/N of the rate. */
  shard?: Shard;
  /** Soak a URL given apart from the profile even when it is neither loopback nor a host the profile names. */
  allowAnyHost?: boolean;
  /** Ends the soak now when aborted (a StopRequest as its reason says why); the report says it was interrupted. */
  signal?: AbortSignal;
  /** The command that made the soak, as the report states it (secrets masked by the caller). */
  command?: string;
  /** The kit's own targets (the package root gives its mocks), for a soak without a profile. */
  targets?: LocalTargets;
  /** How often a progress event is told (default 500 ms). */
  progressEveryMs?: number;
  onEvent?: SoakListener;
}

export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_UPLINK_SHARE = 0.25;
/** Requests may carry at most 20 messages (table 2-2), each recipient in one of its own. */
export const MAX_RECIPIENTS_PER_REQUEST = 20;
/** A soak is bounded: at most a day, at most this many arrivals per second. */
export const MAX_DURATION_MS = 24 * 3_600_000;
export const MAX_RATE_PER_S = 100_000;

/** The platform soak's spend, told before anything is sent (and refused when it does not fit a live platform). */
export interface SoakSpend {
  requests: number;
  recipientsPerRequest: number;
  /** Recipients the requests name: what a conforming platform accepts. */
  recipients: number;
  /** The distinct numbers sent to, and how many of them are sink numbers of the profile. */
  numbers: number;
  sinks: number;
  /** The profile's platform.maxAcceptedMessages (a shard's part of it); null against the kit's own mock. */
  limit: number | null;
  shard?: Shard;
}

/** What the soak has done so far: what a progress line shows. */
export interface SoakProgress {
  side: SoakSide;
  elapsedMs: number;
  durationMs: number;
  /** `sending`, then `draining` (answers still to come), then for the platform `listening` (reports still to come). */
  phase: 'sending' | 'draining' | 'listening';
  scheduled: number;
  started: number;
  completed: number;
  inFlight: number;
  /** Completed per second so far. */
  ratePerS: number;
  p50Ms: number;
  p99Ms: number;
  /** Exchanges that failed or broke a MUST rule. */
  errors: number;
  /** Exchanges (and pushes) with a finding of any rule. */
  findings: number;
  /** Platform: pairs accepted, pairs whose first report came, pairs still waiting for one. */
  accounting?: { accepted: number; reported: number; pending: number };
}

export type SoakEvent =
  /** The soak has its target; nothing is sent yet. */
  | {
      type: 'soak-started';
      side: SoakSide;
      embedded: boolean;
      targets: Record<string, string>;
      asked: SoakReport['asked'];
      /** The profile's secrets, for the front end that masks what it prints or stores; a masked event leaves them out. */
      secrets?: readonly string[];
    }
  /** Platform: what the soak will get accepted, before the check that it fits a live platform. */
  | { type: 'plan'; spend: SoakSpend }
  | { type: 'progress'; progress: SoakProgress }
  | { type: 'note'; text: string }
  | { type: 'soak-finished'; report: SoakReport };

export type SoakListener = (event: SoakEvent) => void;
