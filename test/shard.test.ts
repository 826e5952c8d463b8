// Sharded runs: `--shard i/N` splits the selected cases and the profile's caps; `merge-reports`
// puts the parts back into reports whose verdicts equal one whole run's on the same seed, and
// judges the run-wide messageId check again over every shard's sends.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult, Exchange } from '../src/cases/types.js';
import { mergeReports, RUN_WIDE_UNIQUE_ID, repeatedIdsAcross } from '../src/engine/merge.js';
import {
  acceptedShareOf,
  familyOwners,
  inShard,
  layoutOf,
  parseShard,
  plannedOf,
  shareOf,
} from '../src/engine/shard.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { SEND_PATH } from '../src/suites/platform/context.js';
import { runCli } from './helpers/cli.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-shard-'));
const PASSWORD_ENV = 'IOT_SMS_SHARD_TEST_PASSWORD';

afterAll(() => {
  if (!process.env.KEEP_SHARD_DIR) rmSync(dir, { recursive: true, force: true });
});

describe('--shard i/N', () => {
  it('takes i/N with 1 ≤ i ≤ N, and nothing else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2', '1/2/3'])
      expect(() => parseShard(bad), bad).toThrow(/a shard is i\/N/);
  });

  it('splits a list into disjoint parts that cover it, each in declared order', () => {
    const items = Array.from({ length: 17 }, (_, i) => i);
    const parts = [1, 2, 3].map((index) => inShard(items, { shard: { index, total: 3 } }));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(items);
    for (const p of parts) expect([...p].sort((a, b) => a - b)).toEqual(p);
    expect(inShard(items, undefined)).toEqual(items);
  });

  it('gives each costly family whole to one shard, the costliest first to the least loaded, and deals out the rest', () => {
    const costs = [
      { family: 'send', cost: 2 },
      { family: 'required', cost: 0 },
      { family: 'limits', cost: 124 },
      { family: 'reports', cost: 5 },
      { family: 'properties.valid', cost: 85 },
    ];
    const owners = familyOwners(costs, 2);
    expect([...owners]).toEqual([
      ['limits', 1],
      ['properties.valid', 2],
      ['reports', 2],
      ['send', 2],
    ]);
    // Cases named family:n; a family no shard owns (required) is dealt out.
    const items = ['send:1', 'required:1', 'limits:1', 'required:2', 'send:2', 'required:3', 'limits:2'];
    const familyOf = (item: string) => item.split(':')[0] as string;
    const parts = [1, 2].map((index) => inShard(items, { shard: { index, total: 2 }, owners, familyOf }));
    expect(parts).toEqual([
      ['required:1', 'limits:1', 'required:3', 'limits:2'],
      ['send:1', 'required:2', 'send:2'],
    ]);
  });

  it("gives each shard the plan's recipients for its families and a share of the rest: they add up to the limit", () => {
    const layout = layoutOf(
      [
        { family: 'limits', cost: 124 },
        { family: 'properties.valid', cost: 85 },
        { family: 'send', cost: 2 },
      ],
      3,
    );
    const parts = [1, 2, 3].map((index) =>
      acceptedShareOf(2000, { index, total: 3 }, plannedOf(layout, { index, total: 3 })),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(parts).toEqual([124 + 597, 85 + 596, 2 + 596]);
  });

  it('splits a cap so the parts add up to it exactly, never more', () => {
    for (const [limit, total] of [
      [2000, 3],
      [10, 3],
      [2, 5],
      [0, 2],
    ] as const) {
      const parts = Array.from({ length: total }, (_, k) => shareOf(limit, { index: k + 1, total }));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(limit);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });
});

/** A minimal platform case result with one send exchange: the request and the answer given. */
function sendCase(
  id: string,
  request: unknown,
  answer: unknown,
  verdict: CaseResult['verdict'] = 'pass',
): CaseResult {
  const exchange: Exchange = {
    direction: 'sent',
    at: '2026-12-01T00:00:00.000Z',
    request: { method: 'POST', url: `https://p${SEND_PATH}`, headers: {}, body: JSON.stringify(request) },
    response: { status: 200, headers: {}, body: JSON.stringify(answer), durationMs: 1 },
  };
  return {
    id,
    clause: '§5.5 MtSmsMessageRsp.messageId',
    level: 'SHOULD',
    title: id,
    side: 'platform',
    kind: 'example',
    verdict,
    message: 'ok',
    exchanges: [exchange],
    rerun: '',
    curl: [],
    durationMs: 1,
  };
}

function shardReport(index: number, total: number, cases: CaseResult[]): RunReport {
  return {
    tool: { name: 'iot-sms-conformance', version: 'test' },
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:00:01.000Z',
    durationMs: 1000,
    command: 'test',
    strict: false,
    seed: 7,
    shard: { index, total },
    embedded: false,
    targets: {},
    budget: { limit: 10, spent: 1 },
    notes: [],
    cases,
    summary: { MUST: {}, SHOULD: {}, INFO: {} } as RunReport['summary'],
    coverage: [],
    gate: { failedMust: 0, failedShould: 0, passed: true, outcome: 'passed' },
  };
}

describe('merge-reports', () => {
  const request = (mobile: string) => ({
    account: 'a',
    password: '***',
    requestLists: [{ mobiles: [mobile], templateId: 't', signature: 's' }],
  });
  const answer = (mobile: string, messageId: string) => ({
    resultCode: '0',
    resultLists: [{ mobile, resultCode: '0', messageId }],
  });

  it('finds a generated messageId that two shards each saw once, and fails the run-wide case', () => {
    const one = shardReport(1, 2, [sendCase('platform.send.minimal', request('1'), answer('1', 'ID-1'))]);
    const two = shardReport(2, 2, [sendCase(RUN_WIDE_UNIQUE_ID, request('2'), answer('2', 'ID-1'))]);
    // Each shard alone sees the id once: its own case passed there.
    for (const r of [one, two]) expect(repeatedIdsAcross(r.cases).repeated).toEqual([]);
    const merged = mergeReports([two, one], 'merge');
    const unique = merged.cases.find((c) => c.id === RUN_WIDE_UNIQUE_ID);
    expect(unique?.verdict).toBe('fail');
    expect(unique?.actual).toContain('ID-1');
    expect(merged.cases.map((c) => c.id)).toEqual(['platform.send.minimal', RUN_WIDE_UNIQUE_ID]);
    expect(merged.budget).toMatchObject({ limit: 20, spent: 2 });
    expect(merged.notes.at(-1)).toMatch(/merged from 2 shards/);
  });

  it('passes the run-wide case when every generated id is distinct across the shards', () => {
    const merged = mergeReports(
      [
        shardReport(1, 2, [sendCase('platform.send.minimal', request('1'), answer('1', 'ID-1'))]),
        shardReport(2, 2, [sendCase(RUN_WIDE_UNIQUE_ID, request('2'), answer('2', 'ID-2'))]),
      ],
      'merge',
    );
    expect(merged.cases.find((c) => c.id === RUN_WIDE_UNIQUE_ID)?.verdict).toBe('pass');
  });

  it('refuses a missing or repeated shard, another seed, and a whole run', () => {
    const part = (i: number, n: number) => shardReport(i, n, []);
    expect(() => mergeReports([part(1, 3), part(3, 3)], 'm')).toThrow(/shard 2\/3 missing/);
    expect(() => mergeReports([part(1, 2), part(1, 2), part(2, 2)], 'm')).toThrow(/more than once/);
    expect(() => mergeReports([part(1, 2), { ...part(2, 2), seed: 8 }], 'm')).toThrow(/different seeds/);
    const { shard: _s, ...whole } = part(1, 1);
    expect(() => mergeReports([whole as RunReport], 'm')).toThrow(/not a shard/);
  });
});

describe('a sharded platform run against the mock (N = 3)', () => {
  let mock: MockPlatform;
  let profile = '';
  let env: Record<string, string> = {};

  // Each shard gets a third of the budget: 2,000 leaves every shard room for its costly cases (a
  // shard whose part is too small skips them, which a whole run would not).
  beforeAll(async () => {
    mock = await startMockPlatform({
      tls: sharedCertificate(),
      onError: () => {},
      config: {
        delivery: { delayMs: 30 },
        retry: { baseDelayMs: 100, maxDelayMs: 400 },
        target: { statusReportWaitMs: 1_500, maxAcceptedMessages: 2_000 },
      },
    });
    const { password: _p, ...platform } = mock.profile.platform;
    profile = join(dir, 'profile.json');
    writeFileSync(
      profile,
      JSON.stringify({ ...mock.profile, platform: { ...platform, passwordEnv: PASSWORD_ENV } }),
    );
    env = { [PASSWORD_ENV]: mock.profile.platform.password };
  });
  afterAll(() => mock?.close({ graceMs: 100 }));

  it('merges into reports whose verdicts equal the whole run on the same seed, within the profile caps', async () => {
    const common = ['platform', '--profile', profile, '--seed', '11', '--runs', '5', '--no-color'];
    const [whole, ...parts] = await Promise.all([
      runCli([...common, '--report-dir', join(dir, 'whole')], env, { timeoutMs: 280_000 }),
      ...[1, 2, 3].map((i) =>
        runCli([...common, '--shard', `${i}/3`, '--report-dir', join(dir, `part${i}`)], env, {
          timeoutMs: 280_000,
        }),
      ),
    ]);
    expect(whole?.code, whole?.stderr).toBe(0);
    for (const p of parts) expect(p.code, p.stderr).toBe(0);
    const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'report.json'), 'utf8')) as RunReport;
    const shards = [1, 2, 3].map((i) => read(`part${i}`));
    const limit = mock.profile.platform.maxAcceptedMessages;
    expect(shards.map((s) => s.budget?.limit).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(limit);
    for (const s of shards) expect(s.cases.length).toBeLessThan(read('whole').cases.length);

    const merged = await runCli(
      ['merge-reports', '--report-dir', join(dir, 'merged'), ...[1, 2, 3].map((i) => join(dir, `part${i}`))],
      {},
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('gate: passed');
    const verdicts = (r: RunReport) => r.cases.map((c) => [c.id, c.verdict]);
    const unique = read('merged').cases.find((c) => c.id === RUN_WIDE_UNIQUE_ID);
    expect(verdicts(read('merged')), `${unique?.message}: ${unique?.actual}`).toEqual(
      verdicts(read('whole')),
    );
    expect(read('merged').budget?.spent).toBe(shards.reduce((n, s) => n + (s.budget?.spent ?? 0), 0));
    expect(readFileSync(join(dir, 'merged', 'junit.xml'), 'utf8')).toContain(RUN_WIDE_UNIQUE_ID);
  }, 300_000);
});

/** What a report says each family spent, in recipients (phones and sinks together). */
function spentByFamily(report: RunReport): Record<string, number> {
  return Object.fromEntries(
    (report.budget?.families ?? []).map((f) => [f.family, f.spent.phones + f.spent.sinks]),
  );
}

describe('the embedded default, whole and in two shards', () => {
  const common = ['run', '--seed', '5', '--no-color'];
  const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'report.json'), 'utf8')) as RunReport;

  it("spends as much in two shards as in one run: each costly family once, in one shard; the merge shows each shard's spend", async () => {
    const runs = await Promise.all([
      runCli([...common, '--report-dir', join(dir, 'embedded-whole')], {}, { timeoutMs: 280_000 }),
      ...[1, 2].map((i) =>
        runCli(
          [...common, '--shard', `${i}/2`, '--report-dir', join(dir, `embedded-${i}`)],
          {},
          {
            timeoutMs: 280_000,
          },
        ),
      ),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const whole = read('embedded-whole');
    const shards = [read('embedded-1'), read('embedded-2')];
    const spent = shards.map((s) => s.budget?.spent ?? 0);
    expect(spent.reduce((a, b) => a + b, 0)).toBe(whole.budget?.spent);
    expect(spent.every((n) => n > 0)).toBe(true);
    // Family by family: each family that spent did so in one shard only, as much as in the whole run.
    const [one, two] = shards.map(spentByFamily);
    for (const [family, n] of Object.entries(spentByFamily(whole))) {
      if (n === 0) continue;
      expect(
        [one?.[family] ?? 0, two?.[family] ?? 0].sort((a, b) => a - b),
        family,
      ).toEqual([0, n]);
    }
    // The limits add up to the whole run's.
    expect((shards[0]?.budget?.limit ?? 0) + (shards[1]?.budget?.limit ?? 0)).toBe(whole.budget?.limit);

    const merged = await runCli([
      'merge-reports',
      '--report-dir',
      join(dir, 'embedded-merged'),
      join(dir, 'embedded-1'),
      join(dir, 'embedded-2'),
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    const budget = read('embedded-merged').budget;
    expect(budget?.spent).toBe(whole.budget?.spent);
    expect(budget?.shards?.map((s) => [s.shard.index, s.spent])).toEqual([
      [1, spent[0]],
      [2, spent[1]],
    ]);
    expect(merged.stdout).toContain(
      `budget: ${whole.budget?.spent} of ${whole.budget?.limit} recipients spent`,
    );
    expect(merged.stdout).toMatch(new RegExp(`per shard: 1/2 ${spent[0]} of \\d+, 2/2 ${spent[1]} of \\d+`));
  }, 300_000);

  it("prints a shard's part of the plan with --plan --shard: the parts add up to the whole plan", async () => {
    const [whole, ...parts] = await Promise.all([
      runCli([...common, '--plan']),
      ...[1, 2].map((i) => runCli([...common, '--plan', '--shard', `${i}/2`])),
    ]);
    const total = (r: { stdout: string }) => Number(/^ {2}total\s+\d+\s+\d+\s+(\d+)$/m.exec(r.stdout)?.[1]);
    for (const r of [whole, ...parts]) expect(r?.code, r?.stderr).toBe(0);
    const sum = parts.reduce((n, r) => n + total(r), 0);
    expect(total(whole as { stdout: string })).toBeGreaterThan(0);
    expect(sum).toBe(total(whole as { stdout: string }));
  }, 120_000);
});
