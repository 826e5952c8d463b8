// The platform suite against platforms written elsewhere (issue 8): what it says must hold on a
// target nobody here wrote. An accept-all platform fails, and each report says why without
// contradicting itself.
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { Budget } from '../src/client/budget.js';
import { mockConfig } from './mutants/platform/config.js';
import { acceptAll, businessErrorsAs400, perRecipient } from './mutants/platform/foreign-a2.js';
import { runAgainstMock } from './mutants/platform/harness.js';

const SEED = 1;
const WAIT_MS = 1_000;

/** What fails a strict gate: MUST and SHOULD cases that fail or err. */
function strictFailures(results: readonly CaseResult[]): string[] {
  return results
    .filter((r) => r.level !== 'INFO' && (r.verdict === 'fail' || r.verdict === 'error'))
    .map((r) => `${r.verdict} ${r.level} ${r.id}: ${r.message}${r.actual ? ` | actual: ${r.actual}` : ''}`);
}

function byId(results: readonly CaseResult[], id: string): CaseResult {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`${id} did not run`);
  return found;
}

describe('an accept-all platform ({"resultCode":"0"} to everything)', () => {
  for (const lists of ['absent', 'empty'] as const) {
    it(`fails, and says so consistently (resultLists ${lists})`, async () => {
      const run = await runAgainstMock(
        { statusReportWaitMs: WAIT_MS, config: mockConfig(WAIT_MS), hooks: acceptAll(lists) },
        {
          runs: 5,
          seed: SEED,
          only: 'platform.responses.recipients,platform.responses.resultCode,platform.reports.arrive',
        },
      );
      const shown = lists === 'absent' ? 'no resultLists' : 'resultLists []';
      const arrive = byId(run.results, 'platform.reports.arrive');
      expect(arrive.verdict).toBe('fail');
      expect(arrive.message).not.toMatch(/not accepted/);
      expect(arrive.message).toContain(shown);
      expect(arrive.actual).toContain('resultCode "0"');

      const count = byId(run.results, 'platform.responses.recipients.count');
      expect(count.verdict).toBe('fail');
      expect(count.actual).toBe(`0 results (${shown})`);

      const order = byId(run.results, 'platform.responses.recipients.order');
      expect(order.verdict).toBe('fail');
      expect(order.actual).toBe(`(${shown})`);

      // A check over an empty list does not pass vacuously.
      for (const id of ['platform.responses.recipients.mobile', 'platform.responses.resultCode.string']) {
        const r = byId(run.results, id);
        expect(r.verdict, id).toBe('fail');
        expect(r.message, id).toContain(shown);
        expect(r.actual, id).toBe(shown);
      }
    });
  }
});

describe('a platform that answers a fault of one recipient or one message per recipient (§5.5, D9)', () => {
  it('passes the whole platform suite, strict included', async () => {
    const run = await runAgainstMock(
      { statusReportWaitMs: WAIT_MS, config: mockConfig(WAIT_MS), hooks: perRecipient() },
      { runs: 25, seed: SEED },
    );
    expect(strictFailures(run.results)).toEqual([]);
    expect(run.results.filter((r) => r.verdict === 'skip').map((r) => r.id)).toEqual([]);
    // The per-recipient answers were met, not avoided: top-level "0", the bad recipient refused.
    for (const id of [
      'platform.mobiles.malformed.letters',
      'platform.mobiles.malformed.dashes',
      'platform.templates.variables.missing.code',
      'platform.templates.signature.unapproved',
      'platform.limits.requestLists.templateId.maxLength.over',
      'platform.limits.requestLists.extCode.maxLength.over',
      'platform.types.requestLists.messageId',
      'platform.required.requestLists.signature.missing',
    ])
      expect(byId(run.results, id).message, id).toMatch(/per-recipient reading/);
  }, 120_000);

  it('fails the cases when the recipient at fault is accepted', async () => {
    // The same variant, but the bad number's result says "0": the per-recipient reading is no loophole.
    const hooks = perRecipient();
    const build = hooks.buildResponse;
    const run = await runAgainstMock(
      {
        statusReportWaitMs: WAIT_MS,
        config: mockConfig(WAIT_MS),
        hooks: {
          ...hooks,
          buildResponse: (next) => {
            const step = build ? build(next) : next;
            return (req, rs) => {
              const answer = step(req, rs);
              return {
                ...answer,
                resultLists: (answer.resultLists ?? []).map((x) => ({ ...x, resultCode: '0' })),
              };
            };
          },
        },
      },
      {
        runs: 10,
        seed: SEED,
        only: 'platform.mobiles.malformed,platform.templates,platform.properties.faults',
      },
    );
    const failed = run.results.filter((r) => r.verdict === 'fail').map((r) => r.id);
    expect(failed).toEqual(
      expect.arrayContaining([
        'platform.mobiles.malformed.letters',
        'platform.mobiles.malformed.dashes',
        'platform.templates.variables.missing',
        'platform.templates.variables.too-long',
        'platform.templates.signature.unapproved',
        'platform.properties.faults.should',
      ]),
    );
    const letters = byId(run.results, 'platform.mobiles.malformed.letters');
    expect(letters.message).toMatch(/did not refuse the recipient\(s\) at fault/);
    expect(letters.actual).toContain('abc1234: "0"');
  }, 120_000);
});

describe('a platform that answers business errors with HTTP 400 and the JSON body (D8)', () => {
  it('passes every MUST case and fails only the SHOULD HTTP-status case', async () => {
    const run = await runAgainstMock(
      { statusReportWaitMs: WAIT_MS, config: mockConfig(WAIT_MS), proxy: businessErrorsAs400 },
      { runs: 10, seed: SEED },
    );
    expect(strictFailures(run.results)).toEqual([
      expect.stringMatching(/^fail SHOULD platform\.responses\.http-status: .*HTTP 400/),
    ]);
  }, 120_000);
});

describe('the budget under per-recipient answers (D9)', () => {
  const good = ['8613600000000', '13600000001'];
  const request = {
    requestLists: [
      { mobiles: [good[0], '136-0000-0001', good[1]], templateId: 't', signature: 's' },
      { mobiles: [good[0]], templateId: 'unknown', signature: 's' },
    ],
  };
  const results = (codes: string[]) => ({
    resultCode: '0',
    resultLists: [good[0], '136-0000-0001', good[1], good[0]].map((mobile, i) => ({
      mobile,
      resultCode: codes[i],
    })),
  });

  it('counts exactly the recipients accepted beside the refused ones', () => {
    const budget = new Budget(10, new Set(good));
    budget.check(request);
    // The bad number and the unknown template's recipient refused: two accepted.
    expect(budget.record(request, results(['0', '100003', '0', '100003']))).toBe(2);
    expect(budget.remaining).toBe(8);
  });

  it('counts every deliverable recipient when the platform accepted all of them, the bad one too', () => {
    const budget = new Budget(10, new Set(good));
    // The dashed number is undeliverable: never more than the three deliverable recipients.
    expect(budget.record(request, results(['0', '0', '0', '0']))).toBe(3);
  });
});
