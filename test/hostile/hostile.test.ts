// The built CLI against broken targets (issue 9): each run ends with its exit code, one clear line
// (no stack trace), within a time bound, in a capped heap, and with the password in no output:
// stdout, stderr and every report file, in any encoding (leaksOf decodes them all).
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testPlatform, writeProfile } from '../helpers/profiles.js';
import { leaksOf } from './encodings.js';
import { type CliRun, runCli, tempDir } from './run-cli.js';
import { type Hostile, type HostileKind, startHostile } from './servers.js';

/** Non-ASCII, a quote, a backslash, %, +, / and a space: every encoding changes some of it. */
const PASSWORD = 'Qé€"Zx\\+%/ ЖK😀w';
const TIMEOUT_MS = 1500;
// Runs of the whole suite, and scans of multi-megabyte reports in every encoding, take minutes on a
// loaded machine: the bounds asserted are the runs' own, measured in each test.
vi.setConfig({ testTimeout: 300_000 });
const dir = tempDir();
const started: Hostile[] = [];

afterAll(async () => {
  await Promise.all(started.map((t) => t.close()));
});

async function target(kind: HostileKind, options: Parameters<typeof startHostile>[1] = {}) {
  const t = await startHostile(kind, options);
  started.push(t);
  return t;
}

let profiles = 0;
function profile(url: string, extra: Record<string, unknown> = {}, password = PASSWORD): string {
  return writeProfile(dir, `p${profiles++}.json`, {
    platform: testPlatform(url, { password, maxAcceptedMessages: 20 }),
    customer: { uplinkUrl: `${url}/notifySmsMessage`, reportUrl: `${url}/notifyReportMessage` },
    statusReportWaitMs: 200,
    timeoutMs: TIMEOUT_MS,
    ...extra,
  });
}

/** One whole side (every case, 3 runs per property case) against a new hostile target. */
async function wholeSide(
  side: 'platform' | 'customer',
  kind: HostileKind,
): Promise<{ t: Hostile; r: CliRun }> {
  const t = await target(kind);
  return { t, r: await runCli([side, '--profile', profile(t.url), '--runs', '3', '--no-color']) };
}

function outputs(r: CliRun): Record<string, string> {
  return { stdout: r.stdout, stderr: r.stderr, ...r.reports };
}

/** No output holds the password or a 4-character piece of it, in any encoding. */
function expectNoLeak(r: CliRun, password = PASSWORD): void {
  const found = Object.entries(outputs(r))
    .map(([name, text]) => [name, leaksOf(text, password)] as const)
    .filter(([, l]) => l.length > 0);
  expect(found).toEqual([]);
}

function expectNoStackTrace(r: CliRun): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(/\n\s+at /);
    expect(text).not.toMatch(/internal error|heap limit|Error: /);
  }
  expect(r.signal).toBeNull();
}

/** Exit 3 before any case: one line on stderr that says what is wrong, nothing else. */
function expectUnreachable(r: CliRun, text: string | RegExp): void {
  expectNoStackTrace(r);
  expect(r.code, r.stderr).toBe(3);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(text);
  expectNoLeak(r);
}

describe('exit 3: a target that cannot be used says so in one line', () => {
  const cases: [HostileKind, string | RegExp, string[]][] = [
    ['refused', /connection refused by http:\/\/127\.0\.0\.1:\d+$/m, []],
    ['plain-http-for-https', /speaks plain HTTP, not HTTPS: use an http:\/\/ URL/, []],
    [
      'self-signed',
      /TLS failed .*self-signed certificate \(trust its CA with --ca or the profile's tls\.ca/,
      [],
    ],
    ['html-500', /answered an HTML page \(HTTP 500\), not the API/, []],
    ['silent', /no answer from .* within 1500 ms \(--timeout-ms or the profile's timeoutMs\)/, []],
    ['reset', /was closed before an answer/, []],
    [
      'endless-trickle',
      /sent its headers \(HTTP 200\) but the body did not end within 1500 ms \(\d+ bytes read; the timeout is --timeout-ms/,
      [],
    ],
  ];
  for (const [kind, text, args] of cases) {
    it(`${kind}`, async () => {
      const t = await target(kind);
      const r = await runCli(['platform', '--profile', profile(t.url), ...args]);
      expectUnreachable(r, text);
      expect(r.ms).toBeLessThan(30_000);
      // The plain-HTTP hint is not the certificate hint.
      if (kind === 'plain-http-for-https') expect(r.stderr).not.toMatch(/--ca|--insecure|wrong version/);
    });
  }
});

describe('a body over the cap fails its case with its size; the run goes on and writes its reports', () => {
  function expectCapped(r: CliRun, size: RegExp): void {
    expectNoStackTrace(r);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^(?:\[ *[0-9]+\/[0-9]+\] )?FAIL\s+MUST\s+/m);
    expect(r.stdout).toMatch(size);
    expect(r.stdout).toMatch(/the cap is --max-body-bytes or the profile's maxBodyBytes/);
    expect(Object.keys(r.reports).sort()).toEqual(['junit.xml', 'report.html', 'report.json']);
    const report = JSON.parse(r.reports['report.json'] as string) as {
      cases: { verdict: string; message: string }[];
    };
    expect(report.cases.some((c) => c.verdict === 'fail' && /over the cap of 1\.0 MiB/.test(c.message))).toBe(
      true,
    );
    expectNoLeak(r);
  }

  it('platform: a 50 MB answer to every request (heap capped at 256 MB)', async () => {
    const { r } = await wholeSide('platform', 'huge');
    expectCapped(
      r,
      /over the cap of 1\.0 MiB \(1048576 bytes\): Content-Length 50\.0 MiB \(52428800 bytes\)/,
    );
    expect(r.ms).toBeLessThan(120_000);
  });

  it('customer: a 50 MB answer to every push', async () => {
    const { r } = await wholeSide('customer', 'huge');
    expectCapped(r, /over the cap of 1\.0 MiB \(1048576 bytes\): Content-Length 50\.0 MiB/);
    expect(r.ms).toBeLessThan(120_000);
  });

  it('platform: an endless chunked answer stops at the cap', async () => {
    const t = await target('endless');
    const r = await runCli([
      'platform',
      '--profile',
      profile(t.url),
      '--only',
      'platform.send',
      '--no-color',
    ]);
    expectCapped(r, /over the cap of 1\.0 MiB \(1048576 bytes\): more than 1\.0 MiB \(1048576 bytes\) read/);
    expect(r.ms).toBeLessThan(60_000);
  });

  it('the cap is configurable: --max-body-bytes and the profile field maxBodyBytes', async () => {
    const t = await target('huge', { hugeBytes: 200_000 });
    const only = ['--only', 'platform.send.minimal', '--no-color'];
    const under = await runCli(['platform', '--profile', profile(t.url), ...only]);
    expect(under.stdout).not.toMatch(/over the cap/);
    const flag = await runCli([
      'platform',
      '--profile',
      profile(t.url),
      ...only,
      '--max-body-bytes',
      '100000',
    ]);
    expect(flag.code).toBe(1);
    expect(flag.stdout).toMatch(/over the cap of 100000 bytes: Content-Length 200000 bytes/);
    const field = await runCli(['platform', '--profile', profile(t.url, { maxBodyBytes: 65536 }), ...only]);
    expect(field.stdout).toMatch(/over the cap of 65536 bytes: Content-Length 200000 bytes/);
  });
});

describe('a slow target: the run ends within a bound', () => {
  it('answers just under the timeout: every case still gets its answer', async () => {
    const t = await target('slow', { delayMs: TIMEOUT_MS - 400 });
    const r = await runCli([
      'platform',
      '--profile',
      profile(t.url),
      '--only',
      'platform.send,platform.auth',
      '--no-color',
    ]);
    expectNoStackTrace(r);
    // The slow target accepts everything, wrong passwords included: a MUST failure.
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/no answer from/);
    // Each request waits at most the timeout: the bound is requests × timeout, plus start-up.
    expect(r.ms).toBeLessThan((t.received.length + 1) * TIMEOUT_MS + 20_000);
    expectNoLeak(r);
  });
});

describe('a reflecting target (the request echoed in every encoding, in the body and headers)', () => {
  it('platform, every case: no output holds the password or a piece of it', async () => {
    const { t, r } = await wholeSide('platform', 'reflecting');
    expectNoStackTrace(r);
    expect(r.code).toBe(1);
    expect(Object.keys(r.reports)).toHaveLength(3);
    // The target did echo the password: the check below is not vacuous.
    expect(t.received.some((b) => b.includes(JSON.stringify(PASSWORD).slice(1, -1)))).toBe(true);
    expectNoLeak(r);
  });

  it('random passwords (fast-check), through the CLI', async () => {
    const t = await target('reflecting');
    const passwords = fc.sample(
      fc.string({ unit: fc.constantFrom(...'QZXJKVéü€Ω"\\+%/ Ж😀&<'), minLength: 8, maxLength: 20 }),
      { numRuns: 2, seed: 20261201 },
    );
    for (const password of passwords) {
      const r = await runCli([
        'platform',
        '--profile',
        profile(t.url, {}, password),
        '--only',
        'platform.send,platform.auth,platform.types.password,platform.limits.password',
        '--no-color',
      ]);
      expectNoStackTrace(r);
      expect(r.code, password).toBe(1);
      expectNoLeak(r, password);
    }
  });

  it('customer: the pushes echoed back', async () => {
    const { r } = await wholeSide('customer', 'reflecting');
    expectNoStackTrace(r);
    expect(r.code).toBe(1);
    expect(Object.keys(r.reports)).toHaveLength(3);
    expectNoLeak(r);
  });
});

describe('an accept-all target', () => {
  it('fails the refusal cases, keeps to the budget, and never sends a variation of the password', async () => {
    const { t, r } = await wholeSide('platform', 'accept-all');
    expectNoStackTrace(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^(?:\[ *[0-9]+\/[0-9]+\] )?FAIL\s+MUST\s+platform\.auth\.wrong-password/m);
    const report = JSON.parse(r.reports['report.json'] as string) as {
      budget: { limit: number; spent: number };
    };
    expect(report.budget.spent).toBeLessThanOrEqual(report.budget.limit);
    // Every password the target saw is the real one, or shares no 4-character piece with it.
    const passwords = t.received.flatMap((b) => {
      try {
        const p = (JSON.parse(b) as { password?: unknown }).password;
        return typeof p === 'string' && p !== PASSWORD ? [p] : [];
      } catch {
        return [];
      }
    });
    expect(passwords.length).toBeGreaterThan(0);
    for (const p of passwords) expect(leaksOf(p, PASSWORD), p).toEqual([]);
    expectNoLeak(r);
  });
});

describe('account lockout: requests with wrong credentials are counted and capped', () => {
  function wrongCredentials(t: Hostile, password = PASSWORD): number {
    return t.received.filter((b) => {
      try {
        const v = JSON.parse(b) as { account?: unknown; password?: unknown };
        return v.account !== 'acme' || v.password !== password;
      } catch {
        return false;
      }
    }).length;
  }

  it('--max-auth-failures 2: at most 2 are sent, the rest are skipped with the reason', async () => {
    const t = await target('accept-all');
    const r = await runCli([
      'platform',
      '--profile',
      profile(t.url),
      '--only',
      'platform.auth,platform.types.password,platform.types.account,platform.limits.password,platform.limits.account',
      '--max-auth-failures',
      '2',
      '--no-color',
    ]);
    expectNoStackTrace(r);
    expect(wrongCredentials(t) - 1).toBeLessThanOrEqual(2); // the preflight probe `{}` is not a case
    expect(r.stdout).toMatch(
      /^(?:\[ *[0-9]+\/[0-9]+\] )?SKIP\s+MUST\s+.*\n\s+not sent: the run has already sent 2 request\(s\) with wrong credentials/m,
    );
    expect(r.stdout).toMatch(
      /2 request\(s\) with wrong credentials sent, \d+ not sent \(cap 2: platform\.maxAuthFailures\)/,
    );
  });

  it('the profile field maxAuthFailures 0 sends none', async () => {
    const t = await target('accept-all');
    const file = writeProfile(dir, 'lock0.json', {
      platform: testPlatform(t.url, { password: PASSWORD, maxAcceptedMessages: 20, maxAuthFailures: 0 }),
      statusReportWaitMs: 200,
      timeoutMs: TIMEOUT_MS,
    });
    const r = await runCli(['platform', '--profile', file, '--only', 'platform.auth', '--no-color']);
    expectNoStackTrace(r);
    expect(wrongCredentials(t)).toBe(1); // only the probe `{}`, which names no account
  });

  it('--no-property-auth-faults: the property cases send no fault on account or password', async () => {
    const t = await target('accept-all');
    const r = await runCli([
      'platform',
      '--profile',
      profile(t.url, {}),
      '--only',
      'platform.properties.faults',
      '--runs',
      '40',
      '--no-property-auth-faults',
      '--no-color',
    ]);
    expectNoStackTrace(r);
    expect(t.received.length).toBeGreaterThan(10);
    expect(wrongCredentials(t)).toBe(1);
  });
});
