// The mock platform, example by example: each §5.1 code path in the order of D10, per-recipient
// results (D19), messageIds, the answer's Content-Type and schema, the admin API, robustness
// against bad input (D16), configuration errors, and a mutant built with a hook.
import { request as pactumRequest, spec } from 'pactum';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendTemplateMessageRequest } from '../generated/types.js';
import {
  ConfigError,
  type MockPlatform,
  resolvePlatformConfig,
  SEND_PATH,
  smsCount,
  startMockPlatform,
} from '../src/mock/index.js';
import { nodeAt } from '../src/schema/navigate.js';
import { messageSchema } from '../src/schema/registry.js';
import { RESULT_CODES } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';
import { call, type HttpAnswer, insecureAgent, JSON_UTF8 } from './helpers/mock-http.js';
import { templateWith, validMessage, validRequest } from './helpers/mock-requests.js';

const limit = (type: Parameters<typeof messageSchema>[0], path: (string | number)[], keyword: string) =>
  nodeAt(messageSchema(type), path)?.[keyword] as number;
const MAX_MESSAGES = limit('SendTemplateMessageRequest', ['requestLists'], 'maxItems');
const MAX_MOBILES = limit('MtSmsMessage', ['mobiles'], 'maxItems');
const MESSAGE_ID_MAX = limit('MtSmsMessageRsp', ['messageId'], 'maxLength');
const ACCOUNT_MAX = limit('SendTemplateMessageRequest', ['account'], 'maxLength');
const PASSWORD_MAX = limit('SendTemplateMessageRequest', ['password'], 'maxLength');
const REQUEST_ID_MAX = limit('SendTemplateMessageRequest', ['requestId'], 'maxLength');

let platform: MockPlatform;
let agent: Agent;

/** Every answer of the platform: JSON with the spec's Content-Type and a schema-valid body (strict). */
async function send(
  body: unknown,
  options: { headers?: Record<string, string>; method?: string; path?: string } = {},
) {
  const answer = await call(`${platform.baseUrl}${options.path ?? SEND_PATH}`, body, {
    ...options,
    dispatcher: agent,
  });
  expect(answer.contentType).toBe(JSON_UTF8);
  expect(validators.SendTemplateMessageResponse.strictViolations(answer.json)).toEqual([]);
  return answer as HttpAnswer & { json: { resultCode: string; resultDesc?: string; resultLists?: unknown } };
}

async function expectStillServing(): Promise<void> {
  const answer = await send(validRequest(platform.profile));
  expect(answer.status).toBe(200);
  expect(answer.json.resultCode).toBe('0');
}

beforeAll(async () => {
  platform = await startMockPlatform({ config: { delivery: { delayMs: 10 } } });
  agent = insecureAgent();
});
afterAll(async () => {
  await platform.close({ graceMs: 100 });
  await agent.close();
});

describe('HTTPS and the target profile', () => {
  it('serves HTTPS with a certificate made at start, valid for 127.0.0.1', async () => {
    expect(platform.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(platform.url).toBe(`${platform.baseUrl}${SEND_PATH}`);
    const { Agent: UndiciAgent } = await import('undici');
    const trusting = new UndiciAgent({ connect: { ca: platform.certificate ?? '' } });
    const answer = await call(platform.url, validRequest(platform.profile), { dispatcher: trusting });
    expect(answer.status).toBe(200);
    await trusting.close();
  });

  it('prints a profile that matches its configuration', () => {
    expect(platform.profile).toMatchObject({
      platform: {
        url: platform.baseUrl,
        account: 'acme',
        password: 's3cret',
        disabledAccount: { account: 'frozen', password: 's3cret' },
        signature: '【ACME】',
        templates: [
          { id: 'tpl_plain' },
          {
            id: 'tpl_code',
            variables: [
              { name: 'code', maxLength: 6 },
              { name: 'name', maxLength: 10 },
            ],
          },
        ],
        mobiles: ['8613600000000', '13600000001'],
        maxAcceptedMessages: 200,
        maxAuthFailures: 1000,
        uplinkTrigger: { url: `${platform.baseUrl}/__mock/uplink` },
      },
      callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
      statusReportWaitMs: 30000,
      tls: { ca: null, insecure: true },
      timeoutMs: 10000,
    });
  });
});

describe('accepted requests (pactum)', () => {
  let plain: MockPlatform;
  beforeAll(async () => {
    plain = await startMockPlatform({ tls: false, config: { delivery: { delayMs: 10 } } });
    pactumRequest.setBaseUrl(plain.baseUrl);
  });
  afterAll(() => plain.close({ graceMs: 100 }));

  it('accepts a template without variables', async () => {
    const body = await spec()
      .post(SEND_PATH)
      .withHeaders('Content-Type', JSON_UTF8)
      .withJson(validRequest(plain.profile))
      .expectStatus(200)
      .expectHeader('content-type', JSON_UTF8)
      .expectJsonMatch({ resultCode: '0' })
      .returns('res.body');
    expect(validators.SendTemplateMessageResponse.strictViolations(body)).toEqual([]);
  });

  it('accepts a template with variables at their maximum length', async () => {
    const body = await spec()
      .post(SEND_PATH)
      .withJson(validRequest(plain.profile, {}, [validMessage(plain.profile, { variables: true })]))
      .expectStatus(200)
      .expectJsonMatch({ resultCode: '0' })
      .returns('res.body');
    expect(validators.SendTemplateMessageResponse.strictViolations(body)).toEqual([]);
  });

  it('accepts an empty templateParas for a template without variables', async () => {
    await spec()
      .post(SEND_PATH)
      .withJson(validRequest(plain.profile, {}, [{ ...validMessage(plain.profile), templateParas: {} }]))
      .expectJsonMatch({ resultCode: '0' });
  });
});

describe('§5.1 result codes in the order of D10', () => {
  const profile = () => platform.profile;
  const codeMax = () => templateWith(profile(), true).variables?.[0]?.maxLength ?? 0;
  const withMessage = (change: Record<string, unknown>) =>
    validRequest(profile(), {}, [{ ...validMessage(profile(), { variables: true }), ...change }]);
  const cases: [string, () => unknown, string][] = [
    ['a body that is not JSON', () => '{"account": ', RESULT_CODES.formatError],
    [
      'a missing password',
      () => ({ ...validRequest(profile()), password: undefined }),
      RESULT_CODES.missingOrEmpty,
    ],
    ['an empty account', () => validRequest(profile(), { account: '' }), RESULT_CODES.missingOrEmpty],
    [
      'a null requestLists',
      () => ({ ...validRequest(profile()), requestLists: null }),
      RESULT_CODES.missingOrEmpty,
    ],
    ['an empty requestLists', () => validRequest(profile(), {}, []), RESULT_CODES.missingOrEmpty],
    ['an empty mobiles list', () => withMessage({ mobiles: [] }), RESULT_CODES.missingOrEmpty],
    [
      'a too-long account',
      () => validRequest(profile(), { account: 'a'.repeat(ACCOUNT_MAX + 1) }),
      RESULT_CODES.formatError,
    ],
    [
      'a password that is a number',
      () => ({ ...validRequest(profile()), password: 12345 }),
      RESULT_CODES.formatError,
    ],
    [
      'a malformed mobile (SHOULD, D12)',
      () => withMessage({ mobiles: ['1-360-ABC'] }),
      RESULT_CODES.formatError,
    ],
    [
      'a statusCallback that is not a URL (SHOULD, D6)',
      () => validRequest(profile(), { statusCallback: 'not a url' }),
      RESULT_CODES.formatError,
    ],
    ['a wrong password', () => validRequest(profile(), { password: 'wrong' }), RESULT_CODES.authFailed],
    ['an unknown account', () => validRequest(profile(), { account: 'nobody' }), RESULT_CODES.authFailed],
    [
      'a disabled account',
      () => validRequest(profile(), profile().platform.disabledAccount ?? {}),
      RESULT_CODES.accountAbnormal,
    ],
    ['an unknown template (D17)', () => withMessage({ templateId: 'tpl_nope' }), RESULT_CODES.formatError],
    [
      'an unapproved signature (D17)',
      () => withMessage({ signature: '【OTHER】' }),
      RESULT_CODES.formatError,
    ],
    [
      'a missing variable (D11)',
      () => withMessage({ templateParas: { code: '1' } }),
      RESULT_CODES.formatError,
    ],
    [
      'an extra variable (D11)',
      () => withMessage({ templateParas: { code: '1', name: 'n', more: 'x' } }),
      RESULT_CODES.formatError,
    ],
    [
      'a variable too long (D11)',
      () => withMessage({ templateParas: { code: '1'.repeat(codeMax() + 1), name: 'n' } }),
      RESULT_CODES.formatError,
    ],
    [
      'variables for a template without (D11)',
      () => validRequest(profile(), {}, [{ ...validMessage(profile()), templateParas: { x: '1' } }]),
      RESULT_CODES.formatError,
    ],
    // D10: the first failing check wins.
    [
      'a disabled account with a too-long field',
      () =>
        validRequest(profile(), {
          ...profile().platform.disabledAccount,
          requestId: 'r'.repeat(REQUEST_ID_MAX + 1),
        }),
      RESULT_CODES.formatError,
    ],
    [
      'a wrong password with a missing field',
      () => ({ ...validRequest(profile(), { password: 'wrong' }), requestLists: undefined }),
      RESULT_CODES.missingOrEmpty,
    ],
    [
      'a too-long field with a missing one (100002 wins)',
      () => ({ ...validRequest(profile(), { account: 'a'.repeat(ACCOUNT_MAX + 1) }), password: undefined }),
      RESULT_CODES.missingOrEmpty,
    ],
    [
      'a disabled account with a wrong password',
      () => validRequest(profile(), { account: 'frozen', password: 'wrong' }),
      RESULT_CODES.authFailed,
    ],
    [
      'a wrong password with an unknown template',
      () => ({ ...withMessage({ templateId: 'tpl_nope' }), password: 'wrong' }),
      RESULT_CODES.authFailed,
    ],
    [
      'a disabled account with an unknown template',
      () => ({ ...withMessage({ templateId: 'tpl_nope' }), account: 'frozen' }),
      RESULT_CODES.accountAbnormal,
    ],
  ];
  it.each(cases)('%s → %s', async (_name, body, code) => {
    const answer = await send(body());
    expect(answer.status).toBe(200);
    expect(answer.json.resultCode).toBe(code);
    if (code !== '0') {
      expect(answer.json.resultLists).toBeNull();
      expect(answer.json.resultDesc).toBeTruthy();
    }
  });

  it('never echoes the password in a description', async () => {
    const answer = await send(validRequest(platform.profile, { password: 'p'.repeat(PASSWORD_MAX + 1) }));
    expect(answer.text).not.toContain('ppppp');
  });
});

describe('per-recipient results (D19)', () => {
  it('answers one result per recipient, in request order, with the mobile as sent', async () => {
    const messages = [
      validMessage(platform.profile, { mobiles: ['8613600000000', '+8613600000009', '13600000001'] }),
      validMessage(platform.profile, { variables: true, mobiles: ['8613600000000'] }),
    ];
    const answer = await send(validRequest(platform.profile, {}, messages));
    const results = answer.json.resultLists as { mobile: string; resultCode: string; messageId: string }[];
    expect(results.map((r) => r.mobile)).toEqual(messages.flatMap((m) => m.mobiles));
    expect(results.every((r) => r.resultCode === '0')).toBe(true);
  });

  it(`accepts ${MAX_MESSAGES} messages of ${MAX_MOBILES} mobiles, and refuses one more of each`, async () => {
    const mobiles = Array.from({ length: MAX_MOBILES }, (_, i) => `86136${String(i).padStart(8, '0')}`);
    const full = Array.from({ length: MAX_MESSAGES }, () => validMessage(platform.profile, { mobiles }));
    const accepted = await send(validRequest(platform.profile, {}, full));
    expect(accepted.json.resultCode).toBe('0');
    expect(accepted.json.resultLists).toHaveLength(MAX_MESSAGES * MAX_MOBILES);
    const tooMany = await send(validRequest(platform.profile, {}, [...full, validMessage(platform.profile)]));
    expect(tooMany.json.resultCode).toBe(RESULT_CODES.formatError);
    const tooManyMobiles = await send(
      validRequest(platform.profile, {}, [
        validMessage(platform.profile, { mobiles: [...mobiles, '8613600000000'] }),
      ]),
    );
    expect(tooManyMobiles.json.resultCode).toBe(RESULT_CODES.formatError);
    platform.reset();
  });

  it('echoes a customer messageId for every recipient of its message', async () => {
    const messages = [
      { ...validMessage(platform.profile), messageId: 'cust-1' },
      { ...validMessage(platform.profile), messageId: 'x'.repeat(MESSAGE_ID_MAX) },
    ];
    const answer = await send(validRequest(platform.profile, {}, messages));
    const ids = (answer.json.resultLists as { messageId: string }[]).map((r) => r.messageId);
    expect(ids).toEqual(messages.flatMap((m) => m.mobiles.map(() => m.messageId)));
  });

  it('generates a unique messageId per recipient, within the schema limit, when none (or an empty one) is given', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const messages = [validMessage(platform.profile), { ...validMessage(platform.profile), messageId: '' }];
      const answer = await send(validRequest(platform.profile, {}, messages));
      for (const r of answer.json.resultLists as { messageId: string }[]) {
        expect(r.messageId.length).toBeGreaterThan(0);
        expect([...r.messageId].length).toBeLessThanOrEqual(MESSAGE_ID_MAX);
        expect(seen.has(r.messageId)).toBe(false);
        seen.add(r.messageId);
      }
    }
    expect(seen.size).toBe(5 * 2 * platform.profile.platform.mobiles.length);
  });

  it('counts SMS parts as 70 characters for one part and 67 per part beyond', () => {
    expect([1, 70, 71, 134, 135, 201, 202].map((n) => smsCount('a'.repeat(n)))).toEqual([
      1, 1, 2, 2, 3, 3, 4,
    ]);
    expect(smsCount('😀'.repeat(70))).toBe(1);
    expect(smsCount('a'.repeat(100_000))).toBe(limit('NotifyReportMessageRequest', ['smsCount'], 'maximum'));
  });
});

describe('robustness: bad input gets a clear JSON answer and the server keeps serving (D8, D16)', () => {
  const bigBody = () => Buffer.alloc(platform.config.limits.maxBodyBytes + 1, 0x20);
  const cases: [string, () => Promise<HttpAnswer>, number, string][] = [
    ['a body over the size limit', () => send(bigBody()), 413, RESULT_CODES.formatError],
    ['a body that is not JSON', () => send('hello'), 200, RESULT_CODES.formatError],
    ['an empty body', () => send(''), 200, RESULT_CODES.formatError],
    [
      'bytes that are not UTF-8',
      () => send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
      200,
      RESULT_CODES.formatError,
    ],
    [
      'JSON nested too deep',
      () => send(`${'['.repeat(5000)}${']'.repeat(5000)}`),
      200,
      RESULT_CODES.formatError,
    ],
    ['JSON with too many values', () => send(`[${'0,'.repeat(50_000)}0]`), 200, RESULT_CODES.formatError],
    ['a JSON array', () => send([validRequest(platform.profile)]), 200, RESULT_CODES.formatError],
    ['JSON null', () => send('null'), 200, RESULT_CODES.formatError],
    ['a GET', () => send(undefined, { method: 'GET', headers: {} }), 405, RESULT_CODES.formatError],
    ['a PUT', () => send(validRequest(platform.profile), { method: 'PUT' }), 405, RESULT_CODES.formatError],
    [
      'an unknown path',
      () => send(validRequest(platform.profile), { path: '/common/sms/other' }),
      404,
      RESULT_CODES.formatError,
    ],
    [
      'the path with a query',
      () => send(validRequest(platform.profile), { path: `${SEND_PATH}?x=1` }),
      200,
      '0',
    ],
    [
      'Content-Type text/plain',
      () => send(validRequest(platform.profile), { headers: { 'content-type': 'text/plain' } }),
      415,
      RESULT_CODES.formatError,
    ],
    [
      'no Content-Type',
      () => send(JSON.stringify(validRequest(platform.profile)), { headers: {} }),
      415,
      RESULT_CODES.formatError,
    ],
    [
      'another charset',
      () =>
        send(validRequest(platform.profile), {
          headers: { 'content-type': 'application/json; charset=ISO-8859-1' },
        }),
      415,
      RESULT_CODES.formatError,
    ],
    [
      'application/json without charset',
      () => send(validRequest(platform.profile), { headers: { 'content-type': 'application/json' } }),
      200,
      '0',
    ],
    [
      'APPLICATION/JSON; charset="utf-8"',
      () =>
        send(validRequest(platform.profile), {
          headers: { 'content-type': 'APPLICATION/JSON; charset="utf-8"' },
        }),
      200,
      '0',
    ],
  ];
  it.each(cases)('%s → HTTP %s, %s', async (_name, act, status, code) => {
    const answer = await act();
    expect(answer.status).toBe(status);
    expect((answer.json as { resultCode: string }).resultCode).toBe(code);
    if (status === 405) expect(answer.headers.allow).toBe('POST');
    await expectStillServing();
  });

  it('parses __proto__ and constructor keys without prototype pollution', async () => {
    const template = templateWith(platform.profile, true);
    const raw = (paras: string) =>
      `{"account":"acme","password":"s3cret","requestLists":[{"mobiles":["8613600000000"],"templateId":"${template.id}","signature":"【ACME】","templateParas":${paras}}],` +
      `"extendInfos":[{"key":"__proto__","value":"x"},{"key":"constructor","value":"y"}],"__proto__":{"polluted":"yes"}}`;
    for (const paras of [
      '{"code":"1","name":"n","__proto__":"x"}',
      '{"code":"1","name":"n","__proto__":{"polluted":"yes"}}',
      '{"code":"1","name":"n","constructor":"x"}',
      '{"code":"1","__proto__":"n"}',
    ]) {
      const answer = await send(raw(paras));
      expect(answer.json.resultCode).toBe(RESULT_CODES.formatError);
    }
    const accepted = await send(raw('{"code":"1","name":"n"}'));
    expect(accepted.json.resultCode).toBe('0');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers malformed HTTP with a JSON 400', async () => {
    const { connect } = await import('node:tls');
    const url = new URL(platform.baseUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false }, () =>
        socket.write('BREW /pot HTCPCP/1.0\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toContain(JSON_UTF8);
    expect(text).toContain('"resultCode":"100003"');
    await expectStillServing();
  });
});

describe('admin API', () => {
  const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    call(`${platform.baseUrl}/__mock/${path}`, body, { method, dispatcher: agent });

  it('journals requests with the password redacted, and answers', async () => {
    platform.reset();
    await send(validRequest(platform.profile, { requestId: 'journal-1' }));
    await send('{"account":"acme","password":"hunter2", broken');
    const journal = (await admin('journal?kind=request')).json as {
      entries: { body: unknown; answer: { resultCode: string } }[];
    };
    expect(journal.entries).toHaveLength(2);
    expect(journal.entries[0]?.body).toMatchObject({
      account: 'acme',
      password: '***',
      requestId: 'journal-1',
    });
    expect(journal.entries[0]?.answer.resultCode).toBe('0');
    expect(journal.entries[1]?.body).toBe('{"account":"acme","password":"***", broken');
    expect(JSON.stringify(journal)).not.toContain('s3cret');
    expect(JSON.stringify(journal)).not.toContain('hunter2');
  });

  it('keeps reports without statusCallback, lists pushes, resets', async () => {
    platform.reset();
    const answer = await send(validRequest(platform.profile, { requestId: 'kept' }));
    await platform.whenIdle(5_000);
    const [first] = answer.json.resultLists as { messageId: string; mobile: string }[];
    const reports = (await admin(`reports?messageId=${first?.messageId}`)).json as {
      reports: { report: unknown }[];
    };
    expect(reports.reports).toHaveLength(1);
    expect(reports.reports[0]?.report).toMatchObject({
      messageId: first?.messageId,
      mobile: first?.mobile,
      requestId: 'kept',
    });
    const pushes = (await admin('pushes')).json as { stats: { pending: number }; pushes: unknown[] };
    expect(pushes).toMatchObject({ stats: { pending: 0, scheduled: 0 }, pushes: [] });
    expect((await admin('reset', {})).status).toBe(200);
    expect(((await admin('reports')).json as { reports: unknown[] }).reports).toEqual([]);
    expect(((await admin('journal')).json as { entries: unknown[] }).entries).toEqual([]);
  });

  it('refuses unknown routes, wrong methods and an uplink without a URL', async () => {
    expect((await admin('nothing')).status).toBe(404);
    expect((await admin('journal', {}, 'POST')).status).toBe(405);
    const uplink = await admin('uplink', { content: 'hi' });
    expect(uplink.status).toBe(400);
    expect(uplink.json).toMatchObject({ error: expect.stringContaining('no uplink URL') });
    expect((await call(`${platform.baseUrl}/__mock/uplink`, 'x', { dispatcher: agent })).status).toBe(400);
  });
});

describe('configuration', () => {
  const bad: [string, unknown, RegExp][] = [
    ['an unknown key', { acounts: [] }, /\(top level\) must NOT have additional properties \("acounts"\)/],
    ['a wrong type', { delivery: { delayMs: 'soon' } }, /\/delivery\/delayMs must be integer/],
    [
      'no enabled account',
      { accounts: [{ account: 'a', password: 'b', disabled: true }] },
      /at least one account/,
    ],
    [
      'an account too long for the API',
      { accounts: [{ account: 'a'.repeat(ACCOUNT_MAX + 1), password: 'b' }] },
      new RegExp(`longer than the API allows \\(${ACCOUNT_MAX} characters\\)`),
    ],
    ['an unknown status', { delivery: { statusWeights: { DELIVED: 1 } } }, /DELIVED is not a §5.2 status/],
    ['a placeholder without variable', { templates: [{ id: 't', text: 'Hi {who}' }] }, /uses \{who\}/],
    [
      'a variable without placeholder',
      { templates: [{ id: 't', text: 'Hi', variables: [{ name: 'who', maxLength: 3 }] }] },
      /has no \{who\}/,
    ],
    ['a bad uplink URL', { uplink: { url: 'not a url' } }, /\/uplink\/url/],
  ];
  it.each(bad)('refuses %s with one line', (_name, input, message) => {
    let error: unknown;
    try {
      resolvePlatformConfig(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('completes a partial configuration with the defaults', () => {
    const config = resolvePlatformConfig({ retry: { attempts: 9 }, signatures: ['【X】'] });
    expect(config.retry).toMatchObject({ attempts: 9, factor: 2 });
    expect(config.signatures).toEqual(['【X】']);
    expect(config.accounts.map((a) => a.account)).toEqual(['acme', 'frozen']);
  });
});

describe('mutants are built with hooks, not copies', () => {
  it('a platform that accepts any password, and one whose resultCode is a number', async () => {
    const lax = await startMockPlatform({ tls: false, hooks: { authenticate: () => () => undefined } });
    const numeric = await startMockPlatform({
      tls: false,
      hooks: {
        serialize: (next) => (answer) =>
          next({ ...answer, resultCode: Number(answer.resultCode) as unknown as string }),
      },
    });
    try {
      const wrongPassword = validRequest(lax.profile, { password: 'wrong' });
      expect(((await call(lax.url, wrongPassword)).json as { resultCode: string }).resultCode).toBe('0');
      const answer = await call(numeric.url, validRequest(numeric.profile));
      expect((answer.json as { resultCode: unknown }).resultCode).toBe(0);
      expect(validators.SendTemplateMessageResponse.violations(answer.json).map((v) => v.path)).toContain(
        'resultCode',
      );
    } finally {
      await Promise.all([lax.close({ graceMs: 0 }), numeric.close({ graceMs: 0 })]);
    }
  });

  it('a platform that drops a recipient answers fewer results than recipients', async () => {
    const dropping = await startMockPlatform({
      tls: false,
      hooks: {
        buildResponse: (next) => (request: SendTemplateMessageRequest, recipients) => {
          const answer = next(request, recipients);
          return { ...answer, resultLists: answer.resultLists?.slice(1) ?? null };
        },
      },
    });
    try {
      const request = validRequest(dropping.profile);
      const answer = (await call(dropping.url, request)).json as {
        resultCode: string;
        resultLists: unknown[];
      };
      expect(answer.resultCode).toBe('0');
      expect(answer.resultLists).toHaveLength((request.requestLists[0]?.mobiles.length ?? 0) - 1);
    } finally {
      await dropping.close({ graceMs: 0 });
    }
  });

  it('a mutant whose answer breaks the schema fails the self-check when asked: HTTP 500, code 999999', async () => {
    const errors: Error[] = [];
    const broken = await startMockPlatform({
      tls: false,
      selfCheck: true,
      hooks: {
        buildResponse: (next) => (request, recipients) => ({
          ...next(request, recipients),
          resultCode: '1234567',
        }),
      },
      onError: (error) => errors.push(error),
    });
    try {
      const answer = await call(broken.url, validRequest(broken.profile));
      expect(answer.status).toBe(500);
      expect((answer.json as { resultCode: string }).resultCode).toBe('999999');
      expect(errors[0]?.message).toMatch(/invalid SendTemplateMessageResponse: resultCode has 7 characters/);
    } finally {
      await broken.close({ graceMs: 0 });
    }
  });
});
