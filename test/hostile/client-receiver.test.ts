// The client and the receiver in-process: every body they read is bounded, a body over the cap is
// a visible failure with its size, a body that never ends names the timeout that stopped it, and
// what a reflecting target answers is recorded redacted (issue 9 items 1-2, issue 13 items 3-4).
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/case.js';
import { runCase } from '../../src/cases/runner.js';
import type { Exchange } from '../../src/cases/types.js';
import { HttpClient } from '../../src/client/http.js';
import { Redactor } from '../../src/client/redact.js';
import { CallbackReceiver } from '../../src/receiver/receiver.js';
import { leaksOf } from './encodings.js';
import { type Hostile, startHostile } from './servers.js';

const PASSWORD = 'Qé€"Zx\\+%/ ЖK😀w';
const redactor = new Redactor([PASSWORD]);
const targets: Hostile[] = [];
const clients: HttpClient[] = [];

function client(options: { timeoutMs?: number; maxBodyBytes?: number } = {}): HttpClient {
  const c = new HttpClient({
    timeoutMs: options.timeoutMs ?? 2000,
    tls: {},
    redactor,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  clients.push(c);
  return c;
}

async function target(
  kind: Parameters<typeof startHostile>[0],
  options: Parameters<typeof startHostile>[1] = {},
) {
  const t = await startHostile(kind, options);
  targets.push(t);
  return t;
}

afterAll(async () => {
  await Promise.all([...clients.map((c) => c.close()), ...targets.map((t) => t.close())]);
});

describe('HttpClient', () => {
  it('reads an answer over the cap only up to the cap, and says its size and the setting', async () => {
    const t = await target('huge');
    const before = process.memoryUsage().rss;
    const r = await client().send(t.url, { a: 1 });
    expect(r.tooLarge).toMatchObject({ limit: 1024 * 1024, declared: 50 * 1024 * 1024 });
    expect(r.tooLarge?.read).toBeLessThan(2 * 1024 * 1024);
    expect(r.error).toMatch(
      /has a body over the cap of 1\.0 MiB \(1048576 bytes\): Content-Length 50\.0 MiB .*the profile's maxBodyBytes/,
    );
    expect(r.exchange.response?.status).toBe(200);
    expect(r.exchange.response?.body.length).toBeLessThanOrEqual(4096);
    // Not 50 MB more: the rest of the body was never read.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('takes the cap it is given', async () => {
    const t = await target('huge', { hugeBytes: 10_000 });
    expect((await client().send(t.url, {})).error).toBeUndefined();
    const r = await client({ maxBodyBytes: 4096 }).send(t.url, {});
    expect(r.error).toMatch(/over the cap of 4096 bytes: Content-Length 10000 bytes/);
  });

  it('an endless body: headers came, the body did not end, which timeout stopped it', async () => {
    const t = await target('endless-trickle');
    const r = await client({ timeoutMs: 800 }).send(t.url, {});
    expect(r.error).toMatch(
      /sent its headers \(HTTP 200\) but the body did not end within 800 ms \(\d+ bytes read; the timeout is the profile's timeoutMs\)/,
    );
    expect(r.exchange.response?.status).toBe(200);
  });

  it('no answer at all: names the timeout and its setting', async () => {
    const t = await target('silent');
    const r = await client({ timeoutMs: 500 }).send(t.url, {});
    expect(r.error).toMatch(
      /^no answer from http:\/\/127\.0\.0\.1:\d+ within 500 ms \(the profile's timeoutMs\)$/,
    );
  });

  it('an https URL at a plain-HTTP server says the server speaks plain HTTP', async () => {
    const t = await target('plain-http-for-https');
    const r = await client().send(t.url, {});
    expect(r.error).toMatch(/speaks plain HTTP, not HTTPS: use an http:\/\/ URL$/);
  });

  it('records a reflecting answer redacted: the response body and headers (http.ts redacts them)', async () => {
    const t = await target('reflecting');
    const r = await client().send(t.url, {
      account: 'acme',
      password: PASSWORD,
      note: [PASSWORD, { x: PASSWORD }],
    });
    // The target echoed it: without the response-body redaction in http.ts, this leaks.
    expect(r.isJson).toBe(true);
    expect(leaksOf(JSON.stringify(r.json), PASSWORD).length).toBeGreaterThan(0);
    expect(leaksOf(JSON.stringify(r.exchange), PASSWORD)).toEqual([]);
    expect(r.exchange.response?.headers['x-echo-base64']).toBeDefined();
  });

  it('masks a body the first time it is read, not before: a run nobody reads costs no masking', async () => {
    const t = await target('reflecting');
    const seen: string[] = [];
    const counting = new (class extends Redactor {
      override text(input: string): string {
        seen.push(input);
        return super.text(input);
      }
    })([PASSWORD]);
    const c = new HttpClient({ timeoutMs: 2000, tls: {}, redactor: counting });
    clients.push(c);
    const body = JSON.stringify({ account: 'acme', password: PASSWORD, n: 1 });
    const r = await c.send(t.url, body);
    const answer = JSON.stringify(r.json);
    expect(leaksOf(answer, PASSWORD).length).toBeGreaterThan(0);
    expect(seen.filter((x) => x.includes('"n":1'))).toEqual([]);
    // A copy, as a property case makes of its sample run, reads them: masked.
    const copy = { ...r.exchange, request: { ...r.exchange.request } };
    expect(leaksOf(JSON.stringify(copy), PASSWORD)).toEqual([]);
    expect(seen).toContain(body);
    expect(leaksOf(r.exchange.response?.body ?? '', PASSWORD)).toEqual([]);
    expect(r.exchange.response?.body).toContain('***');
  });

  it("the runner masks a case's bodies as the case ends: no raw text outlives it", async () => {
    const t = await target('reflecting');
    const c = client();
    const reflected: Case<null> = {
      id: 'test.reflected',
      clause: '§1.2',
      level: 'MUST',
      title: 'a reflecting target',
      side: 'platform',
      kind: 'example',
      async run(_ctx, rec) {
        rec.record((await c.send(t.url, { password: PASSWORD })).exchange);
      },
    };
    const result = await runCase(reflected, null, { rerun: (id) => id, tls: {} });
    const exchange = result.exchanges[0] as Exchange;
    for (const part of [exchange.request, exchange.response]) {
      const body = Object.getOwnPropertyDescriptor(part, 'body');
      expect(body?.get).toBeUndefined();
      expect(leaksOf(String(body?.value), PASSWORD)).toEqual([]);
    }
  });
});

describe('CallbackReceiver: a push over the cap is a visible failure', () => {
  it('answers 413, keeps no body, and records the push with its size and an error', async () => {
    const receiver = await CallbackReceiver.start('127.0.0.1:0', null, redactor);
    receiver.maxBodyBytes = 64 * 1024;
    try {
      const small = await request(receiver.reportUrl, { method: 'POST', body: '{"a":1}' });
      expect(small.statusCode).toBe(200);
      await small.body.text();
      const big = await request(receiver.reportUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"x":"${'a'.repeat(200 * 1024)}"}`,
      });
      expect(big.statusCode).toBe(413);
      await big.body.text();
      const pushes = await receiver.waitFor((p) => p.length >= 2, 2000);
      const over = pushes[1];
      expect(over?.tooLarge).toMatchObject({ limit: 64 * 1024, declared: 200 * 1024 + 8 });
      expect(over?.isJson).toBe(false);
      expect(over?.body).toMatch(
        /over the receiver's cap of 65536 bytes \(Content-Length 204808\); it was answered 413/,
      );
      const exchange = receiver.toExchange(over as NonNullable<typeof over>);
      expect(exchange.error).toMatch(/over the receiver's cap/);
      expect(exchange.response?.status).toBe(413);
    } finally {
      await receiver.close();
    }
  });

  it('an oversized chunked push (no Content-Length) is cut and recorded all the same', async () => {
    const receiver = await CallbackReceiver.start('127.0.0.1:0', null, redactor);
    receiver.maxBodyBytes = 2048;
    try {
      const chunks = Readable.from(
        (function* () {
          for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, 'a');
        })(),
      );
      const res = await request(receiver.uplinkUrl, { method: 'POST', body: chunks }).catch(() => undefined);
      await res?.body.text().catch(() => '');
      const [push] = await receiver.waitFor((p) => p.length >= 1, 2000);
      expect(push?.tooLarge?.limit).toBe(2048);
      expect(push?.tooLarge?.read).toBeGreaterThan(2048);
      expect(push?.body).toMatch(/bytes read\); it was answered 413 and not kept/);
    } finally {
      await receiver.close();
    }
  });
});
