// Case ids are permanent names: reports, CI histories and --only patterns refer to them, and ids
// derived from schema paths would change silently with a schema refactor. This snapshot makes a
// rename (or a case that comes or goes) a deliberate, reviewed change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCases } from '../src/engine/sides.js';

const SNAPSHOT = join(import.meta.dirname, 'fixtures', 'case-ids.txt');
const UPDATE = 'UPDATE_CASE_IDS=1 npx vitest run test/case-ids.test.ts';

describe('case ids', () => {
  it('are the committed snapshot (test/fixtures/case-ids.txt)', () => {
    const ids = allCases()
      .map((c) => c.id)
      .sort();
    const text = `${ids.join('\n')}\n`;
    if (process.env.UPDATE_CASE_IDS === '1') writeFileSync(SNAPSHOT, text);
    const committed = readFileSync(SNAPSHOT, 'utf8').split('\n').filter(Boolean);
    const gone = committed.filter((id) => !ids.includes(id));
    const added = ids.filter((id) => !committed.includes(id));
    expect(
      { gone, added },
      `case ids changed. A case id is a permanent name: keep the old id if the case is the same. ` +
        `If the change is deliberate, update the snapshot with \`${UPDATE}\` and commit ` +
        'test/fixtures/case-ids.txt with the change (say why in the commit message).',
    ).toEqual({ gone: [], added: [] });
  });
});
