// The client and the receiver in-process: every body they read is bounded, a body over the cap is
// a visible failure with its size, a body that never ends names the timeout that stopped it, and
// what a reflecting target answers is recorded as it came and masked wherever it is output (issue
// 9 items 1-2, issue 13 items 3-4; issue 23: judged data is the bytes as they travelled).
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/case.js';
import { runCase } from '../../src/cases/runner.js';
import type { Exchange } from '../../src/cases/types.js';
import { HttpClient } from '../../src/client/http.js';
import { CallbackReceiver } from '../../src/receiver/receiver.js';
import { OutputMask } from '../../src/report/render/mask.js';
import { RULES } from '../../src/rules/index.js';
import { leaksOf } from './encodings.js';
import { type Hostile, startHostile } from './servers.js';

const PASSWORD = 'Qé€"Zx\\+%/ ЖK😀w';
const mask = new OutputMask([PASSWORD]);
const targets: Hostile[] = [];
const clients: HttpClient[] = [];

function client(options: { timeoutMs?: number; maxBodyBytes?: number } = {}): HttpClient {
  const c = new HttpClient({
    timeoutMs: options.timeoutMs ?? 2000,
    tls: {},
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

  it('records a reflecting answer as it came, and the output mask hides it in body and headers', async () => {
    const t = await target('reflecting');
    const r = await client().send(t.url, {
      account: 'acme',
      password: PASSWORD,
      note: [PASSWORD, { x: PASSWORD }],
    });
    expect(r.isJson).toBe(true);
    // Kept as it travelled: the judges read it so.
    expect(leaksOf(JSON.stringify(r.exchange), PASSWORD).length).toBeGreaterThan(0);
    // Output: masked in every form the target echoed it in.
    const shown = mask.exchange(r.exchange);
    expect(leaksOf(JSON.stringify(shown), PASSWORD)).toEqual([]);
    expect(shown.response?.headers['x-echo-base64']).toBeDefined();
  });

  it('judges the headers as they came, whatever the secret: a password inside "Content-Type" changes no verdict', async () => {
    const t = await target('reflecting');
    for (const secret of ['y', 'UTF-8', 'Content-Type']) {
      const r = await client().send(t.url, { account: 'acme', password: secret });
      const reflected: Case<null> = {
        id: 'test.content-type',
        clause: '§1.5 Content-Type',
        level: 'MUST',
        title: 'the answer is JSON under a JSON media type',
        side: 'platform',
        kind: 'example',
        async run(_ctx, rec) {
          rec.record(r.exchange);
          rec.assertSend(r.wire, RULES.send.answer.json);
        },
      };
      const result = await runCase(reflected, null, { rerun: (id) => id, tls: {} });
      expect(result.verdict, `${secret}: ${result.message}`).toBe('pass');
    }
  });

  it("the runner keeps a case's exchanges as they travelled; the output mask hides the secret in all of its result", async () => {
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
        const r = await c.send(t.url, { password: PASSWORD });
        rec.record(r.exchange);
        rec.fail(`the target said ${r.exchange.response?.body ?? ''}`, 'nothing', r.exchange.response?.body);
      },
    };
    const result = await runCase(reflected, null, { rerun: (id) => id, tls: {} });
    const exchange = result.exchanges[0] as Exchange;
    expect(leaksOf(exchange.request.body, PASSWORD).length).toBeGreaterThan(0);
    expect(leaksOf(JSON.stringify(mask.result(result)), PASSWORD)).toEqual([]);
  });
});

describe('CallbackReceiver: a push over the cap is a visible failure', () => {
  it('answers 413, keeps no body, and records the push with its size and an error', async () => {
    const receiver = await CallbackReceiver.start('127.0.0.1:0', null);
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
    const receiver = await CallbackReceiver.start('127.0.0.1:0', null);
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
