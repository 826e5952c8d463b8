// The report on a terminal: one line per case, and under each failure what h2spec prints
// (requirement → expected → actual) and what Schemathesis ends with (a rerun command and a curl).
// Then the notes, the budget, the counts by level and the gate line. Colour only when asked.
import type { CaseResult, Verdict } from '../../cases/types.js';
import { isFailure } from '../../core/terms.js';
import type { RunReport } from '../types.js';
import {
  budgetLine,
  casesOfSide,
  clauseOf,
  formatMs,
  formatTime,
  gateLine,
  isGating,
  LEVELS,
  printable,
  quotedWords,
  redactCase,
  redactReport,
  SIDES,
  spendingRows,
  truncate,
  VERDICT_LABEL,
  VERDICTS,
} from './common.js';
import { CERTIFICATE_LABEL, provenanceLines } from './provenance.js';

export interface ConsoleOptions {
  color: boolean;
}

export interface CaseOptions extends ConsoleOptions {
  /** Whether SHOULD failures gate (the report's `strict`). */
  strict: boolean;
  /** Put before every detail line. */
  indent?: string;
  /** Pad ids to this width, so titles line up. */
  idWidth?: number;
}

type Paint = (code: string, text: string) => string;

const VERDICT_COLOR: Record<Verdict, string> = {
  pass: '32',
  fail: '1;31',
  error: '1;35',
  skip: '33',
  info: '36',
};

/** A curl with a 1 MB body is not worth a terminal page; report.json keeps it whole. */
const MAX_LINE = 2000;
const VERDICT_WIDTH = 6;
const LEVEL_WIDTH = 7;
const LABEL_WIDTH = 15;
const MAX_ID_WIDTH = 56;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/** One value under a label, continuation lines aligned under the first. */
function labelled(indent: string, label: string, value: string, paint: Paint): string[] {
  const pad = `${indent}${' '.repeat(LABEL_WIDTH)}`;
  const [first = '', ...rest] = truncate(printable(value), MAX_LINE).split('\n');
  return [
    `${indent}${paint('2', label.padEnd(LABEL_WIDTH))}${first}`.trimEnd(),
    ...rest.map((l) => `${pad}${l}`.trimEnd()),
  ];
}

/**
 * What explains a case that did not simply pass: its message, and for a failure the requirement,
 * expectation, actual, property seed, rerun command and curls (shared with the JUnit renderer).
 */
export function caseDetails(c: CaseResult, opts: CaseOptions): string[] {
  if (c.verdict === 'pass') return [];
  const paint = painter(opts.color);
  const indent = opts.indent ?? '';
  const out: string[] = [];
  if (isFailure(c) && !isGating(c, opts.strict)) {
    const why =
      c.level === 'SHOULD' ? 'SHOULD cases fail the run only when strict' : 'INFO cases never fail the run';
    out.push(`${indent}${paint('2', `(not gating: ${why})`)}`);
  }
  const msg = printable(c.message);
  if (msg && msg !== c.actual && msg !== c.expected) out.push(...msg.split('\n').map((l) => `${indent}${l}`));
  if (!isFailure(c)) return out;
  const cl = clauseOf(c);
  const clauseLine = `${cl.id}: ${cl.text}`;
  // The case's own requirement, then the clause it rests on (once, when they are the same).
  if (c.requirement && c.requirement !== clauseLine)
    out.push(...labelled(indent, 'requirement', c.requirement, paint));
  out.push(
    ...labelled(
      indent,
      c.requirement && c.requirement !== clauseLine ? 'clause' : 'requirement',
      clauseLine,
      paint,
    ),
  );
  if (cl.original) out.push(...labelled(indent, '', cl.original, paint));
  const words = quotedWords(c);
  if (words) out.push(...labelled(indent, 'words', words, paint));
  if (c.expected) out.push(...labelled(indent, 'expected', c.expected, paint));
  if (c.actual) out.push(...labelled(indent, 'actual', c.actual, paint));
  for (const e of c.exchanges) {
    if (e.error)
      out.push(...labelled(indent, 'transport', `${e.request.method} ${e.request.url}: ${e.error}`, paint));
  }
  if (c.property) {
    const p = c.property;
    const path = p.path === undefined ? '' : ` · path ${p.path}`;
    out.push(...labelled(indent, 'property', `seed ${p.seed}${path} · ${p.runs} runs`, paint));
    if (p.counterexample) out.push(...labelled(indent, 'counterexample', p.counterexample, paint));
  }
  out.push(...labelled(indent, 'rerun', c.rerun, paint));
  for (const curl of c.curl) out.push(...labelled(indent, 'curl', curl, paint));
  return out;
}

/** One case: its line, and for a failure or a skip or an observation the lines that explain it. */
export function renderConsoleCase(c: CaseResult, opts: CaseOptions): string {
  const paint = painter(opts.color);
  const verdict = paint(VERDICT_COLOR[c.verdict], VERDICT_LABEL[c.verdict].padEnd(VERDICT_WIDTH));
  const id = printable(c.id).padEnd(opts.idWidth ?? 0);
  const line = `${verdict} ${c.level.padEnd(LEVEL_WIDTH)}${id}  ${printable(c.clause)} — ${printable(c.title)}`;
  const indent = ' '.repeat(VERDICT_WIDTH + 1 + LEVEL_WIDTH);
  return [line, ...caseDetails(c, { ...opts, indent })].join('\n');
}

const TARGET_LABELS = [
  ['platform', 'platform'],
  ['uplinkUrl', 'uplink'],
  ['reportUrl', 'report'],
] as const;

function header(report: RunReport): string[] {
  const t = report.targets;
  const lines = [
    `${report.tool.name} ${report.tool.version}${report.embedded ? ' (embedded mock targets)' : ''}`,
  ];
  const p = provenanceLines(report);
  if (p) lines.push(`  kit       ${p.kit}`, `  spec      ${p.spec}`, `  profile   ${p.profile}`);
  for (const [key, label] of TARGET_LABELS) {
    const url = t[key];
    if (!url) continue;
    lines.push(`  ${label.padEnd(8)}  ${url}`);
    const fingerprint = p?.certificates[key];
    if (fingerprint) lines.push(`            ${CERTIFICATE_LABEL} ${fingerprint}`);
  }
  if (report.interrupted)
    lines.push(`  INTERRUPTED: ${report.interrupted.message}; ${report.interrupted.notRun} case(s) not run`);
  // Watched traffic has no seed: what was observed, between whom, from when to when.
  const span = report.observed
    ? `  observed  traffic between ${report.observed.between}, from ${formatTime(report.startedAt)} to ${formatTime(report.finishedAt)}`
    : `  started ${formatTime(report.startedAt)}, took ${formatMs(report.durationMs)} · seed ${report.seed}${report.shard ? ` · shard ${report.shard.index}/${report.shard.total}` : ''}`;
  lines.push(`${span} · strict: ${report.strict ? 'yes' : 'no'}`, `  command   ${report.command}`);
  return lines.map(printable);
}

function summaryTable(report: RunReport, paint: Paint): string[] {
  const cell = (n: number, v: Verdict) => {
    const text = String(n).padStart(6);
    return n > 0 && (v === 'fail' || v === 'error') ? paint(VERDICT_COLOR[v], text) : text;
  };
  return [
    `summary ${VERDICTS.map((v) => v.padStart(6)).join('')}`,
    ...LEVELS.map(
      (level) => `  ${level.padEnd(6)}${VERDICTS.map((v) => cell(report.summary[level][v], v)).join('')}`,
    ),
  ];
}

/** The width ids are padded to, so that titles line up. */
export function idWidthOf(cases: readonly { id: string }[]): number {
  return Math.min(MAX_ID_WIDTH, Math.max(0, ...cases.map((c) => c.id.length)));
}

/**
 * The line a case prints as it finishes, `[12/235]` before it, and what explains it (masked as
 * the reports are): a run shows its progress case by case, in the order the cases finish.
 */
export function renderConsoleProgress(c: CaseResult, done: number, total: number, opts: CaseOptions): string {
  const count = `[${String(done).padStart(String(total).length)}/${total}] `;
  const pad = ' '.repeat(count.length);
  const [first = '', ...rest] = renderConsoleCase(redactCase(c), opts).split('\n');
  return [`${count}${first}`, ...rest.map((l) => (l ? `${pad}${l}` : l))].join('\n');
}

export function renderConsole(input: RunReport, opts: ConsoleOptions): string {
  const report = redactReport(input);
  const idWidth = idWidthOf(report.cases);
  const out: string[] = [...header(report)];
  const paint = painter(opts.color);
  for (const side of SIDES) {
    const cases = casesOfSide(report, side);
    if (cases.length === 0) continue;
    out.push('', paint('1', side));
    for (const c of cases)
      out.push(renderConsoleCase(c, { color: opts.color, strict: report.strict, idWidth }));
  }
  return `${[...out, ...closing(report, opts)].join('\n')}\n`;
}

/**
 * What a run prints at its end when its cases were printed as they finished: the header, the
 * cases that failed (by id, in declared order; their details came with their lines), the notes,
 * the budget, the counts and the gate.
 */
export function renderConsoleSummary(input: RunReport, opts: ConsoleOptions): string {
  const report = redactReport(input);
  const paint = painter(opts.color);
  const out: string[] = ['', ...header(report)];
  const failed = report.cases.filter(isFailure);
  if (failed.length > 0) {
    out.push('', paint('1', 'failed'));
    const idWidth = idWidthOf(failed);
    for (const c of failed)
      out.push(
        `  ${paint(VERDICT_COLOR[c.verdict], VERDICT_LABEL[c.verdict].padEnd(VERDICT_WIDTH))} ${c.level.padEnd(LEVEL_WIDTH)}${printable(c.id).padEnd(idWidth)}  ${printable(c.clause)}`,
      );
  }
  return `${[...out, ...closing(report, opts)].join('\n')}\n`;
}

/** Notes, budget, counts by level and the gate line: how every console report ends. */
function closing(report: RunReport, opts: ConsoleOptions): string[] {
  const paint = painter(opts.color);
  const out: string[] = [];
  if (report.notes.length > 0) {
    out.push('', paint('1', 'notes'));
    for (const note of report.notes)
      out.push(
        ...printable(note)
          .split('\n')
          .map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`),
      );
  }
  out.push('');
  const budget = budgetLine(report);
  if (budget) out.push(budget);
  const spending = spendingRows(report);
  if (spending.length > 0) {
    const width = Math.max(6, ...spending.map((r) => r[0].length));
    out.push(`  ${'family'.padEnd(width)}  planned phones/sinks  spent phones/sinks`);
    for (const [family, pp, ps, sp, ss] of spending)
      out.push(`  ${family.padEnd(width)}  ${`${pp}/${ps}`.padStart(20)}  ${`${sp}/${ss}`.padStart(18)}`);
  }
  out.push(...summaryTable(report, paint));
  const gate = gateLine(report);
  out.push(paint(report.gate.passed ? '1;32' : '1;31', gate));
  return out;
}
