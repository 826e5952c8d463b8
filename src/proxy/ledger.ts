// What the proxy keeps of the traffic, bounded: per rule and clause, how many exchanges it judged,
// how many broke it, and the first offending exchanges. At exit this becomes the run's report:
// one case per rule (and per clause, for schema rules), in the suites' report family.
import type { CaseLevel, CaseResult, Exchange, Verdict } from '../cases/types.js';
import { type Finding, type RuleMeta, TRAFFIC_RULES } from '../rules/index.js';

/** The proxy report's case of a rule: the rule's own id, in the proxy's family. */
export function caseIdOf(rule: RuleMeta): string {
  return `proxy.${rule.id}`;
}

/** Offending exchanges kept per group; the count goes on. */
const MAX_EXAMPLES = 20;

interface Group {
  rule: RuleMeta;
  clause: string;
  level: CaseLevel;
  decisions: Set<string>;
  count: number;
  first: Finding;
  exchanges: Exchange[];
}

export class Ledger {
  private readonly groups = new Map<string, Group>();
  private readonly checked = new Map<string, number>();
  exchanges = 0;

  /** One exchange: the rules it was judged by and what it broke. */
  add(exchange: Exchange, checked: readonly RuleMeta[], findings: readonly Finding[]): void {
    this.exchanges += 1;
    for (const rule of new Set(checked)) this.checked.set(rule.id, (this.checked.get(rule.id) ?? 0) + 1);
    const seen = new Set<string>();
    for (const f of findings) {
      const key = `${f.rule.id}|${f.clause}|${f.level}`;
      let group = this.groups.get(key);
      if (!group) {
        group = {
          rule: f.rule,
          clause: f.clause,
          level: f.level,
          decisions: new Set(f.rule.decisions),
          count: 0,
          first: f,
          exchanges: [],
        };
        this.groups.set(key, group);
      }
      if (f.decision) group.decisions.add(f.decision);
      if (seen.has(key)) continue;
      seen.add(key);
      group.count += 1;
      if (group.exchanges.length < MAX_EXAMPLES) group.exchanges.push(exchange);
    }
  }

  /** Violations so far by level (INFO observations not counted). */
  violations(): { MUST: number; SHOULD: number } {
    const out = { MUST: 0, SHOULD: 0 };
    for (const g of this.groups.values()) if (g.level !== 'INFO') out[g.level] += g.count;
    return out;
  }

  /** One case per rule, or per rule and clause where the findings name other clauses. */
  cases(rerun: string): CaseResult[] {
    const out: CaseResult[] = [];
    for (const rule of TRAFFIC_RULES) {
      const groups = [...this.groups.values()].filter((g) => g.rule.id === rule.id);
      const judged = this.checked.get(rule.id) ?? 0;
      if (groups.length === 0) {
        out.push(
          this.result(
            rule,
            rule.clause,
            rule.level,
            judged === 0 ? 'skip' : rule.level === 'INFO' ? 'info' : 'pass',
            {
              message:
                judged > 0
                  ? `${judged} exchange(s) judged, ${rule.level === 'INFO' ? 'none observed' : 'none broke it'}`
                  : 'no exchange this rule applies to passed through the proxy',
              rerun,
            },
          ),
        );
        continue;
      }
      for (const g of groups) {
        const verdict: Verdict = g.level === 'INFO' ? 'info' : 'fail';
        const clauseNote = g.clause === rule.clause ? '' : ` (${g.clause})`;
        out.push(
          this.result(rule, g.clause, g.level, verdict, {
            id:
              g.clause === rule.clause && g.level === rule.level
                ? caseIdOf(rule)
                : `${caseIdOf(rule)}[${g.clause}]`,
            message: `${g.count} of ${Math.max(judged, g.count)} exchange(s)${clauseNote}: ${g.first.message}${g.count > g.exchanges.length ? ` (the first ${g.exchanges.length} shown)` : ''}`,
            ...(g.first.expected !== undefined ? { expected: g.first.expected } : {}),
            ...(g.first.actual !== undefined ? { actual: g.first.actual } : {}),
            exchanges: g.exchanges,
            decisions: [...g.decisions],
            rerun,
          }),
        );
      }
    }
    return out;
  }

  private result(
    rule: RuleMeta,
    clause: string,
    level: CaseLevel,
    verdict: Verdict,
    extra: Partial<CaseResult> & { message: string; rerun: string },
  ): CaseResult {
    const decisions = [...(extra.decisions ?? rule.decisions ?? [])];
    return {
      id: caseIdOf(rule),
      clause,
      level,
      title: rule.title,
      side: rule.side,
      kind: 'example',
      verdict,
      exchanges: [],
      curl: [],
      durationMs: 0,
      ...extra,
      ...(decisions.length > 0 ? { decisions } : {}),
      ...(clause !== rule.clause ? { covers: [rule.clause] } : {}),
    };
  }
}
