// The requirement-coverage matrix: every clause the spec makes a rule of, every limit the schemas
// state, every §5.1 result code, and the cases (example and property) that test each. The rows
// are derived from the clause index and the schemas, so a new limit appears here uncovered until
// a case claims it.
import type { CaseMeta } from '../cases/types.js';
import { limitsOf } from '../schema/constraints.js';
import type { MessageType } from '../schema/message-types.js';
import { formatPath, resolve } from '../schema/navigate.js';
import { CLAUSES } from '../spec/clauses.js';
import { codeKey, limitKey } from '../spec/coverage-keys.js';
import type { CoverageRow } from './types.js';

/** The messages whose limits a conformance run exercises (nested objects are walked inside them). */
export const COVERED_MESSAGES: readonly MessageType[] = [
  'SendTemplateMessageRequest',
  'SendTemplateMessageResponse',
  'NotifySmsMessageRequest',
  'NotifyReportMessageRequest',
  'NotifyResponse',
];

/** The §5.1 result codes, from the schema's `x-known-values`. */
export function knownResultCodes(): Record<string, string> {
  const node = resolve({ $ref: 'definitions.json#/$defs/ResultCode' });
  return node['x-known-values'] ?? {};
}

export function requirementRows(): Omit<CoverageRow, 'example' | 'property'>[] {
  const rows: Omit<CoverageRow, 'example' | 'property'>[] = [];
  for (const c of CLAUSES.values()) {
    if (c.requirement) rows.push({ key: c.id, kind: 'clause', description: c.text, level: c.requirement });
  }
  for (const message of COVERED_MESSAGES) {
    for (const c of limitsOf(message)) {
      rows.push({
        key: limitKey(c),
        kind: 'limit',
        description: `${message} ${formatPath(c.path)}: ${c.keyword} ${String(c.limit)} (${c.clause})`,
        level: 'MUST',
      });
    }
  }
  for (const [code, meaning] of Object.entries(knownResultCodes())) {
    rows.push({
      key: codeKey(code),
      kind: 'code',
      description: `result code ${code}: ${meaning}`,
      level: 'MUST',
    });
  }
  return rows;
}

/** Fills each requirement row with the cases that claim it (by clause or `covers`). */
export function coverageMatrix(cases: readonly CaseMeta[]): CoverageRow[] {
  return requirementRows().map((row) => {
    const claiming = cases.filter((c) => c.clause === row.key || c.covers?.includes(row.key));
    return {
      ...row,
      example: claiming.filter((c) => c.kind === 'example').map((c) => c.id),
      property: claiming.filter((c) => c.kind === 'property').map((c) => c.id),
    };
  });
}
