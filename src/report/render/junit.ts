// The report as JUnit XML for CI systems: one <testsuite> per side, one <testcase> per case. Only
// what fails the gate is a <failure> (or an <error>): a MUST case, a SHOULD case under --strict.
// A SHOULD failure without --strict and every INFO observation pass, with the story in
// <system-out>, so the CI's red matches the exit code.
import type { CaseResult } from '../../cases/types.js';
import { isFailure } from '../../core/terms.js';
import type { RunReport } from '../types.js';
import {
  budgetLine,
  casesOfSide,
  exchangeTitle,
  gateLine,
  isGating,
  printable,
  quotedWords,
  redactReport,
  requestText,
  responseText,
  SIDES,
  VERDICT_LABEL,
} from './common.js';
import { caseDetails } from './console.js';

/** Per body: CI servers keep the XML in memory and show it in a browser. */
const MAX_BODY = 64 * 1024;

/** Text content: `&`, `<`, `>` escaped, and characters XML 1.0 forbids made visible (printable). */
function text(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and line breaks as references (a parser would fold them to spaces). */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function exchangesText(c: CaseResult): string {
  return c.exchanges
    .map((e, i) => `${exchangeTitle(e, i)}\n${requestText(e, MAX_BODY)}\n\n${responseText(e, MAX_BODY)}`)
    .join('\n\n');
}

function details(c: CaseResult, strict: boolean): string {
  return caseDetails(c, { color: false, strict }).join('\n');
}

function testcase(c: CaseResult, strict: boolean): string {
  const open = `    <testcase name="${attr(`[${c.level}] ${c.id} — ${c.title}`)}" classname="${attr(c.clause)}" time="${seconds(c.durationMs)}"`;
  const inner: string[] = [];
  const firstLine = c.message.split('\n')[0] ?? '';
  const out = (body: string) => inner.push(`      <system-out>${text(body)}</system-out>`);
  // What the case requires, on every testcase, passing ones too, and the original's words it quotes.
  const words = quotedWords(c);
  const properties = [
    ...(c.requirement ? [`<property name="requirement" value="${attr(c.requirement)}"/>`] : []),
    ...(words ? [`<property name="words" value="${attr(words)}"/>`] : []),
  ];
  if (properties.length > 0) inner.push(`      <properties>${properties.join('')}</properties>`);
  if (c.verdict === 'skip') {
    inner.push(`      <skipped message="${attr(firstLine)}"/>`);
  } else if (isGating(c, strict)) {
    const tag = c.verdict === 'error' ? 'error' : 'failure';
    inner.push(
      `      <${tag} message="${attr(firstLine)}" type="${c.level} ${VERDICT_LABEL[c.verdict]}">${text(details(c, strict))}</${tag}>`,
    );
    if (c.exchanges.length > 0) out(exchangesText(c));
  } else if (isFailure(c)) {
    // Reported, not gating: a SHOULD case without --strict, or an INFO case that could not observe.
    out(`${c.level} ${VERDICT_LABEL[c.verdict]}\n${details(c, strict)}\n\n${exchangesText(c)}`.trimEnd());
  } else if (c.verdict === 'info') {
    out([c.message, c.actual].filter(Boolean).join('\n'));
  }
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

function testsuite(report: RunReport, side: (typeof SIDES)[number]): string {
  const cases = casesOfSide(report, side);
  const gating = cases.filter((c) => isGating(c, report.strict));
  const count = {
    tests: cases.length,
    failures: gating.filter((c) => c.verdict === 'fail').length,
    errors: gating.filter((c) => c.verdict === 'error').length,
    skipped: cases.filter((c) => c.verdict === 'skip').length,
  };
  const time = cases.reduce((sum, c) => sum + c.durationMs, 0);
  const t = report.targets;
  const targets =
    side === 'platform'
      ? [['platform', t.platform]]
      : [
          ['uplinkUrl', t.uplinkUrl],
          ['reportUrl', t.reportUrl],
        ];
  const props: [string, string][] = [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ...targets.filter((p): p is [string, string] => typeof p[1] === 'string'),
    ['seed', String(report.seed)],
    ...(report.shard ? [['shard', `${report.shard.index}/${report.shard.total}`] as [string, string]] : []),
    ['strict', String(report.strict)],
    ['embedded', String(report.embedded)],
    ['command', report.command],
    ...(report.budget
      ? [['budget', (budgetLine(report) ?? '').replace(/^budget: /, '')] as [string, string]]
      : []),
    ...(report.interrupted
      ? [
          ['interrupted', `${report.interrupted.message}: ${report.interrupted.notRun} case(s) not run`] as [
            string,
            string,
          ],
        ]
      : []),
    ['gate', gateLine(report)],
    ...report.notes.map((n): [string, string] => ['note', n]),
  ];
  return [
    `  <testsuite name="${side}" tests="${count.tests}" failures="${count.failures}" errors="${count.errors}" skipped="${count.skipped}" time="${seconds(time)}" timestamp="${attr(report.startedAt)}">`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => testcase(c, report.strict)),
    '  </testsuite>',
  ].join('\n');
}

export function renderJUnit(input: RunReport): string {
  const report = redactReport(input);
  const gating = report.cases.filter((c) => isGating(c, report.strict));
  const totals = [
    `tests="${report.cases.length}"`,
    `failures="${gating.filter((c) => c.verdict === 'fail').length}"`,
    `errors="${gating.filter((c) => c.verdict === 'error').length}"`,
    `skipped="${report.cases.filter((c) => c.verdict === 'skip').length}"`,
    `time="${seconds(report.durationMs)}"`,
    `timestamp="${attr(report.startedAt)}"`,
  ].join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`${report.tool.name} ${report.tool.version}`)}" ${totals}>`,
    ...SIDES.map((side) => testsuite(report, side)),
    '</testsuites>',
    '',
  ].join('\n');
}
