// MUST means the original says so (issue 26, finding 7). A case or a rule that cites a decision of
// docs/spec-decisions.md may stay MUST only where the original's own words compel what it expects:
// it then quotes them (`words`), and a test holds every quote to the original. A MUST case or rule
// that cites a decision and quotes no words rests on the decision alone, which grounds SHOULD at
// most. Each quote is the original's, verbatim but for spacing (the original is a PDF's text: tabs
// between a table's columns, line breaks inside its cells, "statusCallba ck"): it must stand in what
// the repository holds of the original (the clause index's originals, the tables hand-transcribed in
// test/fixtures/spec-tables.ts, the §5.1 and §5.2 codes the schemas list) and, where the spec folder
// is beside the repository, in the original document itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { runCase } from '../src/cases/runner.js';
import { assembleReport } from '../src/engine/assemble.js';
import { allCases } from '../src/engine/sides.js';
import { renderConsoleCase, renderHtml, renderJson, renderJUnit } from '../src/report/render/index.js';
import { ALL_RULES, ruleById } from '../src/rules/index.js';
import { CLAUSES } from '../src/spec/clauses.js';
import { SPEC_TABLES } from './fixtures/spec-tables.js';
import { unpackedHtml } from './helpers/html.js';
import { specFile } from './helpers/spec-beside.js';

/** The original document in the spec folder beside the repository. */
const ORIGINAL = '000_60dc375544c99074.txt';

/** Text with its spacing taken out: what "verbatim" compares. */
const flat = (s: string) => s.replace(/\s+/g, '');

interface Quoting {
  id: string;
  level: string;
  decisions?: readonly string[] | undefined;
  words?: readonly string[] | undefined;
}

const cases: readonly Quoting[] = allCases();
const rules: readonly Quoting[] = ALL_RULES;

/** The §5.1 result codes and §5.2 statuses as the schemas list them, each with its original meaning. */
function knownCodes(): string[] {
  const defs = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'schemas', 'definitions.json'), 'utf8'),
  ).$defs as Record<string, { 'x-known-values'?: Record<string, string> }>;
  return Object.values(defs).flatMap((d) =>
    Object.entries(d['x-known-values'] ?? {}).map(([code, meaning]) => {
      const original = /\(([^()]*)\)$/.exec(meaning)?.[1];
      return original ? `${code} ${original}` : code;
    }),
  );
}

/** What the repository holds of the original, flattened. */
const HELD: readonly string[] = [
  ...[...CLAUSES.values()].flatMap((c) => (c.original ? [c.original] : [])),
  ...SPEC_TABLES.map((t) => t.table.replace(/ \(.*\)$/, '')),
  ...SPEC_TABLES.flatMap((t) =>
    t.rows
      .filter((r) => !r.field.endsWith('[]'))
      .map((r) => `${r.field} ${r.type} ${r.presence === 'M' ? '必选' : '可选'} ${r.max ?? '-'}`),
  ),
  ...knownCodes(),
].map(flat);

/** Every quote of every case and rule, with who quotes it. */
function quotes(): { who: string; words: string }[] {
  return [...cases, ...rules].flatMap((q) => (q.words ?? []).map((words) => ({ who: q.id, words })));
}

const restsOnDecisions = (q: Quoting) => q.level === 'MUST' && (q.decisions?.length ?? 0) > 0;

describe('a MUST that cites a decision quotes the words of the original that compel it', () => {
  it('every such case quotes some', () => {
    const cited = cases.filter(restsOnDecisions);
    expect(cited.length).toBeGreaterThan(50);
    expect(
      cited.filter((c) => (c.words?.length ?? 0) === 0).map((c) => `${c.id} (${c.decisions?.join(', ')})`),
    ).toEqual([]);
  });

  it('every such rule quotes some', () => {
    const cited = rules.filter(restsOnDecisions);
    expect(cited.length).toBeGreaterThan(10);
    expect(
      cited.filter((r) => (r.words?.length ?? 0) === 0).map((r) => `${r.id} (${r.decisions?.join(', ')})`),
    ).toEqual([]);
  });

  it('a case or a rule below MUST quotes none: words that compel make a MUST', () => {
    expect(
      [...cases, ...rules].filter((q) => q.level !== 'MUST' && q.words !== undefined).map((q) => q.id),
    ).toEqual([]);
  });

  it("a rule's case quotes its rule's words", () => {
    for (const c of allCases().filter((x) => x.rule !== undefined))
      expect(c.words, c.id).toEqual(ruleById(c.rule as string)?.words);
  });

  it('no quote is empty', () => {
    expect(quotes().filter((q) => flat(q.words) === '')).toEqual([]);
  });
});

describe('each quote is the original’s own', () => {
  it('as the repository holds the original (clause index, transcribed tables, §5.1 and §5.2 codes)', () => {
    const all = quotes();
    expect(all.length).toBeGreaterThan(50);
    const stray = all.filter((q) => !HELD.some((held) => held.includes(flat(q.words))));
    expect(stray.map((q) => `${q.who}: ${q.words}`)).toEqual([]);
  });

  it('in the original document (../shared/spec, beside the repository)', () => {
    const original = specFile(ORIGINAL, 'the quotes of the MUST cases against the original document');
    if (original === undefined) return;
    const text = flat(original);
    const stray = quotes().filter((q) => !text.includes(flat(q.words)));
    expect(stray.map((q) => `${q.who}: ${q.words}`)).toEqual([]);
  });
});

describe('the reports show a case’s words where they show its requirement', () => {
  const words = ['必选参数为空或缺少', 'account String 必选 30'];
  const shown = '「必选参数为空或缺少」 「account String 必选 30」';
  const made = (id: string, fails: boolean): Case<null> => ({
    id,
    clause: '§2 SendTemplateMessageRequest.account',
    level: 'MUST',
    title: 'account left out is answered 100002',
    side: 'platform',
    kind: 'example',
    decisions: ['D10'],
    words,
    async run(_ctx, t) {
      if (fails) t.fail('answered 0', 'resultCode "100002"', 'resultCode "0"');
    },
  });

  it('report.json carries them; junit.xml, report.html and a failure on the console show them', async () => {
    const options = { rerun: (id: string) => id, tls: {} };
    const passed = await runCase(made('x.words.pass', false), null, options);
    const failed = await runCase(made('x.words.fail', true), null, options);
    expect([passed.verdict, failed.verdict]).toEqual(['pass', 'fail']);
    expect(passed.words).toEqual(words);
    const report = assembleReport({
      startedAt: new Date(),
      command: 'x',
      strict: false,
      seed: 1,
      embedded: false,
      targets: {},
      notes: [],
      results: [passed, failed],
    });
    const json = JSON.parse(renderJson(report)) as { cases: { id: string; words?: string[] }[] };
    expect(json.cases.map((c) => c.words)).toEqual([words, words]);
    const junit = renderJUnit(report);
    expect(junit.split(`<property name="words" value="${shown}"/>`)).toHaveLength(3);
    // The passing case's details are packed in the page: unpacked, both quote them.
    expect(unpackedHtml(renderHtml(report)).split(shown)).toHaveLength(3);
    expect(renderConsoleCase(failed, { color: false, strict: false })).toMatch(new RegExp(`words +${shown}`));
    expect(renderConsoleCase(passed, { color: false, strict: false })).not.toContain(shown);
  });
});
