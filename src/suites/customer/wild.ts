// Seen outside the document: a real status report (a `+` mobile, a 30-digit messageId, no
// requestId), and the form encoding the vendor's Python sample receiver expects.
import type { Case } from '../../cases/case.js';
import { acknowledges, expectAcknowledged } from './checks.js';
import { type CustomerContext, customerCase, needsUrl, push } from './context.js';
import { WILD_REPORT } from './messages.js';

const FORM = 'application/x-www-form-urlencoded';

export const wildCases: Case<CustomerContext>[] = [
  customerCase({
    id: 'customer.report.wild.real-report',
    clause: '§4 notifyReportMessage',
    level: 'SHOULD',
    title: 'a real status report seen in public code (+ mobile, 30-digit messageId) is acknowledged',
    decisions: ['D12'],
    covers: ['§1.4 mobile numbers'],
    skipUnless: needsUrl('report'),
    async run(ctx, t) {
      expectAcknowledged(t, await push(ctx, t, 'report', { ...WILD_REPORT }));
    },
  }),
  customerCase({
    // §1.2 says JSON, the vendor's Python receiver parses forms: say what this endpoint does with
    // one, never judge it (a platform following the spec never sends it).
    id: 'customer.report.wild.form-urlencoded',
    clause: '§1.2 JSON UTF-8',
    level: 'INFO',
    title: `the same report as ${FORM} (the vendor's Python sample receiver): what happens`,
    decisions: ['D16'],
    skipUnless: needsUrl('report'),
    async run(ctx, t) {
      const form = new URLSearchParams(
        Object.entries(WILD_REPORT).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
      const r = await push(ctx, t, 'report', form, { headers: { 'content-type': FORM } });
      const type = r.exchange.response?.headers['content-type'] ?? 'no Content-Type';
      const body = (r.exchange.response?.body ?? '').slice(0, 120);
      t.note(
        `${acknowledges(r) ? 'acknowledged' : 'not acknowledged'}: HTTP ${r.status ?? '?'}, ${type}, ${body || '(empty body)'}`,
      );
    },
  }),
];
