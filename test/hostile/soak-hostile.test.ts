// The built CLI's soaks against broken targets, as hostile.test.ts runs the suites: each soak ends
// by itself within its bound, with a distinct exit code (3 when the target is unusable at the
// start, 1 when it breaks under the soak), at most one line on stderr and no stack trace, in a
// capped heap, every failure counted by its kind, and the password in no output, in any encoding,
// even from a target that echoes every request back in every encoding.
import { describe, expect, it, vi } from 'vitest';
import type { SoakErrorKind, SoakReport } from '../../src/soak/types.js';
import { testPlatform, writeProfile } from '../helpers/profiles.js';
import { leaksOf } from './encodings.js';
import { type CliRun, runCli, tempDir } from './run-cli.js';
import { type HostileKind, startHostile } from './servers.js';

const PASSWORD = 'Qé€"Zx\\+%/ ЖK😀w';
const TIMEOUT_MS = 1000;
const SINK = '8613900000001';
vi.setConfig({ testTimeout: 120_000 });
const dir = tempDir();

let profiles = 0;
function profile(url: string): string {
  return writeProfile(dir, `soak${profiles++}.json`, {
    platform: testPlatform(url, {
      password: PASSWORD,
      mobiles: [SINK],
      sinkMobiles: [SINK],
      maxAcceptedMessages: 100,
    }),
    customer: { uplinkUrl: `${url}/notifySmsMessage`, reportUrl: `${url}/notifyReportMessage` },
    statusReportWaitMs: 200,
    timeoutMs: TIMEOUT_MS,
  });
}

/** A 1 s soak of `side` at 20/s against a new hostile target. */
async function soak(side: 'customer' | 'platform', kind: HostileKind): Promise<CliRun> {
  const t = await startHostile(kind);
  try {
    return await runCli([
      'soak',
      side,
      '--profile',
      profile(t.url),
      '--rate',
      '20/s',
      '--duration',
      '1s',
      '--no-color',
    ]);
  } finally {
    await t.close();
  }
}

function expectCalm(r: CliRun): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(/\n\s+at /);
    expect(text).not.toMatch(/internal error|heap limit|Error: /);
  }
  expect(r.signal).toBeNull();
  const leaks = Object.entries({ stdout: r.stdout, stderr: r.stderr, ...r.reports })
    .map(([name, text]) => [name, leaksOf(text, PASSWORD)] as const)
    .filter(([, l]) => l.length > 0);
  expect(leaks).toEqual([]);
}

const reportOf = (r: CliRun) => JSON.parse(r.reports['report.json'] ?? '{}') as SoakReport;

describe('a target unusable at the start: exit 3, one line, nothing soaked', () => {
  const kinds: HostileKind[] = ['refused', 'html-500', 'silent', 'reset', 'self-signed'];
  for (const side of ['customer', 'platform'] as const)
    for (const kind of kinds)
      it(`soak ${side}, ${kind}`, async () => {
        const r = await soak(side, kind);
        expectCalm(r);
        expect(r.code, r.stderr).toBe(3);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.ms).toBeLessThan(30_000);
      });
});

describe('a target that breaks under the soak: exit 1, each failure counted by its kind, the reports written', () => {
  const cases: [HostileKind, SoakErrorKind][] = [
    ['huge', 'body-too-large'],
    ['endless', 'body-too-large'],
    ['reflecting', 'schema'],
  ];
  for (const side of ['customer', 'platform'] as const)
    for (const [kind, error] of cases)
      it(`soak ${side}, ${kind}: ${error}`, async () => {
        const r = await soak(side, kind);
        expectCalm(r);
        expect(r.code, r.stderr).toBe(1);
        const report = reportOf(r);
        expect(report.kind).toBe('soak');
        expect(report.achieved.completed).toBe(20);
        expect(report.errors[error]).toBeGreaterThan(0);
        expect(report.passed).toBe(false);
        expect(r.ms).toBeLessThan(60_000);
      });
});
