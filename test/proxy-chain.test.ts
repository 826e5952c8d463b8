// The conformance proxy end to end: a client → proxy → mock platform → pushes → proxy → mock
// customer. Conforming traffic breaks no rule and every report reaches the customer's own
// statusCallback; a mutant platform and a mutant client are caught by exactly their clauses.
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyReportMessageRequest } from '../generated/types.js';
import { DEFAULT_REPORT_PATH } from '../src/mock/index.js';
import { proxyReport } from '../src/proxy/report.js';
import { renderConsole, renderHtml, renderJson, renderJUnit } from '../src/report/render/index.js';
import { unpackedHtml } from './helpers/html.js';
import { call } from './helpers/mock-http.js';
import { type Chain, startChain, validSend, violatedClauses, waitFor } from './helpers/proxy-chain.js';
import { startDefective } from './mutants/customer/server.js';

let chain: Chain | undefined;
afterEach(async () => {
  await chain?.close();
  chain = undefined;
});

function reportOf(c: Chain, strict = false) {
  return proxyReport(c.proxy, {
    startedAt: new Date(),
    command: 'iot-sms-conformance proxy --target test',
    strict,
    target: c.platform.baseUrl,
  });
}

describe('the proxy between a conforming client, the mock platform and the mock customer', () => {
  it('breaks no rule, and every report reaches the original statusCallback', async () => {
    chain = await startChain();
    const c = chain;
    const sent = await call(
      c.proxy.sendUrl,
      validSend({ requestId: 'req-1', statusCallback: c.customer.reportUrl }),
    );
    expect(sent.status).toBe(200);
    const answer = sent.json as { resultCode: string; resultLists: { mobile: string; messageId: string }[] };
    expect(answer.resultCode).toBe('0');
    // A send with its own messageId, and one without statusCallback (nothing to rewrite, no report).
    const own = validSend({
      requestLists: [{ ...(validSend().requestLists as object[])[0], messageId: 'cust-42' }],
      statusCallback: c.customer.reportUrl,
    });
    expect((await call(c.proxy.sendUrl, own)).status).toBe(200);
    expect((await call(c.proxy.sendUrl, validSend())).status).toBe(200);
    await c.platform.injectUplink({ url: c.proxy.uplinkUrl, wait: true });

    await c.customer.waitFor((x) => x.received({ type: 'report' }).length === 4, 5_000);
    await waitFor(() => c.customer.received({ type: 'uplink' }).length === 1);
    await c.proxy.idle();

    const reports = c.customer.received({ type: 'report' });
    // The customer's own URL, acknowledged; the messageIds the platform answered the first send with.
    expect(reports.every((r) => r.path === DEFAULT_REPORT_PATH && r.acknowledged)).toBe(true);
    const ids = reports.map((r) => (r.body as NotifyReportMessageRequest).messageId);
    for (const x of answer.resultLists) expect(ids).toContain(x.messageId);
    expect(ids.filter((id) => id === 'cust-42')).toHaveLength(2);
    // The platform saw the proxy's callback URL, never the customer's.
    const platformBodies = c.platform
      .journal()
      .flatMap((e) => (e.kind === 'request' ? [e.body as { statusCallback?: string }] : []));
    expect(platformBodies.map((b) => b.statusCallback?.startsWith(c.proxy.callbackUrl))).toEqual([
      true,
      true,
      undefined,
    ]);

    const report = reportOf(c, true);
    expect(violatedClauses(report.cases)).toEqual([]);
    expect(report.gate.passed).toBe(true);
    const passed = report.cases.filter((x) => x.verdict === 'pass').map((x) => x.id);
    for (const id of [
      'proxy.send.request.schema',
      'proxy.send.answer.recipients.count',
      'proxy.send.answer.messageId.echo',
      'proxy.report.push.correlate.messageId',
      'proxy.report.answer.schema',
      'proxy.uplink.push.schema',
    ])
      expect(passed).toContain(id);
    // One live line per exchange: 3 sends, 4 reports, 1 uplink.
    expect(c.lines.filter((l) => / (send|report|uplink) /.test(l))).toHaveLength(8);
    expect(c.lines.every((l) => l.endsWith(' ok'))).toBe(true);
    // The same report family as the suites, and no password in any of it.
    for (const text of [
      renderJson(report),
      unpackedHtml(renderHtml(report)),
      renderJUnit(report),
      c.lines.join('\n'),
    ])
      expect(text).not.toContain('s3cret');
    // Its own headings: what was observed between whom, from when to when; the kit played no side.
    const console = renderConsole(report, { color: false });
    expect(console).toMatch(
      /observed {2}traffic between the customer's application and the platform at .* from .* to /,
    );
    expect(console).not.toMatch(/seed 0/);
    const html = renderHtml(report);
    expect(html).toContain('as it passed through the proxy');
    expect(html).not.toContain('the kit plays');
    expect(html).not.toMatch(/>Seed</);
  });
});

describe('the proxy when reports race their send', () => {
  it('a report pushed before the answer reached the proxy is still correlated with its send', async () => {
    chain = await startChain(undefined, {}, 0);
    const c = chain;
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call(c.proxy.sendUrl, validSend({ requestId: `race-${i}`, statusCallback: c.customer.reportUrl })),
      ),
    );
    await c.customer.waitFor((x) => x.received({ type: 'report' }).length === 10, 5_000);
    await c.proxy.idle();
    const report = reportOf(c, true);
    expect(violatedClauses(report.cases)).toEqual([]);
    expect(report.cases.find((x) => x.id === 'proxy.report.push.correlate.messageId')?.message).toMatch(
      /^10 exchange/,
    );
    expect(report.cases.find((x) => x.id === 'proxy.report.push.uncorrelated')?.verdict).toBe('info');
  });
});

describe('the proxy with a callback listener of its own', () => {
  it('hands the platform the public callback URL and takes the reports there', async () => {
    chain = await startChain(undefined, { callback: { host: '127.0.0.1', port: 0 } });
    const c = chain;
    expect(c.proxy.callbackUrl).not.toBe(c.proxy.url);
    await call(c.proxy.sendUrl, validSend({ statusCallback: c.customer.reportUrl }));
    await c.customer.waitFor((x) => x.received({ type: 'report' }).length === 2, 5_000);
    await c.proxy.idle();
    const sent = c.platform.journal().find((e) => e.kind === 'request')?.body as { statusCallback: string };
    expect(sent.statusCallback.startsWith(`${c.proxy.callbackUrl}/proxy/`)).toBe(true);
    expect(violatedClauses(reportOf(c).cases)).toEqual([]);
  });
});

describe('the proxy reports exactly the clauses a mutant breaks', () => {
  it('a platform reporting a wrong messageId and a numeric resultCode', async () => {
    chain = await startChain({
      buildReport: (next) => (r, req) => ({
        ...next(r, req),
        messageId: `${r.messageId}X`,
        resultCode: 0 as unknown as string,
      }),
    });
    const c = chain;
    await call(c.proxy.sendUrl, validSend({ requestId: 'req-2', statusCallback: c.customer.reportUrl }));
    await c.customer.waitFor((x) => x.received({ type: 'report' }).length === 2, 5_000);
    await c.proxy.idle();
    const report = reportOf(c);
    expect(violatedClauses(report.cases)).toEqual([
      'MUST §4 NotifyReportMessageRequest.messageId',
      'MUST §4 NotifyReportMessageRequest.resultCode',
    ]);
    const failed = report.cases.filter((x) => x.verdict === 'fail');
    expect(failed.map((x) => x.id).sort()).toEqual([
      'proxy.report.push.correlate.messageId',
      'proxy.report.push.schema[§4 NotifyReportMessageRequest.resultCode]',
    ]);
    // Each names its offending exchanges (both reports), and the gate fails.
    for (const x of failed) expect(x.exchanges).toHaveLength(2);
    expect(report.gate).toMatchObject({ passed: false, outcome: 'failed' });
  });

  it('a platform answering with numeric per-recipient resultCodes', async () => {
    chain = await startChain({
      buildResponse: (next) => (req, rs) => {
        const answer = next(req, rs);
        return {
          ...answer,
          resultLists: answer.resultLists?.map((x) => ({ ...x, resultCode: 0 as unknown as string })) ?? null,
        };
      },
    });
    const c = chain;
    await call(c.proxy.sendUrl, validSend());
    await c.proxy.idle();
    expect(violatedClauses(reportOf(c).cases)).toEqual(['MUST §5.5 MtSmsMessageRsp.resultCode']);
  });

  it('a client sending 21 messages, and a 21-digit number', async () => {
    chain = await startChain();
    const c = chain;
    const message = (validSend().requestLists as object[])[0] as Record<string, unknown>;
    const answers = [
      await call(c.proxy.sendUrl, validSend({ requestLists: Array.from({ length: 21 }, () => message) })),
      await call(
        c.proxy.sendUrl,
        validSend({ requestLists: [{ ...message, mobiles: ['123456789012345678901'] }] }),
      ),
    ];
    // Forwarded: the platform refused both (its answer reached the client unchanged).
    expect(answers.map((a) => (a.json as { resultCode: string }).resultCode)).toEqual(['100003', '100003']);
    await c.proxy.idle();
    const report = reportOf(c);
    expect(violatedClauses(report.cases)).toEqual([
      'MUST §2 SendTemplateMessageRequest.requestLists',
      'MUST §5.4 MtSmsMessage.mobiles[]',
    ]);
    expect(report.cases.filter((x) => x.verdict === 'fail').every((x) => x.side === 'customer')).toBe(true);
  });

  it('a platform accepting what it must refuse: the client and the platform are both named', async () => {
    chain = await startChain({ validate: () => () => [], checkTemplates: () => () => undefined });
    const c = chain;
    const message = (validSend().requestLists as object[])[0] as Record<string, unknown>;
    const answers = [
      await call(c.proxy.sendUrl, validSend({ requestLists: Array.from({ length: 21 }, () => message) })),
      // A number where a String is declared: a lenient binder may read it (D21), so SHOULD only.
      await call(c.proxy.sendUrl, validSend({ requestId: 12345 })),
    ];
    expect(answers.map((a) => (a.json as { resultCode: string }).resultCode)).toEqual(['0', '0']);
    await c.proxy.idle();
    const cases = reportOf(c).cases.filter((x) => x.verdict === 'fail');
    expect(violatedClauses(cases)).toEqual([
      'MUST §2 SendTemplateMessageRequest.requestId',
      'MUST §2 SendTemplateMessageRequest.requestLists',
      'MUST §5.1 result codes',
      'SHOULD §5.1 result codes',
    ]);
    expect(cases.filter((x) => x.clause === '§5.1 result codes').map((x) => [x.id, x.side])).toEqual([
      ['proxy.send.answer.refuses-invalid', 'platform'],
      ['proxy.send.answer.refuses-invalid.should', 'platform'],
    ]);
  });

  it("a customer answering pushes with text/plain and a numeric resultCode; an uplink's sendTime off §1.6", async () => {
    const endpoint = await startDefective(() => ({
      status: 200,
      contentType: 'text/plain',
      body: '{"resultCode":0}',
    }));
    try {
      // The defective endpoint serves HTTPS with a self-signed certificate (§1.1).
      chain = await startChain(undefined, {
        uplinkForward: endpoint.uplinkUrl,
        upstreamTls: { insecure: true },
      });
      const c = chain;
      await call(c.proxy.sendUrl, validSend({ statusCallback: endpoint.reportUrl }));
      await c.platform.injectUplink({ url: c.proxy.uplinkUrl, sendTime: '2026/12/01 08:00', wait: true });
      // The send, its two reports, the uplink.
      await waitFor(() => c.proxy.ledger.exchanges === 4);
      await c.proxy.idle();
      const cases = reportOf(c).cases.filter((x) => x.verdict === 'fail');
      // §1.6 makes the format of a time a sender's MUST (D14), as platform.uplink.push judges it.
      expect(violatedClauses(cases)).toEqual([
        'MUST §1.6 time format',
        'MUST §3 table 3-3 / §4 table 4-3',
        'MUST §3/§4 NotifyResponse.resultCode',
      ]);
      // Both kinds of push were answered so, each its own case per rule; the customer is the side at fault there.
      expect(cases.filter((x) => x.side === 'customer').map((x) => x.id)).toEqual(
        (['uplink', 'report'] as const).flatMap((kind) => [
          `proxy.${kind}.answer.json`,
          `proxy.${kind}.answer.content-type`,
          `proxy.${kind}.answer.result-code-string`,
          `proxy.${kind}.answer.schema[§3/§4 NotifyResponse.resultCode]`,
        ]),
      );
    } finally {
      await endpoint.close();
    }
  });

  it('stores no password it cannot mask: a form body, a numeric password', async () => {
    chain = await startChain();
    const c = chain;
    await call(c.proxy.sendUrl, 'account=acme&password=hunter22&requestLists=', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await call(c.proxy.sendUrl, '{"account":"acme","password":987654321,"requestLists":[]}');
    await c.proxy.idle();
    const report = reportOf(c);
    const text = [
      renderJson(report),
      unpackedHtml(renderHtml(report)),
      renderJUnit(report),
      c.lines.join('\n'),
    ].join('\n');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('987654321');
    expect(text).toContain('withheld');
    // Still judged: the form body is no JSON, the numeric password no String.
    expect(violatedClauses(report.cases)).toContain('MUST §2 SendTemplateMessageRequest.password');
    expect(violatedClauses(report.cases)).toContain('MUST §1.2 JSON UTF-8');
  });
});
