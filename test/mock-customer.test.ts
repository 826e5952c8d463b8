// The mock customer endpoint: liberal acknowledgement of pushes (MUST rules only, D1, D2, D12,
// D14), resultCodeFor a bad push (D18), duplicates acknowledged (D20), the same robustness as the
// platform, and the misbehaviour it can be told to show: fail the next N, fail at random, be slow.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_PATH,
  DEFAULT_UPLINK_PATH,
  type MockCustomer,
  startMockCustomer,
} from '../src/mock/index.js';
import { nodeAt } from '../src/schema/navigate.js';
import { messageSchema } from '../src/schema/registry.js';
import { RESULT_CODES } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';
import { call, type HttpAnswer, insecureAgent, JSON_UTF8 } from './helpers/mock-http.js';

const REPORT_MESSAGE_ID_MAX = nodeAt(messageSchema('NotifyReportMessageRequest'), ['messageId'])
  ?.maxLength as number;
const RECEIVE_TIME_MAX = nodeAt(messageSchema('NotifyReportMessageRequest'), ['receiveTime'])
  ?.maxLength as number;
const SMS_COUNT_MAX = nodeAt(messageSchema('NotifyReportMessageRequest'), ['smsCount'])?.maximum as number;
const UPLINK_EXT_CODE_MAX = nodeAt(messageSchema('NotifySmsMessageRequest'), ['extCode'])
  ?.maxLength as number;

const report = {
  messageId: '12345',
  mobile: '12345678911',
  receiveTime: '2016-05-29 10:55:23',
  status: 'DELIVRD',
  smsCount: 2,
};
const uplink = { mobile: '12345678911', content: 'TD', sendTime: '2017-05-15 16:08:54' };

let customer: MockCustomer;

async function push(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': JSON_UTF8 },
  method = 'POST',
) {
  const answer = await call(`${customer.baseUrl}${path}`, body, { headers, method });
  expect(answer.contentType).toBe(JSON_UTF8);
  expect(validators.NotifyResponse.violations(answer.json)).toEqual([]);
  return answer as HttpAnswer & { json: { resultCode: string; resultDesc?: string } };
}
const pushReport = (body: unknown) => push(DEFAULT_REPORT_PATH, body);
const pushUplink = (body: unknown) => push(DEFAULT_UPLINK_PATH, body);

beforeAll(async () => {
  customer = await startMockCustomer();
});
afterAll(() => customer.close({ graceMs: 100 }));
beforeEach(() => customer.reset());

describe('acknowledging pushes', () => {
  it('acknowledges the spec examples with {"resultCode":"0"}', async () => {
    expect((await pushReport(report)).json).toEqual({ resultCode: '0' });
    expect((await pushUplink(uplink)).json).toEqual({ resultCode: '0' });
    expect(customer.received().map((r) => [r.type, r.acknowledged])).toEqual([
      ['report', true],
      ['uplink', true],
    ]);
  });

  const liberal: [string, Record<string, unknown>][] = [
    ['a + mobile (D12)', { mobile: '+2349139355965' }],
    ['DELIVED (D1)', { status: 'DELIVED' }],
    ['an unknown status (D1)', { status: 'WHATEVER' }],
    [`a ${REPORT_MESSAGE_ID_MAX}-character messageId (D2)`, { messageId: '9'.repeat(REPORT_MESSAGE_ID_MAX) }],
    [
      `a ${RECEIVE_TIME_MAX}-character receiveTime (D14)`,
      { receiveTime: '2024-09-05T06:28:13.123456789+08:00'.padEnd(RECEIVE_TIME_MAX, '0') },
    ],
    ['smsCount 0 (D4)', { smsCount: 0 }],
    ['unknown extra fields', { vendorField: { nested: true } }],
  ];
  it.each(liberal)('acknowledges a report with %s', async (_name, change) => {
    expect((await pushReport({ ...report, ...change })).json.resultCode).toBe('0');
  });

  it('acknowledges a duplicate and marks it (D20)', async () => {
    await pushReport(report);
    expect((await pushReport(report)).json.resultCode).toBe('0');
    expect(customer.received().map((r) => r.duplicate)).toEqual([false, true]);
  });

  it('accepts application/json without charset', async () => {
    expect(
      (await push(DEFAULT_REPORT_PATH, report, { 'content-type': 'application/json' })).json.resultCode,
    ).toBe('0');
  });
});

describe('bad pushes get resultCodeFor their violations (D18)', () => {
  const bad: [string, string, unknown, string][] = [
    [
      'a report without messageId',
      DEFAULT_REPORT_PATH,
      { ...report, messageId: undefined },
      RESULT_CODES.missingOrEmpty,
    ],
    [
      'a report with an empty status',
      DEFAULT_REPORT_PATH,
      { ...report, status: '' },
      RESULT_CODES.missingOrEmpty,
    ],
    [
      'a report with a too-long messageId',
      DEFAULT_REPORT_PATH,
      { ...report, messageId: '9'.repeat(REPORT_MESSAGE_ID_MAX + 1) },
      RESULT_CODES.formatError,
    ],
    [
      `a report with smsCount ${SMS_COUNT_MAX + 1}`,
      DEFAULT_REPORT_PATH,
      { ...report, smsCount: SMS_COUNT_MAX + 1 },
      RESULT_CODES.formatError,
    ],
    [
      'a report with smsCount "2"',
      DEFAULT_REPORT_PATH,
      { ...report, smsCount: '2' },
      RESULT_CODES.formatError,
    ],
    ['an uplink without content', DEFAULT_UPLINK_PATH, { mobile: '1' }, RESULT_CODES.missingOrEmpty],
    [
      `an uplink with a ${UPLINK_EXT_CODE_MAX + 1}-character extCode (D3)`,
      DEFAULT_UPLINK_PATH,
      { ...uplink, extCode: '1'.repeat(UPLINK_EXT_CODE_MAX + 1) },
      RESULT_CODES.formatError,
    ],
    ['a body that is not JSON', DEFAULT_REPORT_PATH, 'status=DELIVRD&mobile=1', RESULT_CODES.formatError],
    ['a JSON array', DEFAULT_REPORT_PATH, [report], RESULT_CODES.formatError],
  ];
  it.each(bad)('%s → %s', async (_name, path, body, code) => {
    const answer = await push(path, body);
    expect(answer.status).toBe(200);
    expect(answer.json.resultCode).toBe(code);
    expect(answer.json.resultDesc).toBeTruthy();
    expect(customer.received()[0]?.acknowledged).toBe(false);
  });
});

describe('robustness', () => {
  const cases: [string, () => Promise<HttpAnswer>, number][] = [
    ['a GET', () => push(DEFAULT_REPORT_PATH, undefined, {}, 'GET'), 405],
    ['an unknown path', () => push('/nowhere', report), 404],
    ['text/plain', () => push(DEFAULT_REPORT_PATH, report, { 'content-type': 'text/plain' }), 415],
    ['a body over the limit', () => push(DEFAULT_REPORT_PATH, Buffer.alloc(2 * 1024 * 1024, 0x20)), 413],
    [
      'JSON nested too deep',
      () => push(DEFAULT_REPORT_PATH, `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`),
      200,
    ],
    [
      '__proto__ keys',
      () =>
        push(
          DEFAULT_REPORT_PATH,
          '{"messageId":"1","mobile":"1","status":"DELIVRD","__proto__":{"polluted":1}}',
        ),
      200,
    ],
  ];
  it.each(cases)('%s → HTTP %s, and the endpoint keeps serving', async (_name, act, status) => {
    expect((await act()).status).toBe(status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await pushReport(report)).json.resultCode).toBe('0');
  });
});

describe('misbehaving on purpose', () => {
  it('fails the next N pushes with HTTP 500, then acknowledges again', async () => {
    customer.setBehaviour({ failNext: 2 });
    const answers = [await pushReport(report), await pushReport(report), await pushReport(report)];
    expect(answers.map((a) => [a.status, a.json.resultCode])).toEqual([
      [500, '100003'],
      [500, '100003'],
      [200, '0'],
    ]);
    expect(customer.received().map((r) => r.simulated)).toEqual(['http-500', 'http-500', null]);
  });

  it('fails with a non-"0" code when told so through the admin API', async () => {
    const set = await call(`${customer.baseUrl}/__mock/behaviour`, {
      failNext: 1,
      failMode: 'result-code',
      failResultCode: '100001',
    });
    expect(set.json).toMatchObject({ failNext: 1, failMode: 'result-code' });
    const answer = await pushUplink(uplink);
    expect([answer.status, answer.json.resultCode]).toEqual([200, '100001']);
    expect((await pushUplink(uplink)).json.resultCode).toBe('0');
  });

  it('answers slowly', async () => {
    customer.setBehaviour({ delayMs: 300 });
    const started = performance.now();
    expect((await pushReport(report)).json.resultCode).toBe('0');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('fails a seeded fraction at random, the same way for the same seed', async () => {
    const outcomes = async () => {
      customer.reset();
      customer.setBehaviour({ failRate: 0.3, seed: 7, failMode: 'result-code' });
      const codes: string[] = [];
      for (let i = 0; i < 200; i++)
        codes.push((await pushReport({ ...report, messageId: String(i) })).json.resultCode);
      return codes;
    };
    const first = await outcomes();
    const failures = first.filter((c) => c !== '0').length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
    expect(await outcomes()).toEqual(first);
  });

  it('refuses an invalid behaviour, and the options take the same settings', async () => {
    const bad = await call(`${customer.baseUrl}/__mock/behaviour`, { failRate: 2 });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'failRate must be between 0 and 1' });
    expect(() => customer.setBehaviour({ failMode: 'explode' as 'http-500' })).toThrow(/failMode/);
    await expect(startMockCustomer({ behaviour: { delayMs: -1 } })).rejects.toThrow(/delayMs/);
    const failing = await startMockCustomer({ behaviour: { failNext: 1 } });
    try {
      expect((await call(failing.reportUrl, report)).status).toBe(500);
      expect((await call(failing.reportUrl, report)).status).toBe(200);
    } finally {
      await failing.close();
    }
  });
});

describe('admin API, paths, HTTPS', () => {
  it('lists what was received, filtered, and resets', async () => {
    await pushReport(report);
    await pushUplink({ mobile: '1' });
    const all = await call(`${customer.baseUrl}/__mock/received`, undefined, { method: 'GET' });
    expect((all.json as { received: unknown[] }).received).toHaveLength(2);
    const refused = await call(`${customer.baseUrl}/__mock/received?acknowledged=false`, undefined, {
      method: 'GET',
    });
    expect((refused.json as { received: { type: string }[] }).received.map((r) => r.type)).toEqual([
      'uplink',
    ]);
    expect((await call(`${customer.baseUrl}/__mock/reset`, {})).status).toBe(200);
    expect(customer.received()).toEqual([]);
    expect((await call(`${customer.baseUrl}/__mock/nope`, undefined, { method: 'GET' })).status).toBe(404);
  });

  it('serves configured paths over HTTPS with a self-signed certificate', async () => {
    const secure = await startMockCustomer({
      tls: 'self-signed',
      uplinkPath: '/up',
      reportPath: '/sms/report',
    });
    const agent = insecureAgent();
    try {
      expect(secure.reportUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sms\/report$/);
      expect((await call(secure.reportUrl, report, { dispatcher: agent })).json).toEqual({ resultCode: '0' });
      expect((await call(secure.uplinkUrl, uplink, { dispatcher: agent })).json).toEqual({ resultCode: '0' });
      expect(
        (await call(`${secure.baseUrl}${DEFAULT_REPORT_PATH}`, report, { dispatcher: agent })).status,
      ).toBe(404);
    } finally {
      await secure.close();
      await agent.close();
    }
  });
});
