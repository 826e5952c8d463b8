// `soak platform` against the mock platform (HTTPS), its reports pushed to the kit's receiver: a
// clean soak accounts for every accepted (messageId, recipient) on time and passes with exact
// counts; the guards of a live platform refuse (numbers that are not sink numbers, a budget too
// small, a host the profile does not name) with one line and exit 2 after printing the spend, and
// send nothing; and the delivery ledger tells late, lost, duplicated and unknown reports apart
// (the mock's own misbehaviours are tested elsewhere).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userFacing } from '../src/cli/exit-codes.js';
import { runSoakCommand } from '../src/cli/soak.js';
import { runSoak } from '../src/library/soak.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import { DeliveryLedger } from '../src/soak/accounting.js';
import type { SoakReport } from '../src/soak/types.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-soak-platform-'));
const SINKS = ['8613900000001', '8613900000002', '8613900000003'];
let mock: MockPlatform;

beforeAll(async () => {
  mock = await startMockPlatform({
    tls: sharedCertificate(),
    onError: () => {},
    config: {
      delivery: { delayMs: 20 },
      retry: { baseDelayMs: 30, pushTimeoutMs: 1_000 },
      target: { statusReportWaitMs: 1_000 },
    },
  });
}, 30_000);

afterAll(async () => {
  await mock?.close({ graceMs: 100 });
  rmSync(dir, { recursive: true, force: true });
});

/** The mock's own profile (a throwaway password inline), with sink numbers and a budget. */
function profileOf(platform: Record<string, unknown> = {}) {
  const { disabledAccount, ...rest } = mock.profile.platform;
  return {
    ...mock.profile,
    timeoutMs: 2_000,
    platform: {
      ...rest,
      ...(disabledAccount ? { disabledAccount } : {}),
      sinkMobiles: SINKS,
      maxAcceptedMessages: 10_000,
      ...platform,
    },
  };
}

function profileFile(name: string, platform: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(profileOf(platform)));
  return file;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSoakCommand(
    ['platform', ...args, '--no-color'],
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
  beforeAll(async () => {
    report = await runSoak({
      side: 'platform',
      profile: profileOf(),
      ratePerS: 50,
      durationMs: 2_000,
      recipientsPerRequest: 2,
      seed: 5,
    });
  }, 30_000);

  it('sends exactly rate × duration requests, each answered and judged', () => {
    expect(report.achieved).toMatchObject({ scheduled: 100, started: 100, completed: 100, notStarted: 0 });
    expect(report.errorRate).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('accounts for every accepted pair: each reported once, on time', () => {
    expect(report.accounting).toMatchObject({
      requests: 100,
      recipients: 200,
      accepted: 200,
      onTime: 200,
      late: 0,
      lost: 0,
      duplicated: 0,
      extraReports: 0,
      unknown: 0,
      waitMs: 1_000,
    });
    expect(report.accounting?.pending).toBeUndefined();
    expect(report.reportDelay?.count).toBe(200);
    expect(report.reportDelay?.percentiles.p50).toBeGreaterThanOrEqual(20);
  });

  it('passes every gate, lost, late and duplicates at 0 by default', () => {
    expect(report.thresholds.map((t) => [t.name, t.limit, t.passed])).toEqual([
      ['max-p99-ms', null, true],
      ['max-error-rate', null, true],
      ['max-lost', 0, true],
      ['max-late', 0, true],
      ['max-duplicates', 0, true],
      ['must-findings', 0, true],
    ]);
    expect(report.passed).toBe(true);
  });

  it('holds no password: the requests it sent are counted, never kept', () => {
    expect(JSON.stringify(report)).not.toContain(mock.profile.platform.password);
  });
});

describe('a live platform (a profile given)', () => {
  it('prints its spend, then soaks and writes the thresholds into junit.xml', async () => {
    const reports = join(dir, 'live');
    const r = await cli([
      '--profile',
      profileFile('ok.json'),
      '--rate',
      '20/s',
      '--duration',
      '1s',
      '--report-dir',
      reports,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^plan: recipients a conforming platform would accept in this soak \(nothing sent yet\): 20$/m,
    );
    expect(r.out).toContain(
      '20 request(s) × 1 recipient(s), to 3 number(s), 3 of them sink number(s); budget 10000',
    );
    expect(r.out).toMatch(/accounting {2}20 pair\(s\) accepted/);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    for (const name of [
      'max-p99-ms',
      'max-error-rate',
      'max-lost',
      'max-late',
      'max-duplicates',
      'must-findings',
    ])
      expect(junit).toContain(`<testcase name="threshold ${name}"`);
    expect(junit).toContain('failures="0"');
  }, 30_000);

  it.each([
    [
      'a number that is not a sink number',
      ['--mobiles', '8613600000000'],
      {},
      '8613600000000 is not one of the profile',
    ],
    [
      'a budget too small for rate × duration × recipients',
      ['--rate', '10/s', '--duration', '10s', '--recipients', '2'],
      { maxAcceptedMessages: 150 },
      'the soak would get up to 200 recipients accepted (100 requests × 2), more than the budget of 150',
    ],
    ['no sink numbers at all', [], { sinkMobiles: [] }, 'the profile gives no platform.sinkMobiles'],
  ])('refuses %s: the spend printed, one line, exit 2, nothing sent', async (_name, args, platform, line) => {
    const sent = mock.journal().length;
    const r = await cli(['--profile', profileFile(`refused-${args.length}.json`, platform), ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^plan: /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(line);
    expect(r.err).not.toContain('s3cret');
    expect(mock.journal().length).toBe(sent);
  });

  it('refuses a --url that is neither loopback nor a host the profile names, unless --allow-any-host', async () => {
    const r = await cli(['--profile', profileFile('host.json'), '--url', 'https://soak-target.invalid']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /the url given \(soak-target\.invalid\) is neither loopback nor a host the profile names \(to soak it anyway: --allow-any-host\)/,
    );
  });
});

describe('the delivery ledger', () => {
  const times = { waitMs: 100, graceMs: 100, dupWindowMs: 200, earlyMs: 50 };
  const pair = (n: number) => ({ messageId: `m${n}`, mobile: '13900000001' });

  it('tells on time, late, lost, duplicated, unknown and early reports apart, each pair counted once', () => {
    const judged: string[] = [];
    const delays: number[] = [];
    const ledger = new DeliveryLedger<string>(
      times,
      (r, tie) => judged.push(`${r}:${'send' in tie ? 'send' : 'none'}`),
      (ms) => delays.push(ms),
    );
    ledger.accept([pair(1), pair(2), pair(3), pair(4)], 'r1', 0);
    ledger.report('a', 'm1', '8613900000001', 10); // on time: +86 is the same number (D19)
    ledger.report('b', 'm1', '13900000001', 20); // a duplicate
    ledger.report('c', 'm2', '13900000001', 150); // late
    ledger.report('d', 'mX', '13900000001', 30); // nothing sent: early, then unknown
    ledger.report('e', 'm5', '13900000001', 40); // before its answer was read
    ledger.accept([pair(5)], undefined, 45);
    ledger.sweep(120); // d is unknown now
    ledger.sweep(250); // m3 and m4 waited past wait + grace: lost
    const a = ledger.finish(260, false);
    expect(a).toMatchObject({
      accepted: 5,
      onTime: 2,
      late: 1,
      lost: 2,
      duplicated: 1,
      extraReports: 1,
      unknown: 1,
    });
    expect(a.examples.lost.map((p) => p.messageId)).toEqual(['m3', 'm4']);
    expect(judged.sort()).toEqual(['a:send', 'b:send', 'c:send', 'd:none', 'e:send']);
    expect(delays).toEqual([10, 150, 0]);
  });

  it('an interrupted soak counts the pairs still within their wait as pending, not lost', () => {
    const ledger = new DeliveryLedger<string>(
      times,
      () => {},
      () => {},
    );
    ledger.accept([pair(1), pair(2)], undefined, 0);
    ledger.accept([pair(3)], undefined, 150);
    const a = ledger.finish(210, true);
    expect(a).toMatchObject({ accepted: 3, lost: 2, pending: 1 });
  });
});

describe('a URL without a profile', () => {
  it("is refused before anything is sent: without a profile the soak is the kit's own mocks', with their test numbers and no budget", async () => {
    let sent = 0;
    const server = createServer((_req, res) => {
      sent += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const r = await cli(['--url', `http://127.0.0.1:${port}`, '--duration', '1s', '--allow-any-host']);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain('needs a profile');
      expect(sent).toBe(0);
    } finally {
      server.close();
    }
  });
});
