// The platform suite against platforms written elsewhere (issue 8): what it says must hold on a
// target nobody here wrote. An accept-all platform fails, and each report says why without
// contradicting itself.
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { mockConfig } from './mutants/platform/config.js';
import { acceptAll } from './mutants/platform/foreign-a2.js';
import { runAgainstMock } from './mutants/platform/harness.js';

const SEED = 1;
const WAIT_MS = 1_000;

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
