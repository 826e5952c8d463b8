// What a soak run is asked, what it measured, and how it is judged: the contract between the soak
// engine (src/soak/), its outputs (src/report/render/soak/) and merge-reports. A soak judges every
// exchange by the same rules as the suites (src/rules), at a rate, for a time: open arrivals
// (each scheduled by the clock, not by answers, latency measured from the scheduled start), so a
// slow target cannot hide its latency behind fewer requests.
//
// Latencies are kept in HdrHistograms (hdr-histogram-js), stored in their compressed base64 form
// so that shards merge without loss: the merged histogram is the sum of the parts, and its
// percentiles are those of one histogram over every sample.
import type { Level } from '../core/terms.js';
import type { RuleMeta } from '../rules/types.js';

export type SoakSide = 'customer' | 'platform';

/**
 * How an exchange failed before any rule could judge its answer, or what was wrong with it:
 * `timeout` (no whole answer within timeoutMs), `refused` (connection refused), `reset` (the
 * connection dropped), `tls` (a TLS failure), `http-status` (not HTTP 200), `body-too-large` (over
 * maxBodyBytes), `schema` (the answer breaks its schema), `result-code` (a well-formed answer whose
 * resultCode says no), `other` (anything else, in its message).
 */
export type SoakErrorKind =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'http-status'
  | 'body-too-large'
  | 'schema'
  | 'result-code'
  | 'other';

/** An HdrHistogram of durations in microseconds, as stored: lossless, mergeable. */
export interface EncodedHistogram {
  /** hdr-histogram-js `encodeIntoCompressedBase64`. */
  encoded: string;
  /** Samples recorded (the decoded histogram's totalCount). */
  count: number;
}

/** Percentiles of a histogram, in milliseconds (microsecond resolution), for people. */
export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** A histogram with its percentiles (the percentiles are derived: a merge recomputes them). */
export interface SoakHistogram extends EncodedHistogram {
  percentiles: Percentiles;
}

/** One interval of the run (seconds from its start): for the plots of rate and latency over time. */
export interface SoakInterval {
  /** Start of the interval, seconds from the run's start. */
  startS: number;
  /** Length of the interval in seconds (the last one may be shorter). */
  lengthS: number;
  /** Arrivals scheduled in it, started in it, and completed (answered or failed) in it. */
  scheduled: number;
  started: number;
  completed: number;
  /** Exchanges that failed or broke a MUST rule, completed in it. */
  errors: number;
  /** Most exchanges in flight at once during it. */
  maxInFlight: number;
  /** Latency of the exchanges completed in it (from their scheduled start). */
  latency: EncodedHistogram;
}

/** The findings of one rule over the whole run. */
export interface SoakRuleFindings {
  rule: RuleMeta;
  level: Level;
  /** Exchanges with at least one finding of this rule. */
  exchanges: number;
  /** The first finding, in the words of the suites (message, expected, actual), masked where output. */
  first: { message: string; expected?: string; actual?: string };
}

/**
 * The platform soak's delivery accounting: every (messageId, recipient) the platform accepted, and
 * every status report that came. `accepted` = onTime + late + lost + pending, each counted once;
 * `duplicated` pairs are also counted where their first report falls.
 */
export interface DeliveryAccounting {
  /** Send requests made, and recipients in them. */
  requests: number;
  recipients: number;
  /** (messageId, recipient) pairs the platform accepted (resultCode "0" for that recipient). */
  accepted: number;
  /** Pairs whose first report came within statusReportWaitMs of the send's answer. */
  onTime: number;
  /** Pairs whose first report came after statusReportWaitMs (within the run's grace period). */
  late: number;
  /** Pairs no report came for by the end of the grace period. */
  lost: number;
  /**
   * Pairs still within their wait (statusReportWaitMs + the grace) when the soak was stopped before
   * its end: neither reported nor lost yet. Absent when there are none (always, for a soak that ran to its end).
   */
  pending?: number;
  /** Pairs reported more than once, and how many extra reports came for them. */
  duplicated: number;
  extraReports: number;
  /** Reports for a pair the kit never sent (or never saw accepted). */
  unknown: number;
  /** statusReportWaitMs, and how long after the last send the run kept listening. */
  waitMs: number;
  graceMs: number;
  /** Up to 20 pairs of each wrong kind, for the reader (messageId, mobile). */
  examples: { lost: Pair[]; late: Pair[]; duplicated: Pair[]; unknown: Pair[] };
}

export interface Pair {
  messageId: string;
  mobile: string;
}

export type ThresholdName =
  | 'max-p99-ms'
  | 'max-error-rate'
  | 'max-lost'
  | 'max-late'
  | 'max-duplicates'
  | 'must-findings';

/** One gate of the soak: its limit, what was measured, and whether it held. */
export interface SoakThreshold {
  name: ThresholdName;
  /** The flag's value, or its default; null when the threshold is not set (it then always holds). */
  limit: number | null;
  actual: number;
  passed: boolean;
  /** One line: what it measures and why it passed or failed. */
  why: string;
}

export interface SoakReport {
  kind: 'soak';
  tool: { name: string; version: string };
  side: SoakSide;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The command line that produced it, with any secret redacted. */
  command: string;
  /** The part of a sharded soak (`--shard i/N`: 1/N of the rate); absent for a whole one. */
  shard?: { index: number; total: number };
  /** Set in a merged report: how many reports it merges. */
  merged?: number;
  embedded: boolean;
  /** The URL(s) soaked. */
  targets: Record<string, string>;
  asked: {
    /** Arrivals per second (this shard's part of the rate). */
    ratePerS: number;
    durationS: number;
    maxInFlight: number;
    /** For the platform: recipients per send request. */
    recipientsPerRequest?: number;
    /** For the customer: the share of uplink pushes in the mix (0 to 1; the rest are status reports). */
    uplinkShare?: number;
    timeoutMs: number;
    seed: number;
  };
  achieved: {
    scheduled: number;
    started: number;
    completed: number;
    /** Arrivals that never started because the run was stopped (Ctrl-C, deadline) first. */
    notStarted: number;
    /** Completed per second over the run's sending time. */
    ratePerS: number;
    /** Most exchanges in flight at once. */
    maxInFlight: number;
    /** Arrivals that had to wait for a free slot (max-in-flight reached); their wait counts in their latency. */
    queued: number;
  };
  /** Answer latency from each arrival's scheduled start (customer: push → answer; platform: send → answer). */
  latency: SoakHistogram;
  /** Platform: the report delay, from the send's answer to the report's arrival (first report of each pair). */
  reportDelay?: SoakHistogram;
  intervals: SoakInterval[];
  errors: Record<SoakErrorKind, number>;
  /** Exchanges that failed or broke a MUST rule, over completed exchanges. */
  errorRate: number;
  /** One entry per rule with findings, MUST first. */
  findings: SoakRuleFindings[];
  accounting?: DeliveryAccounting;
  thresholds: SoakThreshold[];
  passed: boolean;
  /** Present when the soak was stopped before its end: why (SIGINT, SIGTERM, a deadline). */
  interrupted?: string;
  /** The kit's resident memory (MB) at the start and the end, and the most seen. */
  rss: { startMb: number; endMb: number; peakMb: number };
  notes: string[];
}
