// The platform suite with several cases sending at once (platform.maxConcurrentSends) gives what
// one case after another gives: against a conforming platform and against one that wrongly accepts
// what it should refuse, with a budget far too small for the run, the same verdicts, the same
// cases skipped for the budget, the same spend, never more than maxAcceptedMessages; the order of
// the results is the declared one. Without a plan, and when the plan's run goes past the
// wrong-credential cap, the cases send one at a time and the report says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/client/http.js';
import { SEND_PATH } from '../src/core/terms.js';
import { runConformance } from '../src/library/run.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const LIMIT = 60;
const QUICK = { delivery: { delayMs: 20 }, retry: { baseDelayMs: 30, pushTimeoutMs: 300 } };

let conforming: MockPlatform;
let lenient: MockPlatform;

beforeAll(async () => {
  const config = { ...QUICK, target: { statusReportWaitMs: 500, maxAcceptedMessages: 2_000 } };
  conforming = await startMockPlatform({ tls: sharedCertificate(), onError: () => {}, config });
  // Accepts any request it can read: every fault, every list past its limit.
  lenient = await startMockPlatform({
    tls: sharedCertificate(),
    onError: () => {},
    config,
    hooks: { validate: () => () => [] },
  });
}, 30_000);

afterAll(async () => {
  await conforming?.close({ graceMs: 100 });
  await lenient?.close({ graceMs: 100 });
});

/** The most requests to the send URL in flight at once during the last run. */
let mostAtOnce = 0;

async function run(mock: MockPlatform, maxConcurrentSends: number): Promise<RunReport> {
  const profile = {
    ...mock.profile,
    platform: { ...mock.profile.platform, maxAcceptedMessages: LIMIT, maxConcurrentSends },
  };
  const send = HttpClient.prototype.send;
  let inFlight = 0;
  mostAtOnce = 0;
  HttpClient.prototype.send = async function (this: HttpClient, ...args: Parameters<HttpClient['send']>) {
    const counted = args[0].endsWith(SEND_PATH);
    if (counted) mostAtOnce = Math.max(mostAtOnce, ++inFlight);
    try {
      return await send.apply(this, args);
    } finally {
      if (counted) inFlight--;
    }
  };
  try {
    return await runConformance({ profile, suite: 'platform', seed: 1 });
  } finally {
    HttpClient.prototype.send = send;
  }
}

const verdicts = (r: RunReport) =>
  r.cases.map((c) => `${c.id} ${c.verdict} ${/budget/.test(c.message) ? 'budget' : ''}`);

describe.each([
  ['a conforming platform', () => conforming],
  ['a platform that accepts what it should refuse', () => lenient],
])(`four cases sending at once against %s, with a budget of ${LIMIT}`, (_name, mock) => {
  let oneByOne: RunReport;
  let atOnce: RunReport;
  const most = { oneByOne: 0, atOnce: 0 };
  beforeAll(async () => {
    oneByOne = await run(mock(), 1);
    most.oneByOne = mostAtOnce;
    atOnce = await run(mock(), 4);
    most.atOnce = mostAtOnce;
  }, 120_000);

  it("sends one request at a time with 1, several with 4 (the plan's run before each: one at a time)", () => {
    expect(most.oneByOne).toBe(1);
    expect(most.atOnce).toBeGreaterThan(1);
    expect(most.atOnce).toBeLessThanOrEqual(4);
  });

  it('gives the verdicts, the skips for the budget and the spend of one case after another', () => {
    expect(verdicts(atOnce)).toEqual(verdicts(oneByOne));
    expect(atOnce.budget?.spent).toBe(oneByOne.budget?.spent);
    // The families' spend and the cases named as spending more than planned (their messages hold
    // each run's own random ids).
    const named = (r: RunReport) =>
      r.budget?.families?.map((f) => ({ ...f, over: f.over?.map(({ why: _why, ...c }) => c) }));
    expect(named(atOnce)).toEqual(named(oneByOne));
    expect(oneByOne.cases.some((c) => c.verdict === 'skip' && /budget/.test(c.message))).toBe(true);
  });

  it('never gets more accepted than maxAcceptedMessages', () => {
    expect(atOnce.budget?.spent).toBeLessThanOrEqual(LIMIT);
    expect(oneByOne.budget?.spent).toBeLessThanOrEqual(LIMIT);
  });
});

describe('when the cases send one at a time', () => {
  it('past the wrong-credential cap in the plan: the report says so', async () => {
    const profile = {
      ...conforming.profile,
      platform: { ...conforming.profile.platform, maxAuthFailures: 1, maxConcurrentSends: 4 },
    };
    const report = await runConformance({ profile, suite: 'platform', seed: 1, only: 'platform.auth' });
    expect(report.notes.some((n) => /platform cases sent one at a time/.test(n))).toBe(true);
  }, 60_000);
});
