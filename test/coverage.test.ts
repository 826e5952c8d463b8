// The requirement-coverage matrix over every case of both suites: each MUST row (a clause the spec
// makes a rule of, a limit of the schemas, a §5.1 code) has at least one case, and every case cites
// a clause of the index and decisions that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateIds } from '../src/cases/select.js';
import { allCases } from '../src/engine/sides.js';
import { coverageMatrix } from '../src/report/coverage.js';
import { CLAUSES } from '../src/spec/clauses.js';

const cases = allCases();
const decisions = new Set(
  [
    ...readFileSync(join(import.meta.dirname, '..', 'docs', 'spec-decisions.md'), 'utf8').matchAll(
      /^## (D\d+) — /gm,
    ),
  ].map((m) => m[1]),
);

describe('the two suites together', () => {
  it('have unique, permanent-looking ids (side.part.detail)', () => {
    expect(duplicateIds(cases)).toEqual([]);
    for (const c of cases)
      expect(c.id, c.id).toMatch(new RegExp(`^${c.side}\\.[a-z0-9-]+(\\.[A-Za-z0-9_:+-]+)+$`));
  });

  it('cite only clauses of the index and decisions of docs/spec-decisions.md', () => {
    for (const c of cases) {
      expect(CLAUSES.has(c.clause), `${c.id} cites ${c.clause}`).toBe(true);
      for (const d of c.decisions ?? []) expect(decisions.has(d), `${c.id} cites ${d}`).toBe(true);
      for (const key of c.covers ?? []) {
        if (key.startsWith('§')) expect(CLAUSES.has(key), `${c.id} covers ${key}`).toBe(true);
      }
    }
  });

  it('leave no MUST row of the coverage matrix without a case', () => {
    const matrix = coverageMatrix(cases);
    const uncovered = matrix.filter((r) => r.level === 'MUST' && r.example.length + r.property.length === 0);
    expect(uncovered.map((r) => `${r.key}: ${r.description}`)).toEqual([]);
    console.log(
      `coverage: ${matrix.length} requirement rows (${matrix.filter((r) => r.level === 'MUST').length} MUST), ${cases.length} cases`,
    );
  });

  it('claim only coverage keys that exist as rows', () => {
    const keys = new Set(coverageMatrix(cases).map((r) => r.key));
    for (const c of cases) {
      for (const key of c.covers ?? []) {
        if (key.startsWith('limit:') || key.startsWith('code:'))
          expect(keys.has(key), `${c.id} covers ${key}`).toBe(true);
      }
    }
  });
});
