// Proves the customer suite: it passes against the mock customer endpoint and against the honest
// base of the mutants, every mutant fails on the cases aimed at it, and no MUST case is left that
// no mutant kills (a case nothing can fail proves nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { runCase } from '../src/cases/runner.js';
import type { CaseResult } from '../src/cases/types.js';
import { HttpClient } from '../src/client/http.js';
import { runCustomerSide } from '../src/engine/sides.js';
import { startMockCustomer } from '../src/mock/index.js';
import { resolveProfile } from '../src/profile/profile.js';
import type { CustomerContext } from '../src/suites/customer/context.js';
import { customerCases } from '../src/suites/customer/index.js';
import { CUSTOMER_MUTANTS, type CustomerMutant } from './mutants/customer/mutants.js';
import { type Endpoint, startDefective } from './mutants/customer/server.js';

const SEED = 20240905;
/** Against mutants a smaller run is enough: each defect is aimed, not searched for. */
const MUTANT_RUNS = 25;
const MUTANT_BURST = 20;
/** Mutants run a few at a time: each has its own server and client. */
const PARALLEL = 4;

async function runAgainst(
  target: Pick<Endpoint, 'uplinkUrl' | 'reportUrl'>,
  o: { runs: number; burst: number; only?: string; timeoutMs?: number },
): Promise<CaseResult[]> {
  const profile = resolveProfile(
    {
      customer: { uplinkUrl: target.uplinkUrl, reportUrl: target.reportUrl, burst: o.burst },
      // The endpoints serve HTTPS (tables 3-1 / 4-1) with self-signed certificates.
      tls: { insecure: true },
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    },
    'the customer mutant test',
  );
  const outcome = await runCustomerSide(profile, {
    seed: SEED,
    runs: o.runs,
    rerun: (id) => `--only ${id} --seed ${SEED}`,
    ...(o.only ? { only: o.only } : {}),
  });
  return outcome.results;
}

function failures(results: CaseResult[]): string[] {
  return results
    .filter((r) => r.verdict === 'fail' || r.verdict === 'error')
    .map((r) => `${r.level} ${r.id} [${r.verdict}]: ${r.message}`);
}

describe('the customer suite against the mock customer endpoint', () => {
  it('passes: no MUST or SHOULD case fails, nothing errors', async () => {
    const mock = await startMockCustomer({ tls: 'self-signed' });
    try {
      const started = performance.now();
      const results = await runAgainst(mock, { runs: 50, burst: 50 });
      const ms = Math.round(performance.now() - started);
      console.log(`customer suite against the mock: ${results.length} cases, ${ms} ms (runs 50, burst 50)`);
      expect(failures(results)).toEqual([]);
      expect(results.filter((r) => r.verdict === 'skip')).toEqual([]);
      expect(results.filter((r) => r.verdict === 'pass' || r.verdict === 'info')).toHaveLength(
        customerCases.length,
      );
    } finally {
      await mock.close();
    }
  });

  it('skips the half of the suite whose URL the profile lacks, with the reason', async () => {
    const mock = await startMockCustomer({ tls: 'self-signed' });
    try {
      const results = await runAgainst(
        { uplinkUrl: mock.uplinkUrl, reportUrl: null as unknown as string },
        {
          runs: 5,
          burst: 5,
        },
      );
      const report = results.filter((r) => r.id.startsWith('customer.report.'));
      expect(report.length).toBeGreaterThan(0);
      for (const r of report) expect(r.verdict, r.id).toBe('skip');
      expect(report[0]?.message).toContain('customer.reportUrl');
      expect(failures(results)).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

describe('the customer suite against mutant customer endpoints', () => {
  const killed = new Map<string, Set<string>>();
  const failed = new Map<string, CaseResult[]>();
  let control: CaseResult[] = [];

  beforeAll(async () => {
    const honest = await startDefective();
    try {
      control = await runAgainst(honest, { runs: MUTANT_RUNS, burst: MUTANT_BURST });
    } finally {
      await honest.close();
    }
    const queue = [...CUSTOMER_MUTANTS];
    const worker = async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const endpoint = await m.start();
        try {
          const results = await runAgainst(endpoint, {
            runs: MUTANT_RUNS,
            burst: MUTANT_BURST,
            ...(m.run ? { only: m.run.only, timeoutMs: m.run.timeoutMs } : {}),
          });
          const fails = results.filter((r) => r.verdict === 'fail');
          failed.set(m.name, fails);
          killed.set(m.name, new Set(fails.map((r) => r.id)));
        } finally {
          await endpoint.close();
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }, 180_000);

  afterAll(() => {
    const rows = CUSTOMER_MUTANTS.map(
      (m) =>
        `${m.name.padEnd(40)} kills ${String(killed.get(m.name)?.size ?? 0).padStart(3)}` +
        (process.env.CUSTOMER_KILLS ? `: ${[...(killed.get(m.name) ?? [])].join(' ')}` : ''),
    );
    console.log(`customer mutants: ${CUSTOMER_MUTANTS.length}\n${rows.join('\n')}`);
  });

  it('the honest base of the mutants passes the whole suite (every kill is the defect’s)', () => {
    expect(failures(control)).toEqual([]);
  });

  it('every mutant names cases that exist', () => {
    const ids = new Set(customerCases.map((c) => c.id));
    for (const m of CUSTOMER_MUTANTS) {
      expect(m.kills.length, m.name).toBeGreaterThan(0);
      for (const id of m.kills) expect(ids.has(id), `${m.name} expects ${id}`).toBe(true);
    }
  });

  it.each(CUSTOMER_MUTANTS.map((m): [string, CustomerMutant] => [m.name, m]))(
    '%s fails on the cases aimed at it',
    (_name, m) => {
      const got = killed.get(m.name) ?? new Set<string>();
      const missed = m.kills.filter((id) => !got.has(id));
      expect(missed, `${m.defect}; it failed: ${[...got].join(', ') || 'nothing'}`).toEqual([]);
    },
  );

  it('no MUST case survives every mutant, and every MUST and SHOULD case has a mutant aimed at it', () => {
    const judged = customerCases.filter((c) => c.level !== 'INFO');
    const must = judged.filter((c) => c.level === 'MUST').map((c) => c.id);
    const anyKill = new Set([...killed.values()].flatMap((s) => [...s]));
    const uncovered = must.filter((id) => !anyKill.has(id));
    // A defect that breaks every answer (a wrong code) kills every case and proves little about
    // each: a case also needs a mutant aimed at it, whose kill the per-mutant tests check.
    const aimed = new Set(CUSTOMER_MUTANTS.flatMap((m) => m.kills));
    const notAimed = judged.filter((c) => !aimed.has(c.id)).map((c) => `${c.level} ${c.id}`);
    console.log(
      `MUST cases: ${must.length}; killed by no mutant: [${uncovered.join(', ')}]; ` +
        `MUST/SHOULD cases no mutant is aimed at: [${notAimed.join(', ')}]`,
    );
    expect(uncovered).toEqual([]);
    expect(notAimed).toEqual([]);
  });
});

describe('a failed customer property', () => {
  it('records seed, path and counterexample, and replays exactly it from them', async () => {
    const m = CUSTOMER_MUTANTS.find((x) => x.name === 'rejects-unknown-status');
    const c = customerCases.find((x) => x.id === 'customer.report.property.valid') as Case<CustomerContext>;
    if (!m) throw new Error('no mutant rejects-unknown-status');
    const endpoint = await m.start();
    const profile = resolveProfile(
      { customer: { uplinkUrl: endpoint.uplinkUrl, reportUrl: endpoint.reportUrl }, tls: { insecure: true } },
      'replay',
    );
    const http = new HttpClient({
      timeoutMs: profile.timeoutMs,
      tls: profile.tls,
    });
    const customer = profile.customer as NonNullable<typeof profile.customer>;
    const ctx: CustomerContext = {
      profile,
      customer,
      http,
      seed: SEED,
      runs: MUTANT_RUNS,
      serial: { next: 0 },
    };
    const options = { rerun: (id: string) => `--only ${id} --seed ${SEED}`, tls: {} };
    try {
      const first = await runCase(c, ctx, options);
      expect(first.verdict).toBe('fail');
      expect(first.property?.seed).toBe(SEED);
      expect(first.property?.path).toMatch(/^[0-9:]+$/);
      expect(first.message).toContain(`--seed ${SEED} --path ${first.property?.path}`);
      // The replayed counterexample is the one exchange recorded, with its curl.
      expect(first.exchanges).toHaveLength(1);
      expect(first.curl[0]).toContain(first.property?.counterexample?.slice(0, 10) ?? '');
      const again = await runCase(c, { ...ctx, path: first.property?.path as string }, options);
      expect(again.verdict).toBe('fail');
      expect(again.property?.counterexample).toBe(first.property?.counterexample);
    } finally {
      await http.close();
      await endpoint.close();
    }
  });
});
