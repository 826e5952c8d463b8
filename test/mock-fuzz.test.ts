// Thousands of random requests at both mocks: random bytes, random JSON, mutated valid requests,
// random methods, paths, content types and headers, and raw garbage below HTTP. Every one gets an
// answer (a JSON body with a status), and at the end a valid request is still served.
import { connect } from 'node:net';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_PATH,
  DEFAULT_UPLINK_PATH,
  type MockCustomer,
  type MockPlatform,
  SEND_PATH,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { call, JSON_UTF8 } from './helpers/mock-http.js';
import { validRequest, validRequestArbitrary } from './helpers/mock-requests.js';

let platform: MockPlatform;
let customer: MockCustomer;
const agent = new Agent({ connections: 8 });

beforeAll(async () => {
  platform = await startMockPlatform({
    tls: false,
    config: {
      delivery: { delayMs: 0, retentionMs: 1_000, maxRetainedReports: 1_000 },
      journal: { maxEntries: 100 },
      limits: { maxBodyBytes: 64 * 1024 },
    },
  });
  customer = await startMockCustomer({ maxRecords: 100, limits: { maxBodyBytes: 64 * 1024 } });
});
afterAll(async () => {
  await Promise.all([platform.close({ graceMs: 100 }), customer.close({ graceMs: 100 })]);
  await agent.close();
});

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const token = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: 1,
  maxLength: 12,
});
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const contentType = fc.oneof(
  fc.constantFrom(
    JSON_UTF8,
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    '',
  ),
  headerValue,
);
/** Paths of the API and of the admin routes that only read, and random ones (no uplink: it would push). */
const pathFor = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known, '/__mock/journal', '/__mock/reports', '/__mock/received', '/__mock/nope'),
    token.map((t) => `/${t}`),
  );

function bodyArbitrary(): fc.Arbitrary<string | Buffer> {
  const valid = validRequestArbitrary(platform.profile);
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    valid.map((v) => JSON.stringify(v)),
    // A valid request cut short, or with one character replaced.
    fc.tuple(valid, fc.nat(), fc.string({ maxLength: 1 })).map(([v, at, c]) => {
      const text = JSON.stringify(v);
      const i = at % Math.max(text.length, 1);
      return text.slice(0, i) + c + text.slice(i + 1);
    }),
    fc.string({ maxLength: 200 }),
  );
}

function requestArbitrary(knownPaths: string[]) {
  return fc.record({
    method: fc.constantFrom(...METHODS),
    path: pathFor(knownPaths),
    query: fc.option(token, { nil: undefined }),
    contentType,
    extraHeaders: fc.dictionary(
      token.map((t) => `x-${t}`),
      headerValue,
      { maxKeys: 3 },
    ),
    body: bodyArbitrary(),
  });
}

async function fuzz(baseUrl: string, knownPaths: string[], runs: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requestArbitrary(knownPaths), async (r) => {
      const headers: Record<string, string> = { ...r.extraHeaders };
      if (r.contentType) headers['content-type'] = r.contentType;
      const withBody = r.method !== 'GET' && r.method !== 'HEAD';
      const answer = await call(
        `${baseUrl}${r.path}${r.query ? `?${r.query}` : ''}`,
        withBody ? r.body : undefined,
        {
          method: r.method,
          headers,
          dispatcher: agent,
        },
      );
      expect(answer.status).toBeLessThan(500);
      expect(answer.contentType).toMatch(/^application\/json/);
      if (r.method !== 'HEAD') expect(answer.json).toBeTypeOf('object');
    }),
    { numRuns: runs },
  );
}

/** Raw bytes on a TCP connection, then the end of it: what the server answered. */
function rawExchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.setTimeout(5_000, () => reject(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
  });
}

describe('fuzzing the mocks', () => {
  it('the platform answers 2 500 random requests with JSON and no 5xx', async () => {
    await fuzz(platform.baseUrl, [SEND_PATH], 2_500);
  });

  it('the customer endpoint answers 1 000 random requests with JSON and no 5xx', async () => {
    await fuzz(customer.baseUrl, [DEFAULT_REPORT_PATH, DEFAULT_UPLINK_PATH], 1_000);
  });

  it('both survive 300 raw garbage connections', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 100 }).map((s) => Buffer.from(`POST ${SEND_PATH} HTTP/1.1\r\n${s}\r\n\r\n`)),
      fc
        .nat({ max: 100_000 })
        .map((n) =>
          Buffer.from(
            `POST ${SEND_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: ${n}\r\nContent-Type: application/json\r\n\r\n{`,
          ),
        ),
    );
    const ports = [new URL(platform.baseUrl).port, new URL(customer.baseUrl).port].map(Number);
    await fc.assert(
      fc.asyncProperty(garbage, fc.constantFrom(...ports), async (bytes, port) => {
        const answer = await rawExchange(port, bytes);
        // Empty lines before a request line are ignored (RFC 9112 §2.2): nothing sent, nothing to answer.
        if (bytes.every((b) => b === 0x0d || b === 0x0a)) expect(answer).toBe('');
        else expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /);
      }),
      { numRuns: 300 },
    );
  });

  it('still serves a valid request afterwards', async () => {
    const answer = await call(platform.url, validRequest(platform.profile), { dispatcher: agent });
    expect((answer.json as { resultCode: string }).resultCode).toBe('0');
    const report = { messageId: '1', mobile: '1', status: 'DELIVRD' };
    expect((await call(customer.reportUrl, report, { dispatcher: agent })).json).toEqual({ resultCode: '0' });
  });
});
