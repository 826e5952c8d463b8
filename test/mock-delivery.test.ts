// Status reports end to end over real sockets: the mock platform pushes to the mock customer
// endpoint; every accepted recipient's report arrives (once acknowledged) with its messageId,
// mobile and requestId; pushes are retried until acknowledged (D20), also when a third of them
// fail at random; without a statusCallback nothing is pushed and the report expires (§2, D6).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyReportMessageRequest, SendTemplateMessageResponse } from '../generated/types.js';
import {
  type MockCustomer,
  type MockPlatform,
  type PlatformConfigInput,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { KNOWN_STATUSES } from '../src/mock/limits.js';
import { validators } from '../src/validate/validators.js';
import { call, insecureAgent } from './helpers/mock-http.js';
import { validMessage, validRequest } from './helpers/mock-requests.js';

const FAST: PlatformConfigInput = {
  delivery: { delayMs: 20, maxConcurrentPushes: 64 },
  retry: { attempts: 20, baseDelayMs: 5, factor: 1.5, maxDelayMs: 100, pushTimeoutMs: 5_000 },
};

const open: { close(options?: { graceMs?: number }): Promise<void> }[] = [];
async function platformWith(
  config: PlatformConfigInput = FAST,
  tls: false | 'self-signed' = false,
): Promise<MockPlatform> {
  const platform = await startMockPlatform({ config, tls });
  open.push(platform);
  return platform;
}
async function customerWith(options: Parameters<typeof startMockCustomer>[0] = {}): Promise<MockCustomer> {
  const customer = await startMockCustomer(options);
  open.push(customer);
  return customer;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close({ graceMs: 100 })));
});

const agent = insecureAgent();
async function sendTo(platform: MockPlatform, body: unknown): Promise<SendTemplateMessageResponse> {
  const answer = await call(platform.url, body, { dispatcher: agent });
  expect(answer.status).toBe(200);
  return answer.json as SendTemplateMessageResponse;
}

const acknowledgedReports = (customer: MockCustomer) =>
  customer.received({ type: 'report', acknowledged: true }).map((r) => r.body as NotifyReportMessageRequest);

describe('reports pushed to the statusCallback', () => {
  it('every accepted recipient gets one schema-valid §5.2 report with its messageId, mobile and requestId', async () => {
    const customer = await customerWith();
    const platform = await platformWith(FAST, 'self-signed');
    const sent: { requestId: string; mobile: string; messageId: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const requestId = `req-${i}`;
      const messages = [
        validMessage(platform.profile),
        { ...validMessage(platform.profile, { variables: true }), messageId: `own-${i}` },
      ];
      const answer = await sendTo(
        platform,
        validRequest(platform.profile, { requestId, statusCallback: customer.reportUrl }, messages),
      );
      expect(answer.resultCode).toBe('0');
      for (const r of answer.resultLists ?? [])
        sent.push({ requestId, mobile: r.mobile, messageId: r.messageId ?? '' });
    }
    await platform.whenIdle(10_000);
    const reports = acknowledgedReports(customer);
    expect(reports).toHaveLength(sent.length);
    const key = (r: { requestId?: string | null; mobile: string; messageId: string }) =>
      `${r.requestId}|${r.mobile}|${r.messageId}`;
    expect(reports.map(key).sort()).toEqual(sent.map(key).sort());
    for (const report of reports) {
      expect(validators.NotifyReportMessageRequest.strictViolations(report)).toEqual([]);
      expect(Object.keys(KNOWN_STATUSES)).toContain(report.status);
      expect(report.smsCount).toBeGreaterThanOrEqual(1);
    }
    for (const push of customer.received()) expect(push.contentType).toBe('application/json;charset=UTF-8');
    expect(customer.received().every((r) => !r.duplicate)).toBe(true);
  });

  it('retries a failed push until it is acknowledged (at least once, D20), HTTP 500 and non-"0" alike', async () => {
    for (const failMode of ['http-500', 'result-code'] as const) {
      const customer = await customerWith({ behaviour: { failNext: 3, failMode } });
      const platform = await platformWith();
      await sendTo(
        platform,
        validRequest(platform.profile, { statusCallback: customer.reportUrl }, [
          validMessage(platform.profile, { mobiles: ['8613600000000'] }),
        ]),
      );
      await platform.whenIdle(10_000);
      expect(customer.received().map((r) => r.acknowledged)).toEqual([false, false, false, true]);
      const [push] = platform.pushes();
      expect(push).toMatchObject({ kind: 'report', state: 'delivered' });
      expect(push?.attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
    }
  });

  it('gives up after the configured attempts, with exponential backoff between them', async () => {
    const customer = await customerWith({ behaviour: { failRate: 1 } });
    const platform = await platformWith({
      ...FAST,
      retry: { attempts: 4, baseDelayMs: 40, factor: 2, maxDelayMs: 1_000 },
    });
    await sendTo(
      platform,
      validRequest(platform.profile, { statusCallback: customer.reportUrl }, [
        validMessage(platform.profile, { mobiles: ['8613600000000'] }),
      ]),
    );
    await platform.whenIdle(10_000);
    const [push] = platform.pushes();
    expect(push?.state).toBe('failed');
    const starts = push?.attempts.map((a) => Date.parse(a.at)) ?? [];
    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    // 40, 80, 160 ms (plus the time each attempt took).
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(40 * 2 ** i - 2);
    expect(platform.pushStats()).toMatchObject({ failed: 1, delivered: 0, pending: 0 });
  });

  it('retries a push that times out, and one to a closed port', async () => {
    const slow = await customerWith({ behaviour: { delayMs: 400, failNext: 0 } });
    const platform = await platformWith({
      ...FAST,
      retry: { attempts: 2, baseDelayMs: 5, pushTimeoutMs: 150 },
    });
    await sendTo(
      platform,
      validRequest(platform.profile, { statusCallback: slow.reportUrl }, [
        validMessage(platform.profile, { mobiles: ['8613600000000'] }),
      ]),
    );
    const closedPort = await customerWith();
    const deadUrl = closedPort.reportUrl;
    await closedPort.close();
    await sendTo(
      platform,
      validRequest(platform.profile, { statusCallback: deadUrl }, [
        validMessage(platform.profile, { mobiles: ['8613600000000'] }),
      ]),
    );
    await platform.whenIdle(10_000);
    const pushes = platform.pushes();
    expect(pushes.map((p) => [p.state, p.attempts.length])).toEqual([
      ['failed', 2],
      ['failed', 2],
    ]);
    expect(pushes[0]?.attempts[0]?.error).toMatch(/abort|timeout/i);
    expect(pushes[1]?.attempts[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('pushes to an https callback with a self-signed certificate when pushTls.insecure', async () => {
    const customer = await customerWith({ tls: 'self-signed' });
    const platform = await platformWith({ ...FAST, pushTls: { insecure: true } });
    await sendTo(platform, validRequest(platform.profile, { statusCallback: customer.reportUrl }));
    await platform.whenIdle(10_000);
    expect(acknowledgedReports(customer)).toHaveLength(platform.profile.platform.mobiles.length);
  });

  it('verifies an https callback by default: a certificate it does not trust fails, its CA makes it pass', async () => {
    const customer = await customerWith({ tls: 'self-signed' });
    const verifying = await platformWith({ ...FAST, retry: { ...FAST.retry, attempts: 1 } });
    await sendTo(verifying, validRequest(verifying.profile, { statusCallback: customer.reportUrl }));
    await verifying.whenIdle(10_000);
    expect(acknowledgedReports(customer)).toHaveLength(0);
    expect(verifying.pushes()[0]?.attempts[0]?.error).toMatch(/self-signed|certificate/i);

    const dir = mkdtempSync(join(tmpdir(), 'push-ca-'));
    try {
      const ca = join(dir, 'ca.pem');
      writeFileSync(ca, customer.certificate ?? '');
      const trusting = await platformWith({ ...FAST, pushTls: { ca } });
      await sendTo(trusting, validRequest(trusting.profile, { statusCallback: customer.reportUrl }));
      await trusting.whenIdle(10_000);
      expect(acknowledgedReports(customer)).toHaveLength(trusting.profile.platform.mobiles.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an unreadable pushTls.ca', async () => {
    await expect(startMockPlatform({ config: { pushTls: { ca: '/nonexistent/ca.pem' } } })).rejects.toThrow(
      /cannot read pushTls\.ca \/nonexistent\/ca\.pem: ENOENT/,
    );
  });

  it('10 000 reports all arrive when a third of the pushes fail at random', async () => {
    const customer = await customerWith({ behaviour: { failRate: 1 / 3, seed: 42 }, maxRecords: 50_000 });
    const platform = await platformWith();
    const requests = 50;
    const messagesPerRequest = 20;
    const mobilesPerMessage = 10;
    const mobiles = Array.from(
      { length: mobilesPerMessage },
      (_, i) => `86136000000${String(i).padStart(2, '0')}`,
    );
    const expected = new Map<string, string>();
    await Promise.all(
      Array.from({ length: requests }, async (_, r) => {
        const messages = Array.from({ length: messagesPerRequest }, () =>
          validMessage(platform.profile, { mobiles }),
        );
        const answer = await sendTo(
          platform,
          validRequest(
            platform.profile,
            { requestId: `bulk-${r}`, statusCallback: customer.reportUrl },
            messages,
          ),
        );
        expect(answer.resultCode).toBe('0');
        for (const rsp of answer.resultLists ?? [])
          expected.set(rsp.messageId ?? '', `bulk-${r}|${rsp.mobile}`);
      }),
    );
    expect(expected.size).toBe(requests * messagesPerRequest * mobilesPerMessage);
    await platform.whenIdle(60_000);
    const arrived = new Map<string, number>();
    for (const report of acknowledgedReports(customer)) {
      expect(expected.get(report.messageId)).toBe(`${report.requestId}|${report.mobile}`);
      arrived.set(report.messageId, (arrived.get(report.messageId) ?? 0) + 1);
    }
    expect(arrived.size).toBe(expected.size);
    expect([...arrived.values()].every((n) => n === 1)).toBe(true);
    const failed = customer.received({ acknowledged: false }).length;
    expect(failed / (failed + expected.size)).toBeGreaterThan(0.25);
    expect(platform.pushStats()).toMatchObject({ delivered: expected.size, failed: 0, pending: 0 });
  }, 60_000);
});

describe('reports without a statusCallback', () => {
  it('are not pushed but retained, then deleted after the retention time (§2, D6)', async () => {
    const customer = await customerWith();
    const platform = await platformWith({ ...FAST, delivery: { delayMs: 10, retentionMs: 400 } });
    const absent = await sendTo(platform, validRequest(platform.profile, { requestId: 'absent' }));
    const empty = await sendTo(
      platform,
      validRequest(platform.profile, { requestId: 'empty', statusCallback: '' }),
    );
    await platform.whenIdle(5_000);
    const retained = platform.retainedReports();
    expect(retained.map((r) => r.report.messageId).sort()).toEqual(
      [...(absent.resultLists ?? []), ...(empty.resultLists ?? [])].map((r) => r.messageId).sort(),
    );
    for (const r of retained)
      expect(validators.NotifyReportMessageRequest.strictViolations(r.report)).toEqual([]);
    expect(platform.pushes()).toEqual([]);
    expect(customer.received()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(platform.retainedReports()).toEqual([]);
  });

  it('keeps at most the configured number, dropping the oldest', async () => {
    const platform = await platformWith({ ...FAST, delivery: { delayMs: 0, maxRetainedReports: 3 } });
    const mobiles = ['8613600000001', '8613600000002', '8613600000003', '8613600000004', '8613600000005'];
    await sendTo(platform, validRequest(platform.profile, {}, [validMessage(platform.profile, { mobiles })]));
    await platform.whenIdle(5_000);
    expect(platform.retainedReports().map((r) => r.report.mobile)).toEqual(mobiles.slice(2));
  });
});

describe('uplink SMS injected through the admin API', () => {
  it('is pushed as notifySmsMessage with defaults for what is absent, and retried', async () => {
    const customer = await customerWith({ behaviour: { failNext: 1 } });
    const platform = await platformWith({ ...FAST, uplink: { url: customer.uplinkUrl } });
    const answer = await call(`${platform.baseUrl}/__mock/uplink`, {
      content: '退订 TD',
      extCode: '12',
      wait: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      kind: 'uplink',
      state: 'delivered',
      attempts: [{ ok: false }, { ok: true }],
    });
    const [uplink] = customer.received({ type: 'uplink', acknowledged: true });
    expect(uplink?.body).toMatchObject({
      mobile: platform.profile.platform.mobiles[0],
      content: '退订 TD',
      extCode: '12',
    });
    expect(validators.NotifySmsMessageRequest.strictViolations(uplink?.body)).toEqual([]);
  });

  it('goes to a url given in the body, and a deliberately bad uplink is pushed as given', async () => {
    const customer = await customerWith();
    // The customer refuses the bad push; one attempt is enough to see it.
    const platform = await platformWith({ ...FAST, retry: { attempts: 1 } });
    const queued = await call(`${platform.baseUrl}/__mock/uplink`, { url: customer.uplinkUrl, mobile: null });
    expect(queued.status).toBe(202);
    await platform.whenIdle(5_000);
    const [received] = customer.received({ type: 'uplink' });
    expect(received?.body).toMatchObject({ mobile: null, content: 'TD' });
    expect(received?.answer.resultCode).toBe('100002');
  });
});

describe('closing', () => {
  it('finishes a push in flight within the grace period', async () => {
    const slow = await customerWith({ behaviour: { delayMs: 300 } });
    const platform = await startMockPlatform({ tls: false, config: { ...FAST, delivery: { delayMs: 0 } } });
    await sendTo(
      platform,
      validRequest(platform.profile, { statusCallback: slow.reportUrl }, [
        validMessage(platform.profile, { mobiles: ['8613600000000'] }),
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(platform.pushStats().pending).toBe(1);
    await platform.close({ graceMs: 2_000 });
    expect(platform.pushes()[0]?.state).toBe('delivered');
    expect(slow.received({ acknowledged: true })).toHaveLength(1);
  });
});
