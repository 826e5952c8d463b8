// The report renderers on a realistic run (test/fixtures/reports/sample-report.ts): the console
// output is pinned as a file snapshot people can read in review; JUnit is well-formed XML with
// the counts the gate implies; JSON round-trips and is stable; HTML escapes what a hostile target
// sent. No output holds the password, not even where the recorded data slipped.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFailure } from '../src/core/terms.js';
import {
  renderConsole,
  renderHtml,
  renderJson,
  renderJUnit,
  writeReports,
} from '../src/report/render/index.js';
import { gate, summarize } from '../src/report/summary.js';
import type { RunReport } from '../src/report/types.js';
import { HOSTILE, PASSWORD, SLIP_CASE, sampleReport } from './fixtures/reports/sample-report.js';
import { findAll, parseXml, XmlError } from './fixtures/reports/xml.js';
import { packedBodies, unpackedHtml } from './helpers/html.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

interface Outputs {
  console: string;
  consoleColor: string;
  junit: string;
  json: string;
  html: string;
}

function allOutputs(report: RunReport): Outputs {
  return {
    console: renderConsole(report, { color: false }),
    consoleColor: renderConsole(report, { color: true }),
    junit: renderJUnit(report),
    json: renderJson(report),
    // As a reader sees it with every case open: the packed details too.
    html: unpackedHtml(renderHtml(report)),
  };
}

describe('the fixture', () => {
  it('has both sides, every verdict, every level, a property case, a hostile body and uncovered rows', () => {
    const r = sampleReport();
    expect(new Set(r.cases.map((c) => c.side))).toEqual(new Set(['platform', 'customer']));
    expect(new Set(r.cases.map((c) => c.verdict))).toEqual(
      new Set(['pass', 'fail', 'error', 'skip', 'info']),
    );
    expect(new Set(r.cases.map((c) => c.level))).toEqual(new Set(['MUST', 'SHOULD', 'INFO']));
    expect(r.cases.some((c) => c.property?.path)).toBe(true);
    expect(JSON.stringify(r)).toContain(HOSTILE);
    expect(r.coverage.some((row) => row.example.length + row.property.length === 0)).toBe(true);
    expect(r.coverage.some((row) => row.example.length + row.property.length > 0)).toBe(true);
    expect(new Set(r.cases.map((c) => c.id)).size).toBe(r.cases.length);
  });

  it('holds the password where the runner slipped, so the no-password checks below mean something', () => {
    expect(JSON.stringify(sampleReport())).toContain(PASSWORD);
  });
});

describe('every renderer', () => {
  it('never outputs the password', () => {
    for (const strict of [false, true]) {
      for (const [name, out] of Object.entries(allOutputs(sampleReport({ strict })))) {
        expect(out.includes(PASSWORD), `${name} (strict: ${strict}) contains the password`).toBe(false);
      }
    }
  });

  it('renders a run without cases (e.g. --only matched nothing on one side)', () => {
    const empty: RunReport = { ...sampleReport(), cases: [], notes: [], budget: undefined, coverage: [] };
    const out = allOutputs({ ...empty, summary: summarize([]), gate: gate([], false) });
    expect(out.console).toContain('gate: passed');
    const root = parseXml(out.junit);
    expect(findAll(root, 'testsuite').map((s) => s.attrs.tests)).toEqual(['0', '0']);
    expect(JSON.parse(out.json)).toMatchObject({ cases: [], gate: { passed: true } });
    expect(out.html).toContain('gate: passed');
  });

  it('cuts a huge body in the human-readable reports and keeps it whole in report.json', () => {
    const report = sampleReport();
    const big = `{"resultCode":"0","resultDesc":"${'长'.repeat(200_000)}"}`;
    const target = report.cases.find((c) => c.id === 'platform.limits.requestLists.maxItems.over');
    if (target?.exchanges[0]?.response) target.exchanges[0].response.body = big;
    const out = allOutputs(report);
    expect(out.html.length).toBeLessThan(big.length);
    expect(out.html).toContain('more characters: see report.json]');
    expect(parseXml(out.junit).name).toBe('testsuites');
    expect(out.junit).toContain('more characters: see report.json]');
    const parsed = JSON.parse(out.json) as RunReport;
    const whole = parsed.cases.find((c) => c.id === target?.id)?.exchanges[0]?.response?.body;
    expect(whole).toBe(big);
  });

  it('determinism only: the same report rendered twice gives the same text; the report is not changed', () => {
    const report = sampleReport();
    const before = structuredClone(report);
    expect(allOutputs(report)).toEqual(allOutputs(report));
    expect(report).toEqual(before);
  });
});

describe('renderConsole', () => {
  it('matches the pinned output', async () => {
    await expect(renderConsole(sampleReport(), { color: false })).toMatchFileSnapshot(
      'fixtures/reports/console.snapshot.txt',
    );
  });

  it('colours only when asked, and colour adds nothing else', () => {
    const plain = renderConsole(sampleReport(), { color: false });
    const color = renderConsole(sampleReport(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(color).toMatch(ANSI);
    expect(color.replace(ANSI, '')).toBe(plain);
  });

  it("shows a target's control characters instead of passing them to the terminal", () => {
    const plain = renderConsole(sampleReport(), { color: false });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none reach the terminal
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(plain).toContain('\\x1B[2J');
  });

  it('prints requirement → expected → actual, rerun and curl for each failure, and the gate line', () => {
    const plain = renderConsole(sampleReport(), { color: false });
    const block = plain.slice(plain.indexOf('FAIL   MUST   platform.limits.requestLists.maxItems.over'));
    const order = ['requirement', 'expected', 'actual', 'rerun', 'curl'].map((label) =>
      block.indexOf(`${label} `),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(plain.trimEnd().split('\n').at(-1)).toBe('gate: FAILED — 4 MUST failures (exit 1)');
    expect(renderConsole(sampleReport({ strict: true }), { color: false })).toContain(
      'gate: FAILED — 4 MUST failures, 2 SHOULD failures (strict) (exit 1)',
    );
  });
});

describe('renderJUnit', () => {
  function junit(strict: boolean) {
    const report = sampleReport({ strict });
    return { report, root: parseXml(renderJUnit(report)) };
  }

  it('is well-formed XML with one testsuite per side and one testcase per case', () => {
    const { report, root } = junit(false);
    expect(root.name).toBe('testsuites');
    expect(findAll(root, 'testsuite').map((s) => s.attrs.name)).toEqual(['platform', 'customer']);
    const cases = findAll(root, 'testcase');
    expect(cases).toHaveLength(report.cases.length);
    expect(cases.map((c) => c.attrs.name)).toEqual(
      report.cases.map((c) => `[${c.level}] ${c.id} — ${c.title}`),
    );
    expect(cases.map((c) => c.attrs.classname)).toEqual(report.cases.map((c) => c.clause));
    expect(cases.every((c) => /^\d+\.\d{3}$/.test(c.attrs.time ?? ''))).toBe(true);
  });

  it('fails MUST cases only without --strict; SHOULD failures and INFO pass with a <system-out>', () => {
    const { report, root } = junit(false);
    expect(findAll(root, 'failure')).toHaveLength(3);
    expect(findAll(root, 'error')).toHaveLength(1);
    expect(findAll(root, 'skipped')).toHaveLength(1);
    expect(findAll(root, 'failure').length + findAll(root, 'error').length).toBe(report.gate.failedMust);
    const byId = new Map(findAll(root, 'testcase').map((t, i) => [report.cases[i]?.id, t]));
    const should = byId.get('platform.http.status.businessError');
    expect(should?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(should?.children[0]?.text).toContain('fail the run only when strict');
    const info = byId.get('platform.report.retries');
    expect(info?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(info?.children[0]?.text).toContain('pushed the refused report 2 times');
  });

  it('fails SHOULD cases too with --strict', () => {
    const { report, root } = junit(true);
    expect(findAll(root, 'failure')).toHaveLength(4);
    expect(findAll(root, 'error')).toHaveLength(2);
    expect(findAll(root, 'failure').length + findAll(root, 'error').length).toBe(
      report.gate.failedMust + report.gate.failedShould,
    );
  });

  it("states each suite's counts in its attributes, and the totals on <testsuites>", () => {
    const { root } = junit(false);
    const count = (el: typeof root, name: string) =>
      findAll(el, 'testcase').filter((t) => t.children.some((c) => c.name === name)).length;
    for (const suite of [root, ...findAll(root, 'testsuite')]) {
      expect(Number(suite.attrs.tests)).toBe(findAll(suite, 'testcase').length);
      expect(Number(suite.attrs.failures)).toBe(count(suite, 'failure'));
      expect(Number(suite.attrs.errors)).toBe(count(suite, 'error'));
      expect(Number(suite.attrs.skipped)).toBe(count(suite, 'skipped'));
    }
  });

  it('keeps the hostile body as text, with the characters XML forbids made visible', () => {
    const { root } = junit(false);
    const out = findAll(root, 'system-out')
      .map((s) => s.text)
      .join('\n');
    expect(out).toContain(HOSTILE);
    expect(out).toContain('\\x00');
  });

  it('the well-formedness check itself rejects what it should', () => {
    const bad = [
      '<a>',
      '<a></b>',
      '<a b="1" b="2"/>',
      '<a>&nbsp;</a>',
      '<a>x & y</a>',
      '<a>\u0000</a>',
      '<a/><b/>',
      '<a b="<"/>',
    ];
    for (const xml of bad) expect(() => parseXml(xml), xml).toThrow(XmlError);
    expect(parseXml('<?xml version="1.0"?><a x="&quot;&#10;">&lt;&#x4E2D;</a>')).toEqual({
      name: 'a',
      attrs: { x: '"\n' },
      children: [],
      text: '<中',
    });
  });
});

describe('renderJson', () => {
  it('round-trips: parsing gives back the report, only the slipped password masked', () => {
    const report = sampleReport();
    const parsed = JSON.parse(renderJson(report)) as RunReport;
    const slip = parsed.cases.find((c) => c.id === SLIP_CASE);
    const original = report.cases.find((c) => c.id === SLIP_CASE);
    expect(slip?.exchanges[0]?.request.body).toContain('"password":"***"');
    expect(slip?.curl[0]).toContain('"password":"***"');
    // Put the original text back where the mask went: everything else must be equal.
    if (slip?.exchanges[0] && original?.exchanges[0])
      slip.exchanges[0].request.body = original.exchanges[0].request.body;
    if (slip && original) slip.curl = original.curl;
    expect(parsed).toEqual(report);
  });

  it('is stable: the order the run built its objects in does not matter', () => {
    const report = sampleReport();
    const reversed = JSON.parse(JSON.stringify(report), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as RunReport;
    // Headers keep the order they were recorded in; reversing them is a different recording.
    for (const [i, c] of reversed.cases.entries()) {
      for (const [j, e] of c.exchanges.entries()) {
        const o = report.cases[i]?.exchanges[j];
        if (!o) continue;
        e.request.headers = o.request.headers;
        if (e.response && o.response) e.response.headers = o.response.headers;
      }
    }
    expect(renderJson(reversed)).toBe(renderJson(report));
    const out = renderJson(report);
    expect(out.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(out) as object).slice(0, 3)).toEqual(['tool', 'startedAt', 'finishedAt']);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('writes the failed cases out and packs the details of the others, each behind a placeholder', () => {
    const report = sampleReport();
    const packed = packedBodies(html);
    const others = report.cases.filter((c) => !isFailure(c));
    expect(packed).toHaveLength(others.length);
    expect(html.match(/<div class="body" data-packed="\d+"><\/div>/g)).toHaveLength(others.length);
    for (const c of report.cases.filter(isFailure)) expect(html).toContain(`${c.message.slice(0, 40)}`);
    // Unpacked, the page holds every case's details, each once.
    const whole = unpackedHtml(html);
    expect(whole).not.toMatch(/<div class="body" data-packed=/);
    expect(whole.match(/<h4>Requirement<\/h4>/g)).toHaveLength(report.cases.length);
  });

  it('packs what many cases repeat into a fraction of its size', () => {
    const base = sampleReport();
    const big = `{"requestLists":[${Array.from({ length: 200 }, (_, i) => `{"mobiles":["86136${String(i).padStart(8, '0')}"]}`).join(',')}]}`;
    const exchange = base.cases.find((c) => c.exchanges.length > 0)?.exchanges[0];
    if (!exchange) throw new Error('the sample report has no exchange');
    const shared = { ...exchange, request: { ...exchange.request, body: big } };
    const passing = base.cases.map((c) => ({ ...c, verdict: 'pass' as const, exchanges: [shared] }));
    const page = renderHtml({ ...base, cases: passing });
    expect(unpackedHtml(page).length).toBeGreaterThan(big.length * passing.length);
    expect(page.length).toBeLessThan(big.length * 2 + html.length);
  });

  it("escapes the target's body: no raw <script>alert, the text is shown", () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Our own script is the only script that runs; the other is the packed details' data block.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    // The packed details were escaped as the rest of the page is.
    for (const body of packedBodies(html)) {
      expect(body).not.toContain('<script');
      expect(body).not.toMatch(/<img/i);
    }
  });

  it('is self-contained: no external resources, a CSP that allows only its own style and script', () => {
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(link|img|iframe|object|embed|base)\b/i);
      // In-page anchors only.
      expect(tag).not.toMatch(/\s(?:src|href|action)=(?!["']?#)/i);
    }
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('contains every case id, failures open and the rest closed', () => {
    const report = sampleReport();
    for (const c of report.cases) {
      const tag = new RegExp(`<details class="case" id="case-${c.id.replace(/\./g, '\\.')}"( open)?>`).exec(
        html,
      );
      expect(tag, c.id).not.toBeNull();
      expect(tag?.[1] === ' open', c.id).toBe(isFailure(c));
    }
  });

  it('shows the clause words in English and the original, and the coverage matrix with uncovered rows marked', () => {
    expect(html).toContain('Messages; the list holds at most 20.');
    expect(html).toContain('消息体，List长度最大支持20。');
    const report = sampleReport();
    const text = html.replace(/<wbr>/g, '');
    for (const row of report.coverage)
      expect(text).toContain(row.key.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    const uncovered = report.coverage.filter((r) => r.example.length + r.property.length === 0).length;
    expect(html.match(/<tr class="cov uncovered/g)).toHaveLength(uncovered);
  });
});

describe('writeReports', () => {
  it('writes junit.xml, report.json and report.html into a directory it creates', async () => {
    const base = await mkdtemp(join(tmpdir(), 'report-write-'));
    try {
      const report = sampleReport();
      const paths = await writeReports(report, join(base, 'nested', 'reports'));
      expect(paths.junit.endsWith(join('nested', 'reports', 'junit.xml'))).toBe(true);
      expect(await readFile(paths.junit, 'utf8')).toBe(renderJUnit(report));
      expect(await readFile(paths.json, 'utf8')).toBe(renderJson(report));
      expect(await readFile(paths.html, 'utf8')).toBe(renderHtml(report));
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
