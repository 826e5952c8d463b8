// The mock's push client reads a customer's answer up to a cap and stops: an endless answer is a
// failed attempt judged at once, never a push that hangs until its timeout or fills the memory.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPushClient } from '../src/http/push-client.js';
import { listenLocal } from './helpers/local-servers.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function answering(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  return `${await listenLocal(server)}/kit/x/notifyReportMessage`;
}

describe('the push client', () => {
  it('stops reading an endless answer at its cap and judges it at once', async () => {
    let written = 0;
    const url = await answering((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.write('{"resultCode":"0","resultDesc":"');
      const chunk = 'x'.repeat(16 * 1024);
      const more = () => {
        while (!res.destroyed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
      };
      more();
    });
    const client = createPushClient({ timeoutMs: 5_000, rejectUnauthorized: true });
    try {
      const outcome = await client.post(url, '{}');
      expect(outcome).toMatchObject({ ok: false, status: 200, error: 'HTTP 200, answer is not JSON' });
      expect(outcome.durationMs).toBeLessThan(2_000);
      // The connection was cut soon after the cap: not the 64 MiB the endpoint would send.
      expect(written).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await client.close();
    }
  });

  it('times out an answer that never ends, with the timeout as the reason', async () => {
    const url = await answering((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.write('{"resultCode":');
    });
    const client = createPushClient({ timeoutMs: 200, rejectUnauthorized: true });
    try {
      const outcome = await client.post(url, '{}');
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toMatch(/abort|timeout/i);
      expect(outcome.durationMs).toBeGreaterThanOrEqual(150);
      expect(outcome.durationMs).toBeLessThan(2_000);
    } finally {
      await client.close();
    }
  });
});
