// The conformance commands as a user runs them: the built CLI in a child process, against
// targets that are down, slow, HTML-speaking or with a certificate the kit does not trust, and
// with broken profiles. Each gets one line on stderr and its own exit code, never a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import { expectOneLine, runCli } from './helpers/cli.js';
import { closedPortUrl, listenLocal } from './helpers/local-servers.js';
import { testProfile, writeProfile } from './helpers/profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-cli-'));
const profileFile = (name: string, content: unknown) => writeProfile(dir, name, content);

let mock: MockPlatform;
let html: Server;
let silent: Server;
let htmlUrl: string;
let silentUrl: string;
let closedUrl: string;

beforeAll(async () => {
  mock = await startMockPlatform({});
  html = createServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body>Bad Gateway</body></html>');
  });
  htmlUrl = await listenLocal(html);
  silent = createServer(() => {
    // never answers
  });
  silentUrl = await listenLocal(silent);
  closedUrl = await closedPortUrl();
});

afterAll(async () => {
  await mock.close();
  html.closeAllConnections();
  silent.closeAllConnections();
  await new Promise<void>((resolve) => html.close(() => resolve()));
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('exit code 3: the target cannot be used', () => {
  it('a target that is down', async () => {
    const r = await runCli(['platform', '--profile', profileFile('down.json', testProfile(closedUrl))]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'connection refused');
  });

  it('a target that never answers', async () => {
    const r = await runCli(['platform', '--profile', profileFile('silent.json', testProfile(silentUrl))]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'no answer from');
  });

  it('a target that answers an HTML page', async () => {
    const r = await runCli(['platform', '--profile', profileFile('html.json', testProfile(htmlUrl))]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'answered an HTML page');
  });

  it('a certificate the kit does not trust', async () => {
    const r = await runCli(['platform', '--profile', profileFile('tls.json', testProfile(mock.baseUrl))]);
    expect(r.code).toBe(3);
    expectOneLine(r.stderr, 'TLS failed');
  });
});

describe('TLS settings', () => {
  it('--ca with the platform certificate makes an untrusted target trusted (exit 0)', async () => {
    const ca = join(dir, 'mock-ca.pem');
    writeFileSync(ca, mock.certificate ?? '');
    const file = profileFile('ca.json', testProfile(mock.baseUrl));
    const r = await runCli([
      'platform',
      '--profile',
      file,
      '--ca',
      ca,
      '--only',
      'platform.send.minimal',
      '--no-color',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(?:\[ *[0-9]+\/[0-9]+\] )?PASS\s+MUST\s+platform\.send\.minimal/m);
  });

  it('--insecure accepts the self-signed certificate', async () => {
    const file = profileFile('insecure.json', testProfile(mock.baseUrl));
    const r = await runCli([
      'platform',
      '--profile',
      file,
      '--insecure',
      '--only',
      'platform.send.minimal',
      '--no-color',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gate: passed');
  });
});

describe('exit code 1: a MUST case fails', () => {
  it('a wrong password in the profile fails the minimal send, and the gate', async () => {
    const p = testProfile(mock.baseUrl);
    const file = profileFile('wrong.json', {
      ...p,
      platform: { ...p.platform, password: 'not-the-password' },
    });
    const r = await runCli([
      'platform',
      '--profile',
      file,
      '--insecure',
      '--only',
      'platform.send.minimal',
      '--no-color',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^(?:\[ *[0-9]+\/[0-9]+\] )?FAIL\s+MUST\s+platform\.send\.minimal/m);
    expect(r.stdout).not.toContain('not-the-password');
  });
});

describe('exit code 2: usage and profile errors', () => {
  it.each([
    ['a missing profile file', ['platform', '--profile', join(dir, 'nope.json')], 'cannot read the profile'],
    ['no profile', ['platform'], 'platform needs --profile'],
    ['an unknown flag', ['run', '--bogus'], 'unknown option --bogus'],
    ['a bad --runs', ['run', '--runs', 'many'], '--runs takes a whole number'],
  ])('%s', async (_name, args, text) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, text);
  });

  it('a profile that is not JSON', async () => {
    const r = await runCli(['platform', '--profile', profileFile('bad.json', '{"platform": ')]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'is not JSON');
  });

  it('a profile that breaks its schema names the field', async () => {
    const p = testProfile(mock.baseUrl);
    const r = await runCli([
      'platform',
      '--profile',
      profileFile('schema.json', { ...p, platform: { ...p.platform, mobiles: [] } }),
    ]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'platform.mobiles');
  });

  it('a passwordEnv that is not set', async () => {
    const p = testProfile(mock.baseUrl);
    const { password: _, ...rest } = p.platform;
    const file = profileFile('env.json', { ...p, platform: { ...rest, passwordEnv: 'NO_SUCH_VARIABLE_X' } });
    const r = await runCli(['platform', '--profile', file]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'NO_SUCH_VARIABLE_X');
  });
});

describe('listing', () => {
  it('--list prints every case with level, clause and title, without a target', async () => {
    const r = await runCli(['run', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MUST\s+platform\.send\.minimal\s+§5\.1 0\s+/m);
    expect(r.stdout).toMatch(/customer\./);
  });

  it('--list of a selection that selects nothing fails as a run of it does: the same line, exit 2', async () => {
    const listed = await runCli(['run', '--list', '--only', 'nosuch']);
    const ran = await runCli(['run', '--only', 'nosuch', '--no-color']);
    expect(listed.code).toBe(2);
    expect(ran.code).toBe(2);
    expect(listed.stdout).toBe('');
    expect(listed.stderr.trim()).toBe('iot-sms-conformance run: no case matches nosuch');
    expect(ran.stderr.trim()).toBe(listed.stderr.trim());
  });
});
