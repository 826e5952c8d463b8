// Every command and flag of the CLI, run once as a user runs it (the built CLI in a child
// process): each command's --help, an unknown command, the customer command and its URL flags,
// --url, --timeout-ms, --seed and --path, and the last-resort exit 70 of an unexpected error.
// Also the customer side's preflight: an endpoint that is down, a TLS failure and an HTML
// answer each end the run with exit 3 and one line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGES } from '../src/cli/conformance.js';
import {
  type MockCustomer,
  type MockPlatform,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { expectOneLine, root, runCli, verdictOf } from './helpers/cli.js';
import { closedPortUrl, listenLocal } from './helpers/local-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-commands-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

let platform: MockPlatform;
let customer: MockCustomer;
let tlsCustomer: MockCustomer;
let html: Server;
let silent: Server;
let htmlUrl: string;
let disguised: Server;
let disguisedUrl: string;
let silentUrl: string;
let closedUrl: string;

beforeAll(async () => {
  platform = await startMockPlatform({ onError: () => {} });
  customer = await startMockCustomer({});
  tlsCustomer = await startMockCustomer({ tls: 'self-signed' });
  html = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><body>Welcome to nginx!</body></html>');
  });
  htmlUrl = await listenLocal(html);
  // An HTML error page that does not say so: a proxy's page sent as JSON, or with no type at all.
  disguised = createServer((req, res) => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>';
    if (req.url?.includes('untyped')) res.writeHead(502);
    else res.writeHead(502, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(req.url?.includes('doctype') ? `\n<!DOCTYPE html>${page}` : page);
  });
  disguisedUrl = await listenLocal(disguised);
  silent = createServer(() => {
    // never answers
  });
  silentUrl = await listenLocal(silent);
  closedUrl = await closedPortUrl();
});

afterAll(async () => {
  await platform.close({ graceMs: 200 });
  await customer.close({ graceMs: 200 });
  await tlsCustomer.close({ graceMs: 200 });
  for (const s of [html, disguised, silent]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The mock platform's own profile (password in the file: a throwaway mock), pointed at `url`. */
function platformProfile(url: string, extra: Record<string, unknown> = {}): string {
  return file(`platform-${Math.random().toString(36).slice(2)}.json`, {
    ...platform.profile,
    platform: { ...platform.profile.platform, url },
    ...extra,
  });
}

function customerProfile(uplinkUrl: string, reportUrl: string, extra: Record<string, unknown> = {}): string {
  return file(`customer-${Math.random().toString(36).slice(2)}.json`, {
    customer: { uplinkUrl, reportUrl },
    timeoutMs: 2_000,
    ...extra,
  });
}

describe('help and commands', () => {
  it.each(['run', 'platform', 'customer'] as const)(
    '%s --help prints its usage and exits 0',
    async (name) => {
      const r = await runCli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(USAGES[name]);
      expect(r.stderr).toBe('');
    },
  );

  it.each([
    ['validate', /^Usage: iot-sms-conformance validate/],
    ['mock-platform', /^Usage: iot-sms-conformance mock-platform/],
    ['mock-customer', /^Usage: iot-sms-conformance mock-customer/],
  ])('%s --help prints its usage and exits 0', async (name, usage) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(usage);
  });

  it.each([['--help'], ['-h'], ['help']])('%s prints the commands and exits 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: iot-sms-conformance <command>/);
    for (const name of ['run', 'platform', 'customer', 'validate', 'mock-platform', 'mock-customer'])
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('no command prints the commands and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^Usage: iot-sms-conformance <command>/);
  });

  it('an unknown command is named, with the usage, exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('iot-sms-conformance: unknown command frobnicate');
    expect(r.stderr).toContain('Usage: iot-sms-conformance <command>');
    expect(r.stdout).toBe('');
  });

  it('an unexpected error is one line and exit 70 (stdout broken by a test-only preload)', async () => {
    const fixture = join(root, 'test', 'fixtures', 'cli', 'broken-stdout.mjs');
    const r = await runCli(['run', '--list'], {}, { nodeArgs: ['--import', fixture] });
    expect(r.code).toBe(70);
    expectOneLine(r.stderr, 'iot-sms-conformance run: internal error: test fixture: stdout is broken');
  });

  it('a report directory that cannot be written is one line and exit 2, after the run', async () => {
    const blocker = file('not-a-dir', {});
    const profile = platformProfile(platform.baseUrl);
    const r = await runCli([
      'platform',
      '--profile',
      profile,
      '--only',
      'platform.send.minimal',
      '--report-dir',
      join(blocker, 'reports'),
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, `cannot write the reports to ${join(blocker, 'reports')}: ENOTDIR`);
    expect(verdictOf(r.stdout, 'platform.send.minimal')).toBe('PASS');
  });
});

describe('the customer command', () => {
  it('runs the customer suite against the mock customer endpoint (exit 0)', async () => {
    const profile = customerProfile(customer.uplinkUrl, customer.reportUrl);
    const r = await runCli([
      'customer',
      '--profile',
      profile,
      '--only',
      'customer.uplink.minimal,customer.report.minimal',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(verdictOf(r.stdout, 'customer.uplink.minimal')).toBe('PASS');
    expect(verdictOf(r.stdout, 'customer.report.minimal')).toBe('PASS');
    expect(r.stdout).not.toMatch(/^\S+\s+\S+\s+platform\./m);
  });

  it('--uplink-url and --report-url override the profile', async () => {
    const profile = customerProfile(`${closedUrl}/uplink`, `${closedUrl}/report`);
    const r = await runCli([
      'customer',
      '--profile',
      profile,
      '--uplink-url',
      customer.uplinkUrl,
      '--report-url',
      customer.reportUrl,
      '--only',
      'customer.uplink.minimal,customer.report.minimal',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  uplink    ${customer.uplinkUrl}`);
    expect(r.stdout).toContain(`  report    ${customer.reportUrl}`);
  });

  it('a customer profile without a customer section is refused (exit 2)', async () => {
    const r = await runCli(['customer', '--profile', platformProfile(platform.baseUrl)]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'the profile has no customer section');
  });

  it.each([
    ['customer', '--url', 'is for the platform'],
    ['platform', '--uplink-url', 'are for the customer command'],
  ])('%s refuses %s (exit 2)', async (name, flag, text) => {
    const r = await runCli([
      name,
      '--profile',
      platformProfile(platform.baseUrl),
      flag,
      'https://example.invalid',
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, text);
  });
});

describe('customer preflight: the endpoint cannot be used (exit 3, one line)', () => {
  it('an endpoint that is down', async () => {
    const r = await runCli(['customer', '--profile', customerProfile(`${closedUrl}/u`, `${closedUrl}/r`)]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'connection refused');
  });

  it('a certificate the kit does not trust', async () => {
    const r = await runCli([
      'customer',
      '--profile',
      customerProfile(tlsCustomer.uplinkUrl, tlsCustomer.reportUrl),
    ]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'TLS failed');
  });

  it('an HTML answer', async () => {
    const r = await runCli(['customer', '--profile', customerProfile(`${htmlUrl}/u`, `${htmlUrl}/r`)]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'answered an HTML page');
  });

  it('--insecure makes the self-signed endpoint usable (exit 0)', async () => {
    const r = await runCli([
      'customer',
      '--profile',
      customerProfile(tlsCustomer.uplinkUrl, tlsCustomer.reportUrl),
      '--insecure',
      '--only',
      'customer.uplink.minimal',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('platform flags', () => {
  it('--url overrides the profile platform.url', async () => {
    const r = await runCli([
      'platform',
      '--profile',
      platformProfile(closedUrl),
      '--url',
      platform.baseUrl,
      '--only',
      'platform.send.minimal',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  platform  ${platform.baseUrl}`);
  });

  it('--timeout-ms overrides the profile timeoutMs: a silent target fails fast (exit 3)', async () => {
    const started = performance.now();
    const r = await runCli([
      'platform',
      '--profile',
      platformProfile(silentUrl, { timeoutMs: 600_000 }),
      '--timeout-ms',
      '300',
    ]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'no answer from');
    // Generous: the profile's 10 minutes would have hit the child's own 2-minute timeout.
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('--seed is the seed of the run, in the console and the report; --path replays with it', async () => {
    const reports = join(dir, 'seed-reports');
    const args = [
      'platform',
      '--profile',
      platformProfile(platform.baseUrl),
      '--only',
      'platform.properties.valid',
    ];
    const r = await runCli([...args, '--seed', '4242', '--runs', '3', '--report-dir', reports]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('· seed 4242 ·');
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as RunReport;
    expect(report.seed).toBe(4242);
    const replay = await runCli([...args, '--seed', '4242', '--runs', '3', '--path', '0']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    expect(verdictOf(replay.stdout, 'platform.properties.valid')).toBe('PASS');
  });

  it.each([
    ['--seed', 'soon', '--seed takes a whole number'],
    ['--timeout-ms', '0', '--timeout-ms takes a whole number ≥ 1'],
  ])('a bad %s is a usage error (exit 2)', async (flag, value, text) => {
    const r = await runCli(['platform', '--profile', platformProfile(platform.baseUrl), flag, value]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, text);
  });
});

describe('preflight: an HTML body without a text/html header (exit 3, one line)', () => {
  it.each([
    ['platform, sent as JSON', 'platform', '/as-json'],
    ['platform, with no Content-Type', 'platform', '/untyped'],
    ['platform, a doctype after a blank line', 'platform', '/doctype-untyped'],
    ['customer, sent as JSON', 'customer', '/as-json'],
    ['customer, with no Content-Type', 'customer', '/untyped'],
  ])('%s', async (_name, side, path) => {
    const url = `${disguisedUrl}${path}`;
    const profile =
      side === 'platform' ? platformProfile(url) : customerProfile(`${url}/uplink`, `${url}/report`);
    const r = await runCli([side, '--profile', profile]);
    expect(r.code, r.stdout).toBe(3);
    expectOneLine(r.stderr, 'answered an HTML page');
  });
});
