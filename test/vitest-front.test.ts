// The vitest front end gives the CLI's verdicts, case by case, on the same target and seed: on the
// kit's own mocks (the embedded default) and on a mutant platform that accepts any password.
// vitest runs in a child process on a user-style test file (test/fixtures/vitest-front), under a
// config that asks for retries and shuffling, which the suite function overrides.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { selectedCasesOf } from '../src/engine/sides.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { runCli, runNode } from './helpers/cli.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const root = join(import.meta.dirname, '..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const fixture = join(root, 'test', 'fixtures', 'vitest-front');
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-vitest-front-'));
const SEED = 424242;
const PASSWORD_ENV = 'IOT_SMS_VITEST_FRONT_PASSWORD';

interface VitestJson {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

interface Target {
  name: string;
  /** CLI arguments before the common ones. */
  command: string[];
  env: Record<string, string>;
}

/** The user-style test file under vitest, in a child process, its JSON report written to `json`. */
function runVitest(json: string, env: Record<string, string>) {
  return runNode(
    [
      vitestBin,
      'run',
      '--config',
      join(fixture, 'vitest.config.ts'),
      '--reporter=json',
      `--outputFile=${json}`,
    ],
    env,
  );
}

/** The CLI and the vitest suite on one target: both reports, and vitest's own per-test outcome. */
async function bothWays(target: Target) {
  const cliDir = join(dir, `${target.name}-cli`);
  const vitestDir = join(dir, `${target.name}-vitest`);
  const viaCli = await runCli(
    [...target.command, '--seed', String(SEED), '--runs', '5', '--report-dir', cliDir, '--no-color'],
    target.env,
    { timeoutMs: 280_000 },
  );
  const json = join(dir, `${target.name}-vitest.json`);
  const viaVitest = await runVitest(json, {
    ...target.env,
    CONFORMANCE_SEED: String(SEED),
    CONFORMANCE_REPORT_DIR: vitestDir,
  });
  const read = (d: string) => JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')) as RunReport;
  const tests = (JSON.parse(readFileSync(json, 'utf8')) as VitestJson).testResults.flatMap(
    (f) => f.assertionResults,
  );
  return { viaCli, viaVitest, cliReport: read(cliDir), vitestReport: read(vitestDir), tests };
}

const verdicts = (report: RunReport) => Object.fromEntries(report.cases.map((c) => [c.id, c.verdict]));

/** What vitest's JSON reporter must say of a case, given its verdict (not strict). */
function expectedStatus(c: CaseResult): string {
  if (c.verdict === 'skip') return 'skipped';
  if ((c.verdict === 'fail' || c.verdict === 'error') && c.level === 'MUST') return 'failed';
  return 'passed';
}

let mutant: MockPlatform;
afterAll(async () => {
  await mutant?.close({ graceMs: 200 });
  rmSync(dir, { recursive: true, force: true });
});

describe('conformanceSuite under vitest', () => {
  beforeAll(async () => {
    mutant = await startMockPlatform({
      tls: sharedCertificate(),
      onError: () => {},
      config: { delivery: { delayMs: 50 }, target: { statusReportWaitMs: 1_500 } },
      // The mutant: any password is accepted (platform.auth.wrong-password must fail).
      hooks: {
        authenticate: (next) => (account) => next(account, mutant.config.accounts[0]?.password ?? ''),
      },
    });
  });

  it('gives the CLI verdicts on the embedded default, and vitest fails no test', async () => {
    const { viaCli, viaVitest, cliReport, vitestReport, tests } = await bothWays({
      name: 'embedded',
      command: ['run'],
      env: {},
    });
    expect(viaCli.code, viaCli.stderr).toBe(0);
    expect(verdicts(vitestReport)).toEqual(verdicts(cliReport));
    expect(viaVitest.code, viaVitest.stderr).toBe(0);
    expect(tests).toHaveLength(cliReport.cases.length);
    for (const c of cliReport.cases) {
      const t = tests.find((x) => x.title.startsWith(`${c.level} ${c.id}:`));
      expect(t?.status, c.id).toBe(expectedStatus(c));
    }
  }, 300_000);

  // One suite alone, with no profile: the engine runs that suite against the kit's own mocks (it
  // once became `--only platform.`, which matched no case, and every test failed).
  it.each(['platform', 'customer'] as const)(
    "conformanceSuite({ side: %s }) with no profile passes on the kit's own mocks",
    async (side) => {
      const json = join(dir, `${side}-alone.json`);
      const ran = await runVitest(json, { CONFORMANCE_SEED: String(SEED), CONFORMANCE_SIDE: side });
      const tests = (JSON.parse(readFileSync(json, 'utf8')) as VitestJson).testResults.flatMap(
        (f) => f.assertionResults,
      );
      expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
      expect(tests.length).toBe(selectedCasesOf([side], {}).length);
      expect(tests.every((t) => new RegExp(`^(MUST|SHOULD|INFO) ${side}\\.`).test(t.title))).toBe(true);
      expect(tests.filter((t) => t.status === 'failed')).toEqual([]);
      expect(tests.filter((t) => t.status === 'passed').length).toBeGreaterThan(tests.length / 2);
    },
    300_000,
  );

  // A shard's tests are its cases by the whole run's plan: the same as `--list --shard` prints.
  it("registers a shard's part, the cases the CLI lists for that shard, and they pass", async () => {
    const json = join(dir, 'shard.json');
    const common = ['--seed', String(SEED), '--runs', '5', '--shard', '1/2'];
    const [ran, listed] = await Promise.all([
      runVitest(json, {
        CONFORMANCE_SEED: String(SEED),
        CONFORMANCE_SIDE: 'platform',
        CONFORMANCE_SHARD: '1/2',
      }),
      runCli(['platform', '--list', ...common]),
    ]);
    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    expect(listed.code, listed.stderr).toBe(0);
    const ids = [...listed.stdout.matchAll(/^(?:MUST|SHOULD|INFO) +(\S+)/gm)].map((m) => m[1]);
    const tests = (JSON.parse(readFileSync(json, 'utf8')) as VitestJson).testResults.flatMap(
      (f) => f.assertionResults,
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(selectedCasesOf(['platform'], {}).length);
    expect(tests.map((t) => t.title.split(':')[0]?.split(' ')[1])).toEqual(ids);
    expect(tests.filter((t) => t.status === 'failed')).toEqual([]);
  }, 300_000);

  it('gives the CLI verdicts on a mutant platform, and fails exactly its MUST failures', async () => {
    const { password: _p, ...platform } = mutant.profile.platform;
    const profile = join(dir, 'mutant.json');
    writeFileSync(
      profile,
      JSON.stringify({ ...mutant.profile, platform: { ...platform, passwordEnv: PASSWORD_ENV } }),
    );
    const env = {
      [PASSWORD_ENV]: mutant.profile.platform.password,
      CONFORMANCE_PROFILE: profile,
      CONFORMANCE_SIDE: 'platform',
    };
    const { viaCli, viaVitest, cliReport, vitestReport, tests } = await bothWays({
      name: 'mutant',
      command: ['platform', '--profile', profile],
      env,
    });
    expect(viaCli.code).toBe(1);
    expect(verdicts(vitestReport)).toEqual(verdicts(cliReport));
    expect(verdicts(cliReport)['platform.auth.wrong-password']).toBe('fail');
    expect(viaVitest.code).not.toBe(0);
    const failed = tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title.split(':')[0])).toEqual(
      cliReport.cases.filter((c) => expectedStatus(c) === 'failed').map((c) => `${c.level} ${c.id}`),
    );
    const wrong = failed.find((t) => t.title.includes('platform.auth.wrong-password'));
    expect(wrong?.failureMessages.join('\n')).toMatch(/100001/);
    expect(wrong?.failureMessages.join('\n')).toContain(`--seed ${SEED}`);
    for (const out of [
      viaVitest.stdout,
      viaVitest.stderr,
      readFileSync(join(dir, 'mutant-vitest', 'report.json'), 'utf8'),
    ])
      expect(out).not.toContain(mutant.profile.platform.password);
  }, 300_000);
});
