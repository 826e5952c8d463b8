// `soak customer` against the mock customer endpoint (HTTPS, its certificate trusted by a CA file):
// a clean soak passes with exact counts and the mix asked for; an endpoint that refuses valid
// pushes (resultCode ≠ "0") fails on its MUST findings and the error rate; a slow one fails
// --max-p99-ms; an endpoint down at the start is exit 3; the command line stops cleanly on SIGINT
// and still writes the report, marked interrupted, with the thresholds in junit.xml. The soaks are
// short (2 s or less): the engine's timing is measured apart (bench-style), not asserted here.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userFacing } from '../src/cli/exit-codes.js';
import { runSoakCommand } from '../src/cli/soak.js';
import { runVerifyReport } from '../src/cli/verify-report.js';
import { runSoak } from '../src/library/soak.js';
import { type MockCustomer, type ReceivedPush, startMockCustomer } from '../src/mock/index.js';
import { kindOf } from '../src/soak/customer.js';
import type { SoakOptions } from '../src/soak/options.js';
import type { SoakReport } from '../src/soak/types.js';
import { closedPortUrl } from './helpers/local-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-soak-customer-'));
let customer: MockCustomer;
let profile: { customer: { uplinkUrl: string; reportUrl: string }; tls: { ca: string }; timeoutMs: number };
let profileFile: string;

beforeAll(async () => {
  customer = await startMockCustomer({ tls: 'self-signed' });
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, customer.certificate ?? '');
  profile = {
    customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl },
    tls: { ca },
    timeoutMs: 2_000,
  };
  profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
});

afterAll(async () => {
  await customer?.close({ graceMs: 0 });
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => customer.reset());

function soak(extra: Partial<SoakOptions> = {}): Promise<SoakReport> {
  return runSoak({
    side: 'customer',
    profile,
    ratePerS: 100,
    durationMs: 1_000,
    seed: 7,
    progressEveryMs: 200,
    ...extra,
  });
}

/** The command line in-process, as main.ts runs it: an error is its one line and its exit code. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSoakCommand(
    ['customer', ...args, '--no-color'],
    (l) => out.push(l),
    (t) => err.push(t),
  ).catch((e: unknown) => {
    const known = userFacing(e);
    if (!known) throw e;
    err.push(`${known.message}\n`);
    return known.exitCode;
  });
  return { code, out: out.join('\n'), err: err.join('') };
}

describe('a clean soak', () => {
  let report: SoakReport;
  const progress: number[] = [];
  let received: { uplinks: ReceivedPush[]; reports: ReceivedPush[] };
  beforeAll(async () => {
    customer.reset();
    report = await soak({
      ratePerS: 200,
      durationMs: 2_000,
      onEvent: (e) => {
        if (e.type === 'progress') progress.push(e.progress.completed);
      },
    });
    // The preflight probes each URL once with `{}`, which is not acknowledged.
    received = {
      uplinks: customer.received({ type: 'uplink', acknowledged: true }),
      reports: customer.received({ type: 'report', acknowledged: true }),
    };
  }, 30_000);

  it('schedules, starts and completes exactly rate × duration pushes, and passes', () => {
    expect(report.achieved).toMatchObject({ scheduled: 400, started: 400, completed: 400, notStarted: 0 });
    expect(report.latency.count).toBe(400);
    expect(report.errorRate).toBe(0);
    expect(Object.values(report.errors).every((n) => n === 0)).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.thresholds.map((t) => t.name)).toEqual(['max-p99-ms', 'max-error-rate', 'must-findings']);
  });

  it('pushes the mix asked for: every fourth an uplink, the rest status reports, each report with its own messageId', () => {
    const { uplinks, reports } = received;
    expect(uplinks).toHaveLength(100);
    expect(reports).toHaveLength(300);
    const ids = reports.map((p) => (p.body as { messageId?: string }).messageId);
    expect(new Set(ids).size).toBe(300);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => kindOf(i, 0.25))).toEqual([
      'report',
      'report',
      'report',
      'uplink',
      'report',
      'report',
      'report',
      'uplink',
    ]);
  });

  it('keeps one interval per second, whose counts add up to the whole', () => {
    expect(report.intervals.length).toBeGreaterThanOrEqual(2);
    expect(report.intervals.reduce((n, i) => n + i.scheduled, 0)).toBe(400);
    expect(report.intervals.reduce((n, i) => n + i.completed, 0)).toBe(400);
    expect(report.intervals.reduce((n, i) => n + i.latency.count, 0)).toBe(400);
    expect(report.intervals[0]?.lengthS).toBe(1);
  });

  it('tells its progress while it runs', () => {
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress.at(-1)).toBeGreaterThan(progress[0] ?? 0);
  });
});

describe('an endpoint that refuses valid pushes (resultCode ≠ "0")', () => {
  it('fails on its MUST findings and the error rate, each refusal counted as result-code', async () => {
    customer.setBehaviour({ failMode: 'result-code', failRate: 0.2, seed: 3 });
    const report = await soak({ thresholds: { maxErrorRate: 0.05 } });
    expect(report.errors['result-code']).toBeGreaterThan(0);
    expect(report.errorRate).toBeCloseTo(report.errors['result-code'] / 100, 6);
    const ids = report.findings.map((f) => f.rule.id);
    expect(ids).toContain('report.answer.acknowledged');
    expect(report.findings.every((f) => f.level === 'MUST')).toBe(true);
    const failed = report.thresholds.filter((t) => !t.passed).map((t) => t.name);
    expect(failed).toEqual(['max-error-rate', 'must-findings']);
    expect(report.passed).toBe(false);
  }, 30_000);

  it('an HTTP 500 is http-status', async () => {
    // The first two go to the preflight's probes, one per URL.
    customer.setBehaviour({ failMode: 'http-500', failNext: 7 });
    const report = await soak({ ratePerS: 20 });
    expect(report.errors['http-status']).toBe(5);
    expect(report.passed).toBe(false);
  }, 30_000);
});

describe('a slow endpoint', () => {
  it('fails --max-p99-ms, and nothing else', async () => {
    customer.setBehaviour({ delayMs: 40 });
    const report = await soak({ ratePerS: 50, thresholds: { maxP99Ms: 20 } });
    expect(report.latency.percentiles.p50).toBeGreaterThanOrEqual(40);
    const gates = Object.fromEntries(report.thresholds.map((t) => [t.name, t.passed]));
    expect(gates).toEqual({ 'max-p99-ms': false, 'max-error-rate': true, 'must-findings': true });
    expect(report.passed).toBe(false);
  }, 30_000);
});

describe('open arrivals', () => {
  it('an arrival that finds every slot taken waits for one: counted as queued, its wait in its latency', async () => {
    customer.setBehaviour({ delayMs: 40 });
    // 50 arrivals in a second, one at a time, 40 ms each: the queue grows, the last waits a second.
    const report = await soak({ ratePerS: 50, durationMs: 1_000, maxInFlight: 1 });
    expect(report.achieved).toMatchObject({ scheduled: 50, completed: 50, maxInFlight: 1 });
    expect(report.achieved.queued).toBeGreaterThan(40);
    expect(report.latency.percentiles.max).toBeGreaterThan(800);
    expect(report.achieved.ratePerS).toBeLessThan(30);
  }, 30_000);

  it('arrivals still waiting one timeout after the duration are given up: timeouts, their waits in the latency, the soak ends on time', async () => {
    customer.setBehaviour({ delayMs: 200 });
    // One at a time, 200 ms each: about 12 of the 50 start before 1 s + the 2 s timeout.
    const started = performance.now();
    const report = await soak({ ratePerS: 50, durationMs: 1_000, maxInFlight: 1 });
    expect(performance.now() - started).toBeLessThan(6_000);
    const { achieved } = report;
    expect(achieved.started).toBeGreaterThan(5);
    expect(achieved.started).toBeLessThan(30);
    expect(achieved.completed).toBe(50);
    expect(report.errors.timeout).toBe(50 - achieved.started);
    expect(report.latency.percentiles.max).toBeGreaterThan(2_000);
    expect(report.notes.some((n) => n.includes('given up unsent'))).toBe(true);
  }, 30_000);
});

describe('a shard', () => {
  it('takes 1/N of the rate, and says which part it is', async () => {
    const report = await soak({ ratePerS: 200, durationMs: 1_000, shard: { index: 2, total: 4 } });
    expect(report.shard).toEqual({ index: 2, total: 4 });
    expect(report.asked.ratePerS).toBe(50);
    expect(report.achieved).toMatchObject({ scheduled: 50, completed: 50 });
  }, 30_000);
});

describe('the command line', () => {
  it('an endpoint down at the start is exit 3, one line', async () => {
    const closed = await closedPortUrl();
    const r = await cli([
      '--profile',
      profileFile,
      '--uplink-url',
      `${closed}/up`,
      '--report-url',
      `${closed}/re`,
      '--duration',
      '1s',
    ]);
    expect(r.code).toBe(3);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('connection refused');
  });

  it('a URL given apart that is neither loopback nor named by the profile is refused (exit 2)', async () => {
    const r = await cli(['--profile', profileFile, '--uplink-url', 'https://soak-target.invalid/up']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--allow-any-host');
  });

  it('a flag of the other side is refused', async () => {
    const r = await cli(['--profile', profileFile, '--recipients', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--recipients is not for soak customer');
  });

  it('SIGINT mid-run stops it cleanly: exit 130, the report written and marked interrupted, thresholds in junit.xml', async () => {
    const reports = join(dir, 'interrupted');
    const before = new Set(process.listeners('SIGINT'));
    const running = cli([
      '--profile',
      profileFile,
      '--rate',
      '50/s',
      '--duration',
      '20s',
      '--report-dir',
      reports,
      '--max-p99-ms',
      '1000',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Only the command's own listener: the test runner's must not hear a signal that never came.
    const handler = process.listeners('SIGINT').find((l) => !before.has(l));
    expect(handler).toBeDefined();
    (handler as (signal: string) => void)('SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.out).toContain('INTERRUPTED (interrupted by SIGINT)');
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as SoakReport;
    expect(report.interrupted).toBe('interrupted by SIGINT');
    expect(report.passed).toBe(false);
    expect(report.achieved.scheduled).toBe(1_000);
    expect(report.achieved.started).toBeGreaterThan(0);
    expect(report.achieved.notStarted).toBe(report.achieved.scheduled - report.achieved.started);
    expect(report.achieved.notStarted).toBeGreaterThan(500);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    for (const name of ['max-p99-ms', 'max-error-rate', 'must-findings'])
      expect(junit).toContain(`<testcase name="threshold ${name}"`);
    expect(junit).toContain('type="interrupted"');
    expect(readFileSync(join(reports, 'report.html'), 'utf8')).toContain('<html');
  }, 30_000);

  it('with no profile it soaks the kit’s own mocks', async () => {
    const r = await cli(['--rate', '40/s', '--duration', '1s', '--seed', '1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain("(the kit's own mocks)");
    expect(r.out).toMatch(/achieved {4}40 of 40 push\(es\) completed/);
    expect(r.out).toContain('soak customer: PASSED');
  }, 30_000);

  it('--sign-key signs the reports (verify-report holds them); without --report-dir it is refused', async () => {
    const pair = generateKeyPairSync('ed25519');
    const key = join(dir, 'key.pem');
    const pub = join(dir, 'pub.pem');
    writeFileSync(key, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const refused = await cli(['--profile', profileFile, '--sign-key', key]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('--sign-key signs the reports: it needs --report-dir DIR\n');
    const reports = join(dir, 'signed');
    const r = await cli([
      ...['--profile', profileFile, '--rate', '40/s', '--duration', '1s', '--seed', '1'],
      ...['--report-dir', reports, '--sign-key', key],
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^signed: .*attestation\.json \(Ed25519, key id [0-9a-f]{64}\)$/m);
    const envelope = JSON.parse(readFileSync(join(reports, 'attestation.json'), 'utf8'));
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(statement.predicate).toMatchObject({ result: 'PASSED', failedTests: [], warnedTests: [] });
    expect(statement.predicate.passedTests).toEqual(
      expect.arrayContaining(['threshold max-p99-ms', 'threshold max-error-rate', 'threshold must-findings']),
    );
    expect(statement.predicate.configuration).toEqual(
      expect.arrayContaining([
        { name: 'uplinkUrl', uri: customer.uplinkUrl },
        { name: 'reportUrl', uri: customer.reportUrl },
      ]),
    );
    const verified: string[] = [];
    expect(await runVerifyReport([reports, '--key', pub], (l) => verified.push(l))).toBe(0);
    expect(verified.join('\n')).toMatch(/^verdict {3}PASSED \(3 passed, 0 warned, 0 failed\)$/m);
  }, 30_000);
});
