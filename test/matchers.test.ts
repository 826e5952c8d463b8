// The matchers of iot-sms-conformance/matchers, in vitest's expect (through the /vitest entry
// point, typed by its Matchers augmentation) and in jest's own `expect` package: same shape, same
// verdicts, messages that list path, limit and clause.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as jestExpect } from 'expect';
import { type Assertion, describe, expect, it } from 'vitest';
import type { SendTemplateMessageRequest } from '../generated/types.js';
import { smsMatchers } from '../src/matchers/index.js';
import { installSmsMatchers } from '../src/vitest/index.js';

installSmsMatchers();
jestExpect.extend(smsMatchers);

const example = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'examples', `${name}.json`), 'utf8')) as unknown;
const request = example('SendTemplateMessageRequest.with-variables') as SendTemplateMessageRequest;
const twoRecipients: SendTemplateMessageRequest = {
  ...request,
  requestLists: [
    {
      ...(request.requestLists[0] as SendTemplateMessageRequest['requestLists'][number]),
      mobiles: ['12345678911', '12345678912'],
    },
  ],
};
const success = example('SendTemplateMessageResponse.success');
const failure = example('SendTemplateMessageResponse.failure');
const tooLong = { ...request, account: 'a'.repeat(31) };

// Each expectation runs in both frameworks: the matchers must not depend on vitest's `this`.
const frameworks = [
  ['vitest', (value: unknown) => expect(value)],
  ['jest expect', (value: unknown) => jestExpect(value) as unknown as Assertion<unknown>],
] as const;

describe.each(frameworks)('in %s', (_name, check) => {
  it('toBeValid passes a valid message and fails an invalid one with path, limit and clause', () => {
    check(request).toBeValid('SendTemplateMessageRequest');
    check(JSON.stringify(request)).toBeValid('SendTemplateMessageRequest');
    check(tooLong).not.toBeValid('SendTemplateMessageRequest');
    expect(() => check(tooLong).toBeValid('SendTemplateMessageRequest')).toThrow(
      /account.*30.*§2 SendTemplateMessageRequest\.account/,
    );
    expect(() => check('{not json').toBeValid('SendTemplateMessageRequest')).toThrow(/not JSON/);
  });

  it('toBeValid with strict adds the SHOULD readings (a mobile with letters, D12)', () => {
    const letters = { ...request, requestLists: [{ ...request.requestLists[0], mobiles: ['1380013800a'] }] };
    check(letters).toBeValid('SendTemplateMessageRequest');
    expect(() => check(letters).toBeValid('SendTemplateMessageRequest', { strict: true })).toThrow(/D12/);
  });

  it('toHaveResultCode reads the top-level code as a string', () => {
    check(failure).toHaveResultCode('100003');
    check(success).toHaveResultCode('0');
    check({ resultCode: 100003 }).not.toHaveResultCode('100003');
    expect(() => check(success).toHaveResultCode('100003')).toThrow(/expected resultCode "100003".*got "0"/);
  });

  it('toAnswerEveryRecipientOf wants one result per recipient, in order, mobile as sent', () => {
    check(success).toAnswerEveryRecipientOf(twoRecipients);
    check(failure).not.toAnswerEveryRecipientOf(twoRecipients);
    const swapped = {
      ...(success as object),
      resultLists: [...((success as { resultLists: unknown[] }).resultLists ?? [])].reverse(),
    };
    // Each failure is a rule's finding, with its level, clause and id (src/rules/recipients.ts).
    expect(() => check(swapped).toAnswerEveryRecipientOf(twoRecipients)).toThrow(
      /results follow the request order \[SHOULD §5\.5 MtSmsMessageRsp, D19; rule send\.answer\.recipients\.order\]/,
    );
    expect(() => check(success).toAnswerEveryRecipientOf(request)).toThrow(
      /the request had 1 recipients, the answer has 2 results \[SHOULD §5\.5 MtSmsMessageRsp, D19; rule send\.answer\.recipients\.count\]/,
    );
  });
});

it('an unknown message type is a usage error, not a failed match', () => {
  expect(() => expect({}).toBeValid('Nope' as 'NotifyResponse')).toThrow(/unknown message type "Nope"/);
});
