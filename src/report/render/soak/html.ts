// The soak report as one self-contained HTML page, read like the conformance report: the verdict
// and the thresholds that failed first, then what was asked against what was achieved, latency,
// delivery, errors and findings, with plots drawn by the kit in inline SVG. Nothing is fetched (no
// script at all; a Content-Security-Policy allows only the page's own style). The report's texts
// were masked by its writer; every one is escaped here.
import { createHash } from 'node:crypto';
import { LEVELS } from '../../../core/terms.js';
import type {
  DeliveryAccounting,
  Pair,
  Percentiles,
  SoakErrorKind,
  SoakReport,
  SoakThreshold,
  ThresholdName,
} from '../../../soak/types.js';
import { formatTime, metaList } from '../common.js';
import { esc, fmtCount, fmtMs, fmtNumber, fmtRate, fmtSeconds, fmtShare, plural } from './format.js';
import { latencyOverTimePlot, ratePlot, spectrumPlot } from './plots.js';

const CSS = `
:root{--fg:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#fff;--soft:#f9fafb;
--fail:#b42318;--fail-bg:#fef3f2;--pass:#067647;--pass-bg:#ecfdf3;--skip:#93370d;--skip-bg:#fffaeb;--info:#175cd3;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 var(--sans)}
.wrap{max-width:1240px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:18px 0 8px}h4{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 6px}
code{font-family:var(--mono);font-size:13px;overflow-wrap:anywhere}
p.side{margin:0;color:var(--muted)}
header.top{border-bottom:3px solid var(--line);padding-bottom:16px}
header.top.failed{border-color:var(--fail)}header.top.passed{border-color:var(--pass)}
.gate{display:inline-block;margin:8px 0 14px;padding:6px 12px;border-radius:6px;font-weight:700}
.gate.failed{background:var(--fail);color:#fff}.gate.passed{background:var(--pass);color:#fff}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:4px 18px;margin:0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
dl.meta dt.wide{grid-column:1}dl.meta dd.wide{grid-column:2 / -1}
.callout{border-left:4px solid var(--skip);background:var(--skip-bg);padding:8px 14px;border-radius:0 6px 6px 0}
.callout ul{margin:0;padding-left:18px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
td{overflow-wrap:break-word}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft);white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.zero{color:#c0c5cd}.hot{color:var(--fail);font-weight:700}
tr.bad td:first-child{box-shadow:inset 3px 0 0 var(--fail)}
.small{font-size:13px;color:var(--muted)}
.badge{display:inline-block;min-width:52px;text-align:center;padding:1px 6px;border-radius:4px;font:700 12px/1.6 var(--mono);border:1px solid}
.badge.pass{color:var(--pass);background:var(--pass-bg);border-color:#abefc6}
.badge.fail{color:#fff;background:var(--fail);border-color:var(--fail)}
.badge.unset{color:var(--muted);background:var(--soft);border-color:var(--line)}
.lvl{font:600 12px var(--mono);color:var(--muted)}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;align-items:start}
ul.pairs{margin:0;padding-left:18px;columns:2;font-size:13px}
dl.first{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 10px;margin:4px 0 0;font-size:13px}
dl.first dt{color:var(--muted)}dl.first dd{margin:0;font-family:var(--mono);overflow-wrap:anywhere;white-space:pre-wrap}
svg.plot{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:8px;background:#fff}
svg.plot text{font:11px var(--sans);fill:var(--muted)}
svg.plot .ttl{font-size:14px;font-weight:600;fill:var(--fg)}
svg.plot .label{font-size:12px}svg.plot .empty{font-size:14px}
svg.plot .key text{fill:var(--fg)}
svg.plot .grid{stroke:#eef0f3}svg.plot .axis,svg.plot .tickmark{stroke:#98a2b3;fill:none}
svg.plot .line{fill:none;stroke-width:1.8;stroke-linejoin:round;stroke-linecap:round}
svg.plot .ref{stroke-width:1.5;stroke-dasharray:6 4}
.s-rate,.s-p50{stroke:#175cd3}.s-p99{stroke:#dc6803}.s-max,.s-err{stroke:#b42318}.s-asked{stroke:#667085}.s-delay{stroke:#6941c6}
footer{margin-top:40px;color:var(--muted);font-size:13px}
@media (max-width:1000px){.grid2{grid-template-columns:1fr}dl.meta{grid-template-columns:max-content minmax(0,1fr)}dl.meta dd.wide{grid-column:auto}}
@media print{svg.plot,tr{break-inside:avoid}}
`;

const SIDE_TITLE: Record<SoakReport['side'], string> = {
  customer: 'Customer endpoints under load (the kit plays the platform: uplinks and status reports pushed)',
  platform: 'Platform under load (the kit plays the customer: send requests, status reports awaited)',
};

/** What latency is measured between, per side. */
const LATENCY_SPAN: Record<SoakReport['side'], string> = {
  customer: 'from each push’s scheduled start to the customer’s answer',
  platform: 'from each send’s scheduled start to the platform’s answer',
};

const ERROR_MEANING: Record<SoakErrorKind, string> = {
  timeout: 'no whole answer within the timeout',
  refused: 'connection refused',
  reset: 'the connection dropped',
  tls: 'a TLS failure',
  'http-status': 'an answer other than HTTP 200',
  'body-too-large': 'an answer body over the cap',
  schema: 'an answer that breaks its schema',
  'result-code': 'a well-formed answer whose resultCode says no',
  other: 'anything else',
};

const THRESHOLD_MEANING: Record<ThresholdName, string> = {
  'max-p99-ms': 'p99 latency over the run',
  'max-error-rate': 'exchanges failed or breaking a MUST rule, over completed',
  'max-lost': 'accepted recipients no status report came for',
  'max-late': 'accepted recipients whose first status report came after statusReportWaitMs',
  'max-duplicates': 'accepted recipients reported more than once',
  'must-findings': 'exchanges with a MUST finding',
};

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A threshold's figure in its own unit. */
function thresholdValue(name: ThresholdName, v: number): string {
  if (name === 'max-p99-ms') return fmtMs(v);
  if (name === 'max-error-rate') return fmtShare(v);
  return fmtCount(v);
}

/** `soak: passed`, or `soak: FAILED — max-p99-ms (812 ms, limit 500 ms), max-lost (3, limit 0)`. */
export function soakVerdictLine(report: SoakReport): string {
  const failed = report.thresholds.filter((t) => !t.passed);
  const why = failed.map(
    (t) =>
      `${t.name} (${thresholdValue(t.name, t.actual)}${t.limit === null ? '' : `, limit ${thresholdValue(t.name, t.limit)}`})`,
  );
  const stopped = report.interrupted ? `stopped early: ${report.interrupted}` : '';
  if (report.passed) return `soak: passed${stopped ? ` (${stopped})` : ''}`;
  const all = [...why, ...(stopped ? [stopped] : [])];
  return `soak: FAILED${all.length > 0 ? ` — ${all.join(', ')}` : ''}`;
}

function num(n: number, hot = false): string {
  if (n === 0) return '<td class="n"><span class="zero">0</span></td>';
  return `<td class="n">${hot ? `<span class="hot">${fmtCount(n)}</span>` : fmtCount(n)}</td>`;
}

function header(report: SoakReport): string {
  const rows: [string, string][] = [];
  for (const [key, url] of Object.entries(report.targets)) rows.push([key, `<code>${esc(url)}</code>`]);
  if (report.embedded) rows.push(['Targets', "the kit's own mocks (embedded run)"]);
  rows.push(
    [
      'Date',
      `${esc(formatTime(report.startedAt))} → ${esc(formatTime(report.finishedAt))} (${esc(fmtSeconds(report.durationMs / 1000))})`,
    ],
    ['Tool', `${esc(report.tool.name)} ${esc(report.tool.version)}`],
    ['Seed', `<code>${esc(String(report.asked.seed))}</code>`],
    [
      'Memory (rss)',
      esc(
        `start ${fmtNumber(report.rss.startMb, 1)} MB, end ${fmtNumber(report.rss.endMb, 1)} MB, peak ${fmtNumber(report.rss.peakMb, 1)} MB`,
      ),
    ],
  );
  if (report.shard)
    rows.push([
      'Shard',
      esc(`${report.shard.index} of ${report.shard.total} (merge-reports puts the parts together)`),
    ]);
  if (report.merged !== undefined)
    rows.push(['Merged', esc(`${plural(report.merged, 'report')}: histograms added, rates summed`)]);
  if (report.interrupted) rows.push(['Interrupted', esc(report.interrupted)]);
  rows.push(['Command', `<code>${esc(report.command)}</code>`]);
  const state = report.passed ? 'passed' : 'failed';
  return `<header class="top ${state}">
<h1>SMS API soak report</h1>
<p class="side">${esc(SIDE_TITLE[report.side])}</p>
<div class="gate ${state}">${esc(soakVerdictLine(report))}</div>
${metaList(rows)}
</header>`;
}

function thresholdBadge(t: SoakThreshold): string {
  if (t.limit === null) return '<span class="badge unset">NOT SET</span>';
  return t.passed ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
}

function thresholds(report: SoakReport): string {
  if (report.thresholds.length === 0) return '';
  const rows = report.thresholds.map(
    (t) =>
      `<tr${t.passed ? '' : ' class="bad"'}><td><code>${esc(t.name === 'must-findings' ? 'MUST findings' : `--${t.name}`)}</code><div class="small">${esc(THRESHOLD_MEANING[t.name] ?? '')}</div></td><td>${thresholdBadge(t)}</td><td class="n">${t.limit === null ? '<span class="zero">not set</span>' : esc(thresholdValue(t.name, t.limit))}</td><td class="n">${t.passed ? '' : '<span class="hot">'}${esc(thresholdValue(t.name, t.actual))}${t.passed ? '' : '</span>'}</td><td>${esc(t.why)}</td></tr>`,
  );
  return `<section id="thresholds"><h2>Thresholds</h2><table><thead><tr><th>Threshold</th><th>Verdict</th><th class="n">Limit</th><th class="n">Measured</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function askedAchieved(report: SoakReport): string {
  const { asked, achieved } = report;
  const short = asked.ratePerS > 0 && achieved.ratePerS < asked.ratePerS * 0.95;
  const rows: [string, string, string, string][] = [
    [
      'Rate',
      esc(fmtRate(asked.ratePerS)),
      short ? `<span class="hot">${esc(fmtRate(achieved.ratePerS))}</span>` : esc(fmtRate(achieved.ratePerS)),
      'completed per second over the sending time',
    ],
    [
      'Duration',
      esc(fmtSeconds(asked.durationS)),
      esc(fmtSeconds(report.durationMs / 1000)),
      'the whole run',
    ],
    [
      'In flight',
      esc(`at most ${fmtCount(asked.maxInFlight)}`),
      esc(`${fmtCount(achieved.maxInFlight)} at most`),
      'exchanges in flight at once',
    ],
    [
      'Queued',
      '–',
      esc(
        `${fmtCount(achieved.queued)}${achieved.started > 0 ? ` (${fmtShare(achieved.queued / achieved.started)})` : ''}`,
      ),
      'arrivals that waited for a free slot; the wait counts in their latency',
    ],
    [
      'Arrivals',
      esc(`${fmtCount(achieved.scheduled)} scheduled`),
      esc(`${fmtCount(achieved.started)} started, ${fmtCount(achieved.completed)} completed`),
      'open arrivals: each scheduled by the clock, not by answers',
    ],
    ['Not started', '–', esc(fmtCount(achieved.notStarted)), 'due when the run was stopped'],
    ['Timeout', esc(fmtMs(asked.timeoutMs)), '–', 'no whole answer within it is a timeout'],
  ];
  if (asked.recipientsPerRequest !== undefined)
    rows.push([
      'Recipients',
      esc(`${fmtCount(asked.recipientsPerRequest)} per request`),
      '–',
      'per send request',
    ]);
  if (asked.uplinkShare !== undefined)
    rows.push([
      'Mix',
      esc(`${fmtShare(asked.uplinkShare)} uplinks`),
      '–',
      'the rest of the pushes are status reports',
    ]);
  const table = `<table><thead><tr><th></th><th>Asked</th><th>Achieved</th><th>Meaning</th></tr></thead><tbody>${rows
    .map(
      ([k, a, b, m]) =>
        `<tr><td><strong>${esc(k)}</strong></td><td>${a}</td><td>${b}</td><td class="small">${esc(m)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  return `<section id="load"><h2>Asked and achieved</h2><div class="grid2"><div>${table}</div><div>${ratePlot(report)}</div></div></section>`;
}

function percentileRow(name: string, what: string, p: Percentiles): string {
  const cells = [p.p50, p.p90, p.p99, p.p999, p.max, p.mean].map(
    (v) => `<td class="n">${p.count === 0 ? '<span class="zero">–</span>' : esc(fmtMs(v))}</td>`,
  );
  return `<tr><td><strong>${esc(name)}</strong><div class="small">${esc(what)}</div></td><td class="n">${esc(fmtCount(p.count))}</td>${cells.join('')}</tr>`;
}

function latency(report: SoakReport): string {
  const rows = [percentileRow('Latency', LATENCY_SPAN[report.side], report.latency.percentiles)];
  if (report.reportDelay)
    rows.push(
      percentileRow(
        'Report delay',
        'from the send’s answer to its first status report',
        report.reportDelay.percentiles,
      ),
    );
  const table = `<table><thead><tr><th></th><th class="n">Samples</th><th class="n">p50</th><th class="n">p90</th><th class="n">p99</th><th class="n">p99.9</th><th class="n">max</th><th class="n">mean</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const plots = [
    latencyOverTimePlot(report),
    spectrumPlot('latency', report.latency, {
      title: 'Latency distribution (percentile spectrum)',
      quantity: 'latency',
    }),
  ];
  return `<section id="latency"><h2>Latency</h2>${table}<p class="small">Percentiles of HdrHistograms (microsecond resolution, 3 significant digits): each value is the top of its bucket.</p><div class="grid2">${plots.map((p) => `<div>${p}</div>`).join('')}</div></section>`;
}

function pairs(title: string, total: number, list: readonly Pair[]): string {
  if (list.length === 0) return '';
  return `<h4>${esc(title)} (${esc(list.length < total ? `${fmtCount(list.length)} of ${fmtCount(total)} shown` : `${fmtCount(total)}`)})</h4><ul class="pairs">${list
    .map((p) => `<li><code>${esc(p.messageId)}</code> → <code>${esc(p.mobile)}</code></li>`)
    .join('')}</ul>`;
}

interface Figure {
  label: string;
  n: number;
  /** A count the reader should not miss (a delivery gone wrong). */
  hot: boolean;
  meaning: string;
  /** Shown as a share of the accepted pairs too. */
  share: boolean;
}

function accountingTable(a: DeliveryAccounting): string {
  const pending = a.pending ?? a.accepted - a.onTime - a.late - a.lost;
  const rows: Figure[] = [
    { label: 'Send requests', n: a.requests, hot: false, meaning: 'made by the kit', share: false },
    { label: 'Recipients', n: a.recipients, hot: false, meaning: 'in those requests', share: false },
    {
      label: 'Accepted',
      n: a.accepted,
      hot: false,
      meaning: '(messageId, recipient) pairs the platform accepted',
      share: false,
    },
    {
      label: 'On time',
      n: a.onTime,
      hot: false,
      meaning: `first status report within ${fmtMs(a.waitMs)} of the send’s answer`,
      share: true,
    },
    {
      label: 'Late',
      n: a.late,
      hot: a.late > 0,
      meaning: `first status report after ${fmtMs(a.waitMs)}, within the grace period`,
      share: true,
    },
    {
      label: 'Lost',
      n: a.lost,
      hot: a.lost > 0,
      meaning: `no status report within statusReportWaitMs + the grace (${fmtMs(a.waitMs + a.graceMs)}) of the send's answer`,
      share: true,
    },
    ...(pending > 0
      ? [
          {
            label: 'Pending',
            n: pending,
            hot: false,
            meaning: 'still within their wait when the soak was stopped: neither reported nor lost yet',
            share: true,
          },
        ]
      : []),
    {
      label: 'Duplicated',
      n: a.duplicated,
      hot: a.duplicated > 0,
      meaning: `reported more than once (${plural(a.extraReports, 'extra report')})`,
      share: true,
    },
    {
      label: 'Unknown',
      n: a.unknown,
      hot: a.unknown > 0,
      meaning: 'reports for a pair the kit never sent or never saw accepted',
      share: false,
    },
  ];
  return `<table><thead><tr><th></th><th class="n">Count</th><th class="n">Share</th><th>Meaning</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr${r.hot ? ' class="bad"' : ''}><td><strong>${esc(r.label)}</strong></td>${num(r.n, r.hot)}<td class="n small">${r.share && a.accepted > 0 ? esc(fmtShare(r.n / a.accepted)) : ''}</td><td class="small">${esc(r.meaning)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function delivery(report: SoakReport): string {
  const a = report.accounting;
  if (!a && !report.reportDelay) return '';
  const examples = a
    ? [
        pairs('Lost', a.lost, a.examples.lost),
        pairs('Late', a.late, a.examples.late),
        pairs('Duplicated', a.duplicated, a.examples.duplicated),
        pairs('Unknown', a.unknown, a.examples.unknown),
      ].join('')
    : '';
  const plot = report.reportDelay
    ? spectrumPlot('reportDelay', report.reportDelay, {
        title: 'Report delay distribution (percentile spectrum)',
        quantity: 'report delay',
      })
    : '';
  return `<section id="delivery"><h2>Delivery accounting</h2><div class="grid2"><div>${a ? accountingTable(a) : '<p>No delivery accounting in this report.</p>'}</div><div>${plot}</div></div>${examples ? `<h3>Examples</h3>${examples}` : ''}</section>`;
}

function errors(report: SoakReport): string {
  const kinds = Object.keys(ERROR_MEANING) as SoakErrorKind[];
  const completed = report.achieved.completed;
  const rows = kinds.map((k) => {
    const n = report.errors[k] ?? 0;
    return `<tr${n > 0 ? ' class="bad"' : ''}><td><code>${esc(k)}</code></td>${num(n, n > 0)}<td class="n small">${n > 0 && completed > 0 ? esc(fmtShare(n / completed)) : ''}</td><td class="small">${esc(ERROR_MEANING[k])}</td></tr>`;
  });
  return `<section id="errors"><h2>Errors</h2><p>Error rate: <strong>${esc(fmtShare(report.errorRate))}</strong> of ${esc(plural(completed, 'completed exchange'))} failed or broke a MUST rule.</p><table><thead><tr><th>Kind</th><th class="n">Count</th><th class="n">Share</th><th>Meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function findings(report: SoakReport): string {
  if (report.findings.length === 0)
    return '<section id="findings"><h2>Findings</h2><p>No rule found anything wrong in any exchange.</p></section>';
  const sorted = [...report.findings].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
  const rows = sorted.map((f) => {
    const first = [
      ['message', f.first.message],
      ['expected', f.first.expected],
      ['actual', f.first.actual],
    ].filter((e): e is [string, string] => e[1] !== undefined);
    return `<tr${f.level === 'MUST' ? ' class="bad"' : ''}><td><code>${esc(f.rule.id)}</code><div class="small">${esc(f.rule.title)}</div></td><td>${esc(f.rule.clause)}</td><td class="lvl">${esc(f.level)}</td>${num(f.exchanges, f.level === 'MUST')}<td><dl class="first">${first
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join('')}</dl></td></tr>`;
  });
  return `<section id="findings"><h2>Findings by rule</h2><p>Every exchange was judged by the rules the suites use; one row per rule that found something, MUST first.</p><table><thead><tr><th>Rule</th><th>Clause</th><th>Level</th><th class="n">Exchanges</th><th>First finding</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function notes(report: SoakReport): string {
  if (report.notes.length === 0) return '';
  return `<section id="notes"><h2>Notes</h2><div class="callout"><ul>${report.notes
    .map((n) => `<li>${esc(n)}</li>`)
    .join('')}</ul></div></section>`;
}

export function renderSoakHtml(report: SoakReport): string {
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; base-uri 'none'; form-action 'none'`;
  const state = report.passed ? 'PASSED' : 'FAILED';
  const target = Object.values(report.targets)[0] ?? 'embedded mocks';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<title>${state} · SMS API soak · ${esc(report.side)} · ${esc(target)} · ${esc(formatTime(report.startedAt))}</title>
<style>${CSS}</style>
</head>
<body><div class="wrap">
${header(report)}
<main>
${thresholds(report)}
${askedAchieved(report)}
${latency(report)}
${delivery(report)}
${errors(report)}
${findings(report)}
${notes(report)}
</main>
<footer>Generated by ${esc(report.tool.name)} ${esc(report.tool.version)}. The plots are drawn from the histograms stored in <code>report.json</code> (HdrHistogram, lossless: merged shards give the percentiles of one histogram of every sample).</footer>
</div>
</body>
</html>
`;
}
