// The pactum handlers: a pactum spec through them, against the mocks the kit's fixtures start (the
// same spec the consumer-project test runs from the packed package); and proof that they judge as
// the kit's own checks do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pactum from 'pactum';
import { describe, expect, it } from 'vitest';
import { SEND_PATH } from '../src/mock/index.js';
import { type PactumContext, type PactumLike, registerPactumHandlers } from '../src/pactum/index.js';
import { judgeValue, schemaRulesOf } from '../src/rules/index.js';
import { MESSAGE_TYPES, type MessageType } from '../src/schema/message-types.js';
import { validators } from '../src/validate/validators.js';
import { installSmsMatchers, mockTest } from '../src/vitest/index.js';
import { runAgainstMock } from './mutants/platform/harness.js';

installSmsMatchers();
const test = mockTest.override({
  mockPlatformOptions: { tls: false, config: { delivery: { delayMs: 20 } } },
});

test('sends through the mock and waits for the status report at the mock customer', async ({
  mockPlatform,
  mockCustomer,
}) => {
  registerPactumHandlers(pactum, { platform: mockPlatform.profile.platform });
  const answer = await pactum
    .spec()
    .post(mockPlatform.url)
    .withJson({
      '@DATA:TEMPLATE@': 'iot-sms:SendTemplateMessageRequest',
      '@OVERRIDES@': { statusCallback: mockCustomer.reportUrl },
    })
    .expectStatus(200)
    .expect('iot-sms:SendTemplateMessageResponse')
    .expect('iot-sms:resultCode', '0')
    .expect('iot-sms:everyRecipient')
    .wait('iot-sms:statusReport', { url: `${mockCustomer.baseUrl}/__mock/received`, timeoutMs: 10_000 })
    .returns('res.body');
  expect(answer).toBeValid('SendTemplateMessageResponse');
  expect(answer).toHaveResultCode('0');
});

test('a wrong password fails the resultCode expectation with the kit message', async ({ mockPlatform }) => {
  registerPactumHandlers(pactum);
  const request = {
    account: mockPlatform.profile.platform.account,
    password: 'not-the-password',
    requestLists: [
      {
        mobiles: ['8613600000000'],
        templateId: mockPlatform.profile.platform.templates[0]?.id ?? '',
        signature: mockPlatform.profile.platform.signature,
      },
    ],
  };
  await expect(
    pactum.spec().post(mockPlatform.url).withJson(request).expect('iot-sms:resultCode', '0').toss(),
  ).rejects.toThrow(/expected resultCode "0".*got "100001"/);
});

// One source of truth: on the same answers, the pactum handlers and the kit's shared checks agree.
type Handler = (ctx: PactumContext) => unknown;
function capture(): { handlers: Map<string, Handler>; pactum: PactumLike } {
  const handlers = new Map<string, Handler>();
  const add = (name: string, func: Handler) => handlers.set(name, func);
  return {
    handlers,
    pactum: { handler: { addExpectHandler: add, addWaitHandler: add }, stash: { addDataTemplate: () => {} } },
  };
}

/** The kit's own rule (src/rules): the words of its findings, or undefined. */
function kitVerdict(type: MessageType, value: unknown): string | undefined {
  const findings = judgeValue([schemaRulesOf(type).must], value);
  return findings.length > 0 ? findings.map((f) => f.message).join('; ') : undefined;
}

function handlerVerdict(handler: Handler | undefined, body: unknown): string | undefined {
  try {
    handler?.({ req: { url: '', method: 'POST' }, res: { json: body } });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the pactum handlers judge as the kit checks do', () => {
  const { handlers, pactum: fake } = capture();
  registerPactumHandlers(fake);

  it('on every vector of every message type, violation by violation', () => {
    let compared = 0;
    for (const type of MESSAGE_TYPES) {
      const groups = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'vectors', `${type}.json`), 'utf8'),
      ) as { tests: { data: unknown }[] }[];
      for (const { data } of groups.flatMap((g) => g.tests)) {
        const kit = kitVerdict(type, data);
        const handler = handlerVerdict(handlers.get(`iot-sms:${type}`), data);
        expect(handler === undefined, JSON.stringify(data)).toBe(kit === undefined);
        for (const v of validators[type].violations(data)) {
          expect(kit).toContain(v.message);
          expect(handler).toContain(v.message);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('on the answers of real exchanges, from the mock and from a mutant that sends numeric codes', async () => {
    const answers: unknown[] = [];
    for (const target of [
      {},
      { hooks: { serialize: () => (a: object) => JSON.stringify({ ...a, resultCode: 0 }) } },
    ]) {
      const run = await runAgainstMock(
        { statusReportWaitMs: 300, config: { delivery: { delayMs: 20 } }, ...target },
        {
          only: 'platform.send,platform.auth,platform.limits.requestLists,platform.required',
          runs: 3,
          seed: 1,
        },
      );
      for (const exchange of run.results.flatMap((r) => r.exchanges))
        if (exchange.direction === 'sent' && exchange.request.url.endsWith(SEND_PATH) && exchange.response)
          answers.push(JSON.parse(exchange.response.body) as unknown);
    }
    expect(answers.length).toBeGreaterThan(20);
    const verdicts = answers.map((a) => [
      kitVerdict('SendTemplateMessageResponse', a) === undefined,
      handlerVerdict(handlers.get('iot-sms:SendTemplateMessageResponse'), a) === undefined,
    ]);
    for (const [kit, handler] of verdicts) expect(handler).toBe(kit);
    expect(verdicts.some(([kit]) => kit)).toBe(true);
    expect(verdicts.some(([kit]) => !kit)).toBe(true);
  }, 120_000);
});
