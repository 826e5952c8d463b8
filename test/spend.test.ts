// What a run spends on a live platform: `--plan` says per family of cases, before anything is sent
// (and without the target); a full run with sink numbers stays within the goal of issue 14 (at most
// 20 SMS on the profile's phones, 150 accepted recipients in all) and its report sets what each
// family spent beside the plan; without sink numbers `--frugal` skips the costly cases and says
// why; and the guard lets sink numbers through, counts them, and still refuses any other number.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformanceCommand as runConformance } from '../src/cli/conformance.js';
import { Budget, SafetyRefusal } from '../src/client/budget.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-spend-'));
const PHONES = ['8613600000000', '13600000001'];
const SINKS = ['8613900000001', '8613900000002', '8613900000003', '8613900000004', '8613900000005'];

let mock: MockPlatform;
beforeAll(async () => {
  mock = await startMockPlatform({
    config: {
      delivery: { delayMs: 20 },
      retry: { baseDelayMs: 30, maxDelayMs: 300, pushTimeoutMs: 1_000 },
      target: { maxAcceptedMessages: 2_000 },
    },
  });
});
afterAll(async () => {
  await mock.close({ graceMs: 100 });
  rmSync(dir, { recursive: true, force: true });
});

/** The mock's own profile (password inline), with the numbers given and short waits. */
function profileFile(name: string, platform: Record<string, unknown>): string {
  const { disabledAccount, ...rest } = mock.profile.platform;
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      ...mock.profile,
      statusReportWaitMs: 1_500,
      platform: { ...rest, ...(disabledAccount ? { disabledAccount } : {}), mobiles: PHONES, ...platform },
    }),
  );
  return file;
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runConformance('platform', [...args, '--no-color', '--seed', '1'], (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('--plan', () => {
  it('prints the recipients per family, on phones and on sinks, and sends nothing (the target may be down)', async () => {
    let requests = 0;
    const target = createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    try {
      const file = profileFile('plan.json', { url, sinkMobiles: SINKS });
      const { code, out } = await cli(['--profile', file, '--plan']);
      expect(code).toBe(0);
      expect(out).toMatch(/^plan: recipients a conforming platform would accept, per case family/);
      expect(out).toContain('2 profile phone(s), 5 sink number(s), budget 2000');
      const row = (family: string) => {
        const m = new RegExp(`^  ${family.replace('.', '\\.')}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(
          out,
        );
        return m ? { phones: Number(m[1]), sinks: Number(m[2]), total: Number(m[3]) } : undefined;
      };
      // The many-recipient limit cases go to sinks, the status reports to phones.
      expect(row('limits')).toEqual({ phones: 0, sinks: 119, total: 119 });
      expect(row('reports')?.phones).toBeGreaterThan(0);
      expect(row('reports')?.sinks).toBe(0);
      expect(row('properties.valid')?.phones).toBe(0);
      const total = row('total');
      expect(total?.phones).toBeLessThanOrEqual(20);
      expect(total?.total).toBeLessThanOrEqual(150);
      expect(requests).toBe(0);
      // The plan needs no running target at all.
      await new Promise<void>((resolve) => target.close(() => resolve()));
      const down = await cli(['--profile', file, '--plan']);
      expect(down.code).toBe(0);
      expect(down.out).toMatch(/^ {2}total\s+\d+\s+\d+\s+\d+$/m);
    } finally {
      if (target.listening) target.close();
    }
  }, 60_000);
});

describe('a full run with sink numbers', () => {
  it('spends at most 20 SMS on the profile phones and 150 recipients in all, as planned, and reports both', async () => {
    const reports = join(dir, 'sinks');
    const file = profileFile('sinks.json', { sinkMobiles: SINKS });
    const { code, out } = await cli(['--profile', file, '--report-dir', reports]);
    expect(code, out).toBe(0);
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as RunReport;
    const budget = report.budget;
    expect(budget?.phones).toBeLessThanOrEqual(20);
    expect(budget?.spent).toBeLessThanOrEqual(150);
    expect((budget?.phones ?? 0) + (budget?.sinks ?? 0)).toBe(budget?.spent);
    expect(budget?.sinks).toBeGreaterThan(100);
    const families = budget?.families ?? [];
    expect(families.map((f) => f.family)).toEqual(
      expect.arrayContaining(['limits', 'reports', 'properties.valid']),
    );
    // Against a conforming platform the run spends what the plan said, family by family.
    for (const f of families) expect(f.spent, f.family).toEqual(f.planned);
    expect(out).toMatch(
      /budget: \d+ of 2000 recipients spent \(\d+ on the profile's phones, \d+ on sink numbers\)/,
    );
    expect(out).toContain('planned phones/sinks  spent phones/sinks');
    // The plan is said before the run.
    expect(out.indexOf('plan: recipients a conforming platform would accept')).toBe(0);
    expect(readFileSync(join(reports, 'report.html'), 'utf8')).toContain('<section id="spending">');
    const limits = report.cases.find((c) => c.id === 'platform.limits.requestLists.mobiles.maxItems.at');
    expect(limits?.message).toContain('in one request with every limit at once');
  }, 120_000);
});

describe('without sink numbers', () => {
  const COSTLY = 'platform.limits.requestLists.maxItems.at,platform.limits.requestLists.mobiles.maxItems.at';

  it('--frugal skips the cases that need many recipients, and says why', async () => {
    const reports = join(dir, 'frugal');
    const file = profileFile('frugal.json', {});
    const { code } = await cli(['--profile', file, '--frugal', '--only', COSTLY, '--report-dir', reports]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as RunReport;
    expect(report.cases.map((c) => [c.id, c.verdict])).toEqual([
      ['platform.limits.requestLists.mobiles.maxItems.at', 'skip'],
      ['platform.limits.requestLists.maxItems.at', 'skip'],
    ]);
    for (const c of report.cases) {
      expect(c.message).toMatch(
        /no platform\.sinkMobiles: skipped under --frugal rather than send 1?[02]0 SMS/,
      );
      expect(c.exchanges).toEqual([]);
    }
    expect(report.budget?.spent).toBe(0);
  }, 60_000);

  it('runs them on the profile phones otherwise, and the report says so', async () => {
    const reports = join(dir, 'phones');
    const file = profileFile('phones.json', {});
    const { code } = await cli(['--profile', file, '--only', COSTLY, '--report-dir', reports]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as RunReport;
    for (const c of report.cases) {
      expect(c.verdict).toBe('pass');
      expect(c.message).toContain(
        "all on the profile's 2 phone(s): no platform.sinkMobiles; --frugal skips this",
      );
    }
    expect(report.budget).toMatchObject({ spent: 119, phones: 119, sinks: 0 });
  }, 60_000);
});

describe('the guard with sink numbers', () => {
  const request = (mobiles: string[]) => ({ requestLists: [{ mobiles }] });
  const accepted = (n: number) => ({
    resultCode: '0',
    resultLists: Array.from({ length: n }, () => ({ resultCode: '0' })),
  });

  it('lets sink numbers through, but still refuses a number that is in neither list', () => {
    const budget = new Budget(10, new Set(PHONES), new Set(SINKS));
    expect(() => budget.check(request([SINKS[0] as string, PHONES[0] as string]))).not.toThrow();
    expect(() => budget.check(request(['8613700000000']))).toThrow(SafetyRefusal);
    expect(() => budget.check(request([SINKS[0] as string, '8613700000000']))).toThrow(
      /refused to send to 8613700000000: not a number of the profile/,
    );
    expect(() => budget.check(undefined, '{"requestLists":[{"mobiles":["8613700000000"]}]}')).toThrow(
      SafetyRefusal,
    );
  });

  it('counts accepted sink numbers against maxAcceptedMessages, split from the phones, per family and per case', () => {
    const budget = new Budget(4, new Set(PHONES), new Set(SINKS));
    const body = request([SINKS[0] as string, SINKS[1] as string, PHONES[0] as string]);
    budget.check(body);
    expect(budget.record(body, accepted(3), 'limits', 'platform.limits.x')).toBe(3);
    expect(budget.split).toEqual({ phones: 1, sinks: 2 });
    expect(() => budget.check(request([SINKS[2] as string, SINKS[3] as string]))).toThrow(
      /only 1 of 4 remain/,
    );
    budget.record(
      request([SINKS[2] as string]),
      accepted(1),
      'properties.valid',
      'platform.properties.valid',
    );
    expect(budget.summary()).toEqual({
      limit: 4,
      spent: 4,
      phones: 1,
      sinks: 3,
      families: [
        { family: 'limits', spent: { phones: 1, sinks: 2 } },
        { family: 'properties.valid', spent: { phones: 0, sinks: 1 } },
      ],
      cases: [
        { id: 'platform.limits.x', spent: { phones: 1, sinks: 2 } },
        { id: 'platform.properties.valid', spent: { phones: 0, sinks: 1 } },
      ],
    });
  });

  it('counts on the phones first when the answer does not say recipient by recipient', () => {
    const budget = new Budget(10, new Set(PHONES), new Set(SINKS));
    budget.record(request([SINKS[0] as string, PHONES[0] as string]), { resultCode: '0' });
    expect(budget.split).toEqual({ phones: 1, sinks: 1 });
    budget.record(request([SINKS[0] as string, PHONES[0] as string]), {
      resultCode: '0',
      resultLists: [{ resultCode: '0' }],
    });
    expect(budget.split).toEqual({ phones: 2, sinks: 1 });
  });
});
