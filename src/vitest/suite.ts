// `conformanceSuite()`: the conformance suites as vitest tests. The cases run once, in-process,
// through the engine (src/library/run.ts: profile or the kit's own mocks, scheduler, budget,
// lockout cap, deadline), in a beforeAll; the suite listens to the run's events and each case is
// then one test that reports the verdict the run gave. So the verdicts are the engine's by
// construction, and a vitest retry or shuffle cannot resend a request: retrying a test only reads
// the verdict again.
import { afterAll, beforeAll, chai, describe, type TestContext, test } from 'vitest';
import type { CaseResult } from '../cases/types.js';
import { isGating, type Side } from '../core/terms.js';
import type { ConformanceOptions } from '../engine/options.js';
import { formatShard } from '../engine/shard.js';
import { casesOf, runConformance } from '../library/run.js';
import { writeReports } from '../report/render/index.js';

/** The engine's options a suite takes (the target, the selection, the run's settings), and its own. */
export interface ConformanceSuiteOptions
  extends Pick<
    ConformanceOptions,
    | 'profile'
    | 'overrides'
    | 'only'
    | 'shard'
    | 'seed'
    | 'runs'
    | 'frugal'
    | 'strict'
    | 'concurrency'
    | 'deadlineMs'
  > {
  /** Which suite: the platform's, the customer's callback endpoints', or both (default). */
  side?: Side | 'both';
  /** Also write junit.xml, report.json and report.html there. */
  reportDir?: string;
  /** How long the whole run may take, in ms (vitest's hook timeout; default 15 minutes). */
  timeoutMs?: number;
}

function testName(c: Pick<CaseResult, 'level' | 'id' | 'title'>): string {
  return `${c.level} ${c.id}: ${c.title}`;
}

/** A failure vitest shows as a diff of what the spec requires against what the target did. */
function failure(result: CaseResult): Error {
  const lines = [result.message, `rerun: ${result.rerun}`];
  return new chai.AssertionError(lines.join('\n'), {
    expected: result.expected ?? '',
    actual: result.actual ?? '',
    showDiff: result.expected !== undefined || result.actual !== undefined,
  });
}

/** Turns one case's verdict into the test's outcome: fail, skip, or pass with an annotation. */
async function judge(result: CaseResult, strict: boolean, context: TestContext): Promise<void> {
  switch (result.verdict) {
    case 'pass':
      return;
    case 'info':
      await context.annotate(`INFO: ${result.message}`, 'info');
      return;
    case 'skip':
      context.skip(result.message);
      return;
    case 'fail':
    case 'error':
      if (isGating(result, strict)) throw failure(result);
      await context.annotate(
        `${result.level} ${result.verdict} (fails only with strict): ${result.message}`,
        'warning',
      );
      return;
  }
}

/** The CLI command that reruns one case of this suite's run, for a failure's message. */
function rerunOf(options: ConformanceSuiteOptions, seed: number): (id: string) => string {
  const target =
    options.profile && typeof options.profile === 'string' ? ` --profile ${options.profile}` : '';
  const command = target && options.side && options.side !== 'both' ? options.side : 'run';
  return (id) =>
    `npx iot-sms-conformance ${command}${target} --only ${id} --seed ${seed}${options.strict ? ' --strict' : ''}`;
}

/**
 * Registers the conformance cases as vitest tests, one per case, named with level, id and title.
 * A user's conformance test file is then:
 *
 *   import { conformanceSuite } from 'iot-sms-conformance/vitest';
 *   conformanceSuite({ profile: 'target.json', side: 'platform' });
 */
export function conformanceSuite(options: ConformanceSuiteOptions = {}): void {
  const side = options.side ?? 'both';
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const strict = options.strict ?? false;
  const sides = side === 'both' ? (['platform', 'customer'] as const) : [side];
  const results = new Map<string, CaseResult>();
  let runError: Error | undefined;
  const { side: _side, reportDir, timeoutMs, ...engine } = options;
  const shard = options.shard ? `, shard ${formatShard(options.shard)}` : '';

  // Never retried, never shuffled, never concurrent, whatever the user's vitest config says: the
  // run happens once, in order, in beforeAll.
  describe(`iot-sms conformance: ${side} (seed ${seed}${shard})`, {
    retry: 0,
    repeats: 0,
    shuffle: false,
    sequential: true,
  }, async () => {
    // A shard's cases come from the whole run's plan (vitest awaits a describe's factory).
    const cases = await casesOf(sides, { ...engine, seed });
    beforeAll(
      async () => {
        try {
          const report = await runConformance({
            ...engine,
            suite: side,
            seed,
            command: `conformanceSuite(${JSON.stringify({ side, seed, ...(options.only ? { only: options.only } : {}) })})`,
            rerun: rerunOf(options, seed),
            onEvent: (event) => {
              if (event.type === 'case-finished') results.set(event.result.id, event.result);
            },
          });
          if (reportDir) await writeReports(report, reportDir);
        } catch (err) {
          runError = err instanceof Error ? err : new Error(String(err));
        }
      },
      timeoutMs ?? 15 * 60_000,
    );

    afterAll(() => results.clear());

    for (const c of cases) {
      test(testName(c), { retry: 0, repeats: 0 }, async (context) => {
        if (runError) throw new Error(`the conformance run could not complete: ${runError.message}`);
        const result = results.get(c.id);
        if (!result) throw new Error(`case ${c.id} did not run (see the run's notes in report.json)`);
        await judge(result, strict, context);
      });
    }
  });
}
