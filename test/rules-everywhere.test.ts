// One rule, one verdict, wherever it is judged: every check is declared once (src/rules), and the
// cases, the proxy and the matchers all name a rule's findings with that declaration's clause and
// level. Shown on real traffic: the suites against mutant platforms and customer endpoints, the
// proxy's judge on the very exchanges the cases recorded, the matchers on the bodies in them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult, Exchange } from '../src/cases/types.js';
import { PUSH_MESSAGE, type PushKind, SEND_PATH } from '../src/core/terms.js';
import { allCases, runCustomerSide } from '../src/engine/sides.js';
import { toBeValid } from '../src/matchers/index.js';
import { resolveProfile } from '../src/profile/profile.js';
import { judgePushAnswer, judgePushItself, judgeSendAnswer, judgeSendRequest } from '../src/proxy/judge.js';
import { caseIdOf, Ledger } from '../src/proxy/ledger.js';
import {
  ALL_RULES,
  type Finding,
  metaOf,
  type PushExchange,
  type RuleMeta,
  ruleById,
  type SendExchange,
  schemaRulesOf,
  TRAFFIC_RULES,
} from '../src/rules/index.js';
import type { MessageType } from '../src/schema/message-types.js';
import { clause } from '../src/spec/clauses.js';
import { CUSTOMER_MUTANTS } from './mutants/customer/mutants.js';
import { mockConfig } from './mutants/platform/config.js';
import { runAgainstMock } from './mutants/platform/harness.js';
import { mutants } from './mutants/platform/mutants.js';

const DECISIONS = readFileSync(join(import.meta.dirname, '..', 'docs', 'spec-decisions.md'), 'utf8');

describe('every rule is declared once', () => {
  it('with a unique id, a clause of the index, and decisions docs/spec-decisions.md has', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const rule of ALL_RULES) {
      expect(clause(rule.clause), `${rule.id} cites ${rule.clause}`).toBeDefined();
      for (const d of rule.decisions ?? []) expect(DECISIONS, `${rule.id} cites ${d}`).toContain(`## ${d} `);
    }
  });

  it("the proxy's rule table is the traffic rules, each a case with the rule's clause, level and title", () => {
    const cases = new Ledger().cases('proxy');
    expect(cases.map((c) => c.id)).toEqual(TRAFFIC_RULES.map(caseIdOf));
    for (const rule of TRAFFIC_RULES) {
      const c = cases.find((x) => x.id === caseIdOf(rule));
      expect({ clause: c?.clause, level: c?.level, title: c?.title, side: c?.side }, rule.id).toEqual({
        clause: rule.clause,
        level: rule.level,
        title: rule.title,
        side: rule.side,
      });
    }
  });

  it("a case that is one rule's case takes that rule's clause, level and decisions", () => {
    const ruled = allCases().filter((c) => c.rule !== undefined);
    expect(ruled.length).toBeGreaterThan(10);
    for (const c of ruled) {
      const rule = ruleById(c.rule as string);
      expect(rule, c.id).toBeDefined();
      expect({ clause: c.clause, level: c.level, decisions: c.decisions ?? [] }, c.id).toEqual({
        clause: rule?.clause,
        level: rule?.level,
        decisions: [...(rule?.decisions ?? [])],
      });
    }
  });
});

/** An exchange a case recorded, as it travelled (the report's text back to bytes). */
function wire(e: Exchange) {
  return {
    request: { method: e.request.method, headers: e.request.headers, body: Buffer.from(e.request.body) },
    ...(e.response
      ? {
          answer: {
            status: e.response.status,
            headers: e.response.headers,
            body: Buffer.from(e.response.body),
          },
        }
      : {}),
  };
}

function pushKindOf(url: string): PushKind | undefined {
  if (url.endsWith('/notifyReportMessage')) return 'report';
  if (url.endsWith('/notifySmsMessage')) return 'uplink';
  return undefined;
}

/** What the proxy's judge finds in the exchanges of one case result, each judged as live traffic. */
function proxyFindings(result: CaseResult): Finding[] {
  return result.exchanges.flatMap((e) => {
    const { request, answer } = wire(e);
    if (e.direction === 'sent' && e.request.url.endsWith(SEND_PATH)) {
      const x: SendExchange = { request, ...(answer ? { answer } : {}) };
      return [...judgeSendRequest(x).findings, ...judgeSendAnswer(x).findings];
    }
    const kind = pushKindOf(e.request.url);
    if (!kind) return [];
    // A push the platform made to the kit's receiver (its answer is the kit's own), or one the kit
    // made to a customer endpoint (its answer is the customer's).
    const x: PushExchange = { kind, push: request, ...(answer ? { answer } : {}) };
    return e.direction === 'received' ? judgePushItself(x).findings : judgePushAnswer(x).findings;
  });
}

/**
 * The matcher's words on the body a schema rule's finding was about, and the rule it names: the
 * same rule, or, for a NotifyResponse (one message type, a rule per kind of push), its twin of the
 * other kind, with the same clause and level.
 */
function matcherSays(rule: RuleMeta, result: CaseResult): { message: string; named: RuleMeta } | undefined {
  for (const e of result.exchanges) {
    const kind = pushKindOf(e.request.url);
    const bodies: [MessageType | undefined, string | undefined][] = [
      [e.request.url.endsWith(SEND_PATH) ? 'SendTemplateMessageResponse' : undefined, e.response?.body],
      [kind && e.direction === 'received' ? PUSH_MESSAGE[kind] : undefined, e.request.body],
      [kind && e.direction === 'sent' ? 'NotifyResponse' : undefined, e.response?.body],
    ];
    for (const [type, body] of bodies) {
      if (!type || body === undefined) continue;
      const rules = schemaRulesOf(type);
      const named = [rules.must, ...rules.should].find(
        (r) =>
          r.id === rule.id ||
          (type === 'NotifyResponse' && r.clause === rule.clause && r.level === rule.level),
      );
      if (!named) continue;
      const judged = toBeValid.call(undefined, body, type, { strict: true });
      if (!judged.pass) return { message: judged.message(), named: metaOf(named) };
    }
  }
  return undefined;
}

/**
 * Rules this test cannot hand the proxy an exchange for: a report beside its send (one exchange
 * alone does not say it), and bytes that are not UTF-8 (a report's text no longer holds them).
 */
const NEEDS_THE_SEND = /^report\.push\.(correlate|requestId)|\.utf8$/;

async function platformResults(): Promise<CaseResult[]> {
  const names = [
    'text-plain',
    'result-code-number',
    'drops-recipient',
    'mobile-rewritten',
    'messageId-not-echoed',
  ];
  const more = ['bad-report', 'report-text-plain', 'long-result-desc', 'reversed-results', 'ids-per-message'];
  const chosen = mutants().filter((m) => [...names, ...more].includes(m.name));
  expect(chosen.length).toBe(names.length + more.length);
  const runs = [];
  for (const m of chosen)
    runs.push(
      await runAgainstMock(
        { statusReportWaitMs: 800, config: mockConfig(800), ...(m.hooks ? { hooks: m.hooks } : {}) },
        { runs: 3, seed: 1, only: m.only.join(',') },
      ),
    );
  return runs.flatMap((r) => r.results);
}

async function customerResults(): Promise<CaseResult[]> {
  const names = [
    'plain-text-ok',
    'no-json-content-type',
    'numeric-result-code',
    'long-result-desc',
    'http-500-ack',
    'no-charset',
    'gbk-answer',
  ];
  const out: CaseResult[] = [];
  for (const m of CUSTOMER_MUTANTS.filter((x) => names.includes(x.name))) {
    const endpoint = await m.start();
    try {
      const profile = resolveProfile(
        {
          customer: { uplinkUrl: endpoint.uplinkUrl, reportUrl: endpoint.reportUrl, burst: 2 },
          tls: { insecure: true },
        },
        'rules-everywhere',
      );
      const outcome = await runCustomerSide(profile, {
        seed: 1,
        runs: 2,
        only: 'customer.uplink.answer,customer.report.answer',
        rerun: (id) => id,
      });
      out.push(...outcome.results);
    } finally {
      await endpoint.close();
    }
  }
  return out;
}

describe('one exchange, one verdict', () => {
  it("a rule's finding has its clause and level in the cases' results, in the proxy's findings and in the matchers' messages", async () => {
    const results = [...(await platformResults()), ...(await customerResults())];
    const checked = new Set<string>();
    for (const result of results.filter((r) => r.verdict === 'fail' && r.findings)) {
      for (const f of result.findings ?? []) {
        const rule = ruleById(f.rule.id);
        expect(rule, f.rule.id).toBeDefined();
        if (!rule) continue;
        // The case's result: the rule as declared.
        expect(f.rule, `${result.id}: ${f.rule.id}`).toEqual(metaOf(rule));
        expect(f.level).toBe(rule.level);
        if (NEEDS_THE_SEND.test(rule.id)) continue;
        // The proxy, judging the same exchanges as live traffic: the same rule, clause and level.
        const same = proxyFindings(result).filter((p) => p.rule.id === rule.id);
        expect(same.length, `the proxy does not find ${rule.id} in ${result.id}'s exchanges`).toBeGreaterThan(
          0,
        );
        for (const p of same)
          expect({ rule: p.rule, level: p.level }).toEqual({ rule: metaOf(rule), level: rule.level });
        // The matchers, on a schema rule's body: the same rule, level and clause in their words.
        if ('checkValue' in rule) {
          const said = matcherSays(rule, result);
          expect(said, `no matcher message for ${rule.id} in ${result.id}`).toBeDefined();
          expect({ clause: said?.named.clause, level: said?.named.level }).toEqual({
            clause: rule.clause,
            level: rule.level,
          });
          expect(said?.message).toContain(`; rule ${said?.named.id}]`);
          expect(said?.message).toContain(`[${rule.level} `);
        }
        checked.add(rule.id);
      }
    }
    console.log(
      `rules judged alike by the cases, the proxy and the matchers: ${[...checked].sort().join(', ')}`,
    );
    expect(checked.size).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
