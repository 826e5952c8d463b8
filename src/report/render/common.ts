// What every renderer shares: the order levels and verdicts are shown in, their labels, the gate
// line, the clause a case cites, and the two safety nets for text that came from a target (bodies,
// headers, descriptions): secrets masked by name, control characters made visible.
import type { CaseResult, Exchange } from '../../cases/types.js';
import { Redactor } from '../../client/redact.js';
import type { Side, Verdict } from '../../core/terms.js';
import { type Clause, clause } from '../../spec/clauses.js';
import type { RunReport } from '../types.js';

export { isGating, LEVELS, SIDES, VERDICTS } from '../../core/terms.js';

export const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  skip: 'SKIP',
  info: 'INFO',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `gate: FAILED — 2 MUST failures (exit 1)` or `gate: passed`; errors count as failures, as in the
 * gate. The exit code is shown when the front end that writes the report set it (the CLI does).
 */
export function gateLine(report: RunReport): string {
  const { failedMust, failedShould, passed, exitCode } = report.gate;
  // A run that ended early never passes: what did not run is named with why.
  const stop = report.interrupted;
  if (passed) {
    // A SHOULD failure without --strict does not fail the run, but the reader should not miss it.
    return failedShould > 0 && !report.strict
      ? `gate: passed (${plural(failedShould, 'SHOULD failure')}, gating only when strict)`
      : 'gate: passed';
  }
  const why: string[] = [];
  if (failedMust > 0) why.push(plural(failedMust, 'MUST failure'));
  if (failedShould > 0 && report.strict) why.push(`${plural(failedShould, 'SHOULD failure')} (strict)`);
  if (stop) why.push(`${plural(stop.notRun, 'case')} not run: ${stop.message}`);
  const exit = exitCode === undefined ? '' : ` (exit ${exitCode})`;
  return `gate: FAILED${why.length > 0 ? ` — ${why.join(', ')}` : ''}${exit}`;
}

/** The words of the original a MUST case quotes (CaseMeta.words), each in corner brackets: 「必选参数为空或缺少」. */
export function quotedWords(c: Pick<CaseResult, 'words'>): string | undefined {
  return c.words && c.words.length > 0 ? c.words.map((w) => `「${w}」`).join(' ') : undefined;
}

/** The words of the clause a case cites; a clause missing from the index says so instead of failing the report. */
export function clauseOf(c: Pick<CaseResult, 'clause'>): Clause {
  return clause(c.clause) ?? { id: c.clause, text: '(this clause is not in the clause index)' };
}

export function casesOfSide(report: RunReport, side: Side): CaseResult[] {
  return report.cases.filter((c) => c.side === side);
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `2025-11-25T10:00:00.000Z` → `2025-11-25 10:00:00 UTC`; anything else is shown as recorded. */
export function formatTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

// Characters that must not reach a terminal, an XML 1.0 document or an HTML page as they are: C0
// and C1 controls (but tab and newline), a carriage return not followed by a newline (it rewrites
// a terminal line), the non-characters U+FFFE/U+FFFF, lone surrogates, and bidi overrides (they
// reorder what the reader sees).
const UNPRINTABLE = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF\\u202A-\\u202E\\u2066-\\u2069]',
    '\\r(?!\\n)',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

/** Text from a target made safe to show: every unprintable character becomes a visible `\xNN` / `\uNNNN`. */
export function printable(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNPRINTABLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** HTML-escapes text for content and attribute values alike (SVG included), after making control characters visible. */
export function esc(s: string): string {
  return printable(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Cuts a long text (a 1 MB body) for the human-readable reports; report.json always keeps it whole. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in two.
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [${text.length - end} more characters: see report.json]`;
}

const redactor = new Redactor([]);

function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)]));
  }
  return value;
}

function redactExchange(e: Exchange): Exchange {
  return {
    ...e,
    request: { ...e.request, headers: redactor.headers(e.request.headers) },
    ...(e.response ? { response: { ...e.response, headers: redactor.headers(e.response.headers) } } : {}),
  };
}

/**
 * The report with JSON `password` values and credential headers masked once more. The runner
 * redacts as it records; this is the last line before a file a vendor may pass on, so a case that
 * slipped cannot leak the password through a report.
 */
export function redactReport(report: RunReport): RunReport {
  const copy = redactStrings(report) as RunReport;
  return { ...copy, cases: copy.cases.map((c) => ({ ...c, exchanges: c.exchanges.map(redactExchange) })) };
}

/** One case's result with the same masking as redactReport (a console line printed as the case ends). */
export function redactCase(c: CaseResult): CaseResult {
  const copy = redactStrings(c) as CaseResult;
  return { ...copy, exchanges: copy.exchanges.map(redactExchange) };
}

/** An exchange's request as an HTTP message would read: request line, headers, blank line, body. */
export function requestText(e: Exchange, maxBody: number): string {
  const r = e.request;
  const head = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)].join(
    '\n',
  );
  return printable(r.body ? `${head}\n\n${truncate(r.body, maxBody)}` : head);
}

/** The response the same way, or the transport failure that stood in for it. */
export function responseText(e: Exchange, maxBody: number): string {
  const r = e.response;
  if (!r) return printable(`no response: ${e.error ?? 'none recorded'}`);
  const head = [
    `HTTP ${r.status} (${formatMs(r.durationMs)})`,
    ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\n');
  return printable(r.body ? `${head}\n\n${truncate(r.body, maxBody)}` : head);
}

/** Who sent the exchange, for a heading: `sent` (the kit was the client) or `received` (the target called the kit). */
export function exchangeTitle(e: Exchange, index: number): string {
  const who = e.direction === 'sent' ? 'sent by the kit' : 'received by the kit';
  return printable(`#${index + 1}${e.label ? ` ${e.label}` : ''} (${who}, ${formatTime(e.at)})`);
}

/** `budget: 143 of 2000 recipients spent (12 on the profile's phones, 131 on sink numbers)`. */
export function budgetLine(report: RunReport): string | undefined {
  const b = report.budget;
  if (!b) return undefined;
  const split =
    b.phones !== undefined && b.sinks !== undefined
      ? ` (${b.phones} on the profile's phones, ${b.sinks} on sink numbers)`
      : '';
  const shards = b.shards?.length
    ? `; per shard: ${b.shards.map((s) => `${s.shard.index}/${s.shard.total} ${s.spent} of ${s.limit}`).join(', ')}`
    : '';
  return `budget: ${b.spent} of ${b.limit} recipients spent${split}${shards}`;
}

/** The per-family spending, planned beside spent: [family, planned phones, planned sinks, spent phones, spent sinks]. */
export function spendingRows(report: RunReport): [string, string, string, string, string][] {
  const families = report.budget?.families ?? [];
  if (families.length === 0) return [];
  const n = (x: number | undefined) => (x === undefined ? '-' : String(x));
  const rows = families.map((f): [string, string, string, string, string] => [
    f.family,
    n(f.planned?.phones),
    n(f.planned?.sinks),
    String(f.spent.phones),
    String(f.spent.sinks),
  ]);
  const sum = (pick: (f: (typeof families)[number]) => number | undefined) =>
    families.some((f) => pick(f) === undefined)
      ? undefined
      : families.reduce((a, f) => a + (pick(f) ?? 0), 0);
  rows.push([
    'total',
    n(sum((f) => f.planned?.phones)),
    n(sum((f) => f.planned?.sinks)),
    n(sum((f) => f.spent.phones)),
    n(sum((f) => f.spent.sinks)),
  ]);
  return rows;
}

/** A report's header facts (label, HTML already escaped) as a definition list; the command spans the width. */
export function metaList(rows: readonly (readonly [string, string])[]): string {
  const items = rows.map(([k, v]) => {
    const wide = k === 'Command' ? ' class="wide"' : '';
    return `<dt${wide}>${esc(k)}</dt><dd${wide}>${v}</dd>`;
  });
  return `<dl class="meta">${items.join('')}</dl>`;
}
