// The platform suite proves itself: it never fails the real mock platform (a conforming one), and
// each mutant platform (the mock with one deliberate defect) fails on the cases meant to catch it.
// Every MUST case must be killed by some mutant: a MUST case no defect can fail tests nothing.
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { platformCases } from '../src/suites/platform/index.js';
import { mockConfig, PASSWORD } from './mutants/platform/config.js';
import { runAgainstMock, type SuiteRun } from './mutants/platform/harness.js';
import { type Mutant, mutants } from './mutants/platform/mutants.js';

const SEED = 1;
const WAIT_MS = 1_000;

function failures(results: readonly CaseResult[]): CaseResult[] {
  return results.filter(
    (r) => (r.level === 'MUST' || r.level === 'SHOULD') && (r.verdict === 'fail' || r.verdict === 'error'),
  );
}

function line(r: CaseResult): string {
  return `${r.verdict} ${r.level} ${r.id}: ${r.message}${r.actual ? ` | actual: ${r.actual}` : ''}`;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  });
  await Promise.all(runners);
  return out;
}

describe('the platform suite against the mock platform', () => {
  it('fails no case of the real mock with its default configuration', async () => {
    const run = await runAgainstMock(
      {
        statusReportWaitMs: 1_500,
        config: { delivery: { delayMs: 20 }, retry: { baseDelayMs: 30, pushTimeoutMs: 300 } },
      },
      { runs: 25, seed: SEED },
    );
    const skipped = run.results.filter((r) => r.verdict === 'skip');
    console.log(
      `real mock (default config): ${run.results.length} cases in ${run.ms} ms, budget ${run.budget?.spent}/${run.budget?.limit}; skipped: ${skipped.map((r) => r.id).join(', ') || 'none'}`,
    );
    expect(failures(run.results).map(line)).toEqual([]);
    expect(run.results.length).toBe(platformCases.length);
  });

  it('fails no case of the real mock whose profile values sit at their limits, and skips none', async () => {
    const run = await runAgainstMock(
      { statusReportWaitMs: WAIT_MS, config: mockConfig(WAIT_MS) },
      { runs: 25, seed: SEED },
    );
    console.log(
      `real mock (values at their limits): ${run.results.length} cases in ${run.ms} ms, budget ${run.budget?.spent}/${run.budget?.limit}`,
    );
    expect(failures(run.results).map(line)).toEqual([]);
    expect(run.results.filter((r) => r.verdict === 'skip').map(line)).toEqual([]);
    // The retries are measured, as INFO: the mock retries 4 times with backoff (mockConfig).
    const note = (id: string) => run.results.find((r) => r.id === id)?.message ?? '';
    expect(note('platform.retries.recovery')).toMatch(
      /^4 attempt\(s\): .*dropped.*acknowledged at attempt 4$/,
    );
    expect(note('platform.retries.give-up')).toMatch(/^gave up after 4 attempt\(s\)/);
    // The password is never in what a run records: messages, exchanges, curl commands, counterexamples.
    expect(JSON.stringify(run.results)).not.toContain(PASSWORD.slice(0, 20));
  });

  it('each mutant fails on the cases meant to catch it, and every MUST case is killed', async () => {
    const started = performance.now();
    const catalogue = mutants();
    const runs: { mutant: Mutant; run: SuiteRun }[] = await pool(catalogue, 4, async (mutant) => ({
      mutant,
      run: await runAgainstMock(
        {
          statusReportWaitMs: WAIT_MS,
          config: mockConfig(WAIT_MS),
          ...(mutant.hooks ? { hooks: mutant.hooks } : {}),
          ...(mutant.plainHttp ? { tls: false as const } : {}),
          ...(mutant.proxy ? { proxy: mutant.proxy } : {}),
        },
        { runs: 10, seed: SEED, only: mutant.only.join(',') },
      ),
    }));

    const killed = new Set<string>();
    const survivors: string[] = [];
    for (const { mutant, run } of runs) {
      const failed = run.results.filter((r) => r.verdict === 'fail');
      for (const r of failed) killed.add(r.id);
      const missed = mutant.kills.filter((id) => !failed.some((r) => r.id === id));
      if (missed.length > 0) {
        const seen = run.results.filter((r) => missed.includes(r.id)).map(line);
        survivors.push(
          `${mutant.name} (${mutant.defect}) survived ${missed.join(', ')}: ${seen.join(' / ') || 'not run'}`,
        );
      }
      console.log(
        `mutant ${mutant.name}: killed by ${failed.map((r) => r.id).join(', ') || 'nothing'} (${run.ms} ms)`,
      );
    }
    const unkilled = platformCases.filter((c) => c.level === 'MUST' && !killed.has(c.id)).map((c) => c.id);
    console.log(
      `${catalogue.length} mutants, ${killed.size} cases killed, in ${Math.round(performance.now() - started)} ms; MUST cases no mutant kills: ${unkilled.join(', ') || 'none'}`,
    );
    expect(survivors).toEqual([]);
    expect(unkilled).toEqual([]);
    for (const { mutant, run } of runs)
      expect(JSON.stringify(run.results), mutant.name).not.toContain(PASSWORD.slice(0, 20));
  }, 240_000);

  it('replays a property counterexample from its seed and path', async () => {
    const drops = mutants().find((m) => m.name === 'no-generated-ids');
    if (!drops?.hooks) throw new Error('the no-generated-ids mutant is gone');
    const target = { statusReportWaitMs: WAIT_MS, config: mockConfig(WAIT_MS), hooks: drops.hooks };
    const only = 'platform.properties.valid';
    const first = await runAgainstMock(target, { runs: 10, seed: SEED, only });
    const found = first.results[0]?.property;
    expect(first.results[0]?.verdict).toBe('fail');
    expect(found?.path).toBeTruthy();
    expect(first.results[0]?.message).toContain(`--seed ${SEED} --path ${found?.path}`);
    const replay = await runAgainstMock(target, { runs: 10, seed: SEED, only, path: found?.path as string });
    expect(replay.results[0]?.verdict).toBe('fail');
    expect(replay.results[0]?.property?.counterexample).toBe(found?.counterexample);
  });
});
