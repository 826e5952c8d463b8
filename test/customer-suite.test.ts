// The customer suite's own metadata and data: ids unique and permanent in form, every clause and
// decision it cites exists, every customer MUST requirement has a MUST case, and — run against a
// recording stub instead of an endpoint — every push a MUST case sends is valid within D7 and
// D12, and every push a reject case sends breaks exactly the rule it names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../src/cases/case.js';
import { runCase } from '../src/cases/runner.js';
import { duplicateIds } from '../src/cases/select.js';
import type { Exchange } from '../src/cases/types.js';
import type { HttpClient, HttpResult, SendOptions } from '../src/client/http.js';
import { resolveProfile } from '../src/profile/profile.js';
import { coverageMatrix, requirementRows } from '../src/report/coverage.js';
import { CLAUSES } from '../src/spec/clauses.js';
import { type CustomerContext, PUSH_MESSAGE, type PushKind } from '../src/suites/customer/context.js';
import { customerCases } from '../src/suites/customer/index.js';
import { knownStatuses, SPEC_REPORT_EXAMPLE, SPEC_UPLINK_EXAMPLE } from '../src/suites/customer/messages.js';
import { validators } from '../src/validate/validators.js';

const root = join(import.meta.dirname, '..');
const decided = new Set(
  [...readFileSync(join(root, 'docs', 'spec-decisions.md'), 'utf8').matchAll(/^## (D\d+) — /gm)].map(
    (m) => m[1],
  ),
);
const rowKeys = new Set(requirementRows().map((r) => r.key));

describe('customer case metadata', () => {
  it('ids are unique, customer.<uplink|report|transport>.…, on the customer side', () => {
    expect(duplicateIds(customerCases)).toEqual([]);
    for (const c of customerCases) {
      expect(c.id, c.id).toMatch(/^customer\.(uplink|report|transport)\.[A-Za-z0-9.-]+$/);
      expect(c.side, c.id).toBe('customer');
      expect(c.title.includes('\n'), c.id).toBe(false);
    }
  });

  it('every clause cited exists in the clause index; every covered limit or code is a requirement row', () => {
    for (const c of customerCases) {
      expect(CLAUSES.has(c.clause), `${c.id} cites ${c.clause}`).toBe(true);
      for (const key of c.covers ?? []) {
        if (key.startsWith('limit:') || key.startsWith('code:'))
          expect(rowKeys.has(key), `${c.id} covers ${key}`).toBe(true);
        else expect(CLAUSES.has(key), `${c.id} covers ${key}`).toBe(true);
      }
    }
  });

  it('every decision cited exists in docs/spec-decisions.md', () => {
    for (const c of customerCases)
      for (const d of c.decisions ?? []) expect(decided.has(d), `${c.id} cites ${d}`).toBe(true);
  });

  it('every customer MUST requirement (push and answer limits, §3/§4 clauses, §5.2) has a MUST case', () => {
    const customerRow = (key: string) =>
      /^limit:(NotifySmsMessageRequest|NotifyReportMessageRequest|NotifyResponse) /.test(key) ||
      /^§(3|4|3\/§4) /.test(key) ||
      key === '§5.2 status codes';
    const rows = coverageMatrix(customerCases).filter((r) => r.level === 'MUST' && customerRow(r.key));
    expect(rows.length).toBeGreaterThan(20);
    const level = new Map(customerCases.map((c) => [c.id, c.level]));
    // D14: a time at its length limit (20, 36) cannot be in the §1.6 format, which a customer
    // need not acknowledge: such a limit has only a SHOULD case, citing D14.
    const d14 = new Set(customerCases.filter((c) => c.decisions?.includes('D14')).map((c) => c.id));
    const timeLimit = (r: { example: string[]; property: string[] }) =>
      r.example.some((id) => id.includes('.limit.') && d14.has(id) && level.get(id) === 'SHOULD');
    // The tables give a 最大长度, never a minimum: a minimum of the schemas (D4: smsCount from 0) is a
    // decision's reading alone, and its case is SHOULD (test/must-words.test.ts).
    const minimum = (r: { key: string; example: string[] }) =>
      / minimum /.test(r.key) && r.example.some((id) => level.get(id) === 'SHOULD');
    const bare = rows
      .filter((r) => !timeLimit(r) && !minimum(r))
      .filter((r) => ![...r.example, ...r.property].some((id) => level.get(id) === 'MUST'))
      .map((r) => r.key);
    expect(bare).toEqual([]);
  });

  it('a case per §5.2 status, and the spec examples are the printed ones', () => {
    for (const status of Object.keys(knownStatuses())) {
      expect(
        customerCases.some((c) => c.id === `customer.report.status.${status}`),
        status,
      ).toBe(true);
    }
    const example = (name: string): unknown =>
      JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
    expect(SPEC_REPORT_EXAMPLE).toEqual(example('NotifyReportMessageRequest'));
    expect(SPEC_UPLINK_EXAMPLE).toEqual(example('NotifySmsMessageRequest'));
  });
});

/** An HttpClient stand-in that acknowledges everything and keeps what was pushed. */
class RecordingClient {
  sent: { kind: PushKind; body: string; contentType: string }[] = [];

  async send(url: string, body: unknown, opts: SendOptions = {}): Promise<HttpResult> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = opts.headers?.['content-type'] ?? 'application/json;charset=UTF-8';
    this.sent.push({ kind: url.endsWith('/uplink') ? 'uplink' : 'report', body: text, contentType });
    const exchange: Exchange = {
      direction: 'sent',
      at: new Date().toISOString(),
      request: { method: 'POST', url, headers: { 'content-type': contentType }, body: text },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"resultCode":"0"}',
        durationMs: 1,
      },
    };
    const wire = {
      request: { method: 'POST', headers: { 'content-type': contentType }, body: Buffer.from(text) },
      answer: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"resultCode":"0"}'),
      },
    };
    return { exchange, wire, status: 200, json: { resultCode: '0' }, isJson: true };
  }
}

describe('what the customer cases push (against a recording stub)', () => {
  const pushed = new Map<string, RecordingClient['sent']>();

  beforeAll(async () => {
    const profile = resolveProfile(
      {
        customer: {
          uplinkUrl: 'http://stub.invalid/uplink',
          reportUrl: 'http://stub.invalid/report',
          burst: 3,
        },
      },
      'stub',
    );
    for (const c of customerCases) {
      const http = new RecordingClient();
      const ctx: CustomerContext = {
        profile,
        customer: profile.customer as NonNullable<typeof profile.customer>,
        http: http as unknown as HttpClient,
        serial: { next: 0 },
        seed: 7,
        runs: 30,
      };
      await runCase(c as Case<CustomerContext>, ctx, { rerun: (id) => id, tls: {} });
      pushed.set(c.id, http.sent);
    }
  });

  const jsonPushes = (id: string) =>
    (pushed.get(id) ?? []).filter(
      (p) => p.contentType.startsWith('application/json') && p.body.startsWith('{'),
    );

  it('every case pushes something, except the transport ones (the URL decides) and the latency ones (they read the run’s pushes)', () => {
    for (const c of customerCases.filter(
      (x) => !x.id.startsWith('customer.transport.') && !x.id.endsWith('.latency'),
    ))
      expect(pushed.get(c.id)?.length ?? 0, c.id).toBeGreaterThan(0);
  });

  it('every push of a MUST case is valid, text inside the BMP (D7), numbers without + (D12)', () => {
    for (const c of customerCases.filter((c) => c.level === 'MUST')) {
      for (const p of pushed.get(c.id) ?? []) {
        const value: unknown = JSON.parse(p.body);
        expect(validators[PUSH_MESSAGE[p.kind]].violations(value), `${c.id}: ${p.body}`).toEqual([]);
        expect(/[\u{10000}-\u{10FFFF}]/u.test(p.body), `${c.id} sends text outside the BMP`).toBe(false);
        expect(
          String((value as { mobile?: unknown }).mobile).startsWith('+'),
          `${c.id} sends a + number`,
        ).toBe(false);
      }
    }
  });

  it('every acknowledgement case of SHOULD level pushes a valid message too', () => {
    const acks = customerCases.filter(
      (c) => c.level === 'SHOULD' && !c.id.includes('.reject.') && !c.id.includes('.property.'),
    );
    for (const c of acks) {
      for (const p of jsonPushes(c.id)) {
        const value = JSON.parse(p.body) as Record<string, unknown>;
        // The unknown-fields case adds fields no table lists; the schemas leave them open.
        expect(validators[PUSH_MESSAGE[p.kind]].violations(value), `${c.id}: ${p.body}`).toEqual([]);
      }
    }
  });

  it('every push of a reject case breaks a MUST rule, and a missing or empty field is all that is wrong with it', () => {
    const rejects = customerCases.filter((c) => /\.reject\.(?!not-json)|\.property\.one-fault$/.test(c.id));
    for (const c of rejects) {
      const sent = pushed.get(c.id) ?? [];
      expect(sent.length, c.id).toBeGreaterThan(0);
      for (const p of sent) {
        const violations = validators[PUSH_MESSAGE[p.kind]].violations(JSON.parse(p.body));
        expect(violations.length, `${c.id}: ${p.body}`).toBeGreaterThan(0);
        if (/\.(missing|empty)$/.test(c.id))
          expect(
            violations.map((v) => v.kind),
            c.id,
          ).toHaveLength(1);
      }
    }
  });
});
