// A soak as JUnit XML for CI systems: one <testcase> per threshold (a <failure> when it failed) and
// one per rule with findings (a <failure> for a MUST rule; a SHOULD or INFO rule passes, its story
// in <system-out>), so the CI's red matches the exit code. An interrupted soak gets an <error>.
import type { SoakReport, SoakRuleFindings, SoakThreshold } from '../../../soak/types.js';
import { printable } from '../common.js';

function text(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function thresholdCase(t: SoakThreshold, classname: string): string {
  const open = `    <testcase name="${attr(`threshold ${t.name}`)}" classname="${attr(classname)}"`;
  if (t.passed) return `${open}>\n      <system-out>${text(t.why)}</system-out>\n    </testcase>`;
  return `${open}>\n      <failure message="${attr(t.why)}" type="threshold">${text(t.why)}</failure>\n    </testcase>`;
}

function findingText(f: SoakRuleFindings): string {
  return [
    `${f.exchanges} exchange(s) broke ${f.rule.id} (${f.rule.clause}): ${f.rule.title}`,
    `first: ${f.first.message}`,
    ...(f.first.expected !== undefined ? [`expected: ${f.first.expected}`] : []),
    ...(f.first.actual !== undefined ? [`actual: ${f.first.actual}`] : []),
  ].join('\n');
}

function ruleCase(f: SoakRuleFindings): string {
  const open = `    <testcase name="${attr(`[${f.level}] ${f.rule.id} — ${f.rule.title}`)}" classname="${attr(f.rule.clause)}"`;
  const body =
    f.level === 'MUST'
      ? `<failure message="${attr(`${f.exchanges} exchange(s): ${f.first.message}`)}" type="MUST">${text(findingText(f))}</failure>`
      : `<system-out>${text(findingText(f))}</system-out>`;
  return `${open}>\n      ${body}\n    </testcase>`;
}

function properties(report: SoakReport): [string, string][] {
  const a = report.asked;
  return [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ...Object.entries(report.targets),
    ['rate', `${a.ratePerS}/s`],
    ['duration', `${a.durationS} s`],
    ['seed', String(a.seed)],
    ...(report.shard ? [['shard', `${report.shard.index}/${report.shard.total}`] as [string, string]] : []),
    ['embedded', String(report.embedded)],
    ['command', report.command],
    [
      'achieved',
      `${report.achieved.completed}/${report.achieved.scheduled} at ${report.achieved.ratePerS}/s`,
    ],
    ...(report.interrupted ? [['interrupted', report.interrupted] as [string, string]] : []),
    ...report.notes.map((n): [string, string] => ['note', n]),
  ];
}

export function renderSoakJUnit(report: SoakReport): string {
  const name = `soak ${report.side}`;
  const cases = [
    ...report.thresholds.map((t) => thresholdCase(t, name)),
    ...report.findings.map(ruleCase),
    ...(report.interrupted
      ? [
          `    <testcase name="soak ran to its end" classname="${attr(name)}">\n      <error message="${attr(report.interrupted)}" type="interrupted">${text(`${report.interrupted}: ${report.achieved.notStarted} arrival(s) not started`)}</error>\n    </testcase>`,
        ]
      : []),
  ];
  const failures =
    report.thresholds.filter((t) => !t.passed).length +
    report.findings.filter((f) => f.level === 'MUST').length;
  const errors = report.interrupted ? 1 : 0;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${(report.durationMs / 1000).toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`${report.tool.name} ${report.tool.version}`)}" ${counts}>`,
    `  <testsuite name="${attr(name)}" ${counts} timestamp="${attr(report.startedAt)}">`,
    '    <properties>',
    ...properties(report).map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
