// What a family spends never exceeds its plan without the report saying which case spent more and
// why: against a mutant that accepts 21 messages in one request (a conforming platform refuses it),
// the limits family spends more than planned, and the report names the case, what the plan gave
// it, what it spent and its verdict, in report.json, the notes and the HTML report.
import { beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/library/run.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import { renderHtml } from '../src/report/render/html.js';
import type { RunReport } from '../src/report/types.js';
import { unpackedHtml } from './helpers/html.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const OVER = 'platform.limits.requestLists.maxItems.over';

async function reportAgainst(mutant: boolean): Promise<RunReport> {
  const mock: MockPlatform = await startMockPlatform({
    tls: sharedCertificate(),
    onError: () => {},
    config: { delivery: { delayMs: 20 }, target: { statusReportWaitMs: 500, maxAcceptedMessages: 2_000 } },
    ...(mutant
      ? {
          hooks: {
            validate: (next) => (body) =>
              next(body).filter((v) => !(v.keyword === 'maxItems' && v.path === 'requestLists')),
          },
        }
      : {}),
  });
  try {
    return await runConformance({
      profile: mock.profile,
      suite: 'platform',
      only: 'platform.limits.requestLists.maxItems',
      seed: 1,
    });
  } finally {
    await mock.close({ graceMs: 100 });
  }
}

describe('a family that spends more than its plan', () => {
  let conforming: RunReport;
  let mutant: RunReport;
  beforeAll(async () => {
    [conforming, mutant] = [await reportAgainst(false), await reportAgainst(true)];
  }, 120_000);

  it('is within its plan against a conforming platform, and nothing is named', () => {
    const limits = conforming.budget?.families?.find((f) => f.family === 'limits');
    expect(limits?.planned).toEqual(limits?.spent);
    expect(limits?.over).toBeUndefined();
    expect(conforming.notes.filter((n) => n.startsWith('spending:'))).toEqual([]);
  });

  it('names the case that spent more, what the plan gave it, and why', () => {
    const limits = mutant.budget?.families?.find((f) => f.family === 'limits');
    const spent = (limits?.spent.phones ?? 0) + (limits?.spent.sinks ?? 0);
    const planned = (limits?.planned?.phones ?? 0) + (limits?.planned?.sinks ?? 0);
    expect(spent).toBeGreaterThan(planned);
    expect(limits?.over).toEqual([
      { id: OVER, planned: 0, spent: spent - planned, why: expect.stringMatching(/^FAIL MUST: /) },
    ]);
    const note = mutant.notes.find((n) => n.startsWith('spending: family limits'));
    expect(note).toContain(`${OVER} ${spent - planned} where the plan gives 0 (FAIL MUST`);
    const html = unpackedHtml(renderHtml(mutant));
    expect(html).toContain(
      `<a class="id" href="#case-${OVER}">${OVER}</a>: ${spent - planned} accepted where the plan gives 0`,
    );
  });
});
