// Each case carries the requirement it checks as data: --list shows it, and every report shows it
// for passing cases too, not only inside a failure's message.
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { requirementOf } from '../src/cases/requirement.js';
import { runCase } from '../src/cases/runner.js';
import { runConformanceCommand as runConformance } from '../src/cli/conformance.js';
import { assembleReport } from '../src/engine/assemble.js';
import { allCases } from '../src/engine/sides.js';
import { renderHtml, renderJson, renderJUnit } from '../src/report/render/index.js';
import { platformCases } from '../src/suites/platform/index.js';
import { unpackedHtml } from './helpers/html.js';

describe('the requirement of a case', () => {
  it('every case has one: its own, or the words of the clause it cites', () => {
    for (const c of allCases()) {
      const text = requirementOf(c);
      expect(text, c.id).not.toBe('');
      expect(text, c.id).not.toBe(c.clause);
    }
  });

  it('a limit case states its own requirement, its limit included, before it runs', () => {
    const c = platformCases.find((x) => x.id === 'platform.limits.requestLists.maxItems.over');
    expect(c?.requirement).toMatch(/at most 20 .*100003/);
  });

  it('--list shows it under each case', async () => {
    const lines: string[] = [];
    await runConformance('platform', ['--list', '--only', 'platform.limits.requestLists.maxItems'], (l) =>
      lines.push(l),
    );
    expect(lines.length).toBe(4);
    expect(lines[1]).toMatch(/^ +requires: .*at most 20/);
    expect(lines[3]).toMatch(/^ +requires: .*up to 20/);
  });

  it('a passing case shows it in report.json, junit.xml and report.html', async () => {
    const c: Case<null> = {
      id: 'x.pass',
      clause: '§5.1 0',
      level: 'MUST',
      title: 'passes',
      side: 'platform',
      kind: 'example',
      requirement: 'the target answers with resultCode "0" (a requirement of this case)',
      async run() {},
    };
    const result = await runCase(c, null, { rerun: (id) => id, tls: {} });
    expect(result.verdict).toBe('pass');
    expect(result.requirement).toBe(c.requirement);
    const report = assembleReport({
      startedAt: new Date(),
      command: 'x',
      strict: false,
      seed: 1,
      embedded: false,
      targets: {},
      notes: [],
      results: [result],
    });
    expect(JSON.parse(renderJson(report)).cases[0].requirement).toBe(c.requirement);
    expect(renderJUnit(report)).toContain(
      '<property name="requirement" value="the target answers with resultCode &quot;0&quot; (a requirement of this case)"/>',
    );
    expect(unpackedHtml(renderHtml(report))).toContain(
      'the target answers with resultCode &quot;0&quot; (a requirement of this case)',
    );
  });
});
