// The proxy changes nothing but the documented statusCallback rewrite: the same exchanges run once
// directly and once through the proxy, between a deterministic platform stub and a recording
// customer stub, and every side sees the same bytes (bodies, status, end-to-end headers).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy } from '../src/proxy/server.js';

interface Seen {
  status?: number;
  path?: string;
  headers: Record<string, string>;
  body: string;
}

/** Headers that belong to one connection (or name the host), which a proxy legitimately changes. */
const PER_CONNECTION = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function endToEnd(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (!PER_CONNECTION.has(name)) out[name] = raw[i + 1] as string;
  }
  return out;
}

function flat(headers: Record<string, string | string[] | undefined>): string[] {
  return Object.entries(headers).flatMap(([k, v]) =>
    v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => [k, x]),
  );
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const FIXED_DATE = 'Tue, 01 Dec 2026 00:00:00 GMT';
// Odd spacing, escapes, key order, non-ASCII: what a re-serializing proxy would change.
const ANSWER =
  '{ "resultCode" : "0", "resultLists":[{"mobile":"8613600000000","resultCode":"0","messageId":"m-1","resultDesc":"\\u63d0\\u4ea4 ok"}]}';
const REPORT =
  '{"messageId":"m-1" ,"mobile":"8613600000000","status":"DELIVRD","receiveTime":"2026-12-01 08:00:00","requestId":"r-1","resultDesc":"送达"}';
const CUSTOMER_ANSWER = '{"resultCode" : "0",\n "resultDesc":"已收到"}';

function clientBody(callback: string): string {
  return `{\n  "requestId": "r-1",\n  "account":"acme", "password":"s3cret",\n  "statusCallback" : ${JSON.stringify(callback)},\n  "requestLists":[{"mobiles":["8613600000000"],"templateId":"tpl_plain","signature":"【ACME】","extendInfos":[{"key":"statusCallback","value":"x"}]}]\n}`;
}

interface World {
  platformSaw: Seen[];
  customerSaw: Seen[];
  /** The customer's answer as the platform read it. */
  platformGot: Seen[];
  pushed: Promise<void>[];
  platformUrl: string;
  customerUrl: string;
  servers: Server[];
}

async function world(): Promise<World> {
  const w: World = {
    platformSaw: [],
    customerSaw: [],
    platformGot: [],
    pushed: [],
    platformUrl: '',
    customerUrl: '',
    servers: [],
  };
  const platform = await serve(async (req, res) => {
    const body = await bodyOf(req);
    w.platformSaw.push({ headers: endToEnd(req.rawHeaders), body, ...(req.url ? { path: req.url } : {}) });
    res.writeHead(200, {
      'Content-Type': 'application/json;charset=UTF-8',
      Date: FIXED_DATE,
      'X-Platform': 'stub',
    });
    res.end(ANSWER);
    const callback = (JSON.parse(body) as { statusCallback: string }).statusCallback;
    w.pushed.push(
      (async () => {
        const r = await request(callback, {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=UTF-8', 'x-push-id': 'p-1' },
          body: REPORT,
        });
        w.platformGot.push({
          status: r.statusCode,
          headers: endToEnd(flat(r.headers)),
          body: await r.body.text(),
        });
      })(),
    );
  });
  const customer = await serve(async (req, res) => {
    const body = await bodyOf(req);
    w.customerSaw.push({ headers: endToEnd(req.rawHeaders), body, ...(req.url ? { path: req.url } : {}) });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      Date: FIXED_DATE,
      'x-customer': 'stub',
    });
    res.end(CUSTOMER_ANSWER);
  });
  w.platformUrl = platform.url;
  w.customerUrl = `${customer.url}/hooks/sms/report?tenant=7`;
  w.servers.push(platform.server, customer.server);
  return w;
}

async function exchange(sendUrl: string, w: World): Promise<Seen> {
  const r = await request(sendUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Client': 'integration-test' },
    body: clientBody(w.customerUrl),
  });
  const seen = { status: r.statusCode, headers: endToEnd(flat(r.headers)), body: await r.body.text() };
  await Promise.all(w.pushed);
  return seen;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

function closing(w: World) {
  open.push({
    close: async () => {
      for (const s of w.servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
    },
  });
}

describe('the proxy is transparent but for the statusCallback rewrite', () => {
  it('every side sees the bytes it sees without the proxy', async () => {
    const direct = await world();
    closing(direct);
    const directClient = await exchange(`${direct.platformUrl}/common/sms/sendTemplateMessage`, direct);

    const proxied = await world();
    closing(proxied);
    const proxy = await startProxy({ target: proxied.platformUrl, timeoutMs: 5_000 });
    open.push({ close: () => proxy.close(100) });
    const proxiedClient = await exchange(proxy.sendUrl, proxied);
    await proxy.idle();

    // The client: the platform's answer, byte for byte, with the platform's headers.
    expect(proxiedClient).toEqual(directClient);
    // The platform: the client's request, the statusCallback value alone replaced (not the
    // extendInfos entry that happens to be called statusCallback).
    const [sent] = proxied.platformSaw;
    const rewritten = (JSON.parse(sent?.body ?? '{}') as { statusCallback: string }).statusCallback;
    expect(rewritten.startsWith(`${proxy.callbackUrl}/proxy/`)).toBe(true);
    expect(sent?.body).toBe(clientBody(rewritten));
    expect(sent?.body).not.toBe(direct.platformSaw[0]?.body);
    expect(sent?.headers).toEqual(direct.platformSaw[0]?.headers);
    expect(sent?.path).toBe(direct.platformSaw[0]?.path);
    // The customer: the report at its own URL (path and query), the same bytes and headers.
    expect(proxied.customerSaw).toEqual(direct.customerSaw);
    expect(proxied.customerSaw[0]?.path).toBe('/hooks/sms/report?tenant=7');
    // The platform: the customer's answer, as it came.
    expect(proxied.platformGot).toEqual(direct.platformGot);
    // And the traffic was judged: a conforming exchange breaks nothing.
    expect(proxy.ledger.violations()).toEqual({ MUST: 0, SHOULD: 0 });
  });
});
