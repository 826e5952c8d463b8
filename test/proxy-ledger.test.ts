// The proxy's ledger: findings grouped by rule, clause and level into the suites' cases, with a
// bounded number of offending exchanges each; rules without findings pass (or skip, when nothing
// they apply to came by).
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../src/cases/types.js';
import { judgeSendRequest } from '../src/proxy/judge.js';
import { caseIdOf, Ledger } from '../src/proxy/ledger.js';
import { RULES, type RuleMeta } from '../src/rules/index.js';

const exchange = (i: number): Exchange => ({
  label: `send #${i}`,
  direction: 'received',
  at: new Date(0).toISOString(),
  request: {
    method: 'POST',
    url: 'http://platform/common/sms/sendTemplateMessage',
    headers: {},
    body: `${i}`,
  },
});

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };
const message = { mobiles: ['8613600000000'], templateId: 't', signature: 's' };

describe('Ledger', () => {
  it('one case per rule and clause, counting every offender and keeping the first 20', () => {
    const ledger = new Ledger();
    for (let i = 1; i <= 25; i++) {
      const body = { account: 'a', password: 'p', requestLists: Array.from({ length: 21 }, () => message) };
      if (i % 5 === 0) body.requestLists[0] = { ...message, mobiles: ['123456789012345678901'] };
      const judged = judgeSendRequest({
        request: { method: 'POST', headers: JSON_TYPE, body: Buffer.from(JSON.stringify(body)) },
      });
      ledger.add(exchange(i), judged.checked, judged.findings);
    }
    expect(ledger.exchanges).toBe(25);
    expect(ledger.violations()).toEqual({ MUST: 30, SHOULD: 0 });
    const cases = ledger.cases('iot-sms-conformance proxy --target x');
    const failed = cases.filter((c) => c.verdict === 'fail');
    expect(failed.map((c) => [c.id, c.clause, c.exchanges.length])).toEqual([
      [
        'proxy.send.request.schema[§2 SendTemplateMessageRequest.requestLists]',
        '§2 SendTemplateMessageRequest.requestLists',
        20,
      ],
      ['proxy.send.request.schema[§5.4 MtSmsMessage.mobiles[]]', '§5.4 MtSmsMessage.mobiles[]', 5],
    ]);
    expect(failed[0]?.message).toMatch(
      /^25 of 25 exchange\(s\) \(§2 SendTemplateMessageRequest\.requestLists\): .*\(the first 20 shown\)$/,
    );
    expect(failed[0]?.exchanges.map((e) => e.label)).toEqual(
      Array.from({ length: 20 }, (_, i) => `send #${i + 1}`),
    );
    expect(
      failed.every((c) => c.level === 'MUST' && c.side === 'customer' && c.rerun.includes('proxy')),
    ).toBe(true);
    // Judged and kept: pass. Never applied (no answer came by here): skip.
    const verdict = (rule: RuleMeta) => cases.find((c) => c.id === caseIdOf(rule))?.verdict;
    expect(verdict(RULES.send.request.contentType)).toBe('pass');
    expect(verdict(RULES.send.answer.schema)).toBe('skip');
    expect(verdict(RULES.push.report.uncorrelated)).toBe('skip');
  });
});
