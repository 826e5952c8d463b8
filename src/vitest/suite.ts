// `conformanceSuite()`: the conformance suites as vitest tests. The cases run once, through the
// CLI's own path (runConformance: profile, embedded mocks, scheduler, budget, lockout cap,
// redaction, reports), in a beforeAll; each case is then one test that reports the verdict that
// run gave. So the verdicts are the CLI's by construction, and a vitest retry or shuffle cannot
// resend a request: retrying a test only reads the verdict again.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, chai, describe, type TestContext, test } from 'vitest';
import type { CaseResult, Side } from '../cases/types.js';
import { runConformance } from '../cli/conformance.js';
import { parseShard } from '../engine/shard.js';
import { selectedCasesOf } from '../engine/sides.js';
import type { RunReport } from '../report/types.js';

export interface ConformanceSuiteOptions {
  /** A target profile file (docs/profile.md); without one, the kit's own mocks (the embedded default). */
  profile?: string;
  /** Which suite: the platform's, the customer's callback endpoints', or both (default). */
  side?: Side | 'both';
  /** Case ids by prefix or glob, comma-separated, as `--only`. */
  only?: string;
  /** SHOULD failures fail their test too (MUST failures always do). */
  strict?: boolean;
  /** The property cases' seed (default: random, shown in the suite's name to replay it). */
  seed?: number;
  /** Runs per property case. */
  runs?: number;
  /** Also write junit.xml, report.json and report.html there. */
  reportDir?: string;
  /** One part of a sharded run, `i/N` (as `--shard`): merge the parts' reportDir with merge-reports. */
  shard?: string;
  /** More command-line flags, as the CLI takes them (`--insecure`, `--timeout-ms 5000`, …). */
  args?: readonly string[];
  /** How long the whole run may take, in ms (vitest's hook timeout; default 15 minutes). */
  timeoutMs?: number;
}

/** The CLI command and flags that make the same run. */
export function cliArgsFor(options: ConformanceSuiteOptions, seed: number, reportDir: string): string[] {
  const side = options.side ?? 'both';
  const command = options.profile && side !== 'both' ? side : 'run';
  const only = options.only ?? (command === 'run' && side !== 'both' ? `${side}.` : undefined);
  return [
    command,
    ...(options.profile ? ['--profile', options.profile] : []),
    ...(only ? ['--only', only] : []),
    ...(options.strict ? ['--strict'] : []),
    '--seed',
    String(seed),
    ...(options.runs !== undefined ? ['--runs', String(options.runs)] : []),
    ...(options.shard ? ['--shard', options.shard] : []),
    '--report-dir',
    reportDir,
    '--no-color',
    ...(options.args ?? []),
  ];
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
  const gating = result.level === 'MUST' || (result.level === 'SHOULD' && strict);
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
      if (gating) throw failure(result);
      await context.annotate(
        `${result.level} ${result.verdict} (fails only with strict): ${result.message}`,
        'warning',
      );
      return;
  }
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
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const cases = selectedCasesOf(side === 'both' ? ['platform', 'customer'] : [side], {
    ...(options.only ? { only: options.only } : {}),
    ...(shard ? { shard } : {}),
  });
  const results = new Map<string, CaseResult>();
  let reportDir = options.reportDir ?? '';
  let temporary = '';
  let runError: Error | undefined;

  // Never retried, never shuffled, never concurrent, whatever the user's vitest config says: the
  // run happens once, in order, in beforeAll.
  describe(`iot-sms conformance: ${side} (seed ${seed})`, {
    retry: 0,
    repeats: 0,
    shuffle: false,
    sequential: true,
  }, () => {
    beforeAll(
      async () => {
        if (!reportDir) {
          temporary = await mkdtemp(join(tmpdir(), 'iot-sms-conformance-'));
          reportDir = temporary;
        }
        const printed: string[] = [];
        try {
          const [command, ...args] = cliArgsFor(options, seed, reportDir);
          await runConformance(command as 'run' | Side, args, (line) => printed.push(line));
          const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as RunReport;
          for (const r of report.cases) results.set(r.id, r);
        } catch (err) {
          runError = err instanceof Error ? err : new Error(String(err));
        }
      },
      options.timeoutMs ?? 15 * 60_000,
    );

    afterAll(async () => {
      if (temporary) await rm(temporary, { recursive: true, force: true });
    });

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
