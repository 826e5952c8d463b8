// Runs that keep pace with the target (issue 26, finding 5): a customer endpoint that answers every
// push after 2 s finishes the customer suite in at most 40 s (the goal: 15 × the answer
// time + 10 s), with no MUST failure, and the report gives each push kind's answer latency.
//
// The one timed assertion of the kit's tests (performance is otherwise measured in bench/, as
// ratios in one run): the bound is the issue's own done-when, and it is loose where it matters.
// The suite waits about 13 answer times here (26 s: the phases that must start after the others,
// and the property cases' 300 runs, 64 pushes at a time); before this change it took 143 s. The
// CPU work on top is a few seconds on a loaded 2-core machine, so 40 s is only missed by a change
// that pushes one after another again, not by a slow machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/library/run.js';
import { type MockCustomer, startMockCustomer } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';

const ANSWER_MS = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-keep-pace-'));
let customer: MockCustomer;
let report: RunReport;
let wallMs: number;

beforeAll(async () => {
  customer = await startMockCustomer({ tls: 'self-signed', behaviour: { delayMs: ANSWER_MS } });
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, customer.certificate ?? '');
  const started = performance.now();
  report = await runConformance({
    suite: 'customer',
    seed: 1,
    profile: { customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl }, tls: { ca } },
  });
  wallMs = performance.now() - started;
}, 120_000);

afterAll(async () => {
  await customer?.close({ graceMs: 0 });
  rmSync(dir, { recursive: true, force: true });
});

describe('the customer suite against an endpoint that answers after 2 s', () => {
  it('finishes in at most 40 s (15 × 2 s + 10 s), every MUST case passing', () => {
    expect(wallMs).toBeLessThanOrEqual(15 * ANSWER_MS + 10_000);
    expect(report.cases.filter((c) => c.level === 'MUST' && c.verdict !== 'pass').map((c) => c.id)).toEqual(
      [],
    );
    // Every property run was pushed, none dropped for the pace.
    for (const c of report.cases.filter((x) => x.kind === 'property'))
      expect(c.message, c.id).toMatch(/^50 pushes: /);
  });

  it('reports each push kind’s answer latency (median, p95, max) as INFO, over every push', () => {
    for (const kind of ['uplink', 'report'] as const) {
      const c = report.cases.find((x) => x.id === `customer.${kind}.latency`);
      expect(c?.level).toBe('INFO');
      expect(c?.verdict).toBe('info');
      const m = /^(\d+) .*push\(es\) answered: median (\d+) ms, p95 (\d+) ms, max (\d+) ms$/.exec(
        c?.message ?? '',
      );
      expect(m, c?.message).not.toBeNull();
      const [count, median, p95, max] = (m as RegExpExecArray).slice(1).map(Number) as number[];
      // The property runs alone push 150 of each kind.
      expect(count).toBeGreaterThan(150);
      expect(median).toBeGreaterThanOrEqual(ANSWER_MS);
      expect(median).toBeLessThanOrEqual(p95 as number);
      expect(p95).toBeLessThanOrEqual(max as number);
      // Answered in about the endpoint's time: no push waited behind the others for a connection.
      expect(max).toBeLessThan(ANSWER_MS + 1_500);
    }
  });
});
