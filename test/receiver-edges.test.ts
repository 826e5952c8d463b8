// The callback receiver's edges: only its own token path counts as a push of this run (a push to
// another run's or a guessed path is recorded as unknown and consumes no scripted answer), the
// URLs it hands out follow publicUrl, it listens on IPv6 addresses, and a listen address it
// cannot use is one clear error (exit 2 through the CLI).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { KitError } from '../src/core/errors.js';
import { resolveProfile } from '../src/profile/profile.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';
import { OutputMask } from '../src/report/render/mask.js';
import { expectOneLine, runCli } from './helpers/cli.js';

const open: CallbackReceiver[] = [];

async function start(listen: string, publicUrl: string | null = null): Promise<CallbackReceiver> {
  const r = await CallbackReceiver.start(listen, publicUrl);
  open.push(r);
  return r;
}

async function post(url: string, body = '{"mobile":"13600000000"}') {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.statusCode, body: await res.body.text() };
}

afterAll(async () => {
  for (const r of open) await r.close();
});

describe('the token path', () => {
  it('counts only pushes to its own /kit/<token>/ path; others are unknown and take no scripted answer', async () => {
    const r = await start('127.0.0.1:0');
    const own = new URL(r.reportUrl);
    const token = own.pathname.split('/')[2] ?? '';
    expect(token).toMatch(/^[0-9a-f]{12}$/);
    r.answerNext('report', [{ status: 500, body: '{"resultCode":"100003"}' }]);
    const foreign = [
      `${own.origin}/kit/${'0'.repeat(12)}/notifyReportMessage`,
      `${own.origin}/kit/${token}x/notifyReportMessage`,
      `${own.origin}/notifyReportMessage`,
    ];
    for (const url of foreign) expect(await post(url)).toEqual({ status: 200, body: '{"resultCode":"0"}' });
    expect(r.pushes.map((p) => p.kind)).toEqual(['unknown', 'unknown', 'unknown']);
    // The scripted answer is still there for the run's own push.
    expect(await post(r.reportUrl)).toEqual({ status: 500, body: '{"resultCode":"100003"}' });
    expect(await post(r.uplinkUrl)).toEqual({ status: 200, body: '{"resultCode":"0"}' });
    expect(r.pushes.slice(3).map((p) => p.kind)).toEqual(['report', 'uplink']);
  });

  it('a fresh token per receiver: one run never counts another run’s pushes', async () => {
    const a = await start('127.0.0.1:0');
    const b = await start('127.0.0.1:0');
    expect(new URL(a.reportUrl).pathname).not.toBe(new URL(b.reportUrl).pathname);
    await post(`${new URL(a.reportUrl).origin}${new URL(b.reportUrl).pathname}`);
    expect(a.pushes.map((p) => p.kind)).toEqual(['unknown']);
  });
});

describe('publicUrl', () => {
  it('the URLs handed to the platform use publicUrl (trailing slash dropped); pushes arrive on the listen address', async () => {
    const r = await start('127.0.0.1:0', 'https://kit.example.com:8088/');
    expect(r.reportUrl).toMatch(/^https:\/\/kit\.example\.com:8088\/kit\/[0-9a-f]{12}\/notifyReportMessage$/);
    expect(r.uplinkUrl).toMatch(/^https:\/\/kit\.example\.com:8088\/kit\/[0-9a-f]{12}\/notifySmsMessage$/);
    const server = (r as unknown as { server: Server }).server;
    const { port } = server.address() as AddressInfo;
    const local = `http://127.0.0.1:${port}${new URL(r.reportUrl).pathname}`;
    expect((await post(local, '{"password":"s3cret-receiver"}')).status).toBe(200);
    const [push] = r.pushes;
    expect(push?.kind).toBe('report');
    // What a report shows is the URL the platform was given; the push as it came, its secret
    // masked only where it is output.
    const exchange = r.toExchange(push as NonNullable<typeof push>);
    expect(exchange.request.url).toBe(r.reportUrl);
    expect(exchange.request.body).toContain('s3cret-receiver');
    expect(new OutputMask(['s3cret-receiver']).exchange(exchange).request.body).not.toContain(
      's3cret-receiver',
    );
  });
});

const ipv6 = Object.values(networkInterfaces()).some((list) =>
  (list ?? []).some((i) => i.family === 'IPv6' && i.address === '::1'),
);

describe('IPv6 listen addresses', () => {
  it.runIf(ipv6).each(['[::1]:0', '::1:0'])('%s: URLs in brackets, pushes arrive', async (listen) => {
    const r = await start(listen);
    expect(r.reportUrl).toMatch(/^http:\/\/\[::1\]:[0-9]+\/kit\//);
    expect((await post(r.reportUrl)).status).toBe(200);
    expect(r.pushes.map((p) => p.kind)).toEqual(['report']);
  });

  it('the profile accepts a bracketed IPv6 listen address and refuses a bare one', () => {
    const base = { customer: { uplinkUrl: 'http://127.0.0.1:1/u' } };
    expect(
      resolveProfile({ ...base, callbackReceiver: { listen: '[::1]:8088' } }, 'p').callbackReceiver.listen,
    ).toBe('[::1]:8088');
    expect(() => resolveProfile({ ...base, callbackReceiver: { listen: '::1:8088' } }, 'p')).toThrow(
      /callbackReceiver\.listen/,
    );
  });
});

describe('an address it cannot listen on', () => {
  let busy: Server | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-receiver-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (busy) await new Promise<void>((resolve) => busy?.close(() => resolve()));
  });

  async function busyPort(): Promise<number> {
    busy = createServer();
    await new Promise<void>((resolve) => busy?.listen(0, '127.0.0.1', resolve));
    return (busy.address() as AddressInfo).port;
  }

  it('a port in use is a usage KitError that names the address and the cause', async () => {
    const port = await busyPort();
    const failed = await CallbackReceiver.start(`127.0.0.1:${port}`, null).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KitError);
    expect((failed as KitError).kind).toBe('usage');
    expect((failed as KitError).message).toBe(
      `the callback receiver cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
    );
  });

  it('through the CLI: one line, exit 2, before any case runs', async () => {
    const port = (busy?.address() as AddressInfo | null)?.port ?? (await busyPort());
    const { startMockPlatform } = await import('../src/mock/index.js');
    const mock = await startMockPlatform({ onError: () => {} });
    try {
      const profile = join(dir, 'busy.json');
      writeFileSync(
        profile,
        JSON.stringify({ ...mock.profile, callbackReceiver: { listen: `127.0.0.1:${port}` } }),
      );
      const r = await runCli(['platform', '--profile', profile, '--only', 'platform.send.minimal']);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr, `the callback receiver cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      // The spending plan may come first; no case line does.
      expect(r.stdout).not.toMatch(/^\[ *[0-9]+\/[0-9]+\]/m);
    } finally {
      await mock.close({ graceMs: 200 });
    }
  });
});
