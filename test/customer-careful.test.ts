// Issue 26: a careful customer endpoint, one that parses every time as a real date or refuses what
// is no phone number, passes every MUST case. The suite runs against each (the library's
// runConformance, suite "customer") with several seeds, so the properties draw widely.
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { runConformance } from '../src/library/run.js';
import { CAREFUL_CUSTOMER_ENDPOINTS, isPlausibleMobile, isRealTime } from './mutants/customer/careful.js';

const SEEDS = [1, 2, 3];
const RUNS = 100;

function failed(results: readonly CaseResult[], level: 'MUST' | 'SHOULD'): string[] {
  return results
    .filter((r) => r.level === level && (r.verdict === 'fail' || r.verdict === 'error'))
    .map((r) => `${r.id} [${r.verdict}]: ${r.message}`);
}

describe('what a careful endpoint refuses', () => {
  it('strict times: real dates only', () => {
    for (const ok of [
      '2024-02-29 23:59:59',
      '2000-02-29 00:00:00',
      '2037-12-31 23:59:59',
      '0001-01-01 00:00:00',
    ])
      expect(isRealTime(ok), ok).toBe(true);
    for (const bad of [
      '0000-02-28 10:00:00',
      '2023-02-29 10:00:00',
      '1900-02-29 10:00:00',
      '2024-02-30 10:00:00',
      '2024-04-31 10:00:00',
      '2024-01-01 24:00:00',
      '2024-13-01 10:00:00',
      '2017-05-15 16:08:544',
    ])
      expect(isRealTime(bad), bad).toBe(false);
  });

  it('phone numbers: 7 digits at least, not starting with 0', () => {
    for (const ok of ['13600000000', '8613600000000', '+2349139355965', '1234567'])
      expect(isPlausibleMobile(ok), ok).toBe(true);
    for (const bad of ['0', '123456', '013600000000', '+0123456789', '+123'])
      expect(isPlausibleMobile(bad), bad).toBe(false);
  });
});

describe.each(CAREFUL_CUSTOMER_ENDPOINTS.map((e) => [e.name, e] as const))(
  'the customer suite against a careful endpoint: %s',
  (_name, careful) => {
    it.each(SEEDS)('seed %i: no MUST case fails (nor a SHOULD one)', async (seed) => {
      const endpoint = await careful.start();
      try {
        const report = await runConformance({
          profile: {
            customer: { uplinkUrl: endpoint.uplinkUrl, reportUrl: endpoint.reportUrl },
            tls: { insecure: true },
          },
          suite: 'customer',
          seed,
          runs: RUNS,
        });
        expect(report.cases.length).toBeGreaterThan(50);
        expect(failed(report.cases, 'MUST'), careful.refuses).toEqual([]);
        // Nor a SHOULD case: refusing what is no time or no number is right, not merely allowed.
        expect(failed(report.cases, 'SHOULD'), careful.refuses).toEqual([]);
      } finally {
        await endpoint.close();
      }
    });
  },
);
