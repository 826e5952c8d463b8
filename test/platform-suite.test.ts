// The platform suite as data: permanent unique ids, clauses and decisions that exist, coverage
// keys that name real requirements, every limit of the request tested at and past it (the "over"
// case first, for the budget), and every MUST requirement a platform can be held to has a case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateIds } from '../src/cases/select.js';
import { coverageMatrix, requirementRows } from '../src/report/coverage.js';
import { limitsOf } from '../src/schema/constraints.js';
import { CLAUSES } from '../src/spec/clauses.js';
import { limitKey } from '../src/spec/coverage-keys.js';
import { platformCases } from '../src/suites/platform/index.js';

const root = join(import.meta.dirname, '..');
const decided = new Set(
  [...readFileSync(join(root, 'docs', 'spec-decisions.md'), 'utf8').matchAll(/^## (D\d+) — /gm)].map(
    (m) => m[1],
  ),
);

/** Requirements on the customer's side only: its answer to a push (tables 3-3 / 4-3). */
function customerOnly(key: string): boolean {
  return key === '§3 table 3-3 / §4 table 4-3' || key.includes('NotifyResponse');
}

describe('the platform suite', () => {
  it('has permanent, unique, well-formed ids', () => {
    expect(duplicateIds(platformCases)).toEqual([]);
    for (const c of platformCases) {
      expect(c.id, c.id).toMatch(/^platform\.[a-zA-Z0-9.-]+$/);
      expect(c.side, c.id).toBe('platform');
      expect(c.title, c.id).not.toMatch(/\n/);
    }
  });

  it('cites only clauses of the index and decisions of docs/spec-decisions.md', () => {
    for (const c of platformCases) {
      expect(CLAUSES.has(c.clause), `${c.id} cites ${c.clause}`).toBe(true);
      for (const d of c.decisions ?? []) expect(decided, `${c.id} cites ${d}`).toContain(d);
    }
  });

  it('claims only coverage keys that are requirements (clauses, limits, codes)', () => {
    const keys = new Set([...requirementRows().map((r) => r.key), ...CLAUSES.keys()]);
    for (const c of platformCases)
      for (const k of c.covers ?? []) expect(keys, `${c.id} covers ${k}`).toContain(k);
  });

  it('tests every length and count limit of the send request at and one past it, past first', () => {
    const ids = platformCases.map((c) => c.id);
    for (const limit of limitsOf('SendTemplateMessageRequest').filter(
      (c) => c.keyword === 'maxLength' || c.keyword === 'maxItems',
    )) {
      const claiming = platformCases.filter((c) => c.covers?.includes(limitKey(limit))).map((c) => c.id);
      const over = claiming.find((id) => id.endsWith('.over'));
      const at = claiming.find((id) => id.endsWith('.at'));
      expect(over, limitKey(limit)).toBeDefined();
      expect(at, limitKey(limit)).toBeDefined();
      expect(ids.indexOf(over as string), `${over} runs before ${at}`).toBeLessThan(
        ids.indexOf(at as string),
      );
    }
  });

  it('has a case for every MUST requirement a platform can be held to', () => {
    const rows = coverageMatrix(platformCases).filter((r) => !customerOnly(r.key));
    const uncovered = rows.filter((r) => r.example.length + r.property.length === 0);
    const should = uncovered.filter((r) => r.level === 'SHOULD').map((r) => r.key);
    if (should.length > 0) console.log(`SHOULD rows without a platform case: ${should.join(', ')}`);
    expect(uncovered.filter((r) => r.level === 'MUST').map((r) => `${r.key} (${r.description})`)).toEqual([]);
  });

  it('has cases of every level and both kinds', () => {
    const count = (pick: (c: (typeof platformCases)[number]) => boolean) => platformCases.filter(pick).length;
    console.log(
      `platform cases: ${platformCases.length} (MUST ${count((c) => c.level === 'MUST')}, SHOULD ${count((c) => c.level === 'SHOULD')}, INFO ${count((c) => c.level === 'INFO')}; property ${count((c) => c.kind === 'property')})`,
    );
    for (const level of ['MUST', 'SHOULD', 'INFO'] as const)
      expect(count((c) => c.level === level)).toBeGreaterThan(0);
    expect(count((c) => c.kind === 'property')).toBeGreaterThan(0);
  });
});
