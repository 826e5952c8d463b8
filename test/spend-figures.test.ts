// The spending figures of docs/profile.md are the plan's (`--plan`), not written by hand: they are
// planned again here and must be what the doc holds; and the CLI's --plan prints the same totals.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BEGIN,
  END,
  exampleProfile,
  FIGURES_SEED,
  PROFILE_DOC,
  renderSpendFigures,
  withFigures,
} from '../scripts/render-spend-figures.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-spend-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The table's rows: [what, phones, sinks, total]. */
function rowsOf(doc: string): string[][] {
  const block = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END));
  return block
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| run '))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('the spending figures of docs/profile.md', () => {
  const doc = readFileSync(PROFILE_DOC, 'utf8');

  it('are what the plan makes now (`npm run generate` writes them)', async () => {
    const figures = await renderSpendFigures();
    expect(
      doc === withFigures(doc, figures),
      'docs/profile.md spend figures are stale: run `npm run generate`',
    ).toBe(true);
    expect(rowsOf(doc).length).toBe(6);
  }, 120_000);

  it("match what the CLI's --plan prints for the doc's example profile and for the embedded default", async () => {
    const profile = join(dir, 'target.json');
    writeFileSync(profile, JSON.stringify(exampleProfile(doc)));
    const total = (out: string) => /^ {2}total\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(out)?.slice(1, 4);
    const [example, embedded] = await Promise.all([
      runCli(['platform', '--profile', profile, '--plan', '--seed', String(FIGURES_SEED)]),
      runCli(['run', '--plan', '--seed', String(FIGURES_SEED)]),
    ]);
    const rows = rowsOf(doc);
    expect(example.code, example.stderr).toBe(0);
    expect(total(example.stdout)).toEqual(rows[0]?.slice(1, 4));
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(total(embedded.stdout)).toEqual(rows[3]?.slice(1, 4));
    // The two shards' parts add up to the whole embedded run.
    expect(Number(rows[4]?.[3]) + Number(rows[5]?.[3])).toBe(Number(rows[3]?.[3]));
  }, 120_000);

  it('are the only spend figures the README and docs/profile.md give', () => {
    // Hand-written totals went stale before (8, 147, 37 against a run's 9, 148, 38).
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const prose = doc.slice(0, doc.indexOf(BEGIN)) + doc.slice(doc.indexOf(END));
    for (const text of [readme, prose])
      expect(text).not.toMatch(
        /\b(spends?|sends?) \d+ (SMS|recipients)|\d+ SMS (on|to) the (profile's )?phones/,
      );
  });
});
