// A run's report: the one object every renderer (console, JUnit, JSON, HTML) reads.
import type { CaseLevel, CaseResult, Verdict } from '../cases/types.js';
import type { RunOutcome, StopReason } from '../core/terms.js';

export type { StopReason };

export type CoverageKind = 'clause' | 'limit' | 'code';

/** One requirement of the spec and the cases that test it. */
export interface CoverageRow {
  /** `§5.4 MtSmsMessage.mobiles`, `limit:SendTemplateMessageRequest requestLists.[].mobiles maxItems 100`, `code:100001`. */
  key: string;
  kind: CoverageKind;
  /** What it is, in words. */
  description: string;
  /** How binding it is: MUST rows without a case fail the project's own test. */
  level: 'MUST' | 'SHOULD';
  /** Ids of example cases that test it. */
  example: string[];
  /** Ids of property cases that test it. */
  property: string[];
}

export type Summary = Record<CaseLevel, Record<Verdict, number>>;

export interface Interruption {
  reason: StopReason;
  /** In words: `the run's deadline (15 min) passed`, `interrupted by SIGTERM`. */
  message: string;
  /** Cases reported as not run (or not run to the end): verdict skip, `notRun` set. */
  notRun: number;
}

/** Recipients accepted: on the profile's own phones, and on its sink numbers. */
export interface SpendSplit {
  phones: number;
  sinks: number;
}

/** One family of cases (`limits`, `reports`, `properties.valid`, …): what the plan said it would spend, what it did. */
export interface FamilySpend {
  family: string;
  /** What a conforming platform gets accepted (the plan, made before the run); absent when no plan could be made. */
  planned?: SpendSplit;
  spent: SpendSplit;
  /**
   * When the family spent more than planned: its cases that did, each with what the plan gave it,
   * what it spent, and why in words (its verdict and message).
   */
  over?: CaseOverspend[];
}

/** One case that got more recipients accepted than the plan (a conforming platform) gives it. */
export interface CaseOverspend {
  id: string;
  planned: number;
  spent: number;
  why: string;
}

/** What a conforming platform would get accepted, per family of platform cases, before anything is sent. */
export interface SpendPlan {
  limit: number;
  families: { family: string; planned: SpendSplit }[];
  total: SpendSplit;
  /** Cases the plan skips for the spending, with why (frugal without sink numbers, the budget). */
  skipped: { id: string; reason: string }[];
  /** What each case that spends gets accepted: a family that spends more than planned names its cases by it. */
  cases?: { id: string; planned: SpendSplit }[];
  /**
   * What each case's requests in the plan's run could have got accepted, every one counted as if
   * accepted (a platform that wrongly accepts what it should refuse), and how many requests with
   * wrong credentials it wanted to send. A run whose platform cases send at once holds each case's
   * `recipients` from its start, so no case spends what an earlier one could still need.
   */
  reserve?: { id: string; recipients: number; authFaults: number }[];
  /** A shard's part of the whole run's plan: the costly families that shard runs whole, and the whole plan's total. */
  shard?: { index: number; total: number; whole: SpendSplit };
}

export interface BudgetReport {
  /** maxAcceptedMessages. */
  limit: number;
  /** Recipients accepted in all. */
  spent: number;
  /** Of them, on the profile's phones. */
  phones?: number;
  /** Of them, on its sink numbers. */
  sinks?: number;
  families?: FamilySpend[];
  /** What each case that got recipients accepted spent. */
  cases?: { id: string; spent: SpendSplit }[];
  /** In a merged report: what each shard of the run could spend and spent (they add up to the figures above). */
  shards?: ShardSpend[];
}

/** One shard's part of a merged run's budget. */
export interface ShardSpend {
  shard: { index: number; total: number };
  limit: number;
  spent: number;
}

/** The SHA-256 fingerprint of a TLS leaf certificate, as Node gives it: `AB:CD:…` (32 bytes, hex). */
export type CertificateFingerprint = string;

/**
 * What a run was run against and with (docs/signing.md): the kit, the spec, the profile without
 * its secrets, the targets' TLS certificates and the Node.js that ran it. The seed, the command,
 * the start and finish times and the targets' URLs are the report's own fields beside it.
 */
export interface Provenance {
  /** The kit: its package's name and version, its git commit when it ran from a checkout, the SHA-256 of its package.json. */
  kit: { name: string; version: string; commit?: string; packageJsonSha256?: string };
  /** The spec document the suites test (src/spec/document.ts). */
  spec: { title: string; version: string; date: string };
  /** SHA-256 of the resolved profile with its secrets replaced by `***` (what is hashed: docs/signing.md). */
  profileSha256: string;
  /** Each `https://` target's TLS leaf certificate, by the key of `targets`, as the kit's first connection saw it. */
  certificates: {
    platform?: CertificateFingerprint;
    uplinkUrl?: CertificateFingerprint;
    reportUrl?: CertificateFingerprint;
  };
  /** The Node.js that ran the kit (`process.version`). */
  node: string;
  /** A merged report whose shards differ in any of the above: each shard's, in shard order. */
  shards?: Omit<Provenance, 'shards'>[];
}

export interface RunReport {
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The command line that produced it, with any secret redacted. */
  command: string;
  strict: boolean;
  seed: number;
  /** The part of a sharded run (`--shard i/N`) this report holds; absent for a whole run. */
  shard?: { index: number; total: number };
  /** True when the kit ran against its own mock platform and mock customer endpoint. */
  embedded: boolean;
  /**
   * Set in a report of traffic the kit only watched (the proxy): between whom, in words. Such a
   * report ran no case of its own and drew no seed; its time span is startedAt to finishedAt.
   */
  observed?: { between: string };
  targets: { platform?: string; uplinkUrl?: string; reportUrl?: string };
  /** What the run was run against and with; absent in a proxy's report and in reports of older kits. */
  provenance?: Provenance;
  /**
   * The CA certificates (PEM, certificates only, never a key) the run trusted its targets with:
   * written beside the reports as ca.pem, which the curl lines name, so they run from that folder.
   */
  ca?: string;
  /** Recipients the run may get accepted, and how many it did (live platforms cost money). */
  budget?: BudgetReport;
  /** Things the reader must know: skipped halves, missing profile parts, etc. */
  notes: string[];
  /** Present when the run ended before every case had run: why, and how many were not run. */
  interrupted?: Interruption;
  cases: CaseResult[];
  summary: Summary;
  coverage: CoverageRow[];
  gate: {
    /** MUST cases that failed or errored. */
    failedMust: number;
    /** SHOULD cases that failed or errored (fail the gate with --strict). */
    failedShould: number;
    passed: boolean;
    /** How the run ended (core/terms): passed, failed, or why it stopped. */
    outcome: RunOutcome;
    /** The exit code the front end ended with, when it ends a process (the CLI sets it). */
    exitCode?: number;
  };
}
