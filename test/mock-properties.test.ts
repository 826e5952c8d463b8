// Properties of the RUNNING mock platform (fast-check): a valid request for its profile is always
// accepted with a schema-valid answer, one result per recipient (D19); a request with exactly one
// fault, at MUST or SHOULD level, always gets the fault's §5.1 code. A fault on a field pinned to
// the profile still gets the schema's code: schema checks come before credentials and templates (D10).
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendTemplateMessageRequest, SendTemplateMessageResponse } from '../generated/types.js';
import { faultyMessageArbitrary } from '../src/arbitraries/faults.js';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import { nodeAt } from '../src/schema/navigate.js';
import { messageSchema } from '../src/schema/registry.js';
import { validators } from '../src/validate/validators.js';
import { call } from './helpers/mock-http.js';
import { validRequestArbitrary } from './helpers/mock-requests.js';

const MESSAGE_ID_MAX = nodeAt(messageSchema('MtSmsMessageRsp'), ['messageId'])?.maxLength as number;

let platform: MockPlatform;
const agent = new Agent({ connections: 4 });

beforeAll(async () => {
  // Accepted requests only schedule reports (no statusCallback is generated); keep them briefly.
  platform = await startMockPlatform({
    tls: false,
    config: {
      delivery: { delayMs: 0, retentionMs: 1_000, maxRetainedReports: 1_000 },
      journal: { maxEntries: 50 },
    },
  });
});
afterAll(async () => {
  await platform.close({ graceMs: 100 });
  await agent.close();
});

async function send(body: unknown): Promise<SendTemplateMessageResponse> {
  const answer = await call(platform.url, body, { dispatcher: agent });
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text}`);
  const violations = validators.SendTemplateMessageResponse.strictViolations(answer.json);
  if (violations.length > 0) throw new Error(`answer breaks the schema: ${violations[0]?.message}`);
  return answer.json as SendTemplateMessageResponse;
}

describe('mock platform properties', () => {
  it('accepts every valid request, with one schema-valid result per recipient', async () => {
    await fc.assert(
      fc.asyncProperty(validRequestArbitrary(platform.profile), async (request) => {
        const sent = request as unknown as SendTemplateMessageRequest;
        const answer = await send(sent);
        expect(answer.resultCode, answer.resultDesc ?? undefined).toBe('0');
        const recipients = sent.requestLists.flatMap((m) =>
          m.mobiles.map((mobile) => ({ mobile, own: m.messageId })),
        );
        expect(answer.resultLists?.map((r) => r.mobile)).toEqual(recipients.map((r) => r.mobile));
        answer.resultLists?.forEach((result, i) => {
          const own = recipients[i]?.own;
          if (own) expect(result.messageId).toBe(own);
          else expect([...(result.messageId ?? '')].length).toBeLessThanOrEqual(MESSAGE_ID_MAX);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("answers every single-fault request (MUST and SHOULD) with the fault's code", async () => {
    const faulty = faultyMessageArbitrary(
      'SendTemplateMessageRequest',
      validRequestArbitrary(platform.profile),
      {
        levels: ['MUST', 'SHOULD'],
      },
    );
    await fc.assert(
      fc.asyncProperty(faulty, async ({ message, fault }) => {
        const answer = await send(message);
        expect(answer.resultCode, `${fault.description}: ${answer.resultDesc}`).toBe(fault.expectedCode);
        expect(answer.resultLists ?? null).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
