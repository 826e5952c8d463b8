// Each of the mocks' load misbehaviours (test/mock-load-behaviours.test.ts) fails its soak, on the
// right gate, with the soak's accounting equal to what the mock says it did: the platform that
// drops a fraction of its status reports fails max-lost and the soak counts exactly the dropped
// pairs; one that pushes some twice fails max-duplicates; one that pushes some later than the
// profile's statusReportWaitMs (inside the soak's grace) fails max-late; the customer endpoint that
// answers the slower the more pushes are in flight fails --max-p99-ms (and the same soak passes
// without the slowdown); one that refuses every push after the first N fails on the MUST finding
// of the acknowledgement rule, one result-code error per refused push. The soaks are a few seconds
// at most, the mocks seeded: the assertions are on counts, except the p99 one, whose margin is wide.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userFacing } from '../src/cli/exit-codes.js';
import { runSoakCommand } from '../src/cli/soak.js';
import { runSoak } from '../src/library/soak.js';
import {
  type DeliveryFates,
  type MockCustomer,
  type MockPlatform,
  type PlatformConfigInput,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import type { SoakOptions } from '../src/soak/options.js';
import type { Pair, SoakReport } from '../src/soak/types.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-soak-behaviours-'));
const SINKS = ['8613900000001', '8613900000002', '8613900000003'];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command line in-process, as main.ts runs it: an error is its one line and its exit code. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSoakCommand(
    [...args, '--no-color'],
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

function readReport(reportDir: string): SoakReport {
  return JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as SoakReport;
}

/** The gates that failed, by name. */
const failedGates = (report: SoakReport) => report.thresholds.filter((t) => !t.passed).map((t) => t.name);

const keyOf = (p: Pair) => `${p.messageId}|${p.mobile}`;
const keys = (pairs: readonly Pair[]) => [...pairs].map(keyOf).sort();

// ---------------------------------------------------------------------------------------------
// soak platform

/**
 * A mock platform (HTTPS) whose reports fall due 50 ms after acceptance, pushed at once to the
 * soak's receiver (which answers "0": nothing is retried), mishandled as `delivery` says.
 */
async function platformWith(
  delivery: PlatformConfigInput['delivery'],
  statusReportWaitMs = 1_000,
): Promise<MockPlatform> {
  return startMockPlatform({
    tls: sharedCertificate(),
    onError: () => {},
    config: {
      delivery: { delayMs: 50, maxConcurrentPushes: 64, ...delivery },
      retry: { baseDelayMs: 30, pushTimeoutMs: 1_000 },
      target: { statusReportWaitMs },
    },
  });
}

/** The mock's own profile (a throwaway password inline), with sink numbers and a budget. */
function platformProfile(mock: MockPlatform) {
  const { disabledAccount, ...rest } = mock.profile.platform;
  return {
    ...mock.profile,
    timeoutMs: 2_000,
    platform: {
      ...rest,
      ...(disabledAccount ? { disabledAccount } : {}),
      sinkMobiles: SINKS,
      maxAcceptedMessages: 10_000,
    },
  };
}

function platformSoak(mock: MockPlatform, extra: Partial<SoakOptions> = {}): Promise<SoakReport> {
  return runSoak({
    side: 'platform',
    profile: platformProfile(mock),
    ratePerS: 100,
    durationMs: 2_000,
    recipientsPerRequest: 2,
    seed: 5,
    ...extra,
  });
}

/** What the mock did once every report it owes has been pushed. */
async function fatesOf(mock: MockPlatform): Promise<DeliveryFates> {
  await mock.whenIdle(10_000);
  return mock.deliveryFate();
}

describe('soak platform: every report comes after statusReportWaitMs, inside the grace', () => {
  it('counts every pair late, the ones answered last too (the soak listens the wait and the grace after the last answer)', async () => {
    // Reports due 450 ms after acceptance; the wait is 300 ms and the grace 300 ms: each is late.
    const mock = await startMockPlatform({
      tls: sharedCertificate(),
      onError: () => {},
      config: {
        delivery: { delayMs: 450, maxConcurrentPushes: 64 },
        retry: { baseDelayMs: 30, pushTimeoutMs: 1_000 },
        target: { statusReportWaitMs: 300 },
      },
    });
    try {
      const report = await platformSoak(mock, { durationMs: 1_000, graceMs: 300 });
      expect(report.accounting).toMatchObject({ accepted: 200, late: 200, lost: 0, onTime: 0 });
      expect(failedGates(report)).toEqual(['max-late']);
    } finally {
      await mock.close({ graceMs: 100 });
    }
  }, 30_000);
});

describe('soak platform: the platform drops 1 % of its status reports (delivery.loseFraction)', () => {
  let mock: MockPlatform;
  let report: SoakReport;
  let fates: DeliveryFates;
  beforeAll(async () => {
    // Seed 7 drops 6 of the 600 reports (fates.ts draws them in the order they fall due).
    mock = await platformWith({ loseFraction: 0.01, seed: 7 });
    report = await platformSoak(mock, { durationMs: 3_000 });
    fates = await fatesOf(mock);
  }, 30_000);
  afterAll(() => mock?.close({ graceMs: 100 }));

  it('counts exactly the dropped pairs as lost, and names each of them', () => {
    expect(fates.counts).toMatchObject({ reports: 600, duplicated: 0, late: 0 });
    expect(fates.counts.dropped).toBe(6);
    const a = report.accounting;
    expect(a).toMatchObject({ requests: 300, recipients: 600, accepted: 600 });
    expect(a?.lost).toBe(fates.counts.dropped);
    expect(a?.onTime).toBe(600 - fates.counts.dropped);
    expect(a).toMatchObject({ late: 0, duplicated: 0, extraReports: 0, unknown: 0 });
    expect(a?.pending).toBeUndefined();
    // Fewer than the 20 examples the report keeps: the lost examples are the dropped pairs.
    expect(keys(a?.examples.lost ?? [])).toEqual(keys(fates.dropped));
  });

  it('fails max-lost (default 0), and nothing else', () => {
    expect(failedGates(report)).toEqual(['max-lost']);
    expect(report.thresholds.find((t) => t.name === 'max-lost')).toMatchObject({
      limit: 0,
      actual: 6,
      passed: false,
    });
    expect(report.errorRate).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(false);
  });
});

describe('soak platform: the platform pushes some reports twice (delivery.duplicateFraction)', () => {
  let mock: MockPlatform;
  let report: SoakReport;
  let fates: DeliveryFates;
  beforeAll(async () => {
    // Seed 4 duplicates 16 of the 400 reports.
    mock = await platformWith({ duplicateFraction: 0.05, seed: 4 });
    report = await platformSoak(mock);
    fates = await fatesOf(mock);
  }, 30_000);
  afterAll(() => mock?.close({ graceMs: 100 }));

  it('counts exactly the duplicated pairs, and one extra report for each', () => {
    expect(fates.counts).toMatchObject({ reports: 400, dropped: 0, late: 0 });
    expect(fates.counts.duplicated).toBe(16);
    const a = report.accounting;
    expect(a).toMatchObject({ accepted: 400, onTime: 400, late: 0, lost: 0, unknown: 0 });
    expect(a?.duplicated).toBe(fates.counts.duplicated);
    expect(a?.extraReports).toBe(fates.counts.duplicated);
    expect(keys(a?.examples.duplicated ?? [])).toEqual(keys(fates.duplicated));
  });

  it('fails max-duplicates (default 0), and nothing else', () => {
    expect(failedGates(report)).toEqual(['max-duplicates']);
    expect(report.thresholds.find((t) => t.name === 'max-duplicates')).toMatchObject({
      limit: 0,
      actual: 16,
    });
    expect(report.passed).toBe(false);
  });
});

describe('soak platform: the platform pushes some reports after statusReportWaitMs (delivery.lateFraction)', () => {
  let mock: MockPlatform;
  let fates: DeliveryFates;
  let run: { code: number; out: string; err: string };
  let report: SoakReport;
  const reports = join(dir, 'late');
  beforeAll(async () => {
    // The profile waits 300 ms for a report; a late one comes 50 + 800 ms after acceptance, well
    // within the soak's grace of 2 s. Seed 4 makes 16 of the 400 reports late.
    mock = await platformWith({ lateFraction: 0.05, lateDelayMs: 800, seed: 4 }, 300);
    const file = join(dir, 'late-profile.json');
    writeFileSync(file, JSON.stringify(platformProfile(mock)));
    run = await cli([
      'platform',
      '--profile',
      file,
      '--rate',
      '100/s',
      '--duration',
      '2s',
      '--recipients',
      '2',
      '--seed',
      '5',
      '--grace',
      '2s',
      '--report-dir',
      reports,
    ]);
    report = readReport(reports);
    fates = await fatesOf(mock);
  }, 30_000);
  afterAll(() => mock?.close({ graceMs: 100 }));

  it('counts exactly the late pairs as late, not lost', () => {
    expect(fates.counts).toMatchObject({ reports: 400, dropped: 0, duplicated: 0, lateWaiting: 0 });
    expect(fates.counts.late).toBe(16);
    const a = report.accounting;
    expect(a).toMatchObject({
      accepted: 400,
      lost: 0,
      duplicated: 0,
      unknown: 0,
      waitMs: 300,
      graceMs: 2_000,
    });
    expect(a?.late).toBe(fates.counts.late);
    expect(a?.onTime).toBe(400 - fates.counts.late);
    expect(keys(a?.examples.late ?? [])).toEqual(keys(fates.late));
  });

  it('fails max-late (default 0), and nothing else: exit 1, the gate in junit.xml', () => {
    expect(failedGates(report)).toEqual(['max-late']);
    expect(report.thresholds.find((t) => t.name === 'max-late')).toMatchObject({
      limit: 0,
      actual: 16,
      passed: false,
    });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/accounting {2}400 pair\(s\) accepted .*late 16, lost 0/);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="threshold max-late"[^>]*>\s*<failure /);
  });

  it('within --max-late it passes', async () => {
    mock.reset();
    const again = await platformSoak(mock, { graceMs: 2_000, thresholds: { maxLate: 16 } });
    expect(again.accounting?.late).toBe(16);
    expect(failedGates(again)).toEqual([]);
    expect(again.passed).toBe(true);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// soak customer

describe('soak customer: the mock customer endpoint under load', () => {
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
    profileFile = join(dir, 'customer-profile.json');
    writeFileSync(profileFile, JSON.stringify(profile));
  });
  afterAll(() => customer?.close({ graceMs: 0 }));

  const soak = (extra: Partial<SoakOptions>) =>
    runSoak({ side: 'customer', profile, ratePerS: 100, durationMs: 2_000, seed: 7, ...extra });

  it('slower as pushes in flight grow (slowdownPerInFlightMs): fails --max-p99-ms only; without the slowdown the same soak passes', async () => {
    // 100 pushes a second, each held 20 ms: one or two in flight, a steady p99 of some 25 ms.
    // With 20 ms more per push in flight, each push holds the next ones longer: the in-flight
    // count grows until the 16 slots are full (answers held up to 20 + 15 × 20 = 320 ms, under
    // the 2 s timeout) and the arrivals queue, their wait counted: a p99 of a second or more.
    // The gate, 100 ms, is far from both.
    const asked = { maxInFlight: 16, thresholds: { maxP99Ms: 100 } };
    customer.reset();
    customer.setBehaviour({ delayMs: 20 });
    const steady = await soak(asked);
    expect(steady.achieved).toMatchObject({ scheduled: 200, completed: 200 });
    expect(failedGates(steady)).toEqual([]);
    expect(steady.passed).toBe(true);

    customer.reset();
    customer.setBehaviour({ delayMs: 20, slowdownPerInFlightMs: 20 });
    const slowing = await soak(asked);
    expect(slowing.achieved).toMatchObject({ scheduled: 200, completed: 200 });
    expect(Object.values(slowing.errors).every((n) => n === 0)).toBe(true);
    expect(failedGates(slowing)).toEqual(['max-p99-ms']);
    expect(slowing.latency.percentiles.p99).toBeGreaterThan(400);
    // The mock held pushes longer as more were in flight (the preflight's two probes came alone).
    const held = customer.received().map((r) => r.inFlight);
    expect(Math.max(...held)).toBeGreaterThanOrEqual(10);
    expect(slowing.passed).toBe(false);
  }, 30_000);

  it('refuses every push after the first N (failAfter): fails on the MUST acknowledgement finding, one result-code error per refused push', async () => {
    const N = 60;
    const reports = join(dir, 'fail-after');
    customer.reset();
    customer.setBehaviour({ failAfter: N });
    const run = await cli([
      'customer',
      '--profile',
      profileFile,
      '--rate',
      '100/s',
      '--duration',
      '1s',
      '--seed',
      '7',
      '--report-dir',
      reports,
    ]);
    const report = readReport(reports);
    // The mock counts every push, the preflight's two probes ({} to each URL) first among them.
    const pushes = customer.received();
    expect(pushes).toHaveLength(report.achieved.completed + 2);
    expect(report.achieved.completed).toBe(100);
    const refused = pushes.filter((p) => p.simulated === 'result-code');
    expect(refused).toHaveLength(pushes.length - N);
    expect(report.errors['result-code']).toBe(pushes.length - N);
    expect(Object.entries(report.errors).filter(([kind, n]) => kind !== 'result-code' && n > 0)).toEqual([]);

    // Each refusal is a finding of the acknowledgement rule of its kind, MUST, and nothing else.
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule.id, [f.level, f.exchanges]]));
    const refusedOf = (type: string) => refused.filter((p) => p.type === type).length;
    expect(byRule).toEqual({
      'report.answer.acknowledged': ['MUST', refusedOf('report')],
      'uplink.answer.acknowledged': ['MUST', refusedOf('uplink')],
    });
    expect(failedGates(report)).toEqual(['must-findings']);
    expect(report.thresholds.find((t) => t.name === 'must-findings')?.actual).toBe(pushes.length - N);
    expect(report.passed).toBe(false);
    expect(run.code).toBe(1);
  }, 30_000);

  it('--max-late is the platform soak’s: soak customer refuses it (exit 2), as it does --max-lost', async () => {
    const r = await cli(['customer', '--profile', profileFile, '--max-late', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--max-late is not for soak customer');
  });
});
