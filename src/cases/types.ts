// What a conformance case is, what it records, and what it comes to. Cases are records (h2spec,
// test262): a permanent id, the clause it checks, a level, a title, and a run function; the
// requirement is data, so reports, listings and the coverage matrix are made from it.

import type { Level, Side, Verdict } from '../core/terms.js';
import type { Exchange } from '../http/exchange.js';
import type { Finding } from '../rules/index.js';

export type { Exchange, Side, Verdict };
/** A case's level (core/terms: MUST, SHOULD, INFO). */
export type CaseLevel = Level;

/** example: one request chosen by hand or derived from a schema; property: fast-check over many. */
export type CaseKind = 'example' | 'property';

/** What a property case records so a failure can be replayed exactly. */
export interface PropertyRun {
  seed: number;
  runs: number;
  /** fast-check's path to the shrunk counterexample, when it failed. */
  path?: string;
  counterexample?: string;
}

/** Coverage a case claims beyond its own clause: limits (`limit:<Type> <path> <keyword> <n>`), codes (`code:100001`), other clauses. */
export type CoverageKey = string;

export interface CaseMeta {
  /** Permanent, never positional: `platform.limits.requestLists.maxItems.over`. */
  id: string;
  /** The clause it checks, as in the clause index (src/spec/clauses.ts). */
  clause: string;
  level: CaseLevel;
  /** One line. */
  title: string;
  /**
   * What the spec requires of the target here, in one sentence, so a listing and a passing case
   * show it too. Without it, the cited clause's words stand for it (src/cases/requirement.ts).
   */
  requirement?: string;
  side: Side;
  kind: CaseKind;
  /** The decisions of docs/spec-decisions.md it depends on. */
  decisions?: string[];
  /**
   * The words of the original (Chinese, verbatim but for spacing) that compel what the case
   * expects: a MUST case that cites a decision quotes them, or it rests on the decision alone and
   * is SHOULD at most (src/rules/words.ts; test/must-words.test.ts holds each quote to the original).
   */
  words?: string[];
  /** More clauses, limits and codes it exercises (for the coverage matrix). */
  covers?: CoverageKey[];
  /** The rule (src/rules) this case is about, when it tests one: its clause, level and decisions are the rule's. */
  rule?: string;
}

/** The result of one case in one run: everything a report shows. */
export interface CaseResult extends CaseMeta {
  verdict: Verdict;
  /** Why it passed, failed or was skipped, in one or a few lines. */
  message: string;
  /** What the spec requires here (the clause's words, or the case's expectation). */
  expected?: string;
  /** What the target did. */
  actual?: string;
  /** The findings of the rule that failed the case (src/rules), each with the rule's id, clause and level. */
  findings?: Finding[];
  exchanges: Exchange[];
  /** The command that reruns exactly this case. */
  rerun: string;
  /** A curl command per sent exchange, the password field read from a variable. */
  curl: string[];
  property?: PropertyRun;
  durationMs: number;
  /** Set when the run ended (deadline, signal) before this case started or finished: why. */
  notRun?: string;
}
