// The report a vendor can hand over: one self-contained HTML page (inline CSS, no external
// resources). Without JavaScript it reads whole but for the details of the cases that did not fail,
// which are packed in the page (packed-bodies.ts); a small inline script unpacks a case when it is
// opened, and adds filters. Everything a target sent is untrusted: every text goes through esc(),
// and a Content-Security-Policy that allows only this page's own style and script is the second
// line if escaping ever failed.
import { createHash } from 'node:crypto';
import type { CaseResult, Exchange, Verdict } from '../../cases/types.js';
import { isFailure } from '../../core/terms.js';
import type { CoverageRow, RunReport } from '../types.js';
import {
  budgetLine,
  casesOfSide,
  clauseOf,
  esc,
  exchangeTitle,
  formatMs,
  formatTime,
  gateLine,
  isGating,
  LEVELS,
  metaList,
  printable,
  quotedWords,
  redactReport,
  requestText,
  responseText,
  SIDES,
  spendingRows,
  truncate,
  VERDICT_LABEL,
  VERDICTS,
} from './common.js';
import { PACKED_ID, PackedBodies } from './packed-bodies.js';
import { CERTIFICATE_LABEL, provenanceLines } from './provenance.js';

/** Per body and per command: a 1 MB body would make the page unusable; report.json keeps it whole. */
const MAX_TEXT = 64 * 1024;

/**
 * HTML-escapes text for element content only (never an attribute value): `"` and `'` are plain
 * there, and JSON bodies are full of them (each `&quot;` is six bytes where one would do).
 */
function escText(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped, with line-break opportunities after dots: `SendTemplateMessageRequest.requestLists` wraps whole words. */
function breakable(s: string): string {
  return esc(s).replace(/\./g, '.<wbr>');
}

/** An element id any case id can become (ids are dotted words, but the page must not trust that). */
function anchor(id: string): string {
  return `case-${id.replace(/[^A-Za-z0-9._-]/g, (ch) => `_${ch.codePointAt(0)?.toString(16) ?? ''}_`)}`;
}

/** A proxy's report: no side was played by the kit; each is judged on what it sent. */
const OBSERVED_SIDE_TITLE: Record<(typeof SIDES)[number], string> = {
  platform: 'Platform (its answers and pushes, as observed)',
  customer: 'Customer (its requests and its answers to pushes, as observed)',
};

const SIDE_TITLE: Record<(typeof SIDES)[number], string> = {
  platform: 'Platform (the kit plays the customer)',
  customer: 'Customer endpoints (the kit plays the platform)',
};

const LEVEL_MEANING: Record<string, string> = {
  MUST: 'the spec states it; a failure fails the run',
  SHOULD: 'our documented reading; fails the run only when strict',
  INFO: 'observed, never fails',
};

const CSS = `
:root{--fg:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#fff;--soft:#f9fafb;
--fail:#b42318;--fail-bg:#fef3f2;--fail-line:#fda29b;--error:#c11574;--error-bg:#fdf2fa;
--pass:#067647;--pass-bg:#ecfdf3;--skip:#93370d;--skip-bg:#fffaeb;--info:#175cd3;--info-bg:#eff8ff;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace}
*{box-sizing:border-box}
[hidden]{display:none!important}
.body[data-packed]:empty::before{content:"(this case's details are packed in the page and shown by its script; report.json holds them too)";color:var(--muted);font-size:13px}
a.id{font-family:var(--mono);font-size:13px;overflow-wrap:anywhere}
html{color-scheme:light}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
.wrap{max-width:1240px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:24px 0 8px}h4{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 6px}
code,pre{font-family:var(--mono);font-size:13px}
pre{margin:0;padding:10px 12px;background:var(--soft);border:1px solid var(--line);border-radius:6px;
white-space:pre-wrap;overflow-wrap:anywhere}
a{color:var(--info)}
header.top{border-bottom:3px solid var(--line);padding-bottom:16px}
header.top.failed{border-color:var(--fail)}header.top.passed{border-color:var(--pass)}
.gate{display:inline-block;margin:8px 0 14px;padding:6px 12px;border-radius:6px;font-weight:700}
.gate.failed{background:var(--fail);color:#fff}.gate.passed{background:var(--pass);color:#fff}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:4px 18px;margin:0}
dl.meta dt.wide{grid-column:1}dl.meta dd.wide{grid-column:2 / -1}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.callout{border-left:4px solid var(--skip);background:var(--skip-bg);padding:8px 14px;border-radius:0 6px 6px 0}
.callout ul{margin:0;padding-left:18px}
.failures li{margin:2px 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
td{overflow-wrap:break-word}
table.coverage td,table.clauses td{overflow-wrap:anywhere}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft);white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.zero{color:#c0c5cd}.hot{color:var(--fail);font-weight:700}
tr.bad td:first-child{box-shadow:inset 3px 0 0 var(--fail)}
.small{font-size:13px;color:var(--muted)}
.badge{display:inline-block;min-width:52px;text-align:center;padding:1px 6px;border-radius:4px;font:700 12px/1.6 var(--mono);border:1px solid}
.badge.pass{color:var(--pass);background:var(--pass-bg);border-color:#abefc6}
.badge.fail{color:#fff;background:var(--fail);border-color:var(--fail)}
.badge.error{color:#fff;background:var(--error);border-color:var(--error)}
.badge.skip{color:var(--skip);background:var(--skip-bg);border-color:#fedf89}
.badge.info{color:var(--info);background:var(--info-bg);border-color:#b2ddff}
.lvl{font:600 12px var(--mono);color:var(--muted)}
table.cases td.v{width:76px}table.cases td.l{width:84px}table.cases td.t{width:76px;text-align:right;color:var(--muted);font-size:13px}
tr.case.fail>td,tr.case.error>td{background:var(--fail-bg)}
tr.case.error>td{background:var(--error-bg)}
tr.case.nongating>td{background:var(--skip-bg)}tr.case.nongating .body{border-color:#fedf89}
p.outcome.nongating{color:var(--skip)}
details>summary{cursor:pointer;list-style-position:outside}
summary .id{font-weight:600}summary .title{margin-left:6px}
summary .clause{display:block;font-size:13px;color:var(--muted)}
summary .why{display:block;font-size:13px;color:var(--muted)}
details.case[open]>summary{margin-bottom:8px}
.body{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:4px 16px 16px}
tr.case.fail .body{border-color:var(--fail-line)}
.outcome{margin:12px 0 4px;font-weight:600}
.outcome.fail,.outcome.error{color:var(--fail)}
blockquote{margin:0;padding:8px 14px;border-left:4px solid var(--line);background:var(--soft);border-radius:0 6px 6px 0}
blockquote p{margin:2px 0}blockquote .cl{font-weight:600}
dl.ea{display:grid;grid-template-columns:90px minmax(0,1fr);gap:6px 12px;margin:12px 0 0}
dl.ea dt{font-weight:600;padding-top:9px}dl.ea dd{margin:0}
dl.ea dd.actual pre{border-color:var(--fail-line);background:var(--fail-bg)}
.http{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:10px}
h5,h6{margin:12px 0 4px;font-size:12px;color:var(--muted)}
.exchange h5{margin:12px 0 0;font-size:13px}
pre.cmd{background:#101828;color:#f2f4f7;border-color:#101828}
table.coverage{table-layout:fixed;font-size:14px}col.w7{width:7%}col.w16{width:16%}col.w25{width:25%}col.w29{width:29%}
tr.uncovered.must td{background:var(--fail-bg)}tr.uncovered.should td{background:var(--skip-bg)}
tr.uncovered td.none{color:var(--fail);font-weight:600}
.filter{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;margin:0 0 10px;padding:8px 12px;background:var(--soft);border:1px solid var(--line);border-radius:6px;font-size:14px}
.filter button{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
.grid2{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:28px;align-items:start}
.grid2 h3{margin-top:8px}
table.clauses{table-layout:fixed}col.w48{width:48%}col.w12{width:12%}col.w8{width:8%}
.ell{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
footer{margin-top:40px;color:var(--muted);font-size:13px}
@media (max-width:1000px){.grid2{grid-template-columns:1fr}dl.meta{grid-template-columns:max-content minmax(0,1fr)}dl.meta dd.wide{grid-column:auto}}
@media print{.filter{display:none}details>summary{list-style:none}tr.case{break-inside:avoid}}
`;

// Unpacks a case's details when it is opened, and the filters, which the script reveals itself so
// a reader without JavaScript never sees controls that do nothing.
const SCRIPT = `(()=>{let packed;
const unpack=()=>packed??=(async()=>{const el=document.getElementById('${PACKED_ID}');
const bytes=Uint8Array.from(atob(el.textContent.trim()),(c)=>c.charCodeAt(0));
return JSON.parse(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text());})();
const fill=async(d)=>{const p=d.querySelector('[data-packed]');if(!p)return;const t=document.createElement('template');
t.innerHTML=(await unpack())[Number(p.dataset.packed)];if(p.isConnected)p.replaceWith(t.content);};
for(const d of document.querySelectorAll('details.case')){if(d.open)fill(d);d.addEventListener('toggle',()=>{if(d.open)fill(d);});}
const f=document.getElementById('filter');if(!f)return;f.hidden=false;
const cf=document.getElementById('coverage-filter');if(cf)cf.hidden=false;
const q=(s)=>[...document.querySelectorAll(s)];
const apply=()=>{const on=new Set(q('#filter input[name=v]:checked').map((i)=>i.value));
for(const r of q('tr.case'))r.hidden=!on.has(r.dataset.verdict);
const u=document.getElementById('uncovered-only');if(u)for(const r of q('tr.cov'))r.hidden=u.checked&&!r.classList.contains('uncovered');};
f.addEventListener('change',apply);
document.getElementById('uncovered-only')?.addEventListener('change',apply);
document.getElementById('expand-all').addEventListener('click',()=>{for(const d of q('details.case'))d.open=true;});
document.getElementById('collapse-all').addEventListener('click',()=>{for(const d of q('details.case'))d.open=false;});
})();`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function badge(v: Verdict): string {
  return `<span class="badge ${v}">${VERDICT_LABEL[v]}</span>`;
}

function num(n: number, hot = false): string {
  if (n === 0) return '<td class="n"><span class="zero">0</span></td>';
  return `<td class="n">${hot ? `<span class="hot">${n}</span>` : n}</td>`;
}

function pre(text: string, cls = ''): string {
  return `<pre${cls ? ` class="${cls}"` : ''}>${escText(truncate(text, MAX_TEXT))}</pre>`;
}

function header(report: RunReport): string {
  const t = report.targets;
  const rows: [string, string][] = [];
  if (report.embedded)
    rows.push(['Targets', "the kit's own mock platform and mock customer endpoint (embedded run)"]);
  const p = provenanceLines(report);
  for (const [key, label] of [
    ['platform', 'Platform'],
    ['uplinkUrl', 'Uplink URL'],
    ['reportUrl', 'Report URL'],
  ] as const) {
    const url = t[key];
    const fingerprint = p?.certificates[key];
    if (url)
      rows.push([
        label,
        `<code>${esc(url)}</code>${fingerprint ? `<br><span class="small">${esc(CERTIFICATE_LABEL)} <code>${esc(fingerprint)}</code></span>` : ''}`,
      ]);
  }
  rows.push(
    [
      'Date',
      `${esc(formatTime(report.startedAt))} → ${esc(formatTime(report.finishedAt))} (${esc(formatMs(report.durationMs))})`,
    ],
    ['Tool', `${esc(report.tool.name)} ${esc(report.tool.version)}${p ? ` · ${esc(p.kit)}` : ''}`],
    ...(p
      ? [
          ['Spec', esc(p.spec)] as [string, string],
          ['Profile', `<code>${esc(p.profile)}</code>`] as [string, string],
        ]
      : []),
    ...(report.observed
      ? [
          [
            'Observed',
            `the traffic between ${esc(report.observed.between)}, as it passed through the proxy`,
          ] as [string, string],
        ]
      : [['Seed', `<code>${report.seed}</code>`] as [string, string]]),
    ...(report.shard
      ? [
          [
            'Shard',
            `${report.shard.index} of ${report.shard.total} (merge-reports puts the parts together)`,
          ] as [string, string],
        ]
      : []),
    [
      'Strict',
      report.strict ? 'yes: SHOULD failures fail the run' : 'no: SHOULD failures are reported, not gating',
    ],
  );
  if (report.interrupted) {
    const i = report.interrupted;
    rows.push([
      'Interrupted',
      `${esc(i.message)}: ${i.notRun} case(s) not run (shown as skipped, “not run”)`,
    ]);
  }
  const budget = budgetLine(report);
  if (budget) rows.push(['Budget', esc(budget.replace(/^budget: /, ''))]);
  rows.push(['Command', `<code>${esc(report.command)}</code>`]);
  const state = report.gate.passed ? 'passed' : 'failed';
  return `<header class="top ${state}">
<h1>SMS API conformance report</h1>
<div class="gate ${state}">${esc(gateLine(report))}</div>
${metaList(rows)}
</header>`;
}

/** Recipients accepted per family of cases: what the plan said, what the run spent. */
function spending(report: RunReport): string {
  const rows = spendingRows(report);
  if (rows.length === 0) return '';
  return `<section id="spending"><h2>Spending</h2><p>Recipients accepted per family of cases, on the profile's phones and on its sink numbers: planned (what a conforming platform accepts, worked out before the run) and spent.</p><table><thead><tr><th>Family</th><th class="n">Planned, phones</th><th class="n">Planned, sinks</th><th class="n">Spent, phones</th><th class="n">Spent, sinks</th></tr></thead><tbody>${rows
    .map(
      ([family, ...figures]) =>
        `<tr><td>${esc(family)}</td>${figures.map((f) => `<td class="n">${esc(f)}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>${overspending(report)}</section>`;
}

/** The cases that got more accepted than the plan gives them (the target accepted what a conforming platform refuses). */
function overspending(report: RunReport): string {
  const over = (report.budget?.families ?? []).flatMap((f) => f.over ?? []);
  if (over.length === 0) return '';
  return `<p><strong>More accepted than planned</strong>, by these cases:</p><ul>${over
    .map(
      (c) =>
        `<li><a class="id" href="#${esc(anchor(c.id))}">${esc(c.id)}</a>: ${c.spent} accepted where the plan gives ${c.planned} (${esc(c.why)})</li>`,
    )
    .join('')}</ul>`;
}

function notes(report: RunReport): string {
  if (report.notes.length === 0) return '';
  return `<section id="notes"><h2>Notes</h2><div class="callout"><ul>${report.notes
    .map((n) => `<li>${esc(n)}</li>`)
    .join('')}</ul></div></section>`;
}

function failureList(report: RunReport): string {
  const failed = report.cases.filter(isFailure);
  if (failed.length === 0) return '';
  const items = failed.map((c) => {
    const gating = isGating(c, report.strict) ? '' : ' <span class="small">(not gating)</span>';
    return `<li>${badge(c.verdict)} <span class="lvl">${c.level}</span> <a href="#${esc(anchor(c.id))}"><code>${esc(c.id)}</code></a> — ${esc(c.title)}${gating}</li>`;
  });
  return `<section id="failures"><h2>Failures</h2><ul class="failures">${items.join('')}</ul></section>`;
}

function summaryByLevel(report: RunReport): string {
  const rows = LEVELS.map((level) => {
    const counts = report.summary[level];
    const total = VERDICTS.reduce((sum, v) => sum + counts[v], 0);
    const bad = counts.fail + counts.error > 0;
    return `<tr${bad ? ' class="bad"' : ''}><td><strong>${level}</strong><div class="small">${esc(LEVEL_MEANING[level] ?? '')}</div></td>${VERDICTS.map(
      (v) => num(counts[v], (v === 'fail' || v === 'error') && level !== 'INFO'),
    ).join('')}${num(total)}</tr>`;
  });
  return `<div><h3>By level</h3><table><thead><tr><th>Level</th>${VERDICTS.map(
    (v) => `<th class="n">${v}</th>`,
  ).join('')}<th class="n">total</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

function summaryByClause(report: RunReport): string {
  const byClause = new Map<string, CaseResult[]>();
  for (const c of report.cases) byClause.set(c.clause, [...(byClause.get(c.clause) ?? []), c]);
  const rows = [...byClause.keys()].sort(naturalOrder).map((id) => {
    const cases = byClause.get(id) ?? [];
    const cl = clauseOf({ clause: id });
    const count = (v: Verdict) => cases.filter((c) => c.verdict === v).length;
    const levels = LEVELS.filter((l) => cases.some((c) => c.level === l)).join(', ');
    const bad = cases.some((c) => isFailure(c) && c.level !== 'INFO');
    // One line per clause (the full words on hover and in each case): the cases should start high on the page.
    return `<tr${bad ? ' class="bad"' : ''}><td><strong>${breakable(id)}</strong><div class="small ell" title="${esc(cl.text)}">${esc(
      cl.text,
    )}</div></td><td class="lvl">${levels}</td>${VERDICTS.map((v) => num(count(v), v === 'fail' || v === 'error')).join('')}</tr>`;
  });
  const cols = `<colgroup><col class="w48"><col class="w12">${'<col class="w8">'.repeat(VERDICTS.length)}</colgroup>`;
  return `<div><h3>By clause</h3><table class="clauses">${cols}<thead><tr><th>Clause</th><th>Levels</th>${VERDICTS.map(
    (v) => `<th class="n">${v}</th>`,
  ).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** An exchange's request and answer, each as the report shows it (what several cases may share). */
function exchangeBlock(e: Exchange, i: number): string {
  const request = pre(requestText(e, MAX_TEXT));
  const response = pre(responseText(e, MAX_TEXT));
  return `<div class="exchange"><h5>${esc(exchangeTitle(e, i))}</h5><div class="http"><div><h6>Request</h6>${request}</div><div><h6>${
    e.response ? 'Response' : 'No response'
  }</h6>${response}</div></div></div>`;
}

/** The words of the clause a case cites, as the report quotes them. */
function clauseQuote(c: CaseResult): string {
  const cl = clauseOf(c);
  return `<blockquote><p class="cl">${esc(cl.id)}</p><p>${esc(cl.text)}</p>${
    cl.original ? `<p lang="zh">原文: ${esc(cl.original)}</p>` : ''
  }</blockquote>`;
}

/** The original's words a MUST case quotes for what it expects (CaseMeta.words), under its clause. */
function wordsQuote(c: CaseResult): string {
  const words = quotedWords(c);
  return words
    ? `<p class="words small">MUST by the original's words: <span lang="zh">${esc(words)}</span></p>`
    : '';
}

function caseBody(c: CaseResult, strict: boolean): string {
  const cl = clauseOf(c);
  const parts: string[] = [];
  const nongating = isFailure(c) && !isGating(c, strict);
  const note = !nongating
    ? ''
    : c.level === 'INFO'
      ? ' (INFO cases never fail the run)'
      : ' (fails the run only when strict)';
  parts.push(
    `<p class="outcome ${c.verdict}${nongating ? ' nongating' : ''}">${VERDICT_LABEL[c.verdict]} · ${c.level}${esc(note)}: ${esc(c.message)}</p>`,
  );
  parts.push(
    `<h4>Requirement</h4>${
      c.requirement && c.requirement !== `${cl.id}: ${cl.text}`
        ? `<p class="requirement">${esc(c.requirement)}</p>`
        : ''
    }${clauseQuote(c)}${wordsQuote(c)}`,
  );
  if (c.expected || c.actual) {
    parts.push(
      `<dl class="ea">${c.expected ? `<dt>Expected</dt><dd>${pre(c.expected)}</dd>` : ''}${
        c.actual ? `<dt>Actual</dt><dd class="${isFailure(c) ? 'actual' : ''}">${pre(c.actual)}</dd>` : ''
      }</dl>`,
    );
  }
  const facts = [`${c.kind} case`, `${c.side} side`, `took ${formatMs(c.durationMs)}`];
  if (c.decisions?.length) facts.push(`decisions ${c.decisions.join(', ')} (docs/spec-decisions.md)`);
  parts.push(`<p class="small">${esc(facts.join(' · '))}</p>`);
  if (c.covers?.length) {
    parts.push(
      `<p class="small">Also covers: ${c.covers.map((k) => `<code>${esc(k)}</code>`).join(', ')}</p>`,
    );
  }
  if (c.property) {
    const p = c.property;
    const rows = [`seed ${p.seed}`, `${p.runs} runs`, ...(p.path === undefined ? [] : [`path ${p.path}`])];
    parts.push(
      `<h4>Property</h4><p><code>${esc(rows.join(' · '))}</code></p>${
        p.counterexample ? `<h6>Counterexample (shrunk)</h6>${pre(p.counterexample)}` : ''
      }`,
    );
  }
  if (c.exchanges.length > 0)
    parts.push(`<h4>Exchanges</h4>${c.exchanges.map((e, i) => exchangeBlock(e, i)).join('')}`);
  parts.push(
    `<h4>Reproduce</h4>${pre(c.rerun, 'cmd')}${c.curl.map((curl) => `<h6>curl (password redacted; run it from the report folder)</h6>${pre(curl, 'cmd')}`).join('')}`,
  );
  return `<div class="body">${parts.join('\n')}</div>`;
}

/** A case's row: a failure's details written out (open), any other case's packed (packed-bodies.ts). */
function caseRow(c: CaseResult, strict: boolean, packed: PackedBodies): string {
  const open = isFailure(c) ? ' open' : '';
  const nongating = isFailure(c) && !isGating(c, strict) ? ' nongating' : '';
  const why =
    c.verdict === 'skip' || c.verdict === 'info'
      ? `<span class="why">${esc(c.message.split('\n')[0] ?? '')}</span>`
      : '';
  return `<tr class="case ${c.verdict}${nongating}" data-verdict="${c.verdict}" data-level="${c.level}">
<td class="v">${badge(c.verdict)}</td><td class="l lvl">${c.level}</td>
<td><details class="case" id="${esc(anchor(c.id))}"${open}><summary><code class="id">${esc(c.id)}</code><span class="title">${esc(
    c.title,
  )}</span><span class="clause">${esc(c.clause)}</span>${why}</summary>
${isFailure(c) ? caseBody(c, strict) : packed.pack(caseBody(c, strict))}
</details></td><td class="t">${esc(formatMs(c.durationMs))}</td></tr>`;
}

function casesSection(report: RunReport, packed: PackedBodies): string {
  const filter = `<form id="filter" class="filter" hidden><strong>Show</strong>${VERDICTS.map(
    (v) => `<label><input type="checkbox" name="v" value="${v}" checked> ${VERDICT_LABEL[v]}</label>`,
  ).join(
    '',
  )}<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></form>`;
  const sides = SIDES.map((side) => {
    const cases = casesOfSide(report, side);
    if (cases.length === 0) return '';
    return `<h3>${esc((report.observed ? OBSERVED_SIDE_TITLE : SIDE_TITLE)[side])} · ${cases.length} cases</h3>
<table class="cases"><thead><tr><th>Verdict</th><th>Level</th><th>Case</th><th class="n">Time</th></tr></thead><tbody>
${cases.map((c) => caseRow(c, report.strict, packed)).join('\n')}
</tbody></table>`;
  });
  return `<section id="cases"><h2>Cases</h2>${filter}${sides.join('\n')}</section>`;
}

function caseLinks(ids: string[]): string {
  return ids.map((id) => `<a class="id" href="#${esc(anchor(id))}">${esc(id)}</a>`).join('<br>');
}

function coverageSection(rows: CoverageRow[]): string {
  const uncovered = rows.filter((r) => r.example.length + r.property.length === 0);
  const mustUncovered = uncovered.filter((r) => r.level === 'MUST').length;
  const body = rows.map((r) => {
    const none = r.example.length + r.property.length === 0;
    const cls = `cov${none ? ` uncovered ${r.level.toLowerCase()}` : ''}`;
    return `<tr class="${cls}"><td><code>${breakable(r.key)}</code></td><td>${esc(r.kind)}</td><td class="lvl">${esc(r.level)}</td><td>${esc(
      r.description,
    )}</td>${none ? '<td class="none" colspan="2">no case</td>' : `<td>${caseLinks(r.example)}</td><td>${caseLinks(r.property)}</td>`}</tr>`;
  });
  return `<section id="coverage"><h2>Requirement coverage</h2>
<p>${rows.length - uncovered.length} of ${rows.length} requirements have a case; ${uncovered.length} have none (${mustUncovered} of them MUST), highlighted below. Rows come from the clause index, the schemas' limits and the §5.1 result codes.</p>
<div class="filter" id="coverage-filter" hidden><label><input type="checkbox" id="uncovered-only"> Only requirements without a case</label></div>
<table class="coverage"><colgroup><col class="w25"><col class="w7"><col class="w7"><col class="w29"><col class="w16"><col class="w16"></colgroup>
<thead><tr><th>Requirement</th><th>Kind</th><th>Level</th><th>Description</th><th>Example cases</th><th>Property cases</th></tr></thead><tbody>
${body.join('\n')}
</tbody></table></section>`;
}

export function renderHtml(input: RunReport): string {
  const report = redactReport(input);
  const packed = new PackedBodies();
  const cases = casesSection(report, packed);
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; base-uri 'none'; form-action 'none'`;
  const state = report.gate.passed ? 'PASSED' : 'FAILED';
  const target =
    report.targets.platform ?? report.targets.uplinkUrl ?? report.targets.reportUrl ?? 'embedded mocks';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<title>${state} · SMS API conformance · ${esc(target)} · ${esc(formatTime(report.startedAt))}</title>
<style>${CSS}</style>
</head>
<body><div class="wrap">
${header(report)}
<main>
${notes(report)}
${failureList(report)}
${spending(report)}
<section id="summary"><h2>Summary</h2><div class="grid2">${summaryByLevel(report)}${summaryByClause(report)}</div></section>
${cases}
${coverageSection(report.coverage)}
</main>
<footer>Generated by ${esc(report.tool.name)} ${esc(report.tool.version)}. Long bodies are cut here; <code>report.json</code> holds every exchange whole. The details of the cases that did not fail are packed in this page and shown by its script when a case is opened. Passwords are redacted everywhere.</footer>
</div>
${packed.dataBlock()}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
