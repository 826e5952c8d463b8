// Every command a failure prints is run: the built CLI fails against a mutant platform and a
// mutant customer endpoint (an example case and a property case each, so a --path is printed), then each printed rerun line is run as a
// user would (npx replaced by the built CLI) and must reproduce the verdict and counterexample,
// and each printed curl is run by the system curl (the password put back from $SMS_PASSWORD, as
// the README says) and must get the answer the run recorded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult, Exchange } from '../src/cases/types.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { cli, detailsOf, type Ran, runCli, runShell, verdictOf } from './helpers/cli.js';
import { CUSTOMER_MUTANTS } from './mutants/customer/mutants.js';
import type { Endpoint } from './mutants/customer/server.js';
import { sharedCertificate } from './mutants/platform/certificate.js';
import { DISABLED, mockConfig, PASSWORD } from './mutants/platform/config.js';
import { VALID_RUNS_BUDGET } from './mutants/platform/harness.js';
import { mutants } from './mutants/platform/mutants.js';

const WAIT_MS = 1_000;
const SEED = 7;
const EXAMPLE = 'platform.responses.recipients.count';
const PROPERTY = 'platform.properties.valid';
const ENV = { SMS_PASSWORD: PASSWORD, SMS_FROZEN_PASSWORD: DISABLED.password };

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-printed-'));
let mock: MockPlatform;
let first: Ran;
let report: RunReport;

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const drops = mutants().find((m) => m.name === 'drops-recipient');
  if (!drops?.hooks) throw new Error('the drops-recipient mutant is gone');
  mock = await startMockPlatform({
    tls: sharedCertificate(),
    onError: () => {},
    config: mockConfig(WAIT_MS),
    hooks: drops.hooks,
  });
  // The profile as the README recommends: passwords by environment variable; the certificate is
  // accepted by a flag on the command line (so the rerun line must carry it).
  const { password: _p, disabledAccount, ...platform } = mock.profile.platform;
  const profile = {
    ...mock.profile,
    tls: { ca: null, insecure: false },
    platform: {
      ...platform,
      validRunsBudget: VALID_RUNS_BUDGET,
      passwordEnv: 'SMS_PASSWORD',
      ...(disabledAccount
        ? { disabledAccount: { account: disabledAccount.account, passwordEnv: 'SMS_FROZEN_PASSWORD' } }
        : {}),
    },
  };
  writeFileSync(join(dir, 'target profile.json'), JSON.stringify(profile));
  first = await runCli(
    [
      'platform',
      '--profile',
      join(dir, 'target profile.json'),
      '--insecure',
      '--only',
      `${EXAMPLE},${PROPERTY}`,
      '--seed',
      String(SEED),
      '--runs',
      '10',
      '--report-dir',
      join(dir, 'reports'),
    ],
    ENV,
  );
  report = JSON.parse(readFileSync(join(dir, 'reports', 'report.json'), 'utf8')) as RunReport;
}, 120_000);

afterAll(async () => {
  await mock?.close({ graceMs: 200 });
  rmSync(dir, { recursive: true, force: true });
});

/** What a printed line runs: the published binary is this build. */
function asBuilt(rerun: string): string {
  expect(rerun.startsWith('npx iot-sms-conformance ')).toBe(true);
  return `'${process.execPath}' '${cli}' ${rerun.slice('npx iot-sms-conformance '.length)}`;
}

/** An answer with what the platform draws afresh each time (generated messageIds) blanked. */
function normalised(body: string): unknown {
  return JSON.parse(body, (key, value: unknown) => (key === 'messageId' ? '<generated>' : value));
}

/** The level the console printed for a case (`[n/total] VERDICT LEVEL id`). */
function recordedLevel(run: Ran, id: string): string | undefined {
  const line = run.stdout.split('\n').find((l) => l.includes(` ${id} `));
  return /\b(MUST|SHOULD|INFO)\b/.exec(line ?? '')?.[1];
}

/** The rerun line printed under `id` reproduces the verdict, the expectation and the counterexample. */
async function rerunReproduces(run: Ran, id: string, env: Record<string, string>) {
  const printed = detailsOf(run.stdout, id);
  const rerun = printed.get('rerun')?.[0] ?? '';
  console.log(`printed rerun line: ${rerun}`);
  const again = await runShell(asBuilt(rerun), env);
  // A failed SHOULD case fails the gate only with --strict: its rerun exits 0 and says FAIL.
  const level = recordedLevel(run, id);
  expect(again.code, `${rerun}\n${again.stderr}`).toBe(level === 'MUST' ? 1 : 0);
  expect(verdictOf(again.stdout, id)).toBe('FAIL');
  // That case alone ran, and failed for the same reason.
  expect(again.stdout.match(/^(?:\[ *[0-9]+\/[0-9]+\] )?(PASS|FAIL|ERROR|SKIP|INFO)\s/gm)).toHaveLength(1);
  const replayed = detailsOf(again.stdout, id);
  expect(replayed.get('expected')).toEqual(printed.get('expected'));
  expect(replayed.get('counterexample')).toEqual(printed.get('counterexample'));
  return { printed, replayed };
}

/** Each curl printed under the cases is run by the system curl and gets the recorded answer. */
async function curlsGetTheRecordedAnswers(
  run: Ran,
  recorded: RunReport,
  ids: string[],
  env: Record<string, string>,
): Promise<string[]> {
  const curls: string[] = [];
  for (const id of ids) {
    const printed = detailsOf(run.stdout, id).get('curl') ?? [];
    const result = recorded.cases.find((c) => c.id === id) as CaseResult;
    const sent = result.exchanges.filter((e: Exchange) => e.direction === 'sent');
    expect(printed).toHaveLength(sent.length);
    for (const [i, line] of printed.entries()) {
      // The console cuts a very long line and says so; report.json holds it whole.
      const whole = result.curl[i] ?? '';
      const curl = line.endsWith('see report.json]') ? whole : line;
      expect(whole.startsWith(curl.replace(/… \[\d+ more characters: see report\.json\]$/, ''))).toBe(true);
      const answer = await runShell(curl, env);
      expect(answer.stderr, curl).toBe('');
      const [head = '', ...rest] = answer.stdout.split('\r\n\r\n');
      const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head)?.[1]);
      const exchange = sent[i];
      expect(status, head).toBe(exchange?.response?.status);
      expect(normalised(rest.join('\r\n\r\n')), curl).toEqual(normalised(exchange?.response?.body ?? ''));
      curls.push(curl);
    }
  }
  return curls;
}

const curl = hasCurl();
if (!curl) console.warn('no curl on PATH: the printed curl commands cannot be run here');

describe('a failing run of the built CLI against a mutant platform', () => {
  it('fails both cases and prints a rerun line and curls under each, no password', () => {
    expect(first.code, first.stderr).toBe(1);
    for (const id of [EXAMPLE, PROPERTY]) {
      expect(verdictOf(first.stdout, id)).toBe('FAIL');
      const d = detailsOf(first.stdout, id);
      expect(d.get('rerun')).toHaveLength(1);
      expect(d.get('curl')?.length ?? 0).toBeGreaterThan(0);
    }
    expect(detailsOf(first.stdout, PROPERTY).get('rerun')?.[0]).toMatch(/ --path \S+$/);
    expect(first.stdout).not.toContain(PASSWORD.slice(0, 20));
  });

  it.each([EXAMPLE, PROPERTY])('the printed rerun line of %s reproduces its verdict', async (id) => {
    const { printed, replayed } = await rerunReproduces(first, id, ENV);
    if (id === PROPERTY) {
      expect(printed.get('counterexample')?.[0]).toBeTruthy();
      expect(replayed.get('property')?.[0]).toContain(`seed ${SEED}`);
    }
  });

  it.skipIf(!curl)('each printed curl reaches the mutant and gets the answer the run recorded', async () => {
    const curls = await curlsGetTheRecordedAnswers(first, report, [EXAMPLE, PROPERTY], ENV);
    expect(curls.length).toBeGreaterThan(1);
    for (const c of curls) {
      expect(c).toContain('"password":\'"\\"$SMS_PASSWORD\\""\'');
      expect(c).not.toContain(PASSWORD.slice(0, 20));
    }
  });
});

describe('a failing run of the built CLI against a mutant customer endpoint', () => {
  const CUSTOMER_EXAMPLE = 'customer.report.status.other';
  const CUSTOMER_PROPERTY = 'customer.report.property.valid';
  let endpoint: Endpoint;
  let run: Ran;
  let recorded: RunReport;

  beforeAll(async () => {
    const m = CUSTOMER_MUTANTS.find((x) => x.name === 'rejects-unknown-status');
    if (!m) throw new Error('the rejects-unknown-status customer mutant is gone');
    endpoint = await m.start();
    const profile = join(dir, 'customer.json');
    writeFileSync(
      profile,
      // The mutant endpoints serve HTTPS with a self-signed certificate (§1.1).
      JSON.stringify({
        customer: { uplinkUrl: endpoint.uplinkUrl, reportUrl: endpoint.reportUrl },
        tls: { insecure: true },
      }),
    );
    run = await runCli([
      'customer',
      '--profile',
      profile,
      '--only',
      `${CUSTOMER_EXAMPLE},${CUSTOMER_PROPERTY}`,
      '--seed',
      String(SEED),
      '--report-dir',
      join(dir, 'customer-reports'),
    ]);
    recorded = JSON.parse(readFileSync(join(dir, 'customer-reports', 'report.json'), 'utf8')) as RunReport;
  }, 120_000);

  afterAll(async () => {
    await endpoint?.close();
  });

  it('fails both cases, the property with a --path in its rerun line', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const id of [CUSTOMER_EXAMPLE, CUSTOMER_PROPERTY]) expect(verdictOf(run.stdout, id)).toBe('FAIL');
    expect(detailsOf(run.stdout, CUSTOMER_PROPERTY).get('rerun')?.[0]).toMatch(/ --path \S+$/);
  });

  it.each([CUSTOMER_EXAMPLE, CUSTOMER_PROPERTY])(
    'the printed rerun line of %s reproduces its verdict',
    async (id) => {
      const { printed } = await rerunReproduces(run, id, {});
      if (id === CUSTOMER_PROPERTY) expect(printed.get('counterexample')?.[0]).toBeTruthy();
    },
  );

  it.skipIf(!curl)(
    'each printed curl reaches the endpoint and gets the answer the run recorded',
    async () => {
      const curls = await curlsGetTheRecordedAnswers(
        run,
        recorded,
        [CUSTOMER_EXAMPLE, CUSTOMER_PROPERTY],
        {},
      );
      expect(curls.length).toBeGreaterThan(1);
    },
  );
});
