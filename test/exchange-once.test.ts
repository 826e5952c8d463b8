// The one way the kit (and the mock's pushes) read an answer: up to a cap, within a deadline, never
// rejecting. The soaks and the hostile tests run through it; these pin its edges on their own.
import { createServer, type Server } from 'node:http';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { transportFailureKind } from '../src/client/transport-error.js';
import { exchangeOnce, Targets } from '../src/http/exchange-once.js';
import { closedPortUrl, listenLocal } from './helpers/local-servers.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function serving(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  return `${await listenLocal(server)}/x`;
}

const POST = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('exchangeOnce', () => {
  it('reads a whole answer: status, headers (repeated ones joined), the body as it came', async () => {
    const url = await serving((req, res) => {
      let got = '';
      req.on('data', (c) => (got += c));
      req.on('end', () => {
        res.setHeader('x-twice', ['a', 'b']);
        res.end(`{"echo":${got}}`);
      });
    });
    const pool = new Pool(new URL(url).origin);
    const r = await exchangeOnce(pool, new Targets(), url, POST('{"n":1}'), 2_000, 1024);
    await pool.close();
    expect(r.error).toBeUndefined();
    expect(r.head?.status).toBe(200);
    expect(r.head?.headers['x-twice']).toBe('a, b');
    expect(r.bytes.toString()).toBe('{"echo":{"n":1}}');
    expect(r).toMatchObject({ over: false, size: 16 });
  });

  it('stops at the cap: what came before it, the size seen, and the answer given at once', async () => {
    const url = await serving((_req, res) => {
      res.writeHead(200);
      const chunk = 'x'.repeat(4096);
      const more = () => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', more);
      };
      more();
    });
    const pool = new Pool(new URL(url).origin);
    const started = performance.now();
    const r = await exchangeOnce(pool, new Targets(), url, POST('{}'), 5_000, 10_000);
    expect(performance.now() - started).toBeLessThan(2_000);
    await pool.destroy();
    expect(r.over).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.bytes.length).toBeLessThanOrEqual(10_000);
    expect(r.size).toBeGreaterThan(10_000);
  });

  it('a body that stalls after the headers: the head, the bytes read, a timeout at the deadline', async () => {
    const url = await serving((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"resultCode"');
    });
    const pool = new Pool(new URL(url).origin);
    const started = performance.now();
    const r = await exchangeOnce(pool, new Targets(), url, POST('{}'), 300, 1024);
    const took = performance.now() - started;
    await pool.destroy();
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_500);
    expect(r.head?.status).toBe(200);
    expect(r.bytes.toString()).toBe('{"resultCode"');
    expect(transportFailureKind(r.error, url)).toBe('timeout');
  });

  it('a request still queued for a connection is answered at its deadline, not when a connection frees', async () => {
    const url = await serving(() => {}); // never answers
    const pool = new Pool(new URL(url).origin, { connections: 1, pipelining: 1 });
    const started = performance.now();
    const [first, queued] = await Promise.all([
      exchangeOnce(pool, new Targets(), url, POST('{}'), 400, 1024),
      exchangeOnce(pool, new Targets(), url, POST('{}'), 400, 1024),
    ]);
    const took = performance.now() - started;
    await pool.destroy();
    expect(took).toBeLessThan(1_500);
    for (const r of [first, queued]) {
      expect(r.head).toBeUndefined();
      expect(transportFailureKind(r.error, url)).toBe('timeout');
    }
  });

  it('a refused connection resolves with the error, as a refusal', async () => {
    const url = `${await closedPortUrl()}/x`;
    const pool = new Pool(new URL(url).origin);
    const r = await exchangeOnce(pool, new Targets(), url, POST('{}'), 2_000, 1024);
    await pool.destroy();
    expect(transportFailureKind(r.error, url)).toBe('refused');
  });

  it('never rejects: a URL that does not parse resolves with its error', async () => {
    const pool = new Pool('http://127.0.0.1:9');
    const r = await exchangeOnce(pool, new Targets(), 'not a url', POST('{}'), 1_000, 1024);
    await pool.close();
    expect(r.error).toBeInstanceOf(TypeError);
  });

  it('never rejects: a request undici will not take resolves with its error', async () => {
    const url = await serving((_req, res) => res.end());
    const pool = new Pool(new URL(url).origin);
    const r = await exchangeOnce(
      pool,
      new Targets(),
      url,
      { method: 'P O S T', headers: {}, body: null },
      1_000,
      1024,
    );
    await pool.close();
    expect(r.error).toBeInstanceOf(Error);
    expect(r.head).toBeUndefined();
  });
});
