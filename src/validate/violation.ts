import type { Level } from '../schema/constraints.js';

/** What kind of rule a value broke; `missing` and `empty` answer 100002, the rest 100003 (§5.1, D15). */
export type ViolationKind =
  | 'missing'
  | 'empty'
  | 'type'
  | 'too-long'
  | 'too-short'
  | 'too-many'
  | 'too-few'
  | 'too-large'
  | 'too-small'
  | 'format';

/** One broken rule, said in plain English with where, what limit and which clause. */
export interface Violation {
  /** Where, as people read it: `requestLists[0].mobiles[3]`. */
  path: string;
  /** Where, as a JSON Pointer: `/requestLists/0/mobiles/3`. */
  pointer: string;
  kind: ViolationKind;
  /** The JSON Schema keyword that failed (`maxLength`, `required`, …). */
  keyword: string;
  /** The limit that was broken (a number, a pattern, a type), when there is one. */
  limit?: number | string;
  /** The spec clause of the field, e.g. `§5.4 MtSmsMessage.mobiles`. */
  clause: string;
  /** MUST: the spec's table. SHOULD: our reading of an ambiguity (docs/spec-decisions.md). */
  level: Level;
  /** The decision in docs/spec-decisions.md behind the rule, if any. */
  decision?: string;
  /** The whole sentence: path, what is wrong, the limit, the clause. */
  message: string;
}
