// Issue 26, item 3: the valid traffic of the platform suite is as wide as real senders' (Chinese and
// other scripts in template values, other serializers, batches that mix templates), and it sends
// the bodies real JSON decoders mishandle (names in another letter case, a name twice, text after
// the value, bytes that are not UTF-8). A platform that mishandles either fails a default run, by
// an example case (seed-independent); the mock reads each body as the spec says; and whatever a
// platform wrongly accepts reaches only the profile's numbers and is counted in the budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { DEFAULT_RUNS } from '../src/engine/options.js';
import { type MockPlatform, SEND_PATH, startMockPlatform } from '../src/mock/index.js';
import { repeatedName } from '../src/mock/platform/request-json.js';
import type { PlatformProfile } from '../src/profile/profile.js';
import type { Json } from '../src/schema/instances.js';
import { validRequestArbitrary } from '../src/suites/platform/arbitraries.js';
import { BATCH_READERS } from '../src/suites/platform/batch-readers.js';
import { WireBody } from '../src/suites/platform/wire-body.js';
import { call, insecureAgent } from './helpers/mock-http.js';
import { validRequest } from './helpers/mock-requests.js';
import { decoderMutants } from './mutants/platform/decoders.js';
import { runAgainstMock } from './mutants/platform/harness.js';

const WAIT_MS = 1_000;
const QUICK = { delivery: { delayMs: 20 }, retry: { baseDelayMs: 30, pushTimeoutMs: 300 } };

function mutant(name: string) {
  const found = decoderMutants().find((m) => m.name === name);
  if (!found?.hooks) throw new Error(`no mutant ${name}`);
  return found;
}

const line = (r: CaseResult) => `${r.verdict} ${r.level} ${r.kind} ${r.id}: ${r.message}`;

/** Every number the mock's answers accepted (per-recipient "0"), from its journal. */
function acceptedNumbers(mock: MockPlatform): string[] {
  return mock.journal().flatMap((e) => {
    if (e.kind !== 'request' || e.path !== SEND_PATH) return [];
    const answer = e.answer as {
      resultCode?: string;
      resultLists?: { mobile: string; resultCode: string }[] | null;
    };
    if (answer?.resultCode !== '0') return [];
    return (answer.resultLists ?? []).filter((x) => x.resultCode === '0').map((x) => x.mobile);
  });
}

describe('a default run against a platform that mishandles real traffic', () => {
  it.each([
    ['refuses-non-ascii-values', 'platform.templates.values.cjk'],
    ['refuses-mixed-templates', 'platform.send.batch.mixed'],
    ['go-case-insensitive-names', 'platform.json.name-case.requestLists.mobiles'],
  ])(
    '%s fails a MUST example case (%s)',
    async (name, id) => {
      const run = await runAgainstMock(
        { statusReportWaitMs: WAIT_MS, config: QUICK, hooks: mutant(name).hooks },
        { runs: DEFAULT_RUNS, seed: 1 },
      );
      const failed = run.results.filter(
        (r) => r.verdict === 'fail' && r.level === 'MUST' && r.kind === 'example',
      );
      console.log(`${name}: ${failed.map(line).join(' / ')}`);
      expect(failed.map((r) => r.id)).toContain(id);
    },
    60_000,
  );
});

describe('the mock platform reads each body as the spec says', () => {
  it('refuses a name twice, text after the value, bytes that are not UTF-8; a name in another case is missing', async () => {
    const platform = await startMockPlatform({ config: QUICK });
    const agent = insecureAgent();
    try {
      const url = `${platform.baseUrl}${SEND_PATH}`;
      const request = validRequest(platform.profile) as unknown as { [key: string]: Json } & {
        requestLists: { [key: string]: Json }[];
      };
      const codeOf = async (body: unknown) =>
        ((await call(url, body, { dispatcher: agent })).json as { resultCode?: string }).resultCode;
      const [a, b] = platform.profile.platform.mobiles as [string, string];
      const twice = WireBody.twice(
        { ...request, requestLists: [{ ...request.requestLists[0], mobiles: [a] }] },
        ['requestLists', 0],
        'mobiles',
        [b],
      );
      expect(await codeOf(twice.wire)).toBe('100003');
      expect(await codeOf(`${JSON.stringify(request)}}`)).toBe('100003');
      expect(await codeOf(`${JSON.stringify(request)}\n`)).toBe('0');
      const gbk = WireBody.reEncoded(request, ['requestId'], Uint8Array.from([0xd5, 0xc5, 0xce, 0xb0]), '');
      expect(await codeOf(Buffer.from(gbk.wire))).toBe('100003');
      const { requestLists, ...rest } = request;
      expect(await codeOf({ ...rest, RequestLists: requestLists })).toBe('100002');
      expect(await codeOf(WireBody.styled(request, 'python', 'reversed').wire)).toBe('0');
      expect(await codeOf(WireBody.styled(request, 'pretty', 'sorted').wire)).toBe('0');
    } finally {
      await agent.close();
      await platform.close({ graceMs: 100 });
    }
  });

  it('finds a repeated name after unescaping, and where it is', () => {
    expect(repeatedName('{"a":1,"b":{"c":[1,{"d":2,"\\u0064":3}]}}')).toEqual({ at: 'b.c[1]', name: 'd' });
    expect(repeatedName('{"a":"\\"a\\"","b":["a","a"],"c":{"a":1}}')).toBeUndefined();
    expect(repeatedName('[{"x":1},{"x":2}]')).toBeUndefined();
  });
});

describe('what a platform wrongly accepts', () => {
  it.each(['go-case-insensitive-names', 'duplicate-names-last-wins', 'trailing-text-ignored', 'lossy-utf8'])(
    '%s: reaches only profile numbers, every one counted in the budget',
    async (name) => {
      let accepted: string[] = [];
      let numbers: string[] = [];
      const run = await runAgainstMock(
        { statusReportWaitMs: WAIT_MS, config: QUICK, hooks: mutant(name).hooks },
        {
          runs: 5,
          seed: 1,
          only: 'platform.json',
          inspect: (mock) => {
            accepted = acceptedNumbers(mock);
            numbers = [...mock.profile.platform.mobiles];
          },
        },
      );
      expect(run.results.some((r) => r.verdict === 'fail')).toBe(true);
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.filter((m) => !numbers.includes(m))).toEqual([]);
      expect(run.budget?.spent).toBe(accepted.length);
    },
    60_000,
  );
});

describe('the valid traffic', () => {
  it('rides on the largest legal batch: every shape judged by it, nothing spent besides it', async () => {
    const run = await runAgainstMock(
      { statusReportWaitMs: WAIT_MS, config: QUICK },
      {
        runs: 5,
        seed: 1,
        only: 'platform.limits.requestLists.maxItems.at,platform.templates,platform.send.batch',
      },
    );
    const byId = new Map(run.results.map((r) => [r.id, r]));
    for (const id of Object.values(BATCH_READERS)) {
      expect(byId.get(id)?.verdict, id).toBe('pass');
      expect(byId.get(id)?.message, id).toMatch(/the largest legal batch/);
    }
    expect(byId.get(BATCH_READERS.batch)?.message).toMatch(
      /^accepted: the largest legal batch, 20 messages, 2 template/,
    );
    // The 20 messages' recipients (the first to 100 numbers, as the limit case has it) and the
    // one Python-written request: nothing else.
    expect(run.budget?.spent).toBe(100 + 19 + 1);
  }, 60_000);

  it("draws Chinese values, codes with leading zeros, ids in the example's shape and batches that mix templates", () => {
    const platform = {
      account: 'acme',
      password: 's3cret',
      signature: '【ACME】',
      templates: [
        { id: 'tpl_plain' },
        {
          id: 'tpl_code',
          variables: [
            { name: 'code', maxLength: 6 },
            { name: 'name', maxLength: 10 },
          ],
        },
      ],
      mobiles: ['8613600000000'],
      sinkMobiles: ['8613900000001', '8613900000002'],
    } as unknown as PlatformProfile;
    const requests = fc.sample(
      validRequestArbitrary(platform, {
        statusCallback: 'https://kit.example/report',
        maxListLength: 5,
        mobiles: platform.sinkMobiles,
        maxRecipients: 10,
      }),
      { seed: 1, numRuns: 300 },
    ) as {
      requestId?: string;
      requestLists: { templateId: string; templateParas?: Record<string, string> }[];
    }[];
    const values = requests.flatMap((r) =>
      r.requestLists.flatMap((m) => Object.values(m.templateParas ?? {})),
    );
    expect(values.some((v) => /^[\u4e00-\u9fa5]+$/.test(v))).toBe(true);
    expect(values.some((v) => /^0[0-9]+$/.test(v))).toBe(true);
    expect(values.some((v) => /["\\]/.test(v))).toBe(true);
    expect(requests.some((r) => /^[0-9]{12}-[0-9]+$/.test(r.requestId ?? ''))).toBe(true);
    const batches = requests.filter((r) => r.requestLists.length >= 3);
    expect(batches.some((r) => new Set(r.requestLists.map((m) => m.templateId)).size > 1)).toBe(true);
    expect(Math.max(...requests.map((r) => r.requestLists.length))).toBeLessThanOrEqual(10);
    // Chinese within the variable's length in UTF-8 bytes too (D7).
    for (const r of requests)
      for (const m of r.requestLists)
        for (const [name, v] of Object.entries(m.templateParas ?? {}))
          expect(Buffer.byteLength(v), `${name} ${v}`).toBeLessThanOrEqual(name === 'code' ? 6 : 10);
  });
});
