// Putting the reports of a sharded run (`--shard i/N`) back into one: every case in declared
// order, the budget and spending added up, and the run-wide check judged again over every shard's
// exchanges (a generated messageId reused in another shard's request shows only there), so the
// merged report says what one whole run would have said.

import type { CaseResult } from '../cases/types.js';
import { KitError } from '../core/errors.js';
import type { BudgetReport, FamilySpend, RunReport, SpendSplit, StopReason } from '../report/types.js';
import { newMessageIdLedger, recordGeneratedIds, SEND_PATH } from '../suites/platform/context.js';
import { assembleReport } from './assemble.js';
import { mergedProvenance } from './provenance.js';
import { formatShard } from './shard.js';
import { allCases } from './sides.js';

/** The case judged over the whole run: no generated messageId twice (suites/platform/responses.ts). */
export const RUN_WIDE_UNIQUE_ID = 'platform.responses.messageId.unique';

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every shard present once, of one run: same seed, strictness and shard count. */
function checkShards(reports: readonly RunReport[]): void {
  if (reports.length === 0) throw new KitError('usage', 'merge-reports needs the report.json of every shard');
  const first = reports[0] as RunReport;
  const unsharded = reports.filter((r) => !r.shard);
  if (unsharded.length > 0)
    throw new KitError(
      'usage',
      `a report of a whole run is not a shard (its command: ${unsharded[0]?.command})`,
    );
  const total = first.shard?.total ?? 0;
  for (const r of reports) {
    if (r.seed !== first.seed)
      throw new KitError(
        'usage',
        `the shards ran with different seeds (${first.seed}, ${r.seed}): rerun them with one seed`,
      );
    if (r.strict !== first.strict) throw new KitError('usage', 'some shards ran strict and some not');
    if (r.shard?.total !== total)
      throw new KitError(
        'usage',
        `the shards split the run differently (${formatShard(first.shard as { index: number; total: number })}, ${formatShard(r.shard as { index: number; total: number })})`,
      );
  }
  const seen = new Map<number, number>();
  for (const r of reports) seen.set(r.shard?.index ?? 0, (seen.get(r.shard?.index ?? 0) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1).map(([i]) => `${i}/${total}`);
  if (twice.length > 0) throw new KitError('usage', `shard ${twice.join(', ')} given more than once`);
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new KitError(
      'usage',
      `shard ${missing.map((i) => `${i}/${total}`).join(', ')} missing: merge every part of the run`,
    );
}

/** Cases in the order one whole run reports them (the suites' declared order). */
function inDeclaredOrder(cases: CaseResult[]): CaseResult[] {
  const order = new Map(allCases().map((c, i) => [c.id, i]));
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new KitError('usage', `case ${c.id} is in more than one shard's report`);
    ids.add(c.id);
  }
  return [...cases].sort((a, b) => (order.get(a.id) ?? order.size) - (order.get(b.id) ?? order.size));
}

/** Replays every send of the run through the messageId ledger the platform cases keep. */
export function repeatedIdsAcross(cases: readonly CaseResult[]): { repeated: string[]; generated: number } {
  const ledger = newMessageIdLedger();
  // Cases that share one send (the at-limit cases' combined request, a shared run) each record
  // it: the ledger saw it once in the run, so it sees it once here.
  const replayed = new Set<string>();
  for (const c of cases) {
    if (c.side !== 'platform') continue;
    for (const e of c.exchanges) {
      if (e.direction !== 'sent' || !e.request.url.endsWith(SEND_PATH) || !e.response) continue;
      const key = JSON.stringify([e.at, e.request.url, e.request.body, e.response.body]);
      if (replayed.has(key)) continue;
      replayed.add(key);
      const body = parsed(e.request.body);
      if (body !== undefined) recordGeneratedIds(ledger, body, parsed(e.response.body), e.at);
    }
  }
  return { repeated: ledger.repeatedMessageIds ?? [], generated: ledger.generatedMessageIds.size };
}

/** The run-wide uniqueness case, judged again over every shard's sends. */
function rejudgeUniqueIds(cases: CaseResult[]): CaseResult[] {
  const { repeated, generated } = repeatedIdsAcross(cases);
  return cases.map((c) => {
    if (c.id !== RUN_WIDE_UNIQUE_ID || c.verdict !== 'pass') return c;
    if (repeated.length === 0)
      return { ...c, message: `${generated} generated messageIds in the run (every shard), all distinct` };
    return {
      ...c,
      verdict: 'fail',
      message: `D19: a generated messageId is not reused for another message of the run; ${repeated.length} came back again, across the shards`,
      expected: 'no generated messageId twice',
      actual: repeated.slice(0, 5).join('; '),
    };
  });
}

function addSplits(a: SpendSplit | undefined, b: SpendSplit | undefined): SpendSplit | undefined {
  if (!a) return b;
  if (!b) return a;
  return { phones: a.phones + b.phones, sinks: a.sinks + b.sinks };
}

/** The shards' budgets added up: limits (each shard had its part), spending, families; and each shard's. */
function addBudgets(shards: readonly RunReport[]): BudgetReport | undefined {
  const given = shards.flatMap((r) => (r.budget ? [r.budget] : []));
  if (given.length === 0) return undefined;
  const families = new Map<string, FamilySpend>();
  for (const f of given.flatMap((b) => b.families ?? [])) {
    const known = families.get(f.family);
    const planned = addSplits(known?.planned, f.planned);
    const over = [...(known?.over ?? []), ...(f.over ?? [])];
    families.set(f.family, {
      family: f.family,
      ...(planned ? { planned } : {}),
      spent: addSplits(known?.spent, f.spent) as SpendSplit,
      ...(over.length > 0 ? { over } : {}),
    });
  }
  const sum = (pick: (b: BudgetReport) => number | undefined) =>
    given.some((b) => pick(b) !== undefined) ? given.reduce((n, b) => n + (pick(b) ?? 0), 0) : undefined;
  const phones = sum((b) => b.phones);
  const sinks = sum((b) => b.sinks);
  return {
    limit: given.reduce((n, b) => n + b.limit, 0),
    spent: given.reduce((n, b) => n + b.spent, 0),
    ...(phones !== undefined ? { phones } : {}),
    ...(sinks !== undefined ? { sinks } : {}),
    ...(families.size > 0 ? { families: [...families.values()] } : {}),
    cases: given.flatMap((b) => b.cases ?? []),
    shards: shards.flatMap((r) =>
      r.budget && r.shard ? [{ shard: r.shard, limit: r.budget.limit, spent: r.budget.spent }] : [],
    ),
  };
}

export function mergeReports(reports: readonly RunReport[], command: string): RunReport {
  checkShards(reports);
  const sorted = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const first = sorted[0] as RunReport;
  const results = rejudgeUniqueIds(inDeclaredOrder(sorted.flatMap((r) => r.cases)));
  const notes = [...new Set(sorted.flatMap((r) => r.notes))];
  notes.push(
    `merged from ${sorted.length} shards (${sorted.map((r) => `${formatShard(r.shard as { index: number; total: number })}: ${r.cases.length} cases`).join(', ')})`,
  );
  const stopped = sorted.filter((r) => r.interrupted);
  const budget = addBudgets(sorted);
  const startedAt = new Date(Math.min(...sorted.map((r) => Date.parse(r.startedAt))));
  const finishedAt = new Date(Math.max(...sorted.map((r) => Date.parse(r.finishedAt))));
  const merged = assembleReport({
    startedAt,
    command,
    strict: first.strict,
    seed: first.seed,
    embedded: sorted.every((r) => r.embedded),
    targets: first.targets,
    ...mergedProvenance(sorted),
    ...(first.ca ? { ca: first.ca } : {}),
    ...(budget ? { budget } : {}),
    notes,
    results,
    ...(stopped.length > 0
      ? {
          stopped: {
            reason: (stopped[0]?.interrupted?.reason ?? 'deadline') as StopReason,
            message: stopped
              .map(
                (r) =>
                  `shard ${formatShard(r.shard as { index: number; total: number })}: ${r.interrupted?.message}`,
              )
              .join('; '),
          },
        }
      : {}),
  });
  return {
    ...merged,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  };
}
