// Every clause and decision the schemas cite exists: clauses in the index (src/spec/clauses.ts),
// decisions as headings of docs/spec-decisions.md; and every ambiguity the spec lists
// (docs/spec-ambiguities.md, the transcription's list kept in the repository) has its decision.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from '../src/schema/registry.js';
import { CLAUSES, SECTIONS } from '../src/spec/clauses.js';
import { specFile } from './helpers/spec-beside.js';

const root = join(import.meta.dirname, '..');
const decisionsDoc = readFileSync(join(root, 'docs', 'spec-decisions.md'), 'utf8');
const decided = new Set([...decisionsDoc.matchAll(/^## (D\d+) — /gm)].map((m) => m[1] ?? ''));

function collect(node: unknown, key: string, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) collect(n, key, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'string') out.add(v);
      collect(v, key, out);
    }
  }
  return out;
}

/** The numbered items of the list of ambiguities in a Markdown text. */
function ambiguities(text: string): string[] {
  const list = text.slice(text.indexOf('## Ambiguities'));
  const end = list.indexOf('\n## ', 3);
  return [...(end > 0 ? list.slice(0, end) : list).matchAll(/^\d+\. .*$/gm)].map((m) => m[0]);
}

describe('decisions', () => {
  it('every decision a schema cites is in docs/spec-decisions.md', () => {
    const cited = collect(SCHEMA_FILES, 'x-decision', new Set());
    expect(cited.size).toBeGreaterThan(5);
    for (const d of cited) expect(decided, d).toContain(d);
  });

  it("every ambiguity in the spec's list has a decision of the same number", () => {
    const count = ambiguities(readFileSync(join(root, 'docs', 'spec-ambiguities.md'), 'utf8')).length;
    expect(count).toBeGreaterThanOrEqual(17);
    for (let n = 1; n <= count; n++) expect(decided, `ambiguity ${n}`).toContain(`D${n}`);
  });

  it("the repository's list is the transcription's, where the spec folder is beside it", () => {
    const transcription = specFile('README.md', "docs/spec-ambiguities.md against the transcription's list");
    if (transcription === undefined) return;
    expect(ambiguities(readFileSync(join(root, 'docs', 'spec-ambiguities.md'), 'utf8'))).toEqual(
      ambiguities(transcription),
    );
  });

  it('decisions are numbered without gaps', () => {
    const numbers = [...decided].map((d) => Number(d.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});

describe('clauses', () => {
  it('every clause id starts with a section of the document', () => {
    for (const id of CLAUSES.keys()) {
      expect(SECTIONS.includes(id.split(' ')[0] as (typeof SECTIONS)[number]), id).toBe(true);
    }
  });

  it('every clause a schema cites is in the index, with its words', () => {
    for (const id of collect(SCHEMA_FILES, 'x-spec', new Set())) {
      expect(CLAUSES.get(id)?.text, id).toBeTruthy();
    }
  });
});
