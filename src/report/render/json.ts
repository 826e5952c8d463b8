/**
 * `report.json`: the RunReport itself (src/report/types.ts, src/cases/types.ts), for machines and
 * for diffing two runs.
 *
 * The format:
 * - `JSON.parse` gives back the RunReport the run produced: same fields, same meaning. Nothing is
 *   truncated (the HTML and console reports cut long bodies and point here).
 * - Stable: the same report gives the same bytes. Object keys come in the fixed order of the
 *   `*_KEYS` lists below (the run's facts, then gate and summary, so a reader sees the outcome
 *   first, then cases and coverage), whatever order the run built them in; a field the types gain
 *   later is kept, after the known ones. Arrays keep their order (cases in run order, exchanges
 *   as they happened, coverage rows in requirement order); headers keep the order they were
 *   recorded in. Absent optional fields are omitted, never `null`.
 * - Two-space indentation, `\n` line ends, a final newline; non-ASCII text (the spec's Chinese) is
 *   written as is, UTF-8.
 * - Secrets: the run's secrets are masked where the report is made (mask.ts), in bodies, URLs,
 *   headers, messages and curls; before writing, every JSON `"password": "…"` value and every
 *   Authorization or Cookie header is masked (`***`) once more.
 */
import type { CaseResult, Exchange, PropertyRun } from '../../cases/types.js';
import type { CoverageRow, FamilySpend, Provenance, RunReport, SpendSplit } from '../types.js';
import { LEVELS, redactReport, VERDICTS } from './common.js';

type Keys<T> = readonly (keyof T & string)[];

const REPORT_KEYS: Keys<RunReport> = [
  'tool',
  'startedAt',
  'finishedAt',
  'durationMs',
  'command',
  'strict',
  'seed',
  'shard',
  'embedded',
  'observed',
  'targets',
  'provenance',
  'ca',
  'budget',
  'notes',
  'interrupted',
  'gate',
  'summary',
  'cases',
  'coverage',
];
const TOOL_KEYS: Keys<RunReport['tool']> = ['name', 'version'];
const TARGET_KEYS: Keys<RunReport['targets']> = ['platform', 'uplinkUrl', 'reportUrl'];
const PROVENANCE_KEYS: Keys<Provenance> = ['kit', 'spec', 'profileSha256', 'certificates', 'node', 'shards'];
const KIT_KEYS: Keys<Provenance['kit']> = ['name', 'version', 'commit', 'packageJsonSha256'];
const SPEC_KEYS: Keys<Provenance['spec']> = ['title', 'version', 'date'];
const BUDGET_KEYS: Keys<NonNullable<RunReport['budget']>> = ['limit', 'spent', 'phones', 'sinks', 'families'];
const FAMILY_KEYS: Keys<FamilySpend> = ['family', 'planned', 'spent'];
const SPLIT_KEYS: Keys<SpendSplit> = ['phones', 'sinks'];
const GATE_KEYS: Keys<RunReport['gate']> = ['passed', 'outcome', 'exitCode', 'failedMust', 'failedShould'];
const CASE_KEYS: Keys<CaseResult> = [
  'id',
  'side',
  'kind',
  'level',
  'clause',
  'title',
  'requirement',
  'decisions',
  'words',
  'covers',
  'rule',
  'verdict',
  'notRun',
  'message',
  'expected',
  'actual',
  'findings',
  'durationMs',
  'property',
  'rerun',
  'curl',
  'exchanges',
];
const PROPERTY_KEYS: Keys<PropertyRun> = ['seed', 'runs', 'path', 'counterexample'];
const EXCHANGE_KEYS: Keys<Exchange> = ['label', 'direction', 'at', 'request', 'response', 'error'];
const REQUEST_KEYS: Keys<Exchange['request']> = ['method', 'url', 'headers', 'body'];
const RESPONSE_KEYS: Keys<NonNullable<Exchange['response']>> = [
  'status',
  'durationMs',
  'headers',
  'body',
  'cut',
];
const COVERAGE_KEYS: Keys<CoverageRow> = ['key', 'kind', 'level', 'description', 'example', 'property'];

/** The object's known keys in the given order, then any others; undefined values dropped. */
function ordered(
  value: object,
  keys: readonly string[],
  nested: Record<string, (v: never) => unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  const rest = Object.keys(source).filter((k) => !keys.includes(k));
  for (const k of [...keys, ...rest]) {
    const v = source[k];
    if (v === undefined) continue;
    const f = nested[k] as ((v: unknown) => unknown) | undefined;
    out[k] = f ? f(v) : v;
  }
  return out;
}

function exchange(e: Exchange): unknown {
  return ordered(e, EXCHANGE_KEYS, {
    request: (r: Exchange['request']) => ordered(r, REQUEST_KEYS),
    response: (r: NonNullable<Exchange['response']>) => ordered(r, RESPONSE_KEYS),
  });
}

function caseResult(c: CaseResult): unknown {
  return ordered(c, CASE_KEYS, {
    property: (p: PropertyRun) => ordered(p, PROPERTY_KEYS),
    exchanges: (es: Exchange[]) => es.map(exchange),
  });
}

function provenance(p: Provenance): unknown {
  return ordered(p, PROVENANCE_KEYS, {
    kit: (k: Provenance['kit']) => ordered(k, KIT_KEYS),
    spec: (x: Provenance['spec']) => ordered(x, SPEC_KEYS),
    certificates: (c: Provenance['certificates']) => ordered(c, TARGET_KEYS),
    shards: (ps: Provenance[]) => ps.map(provenance),
  });
}

function summary(s: RunReport['summary']): unknown {
  return ordered(s, LEVELS, Object.fromEntries(LEVELS.map((l) => [l, (v: object) => ordered(v, VERDICTS)])));
}

export function renderJson(input: RunReport): string {
  const report = redactReport(input);
  const canonical = ordered(report, REPORT_KEYS, {
    tool: (t: RunReport['tool']) => ordered(t, TOOL_KEYS),
    targets: (t: RunReport['targets']) => ordered(t, TARGET_KEYS),
    provenance,
    budget: (b: NonNullable<RunReport['budget']>) =>
      ordered(b, BUDGET_KEYS, {
        families: (fs: FamilySpend[]) =>
          fs.map((f) =>
            ordered(f, FAMILY_KEYS, {
              planned: (x: SpendSplit) => ordered(x, SPLIT_KEYS),
              spent: (x: SpendSplit) => ordered(x, SPLIT_KEYS),
            }),
          ),
      }),
    gate: (g: RunReport['gate']) => ordered(g, GATE_KEYS),
    summary,
    cases: (cs: CaseResult[]) => cs.map(caseResult),
    coverage: (rows: CoverageRow[]) => rows.map((r) => ordered(r, COVERAGE_KEYS)),
  });
  return `${JSON.stringify(canonical, null, 2)}\n`;
}
