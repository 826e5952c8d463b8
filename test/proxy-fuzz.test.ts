// Fuzzing the proxy from both sides (fast-check): random requests from the client and random
// answers from the platform, random pushes from the platform and random answers from the
// customer, bodies over the cap, resets. The proxy never crashes, answers every request, forwards
// every exchange that fits the cap exactly once and unchanged (but for the statusCallback
// rewrite), relays every answer as it came, and records every exchange.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArbitrary } from '../src/arbitraries/from-schema.js';
import { type RunningProxy, startProxy } from '../src/proxy/server.js';

const CAP = 4 * 1024;

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  /** Close the connection instead of answering. */
  reset?: boolean;
}

interface Stub {
  server: Server;
  url: string;
  received: { method: string; path: string; body: Buffer }[];
  next: Answer;
}

async function stub(): Promise<Stub> {
  const s = {
    received: [],
    next: { status: 200, contentType: 'application/json', body: Buffer.from('{"resultCode":"0"}') },
  } as unknown as Stub;
  s.server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    s.received.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks) });
    const a = s.next;
    if (a.reset) {
      req.socket.destroy();
      return;
    }
    res.writeHead(a.status, { 'content-type': a.contentType, 'content-length': String(a.body.length) });
    res.end(a.body);
  });
  await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

let platform: Stub;
let customer: Stub;
let proxy: RunningProxy;
const agent = new Agent({ connections: 4 });

beforeAll(async () => {
  platform = await stub();
  customer = await stub();
  proxy = await startProxy({
    target: platform.url,
    uplinkForward: `${customer.url}/uplink`,
    maxBodyBytes: CAP,
    timeoutMs: 3_000,
  });
});
afterAll(async () => {
  await proxy.close(100);
  for (const s of [platform, customer]) {
    s.server.closeAllConnections();
    await new Promise((resolve) => s.server.close(resolve));
  }
  await agent.close();
});

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const text = (max: number) => fc.string({ maxLength: max }).map((s) => Buffer.from(s));
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** Bodies from either side: noise, any JSON, the message itself, with a statusCallback, cut short, over the cap. */
function bodyArbitrary(type: 'SendTemplateMessageRequest' | 'NotifyReportMessageRequest' | 'NotifyResponse') {
  const valid = messageArbitrary(type);
  return fc.oneof(
    bytes(300),
    text(200),
    fc.jsonValue({ maxDepth: 5 }).map(json),
    valid.map(json),
    valid.map((v) => json({ ...(v as object), statusCallback: `${customer.url}/report` })),
    fc.tuple(valid, fc.nat()).map(([v, at]) => {
      const t = JSON.stringify(v);
      return Buffer.from(t.slice(0, at % Math.max(t.length, 1)));
    }),
    fc.integer({ min: CAP + 1, max: CAP * 3 }).map((n) => Buffer.alloc(n, 0x7b)),
  );
}

function answerArbitrary(type: 'SendTemplateMessageResponse' | 'NotifyResponse'): fc.Arbitrary<Answer> {
  return fc.record({
    status: fc.constantFrom(200, 200, 201, 400, 404, 500, 503),
    contentType: fc.constantFrom(
      'application/json;charset=UTF-8',
      'application/json',
      'text/html',
      'text/plain',
    ),
    body: fc.oneof(
      messageArbitrary(type).map(json),
      fc.jsonValue({ maxDepth: 4 }).map(json),
      text(100),
      bytes(100),
      fc.integer({ min: CAP + 1, max: CAP * 2 }).map((n) => Buffer.alloc(n, 0x20)),
    ),
    reset: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}

const contentType = fc.constantFrom(
  'application/json;charset=UTF-8',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);

async function send(url: string, method: string, type: string, body: Buffer) {
  const withBody = method !== 'GET';
  const r = await request(url, {
    method: method as 'POST',
    headers: { 'content-type': type },
    ...(withBody ? { body } : {}),
    dispatcher: agent,
  });
  return {
    status: r.statusCode,
    body: Buffer.from(await r.body.arrayBuffer()),
    sent: withBody ? body : Buffer.alloc(0),
  };
}

/** The body the upstream must have received: the same bytes, or with the statusCallback value rewritten. */
function sameButCallback(sent: Buffer, got: Buffer): boolean {
  if (sent.equals(got)) return true;
  let original: unknown;
  try {
    original = JSON.parse(sent.toString('utf8'));
  } catch {
    return false;
  }
  const callback = (original as { statusCallback?: unknown } | null)?.statusCallback;
  if (typeof callback !== 'string' || callback === '') return false;
  const rewritten = (JSON.parse(got.toString('utf8')) as { statusCallback: string }).statusCallback;
  return (
    rewritten.startsWith(`${proxy.callbackUrl}/proxy/`) &&
    got.toString('utf8') ===
      sent.toString('utf8').split(JSON.stringify(callback)).join(JSON.stringify(rewritten))
  );
}

/** One exchange through the proxy, judged: forwarded once when it fits the cap, the answer relayed, recorded. */
async function exchangeThrough(
  url: string,
  upstream: Stub,
  r: { method: string; contentType: string; body: Buffer; answer: Answer },
): Promise<void> {
  const before = { received: upstream.received.length, recorded: proxy.ledger.exchanges };
  upstream.next = r.answer;
  const got = await send(url, r.method, r.contentType, r.body);
  await proxy.idle();
  expect(got.status).toBeGreaterThanOrEqual(200);
  if (got.sent.length > CAP) {
    expect(got.status).toBe(413);
    expect(upstream.received.length).toBe(before.received);
  } else {
    expect(upstream.received.length).toBe(before.received + 1);
    const forwarded = upstream.received.at(-1);
    expect(forwarded?.method).toBe(r.method);
    expect(sameButCallback(got.sent, forwarded?.body ?? Buffer.alloc(0))).toBe(true);
    if (r.answer.reset || r.answer.body.length > CAP) expect(got.status).toBe(502);
    else {
      expect(got.status).toBe(r.answer.status);
      if (r.method !== 'HEAD') expect(got.body.equals(r.answer.body)).toBe(true);
    }
  }
  expect(proxy.ledger.exchanges).toBe(before.recorded + 1);
}

describe('fuzzing the proxy', () => {
  it('random sends and random platform answers: answered, forwarded once, relayed, recorded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('POST', 'POST', 'POST', 'PUT'),
          contentType,
          body: bodyArbitrary('SendTemplateMessageRequest'),
          answer: answerArbitrary('SendTemplateMessageResponse'),
        }),
        (r) => exchangeThrough(proxy.sendUrl, platform, r),
      ),
      { numRuns: 150 },
    );
  });

  it('random pushes and random customer answers: answered, forwarded once, relayed, recorded', async () => {
    // A send with a statusCallback gives the proxy a report URL to hand the platform.
    platform.next = { status: 200, contentType: 'application/json', body: Buffer.from('{"resultCode":"0"}') };
    await send(proxy.sendUrl, 'POST', 'application/json', json({ statusCallback: `${customer.url}/report` }));
    const forwarded = platform.received.at(-1)?.body.toString('utf8') ?? '{}';
    const reportUrl = (JSON.parse(forwarded) as { statusCallback: string }).statusCallback;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          to: fc.constantFrom(reportUrl, proxy.uplinkUrl),
          method: fc.constantFrom('POST', 'POST', 'PUT'),
          contentType,
          body: bodyArbitrary('NotifyReportMessageRequest'),
          answer: answerArbitrary('NotifyResponse'),
        }),
        async (r) => {
          await exchangeThrough(r.to, customer, r);
          const path = customer.received.at(-1)?.path;
          if (r.body.length <= CAP) expect(path).toBe(r.to === reportUrl ? '/report' : '/uplink');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survives resets from the client mid-body and garbage on the socket, and keeps serving', async () => {
    const port = Number(new URL(proxy.url).port);
    const before = platform.received.length;
    for (const raw of [
      `POST /common/sms/sendTemplateMessage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"account":`,
      'GARBAGE\r\n\r\n',
      '\u0000\u0001\u0002',
    ])
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(raw);
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    await proxy.idle();
    expect(platform.received.length).toBe(before);
    platform.next = { status: 200, contentType: 'application/json', body: Buffer.from('{"resultCode":"0"}') };
    const after = await send(proxy.sendUrl, 'POST', 'application/json', json({ hello: 'world' }));
    expect(after.status).toBe(200);
    expect(platform.received.length).toBe(before + 1);
  });

  it('answers 502 and records the platform at fault when it does not answer in time', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = await startProxy({
      target: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      timeoutMs: 300,
    });
    const got = await send(slow.sendUrl, 'POST', 'application/json', json({ hello: 'world' }));
    await slow.idle();
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body.toString('utf8'))).toMatchObject({ resultCode: '999999' });
    const failed = slow.ledger
      .cases('rerun')
      .filter((c) => c.verdict === 'fail')
      .map((c) => c.id);
    expect(failed).toContain('proxy.send.answer.transport');
    await slow.close(100);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
