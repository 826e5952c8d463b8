// The platform mutants' bookkeeping, as on the customer side: every mutant names cases that exist
// and runs them, every MUST case has a mutant aimed at it (a case only killed by accident proves
// little), and the SHOULD cases no mutant is aimed at are listed (none today). Whether each mutant
// really kills its cases is test/platform-mutants.test.ts, which runs them.
import { describe, expect, it } from 'vitest';
import { selectCases } from '../src/cases/select.js';
import { platformCases } from '../src/suites/platform/index.js';
import { mutants } from './mutants/platform/mutants.js';

const catalogue = mutants();
const ids = new Set(platformCases.map((c) => c.id));
const aimed = new Set(catalogue.flatMap((m) => m.kills));

describe('platform mutant bookkeeping', () => {
  it('mutant names are unique', () => {
    const names = catalogue.map((m) => m.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(catalogue.map((m) => [m.name, m] as const))('%s names existing cases and runs them', (_n, m) => {
    expect(m.kills.length).toBeGreaterThan(0);
    expect(m.kills.filter((id) => !ids.has(id))).toEqual([]);
    const run = new Set(selectCases(platformCases, m.only.join(',')).map((c) => c.id));
    expect(
      m.kills.filter((id) => !run.has(id)),
      `--only ${m.only.join(',')}`,
    ).toEqual([]);
  });

  it('every MUST case has a mutant aimed at it', () => {
    const notAimed = platformCases.filter((c) => c.level === 'MUST' && !aimed.has(c.id)).map((c) => c.id);
    expect(notAimed).toEqual([]);
  });

  it('lists the SHOULD cases no mutant is aimed at (none)', () => {
    const notAimed = platformCases.filter((c) => c.level === 'SHOULD' && !aimed.has(c.id)).map((c) => c.id);
    console.log(`SHOULD cases no platform mutant is aimed at: [${notAimed.join(', ')}]`);
    expect(notAimed).toEqual([]);
  });

  it('no mutant is aimed at an INFO case (an INFO case never fails)', () => {
    const info = platformCases.filter((c) => c.level === 'INFO' && aimed.has(c.id)).map((c) => c.id);
    expect(info).toEqual([]);
  });
});
