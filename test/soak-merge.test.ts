// Merging the shards of a soak (src/soak/merge.ts, and merge-reports for soak report.json files):
// lossless, so the merged percentiles are exactly those of one histogram of every sample; counts
// summed; the thresholds judged again on the sums (each shard within --max-lost, the two over it);
// parts that are not the shards of one soak refused in one line.
import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMergeReports } from '../src/cli/merge.js';
import { runVerifyReport } from '../src/cli/verify-report.js';
import type { Statement } from '../src/report/render/attestation.js';
import { renderSoakHtml } from '../src/report/render/soak/html.js';
import { decodeHistogram, percentilesOf } from '../src/soak/histogram.js';
import { mergeSoakReports } from '../src/soak/merge.js';
import type { SoakReport, SoakRuleFindings } from '../src/soak/types.js';
import { sampleReport } from './fixtures/reports/sample-report.js';
import {
  accountingOf,
  buildSoakReport,
  evenSamples,
  histogramOf,
  latencyMs,
  random,
  type Sample,
} from './fixtures/reports/soak-report.js';

const DURATION_S = 60;

function finding(exchanges: number, id = 'send.answer.schema'): SoakRuleFindings {
  return {
    rule: { id, side: 'platform', level: 'MUST', clause: '§5.5', title: 'The answer meets its schema' },
    level: 'MUST',
    exchanges,
    first: { message: `first in a shard with ${exchanges}` },
  };
}

/** One shard's samples: its own random latencies (a different seed each), half the rate. */
function shardSamples(seed: number): Sample[] {
  const next = random(seed);
  return evenSamples(
    DURATION_S,
    40,
    (t) => latencyMs(next, 30 + t, 0.6) + (next() < 0.003 ? 900 * next() : 0),
    () => (next() < 0.004 ? 'timeout' : undefined),
  );
}

function shard(index: number, samples: Sample[], extra: Partial<Parameters<typeof buildSoakReport>[0]> = {}) {
  return buildSoakReport({
    side: 'platform',
    samples,
    ratePerS: 40,
    durationS: DURATION_S,
    shard: { index, total: 2 },
    reportDelaysMs: samples.map((s) => s.ms * 20),
    accounting: accountingOf(samples.length, 1, { lost: 3, late: 2, duplicated: 1, unknown: 0 }, `s${index}`),
    thresholds: { maxP99Ms: 5000, maxErrorRate: 0.05, maxLost: 5, maxLate: 4, maxDuplicates: 4 },
    findings: [finding(index)],
    ...extra,
  });
}

describe('mergeSoakReports', () => {
  const one = shardSamples(1);
  const two = shardSamples(2);
  const parts = [shard(2, two), shard(1, one)];
  const merged = mergeSoakReports(parts, 'iot-sms-conformance merge-reports');
  const all = [...one, ...two];

  it('gives exactly the percentiles of one histogram of every sample, overall and per interval', () => {
    const whole = percentilesOf(histogramOf(all.map((s) => s.ms)));
    expect(merged.latency.percentiles).toEqual(whole);
    expect(percentilesOf(decodeHistogram(merged.latency))).toEqual(whole);
    expect(merged.reportDelay?.percentiles).toEqual(percentilesOf(histogramOf(all.map((s) => s.ms * 20))));
    // The intervals of one run over every sample, at the whole rate, are the merged intervals.
    const reference = buildSoakReport({
      side: 'platform',
      samples: all,
      ratePerS: 80,
      durationS: DURATION_S,
    });
    expect(merged.intervals.map((i) => i.startS)).toEqual(reference.intervals.map((i) => i.startS));
    merged.intervals.forEach((interval, k) => {
      const expected = reference.intervals[k];
      if (!expected) throw new Error(`no reference interval ${k}`);
      expect({ ...interval, latency: percentilesOf(decodeHistogram(interval.latency)) }).toEqual({
        ...expected,
        // The shards' peaks in flight add up (an upper bound of the whole's).
        maxInFlight: interval.maxInFlight,
        latency: percentilesOf(decodeHistogram(expected.latency)),
      });
      expect(interval.maxInFlight).toBeGreaterThanOrEqual(expected.maxInFlight);
    });
  });

  it('sums the counts, the errors, the findings and the delivery accounting', () => {
    expect(merged.achieved).toMatchObject({
      scheduled: all.length,
      started: all.length,
      completed: all.length,
      notStarted: 0,
      queued: 0,
    });
    expect(merged.achieved.ratePerS).toBeCloseTo(all.length / DURATION_S, 9);
    expect(merged.asked.ratePerS).toBe(80);
    const timeouts = all.filter((s) => s.error === 'timeout').length;
    expect(timeouts).toBeGreaterThan(0);
    expect(merged.errors.timeout).toBe(timeouts);
    expect(merged.errorRate).toBe(timeouts / all.length);
    expect(merged.findings).toEqual([{ ...finding(3), first: { message: 'first in a shard with 1' } }]);
    expect(merged.accounting).toMatchObject({
      requests: all.length,
      recipients: all.length,
      accepted: all.length,
      lost: 6,
      late: 4,
      duplicated: 2,
      extraReports: 2,
    });
    expect(merged.accounting?.examples.lost.map((p) => p.messageId)).toEqual([
      's1-lost-000001',
      's1-lost-000002',
      's1-lost-000003',
      's2-lost-000001',
      's2-lost-000002',
      's2-lost-000003',
    ]);
    expect(merged.merged).toBe(2);
    expect(merged.shard).toBeUndefined();
    expect(merged.command).toBe('iot-sms-conformance merge-reports');
    expect(merged.notes.at(-1)).toMatch(/^merged from 2 shards \(1\/2: \d+ completed, 2\/2: \d+ completed\)/);
  });

  it('judges the thresholds again on the sums: each shard within --max-lost 5, the two over it', () => {
    for (const p of parts) {
      expect(p.thresholds.find((t) => t.name === 'max-lost')).toMatchObject({ actual: 3, passed: true });
    }
    const byName = Object.fromEntries(merged.thresholds.map((t) => [t.name, t]));
    expect(byName['max-lost']).toMatchObject({ limit: 5, actual: 6, passed: false });
    expect(byName['max-duplicates']).toMatchObject({ limit: 4, actual: 2, passed: true });
    expect(byName['max-p99-ms']).toMatchObject({ actual: merged.latency.percentiles.p99, passed: true });
    // A MUST finding in each shard: the sum is 3 exchanges, over must-findings' 0 as in each.
    expect(byName['must-findings']).toMatchObject({ actual: 3, passed: false });
    expect(merged.passed).toBe(false);
    // Without the findings and within a larger --max-lost, the merge passes.
    const clean = [1, 2].map((i) =>
      shard(i, i === 1 ? one : two, {
        findings: [],
        thresholds: { maxP99Ms: 5000, maxErrorRate: 0.05, maxLost: 6, maxLate: 4, maxDuplicates: 4 },
      }),
    );
    expect(mergeSoakReports(clean).passed).toBe(true);
  });

  it('keeps a shard stopped early as the reason the merge did not pass', () => {
    const stopped = mergeSoakReports([
      shard(1, one, { findings: [], thresholds: { maxLost: 10, maxLate: 10, maxDuplicates: 10 } }),
      shard(2, two, {
        findings: [],
        thresholds: { maxLost: 10, maxLate: 10, maxDuplicates: 10 },
        interrupted: 'SIGINT',
      }),
    ]);
    expect(stopped.thresholds.every((t) => t.passed)).toBe(true);
    expect(stopped.interrupted).toBe('shard 2/2: SIGINT');
    expect(stopped.passed).toBe(false);
  });

  it('refuses, in one line, parts that are not every shard of one soak once', () => {
    const p1 = shard(1, one.slice(0, 50));
    const p2 = shard(2, two.slice(0, 50));
    const customer = { ...p2, side: 'customer' } as SoakReport;
    const refusals: [SoakReport[], RegExp][] = [
      [[p1, customer], /different sides \(platform, customer\)/],
      [[p1, sampleReport() as unknown as SoakReport], /cannot be merged with a conformance report/],
      [[p1, p1, p2], /shard 1\/2 given more than once/],
      [[p1], /shard 2\/2 missing/],
      [[p1, { ...p2, shard: undefined }], /not a shard/],
      [[p1, { ...p2, shard: { index: 2, total: 3 } }], /split the soak differently/],
      [[p1, { ...p2, asked: { ...p2.asked, durationS: 30 } }], /soaked for different times/],
      [
        [p1, { ...p2, targets: { platform: 'https://other.example' } }],
        /different targets \(1\/2: https:\/\/sms\.vendor\.example:8443; 2\/2: https:\/\/other\.example\)/,
      ],
      [
        [p1, { ...p2, embedded: true }],
        /different targets \(1\/2: https:\/\/sms\.vendor\.example:8443; 2\/2: the kit's own mocks\)/,
      ],
      [
        [
          p1,
          shard(2, two.slice(0, 50), {
            thresholds: { maxP99Ms: 5000, maxErrorRate: 0.05, maxLost: 9, maxLate: 4, maxDuplicates: 4 },
          }),
        ],
        /different --max-lost \(5, 9\)/,
      ],
      [[], /needs the report\.json of every shard/],
    ];
    for (const [given, message] of refusals) {
      let thrown: unknown;
      try {
        mergeSoakReports(given);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, String(message)).toBeInstanceOf(Error);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain('\n');
    }
  });

  it('merges an empty run (no sample) without NaN, in the report and its page', () => {
    const empty = [1, 2].map((index) =>
      buildSoakReport({
        side: 'customer',
        samples: [],
        ratePerS: 5,
        durationS: 10,
        shard: { index, total: 2 },
        interrupted: 'SIGINT',
      }),
    );
    const m = mergeSoakReports(empty);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity|null(?!,\s*"actual")/);
    expect(m.latency.count).toBe(0);
    expect(m.errorRate).toBe(0);
    expect(m.achieved.ratePerS).toBe(0);
    expect(renderSoakHtml(m)).not.toMatch(/NaN|Infinity/);
  });
});

describe('merge-reports with soak report.json files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'soak-merge-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function written(name: string, report: unknown): Promise<string> {
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(report), 'utf8');
    return file;
  }

  it('writes junit.xml, report.json and report.html of the merged soak, and exits 1 when a threshold fails on the sum', async () => {
    const files = [
      await written('one', shard(1, shardSamples(3))),
      await written('two', shard(2, shardSamples(4))),
    ];
    const lines: string[] = [];
    const out = join(dir, 'merged');
    const code = await runMergeReports(['--report-dir', out, ...files], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/^soak platform: FAILED \(max-lost, must-findings\)$/m);
    expect(lines.at(-1)).toMatch(/^reports: .*junit\.xml, .*report\.json, .*report\.html$/);
    const merged = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as SoakReport;
    expect(merged).toMatchObject({ kind: 'soak', merged: 2, accounting: { lost: 6 } });
    expect(merged.command).toContain('merge-reports --report-dir');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('soak: FAILED');
    expect(html).toContain('2 reports: histograms added');
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toContain('<testsuite');
  });

  it('refuses a soak report with a conformance report, and a file that is no soak report', async () => {
    const soak = await written('soak', shard(1, shardSamples(5)));
    const run = await written('run', { ...sampleReport(), shard: { index: 2, total: 2 } });
    const out = join(dir, 'refused');
    await expect(runMergeReports(['--report-dir', out, soak, run], () => {})).rejects.toThrow(
      /soak report cannot be merged with a conformance report/,
    );
    await expect(
      runMergeReports(
        ['--report-dir', out, soak, await written('bad', { kind: 'soak', side: 'platform' })],
        () => {},
      ),
    ).rejects.toThrow(/bad\.json is not a soak report\.json/);
  });

  it('signs the merged soak with --sign-key: verify-report holds it, and finds a changed byte', async () => {
    const one = await written('signed1', shard(1, shardSamples(7)));
    const two = await written('signed2', shard(2, shardSamples(8)));
    const pair = generateKeyPairSync('ed25519');
    const key = join(dir, 'key.pem');
    const pub = join(dir, 'pub.pem');
    await writeFile(key, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const out = join(dir, 'signed');
    const lines: string[] = [];
    const code = await runMergeReports(['--report-dir', out, '--sign-key', key, one, two], (l) =>
      lines.push(l),
    );
    expect(code).toBe(1); // the shards' 3 + 3 lost pairs are over --max-lost 5
    expect(lines.join('\n')).toMatch(/^signed: .*attestation\.json \(Ed25519, key id [0-9a-f]{64}\)$/m);
    const statement = statementOf(await readFile(join(out, 'attestation.json'), 'utf8'));
    expect(statement.subject.map((x) => x.name)).toEqual(['junit.xml', 'report.json', 'report.html']);
    expect(statement.predicate.result).toBe('FAILED');
    expect(statement.predicate.failedTests).toEqual(
      expect.arrayContaining(['threshold max-lost', 'threshold must-findings', 'send.answer.schema']),
    );
    expect(statement.predicate.passedTests).toEqual(expect.arrayContaining(['threshold max-p99-ms']));
    const verified: string[] = [];
    expect(await runVerifyReport([out, '--key', pub], (l) => verified.push(l))).toBe(0);
    expect(verified.join('\n')).toMatch(/^verdict {3}FAILED \(\d+ passed, 0 warned, \d+ failed\)$/m);
    expect(verified.join('\n')).toContain('platform https://sms.vendor.example:8443');
    await appendFile(join(out, 'report.json'), ' ');
    await expect(runVerifyReport([out, '--key', pub], () => {})).rejects.toMatchObject({
      message: expect.stringMatching(/report\.json was changed after signing/),
      exitCode: 6,
    });
  });
});

/** The statement inside attestation.json's DSSE envelope. */
function statementOf(text: string): Statement {
  const envelope = JSON.parse(text) as { payload: string };
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement;
}
