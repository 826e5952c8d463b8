// The findings of a soak, by rule: how many exchanges broke each rule, and the first finding in
// the suites' words. One entry per rule, whatever the number of exchanges: memory stays flat.
import type { Finding } from '../rules/index.js';
import type { SoakErrorKind, SoakRuleFindings } from './types.js';

const LEVEL_ORDER = { MUST: 0, SHOULD: 1, INFO: 2 } as const;

export class FindingsTally {
  private readonly byRule = new Map<string, SoakRuleFindings>();
  /** Exchanges (and pushes received) with a finding of any rule. */
  withFindings = 0;
  /** Those with a finding of a MUST rule. */
  withMust = 0;

  /** One exchange's findings: each rule counts it once. Returns whether any was MUST. */
  add(findings: readonly Finding[]): boolean {
    if (findings.length === 0) return false;
    const seen = new Set<string>();
    let must = false;
    for (const f of findings) {
      if (f.level === 'MUST') must = true;
      if (seen.has(f.rule.id)) continue;
      seen.add(f.rule.id);
      const entry = this.byRule.get(f.rule.id);
      if (entry) entry.exchanges += 1;
      else
        this.byRule.set(f.rule.id, {
          rule: f.rule,
          level: f.level,
          exchanges: 1,
          first: {
            message: f.message,
            ...(f.expected !== undefined ? { expected: f.expected } : {}),
            ...(f.actual !== undefined ? { actual: f.actual } : {}),
          },
        });
    }
    this.withFindings += 1;
    if (must) this.withMust += 1;
    return must;
  }

  /** MUST first, then SHOULD, then INFO; within a level, in the order they were first seen. */
  list(): SoakRuleFindings[] {
    return [...this.byRule.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  }
}

export function noErrors(): Record<SoakErrorKind, number> {
  return {
    timeout: 0,
    refused: 0,
    reset: 0,
    tls: 0,
    'http-status': 0,
    'body-too-large': 0,
    schema: 0,
    'result-code': 0,
    other: 0,
  };
}
