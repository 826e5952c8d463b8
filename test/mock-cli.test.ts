// The two mock commands of the built CLI (dist/): they print their URLs (and the platform its
// profile), serve until SIGTERM and exit 0; bad flags and bad configs are one line on stderr, exit 2.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetProfile } from '../src/mock/index.js';
import { call, insecureAgent } from './helpers/mock-http.js';
import { validRequest } from './helpers/mock-requests.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): { child: ChildProcess; output: () => string; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output: () => stdout, finished };
}

async function waitFor(output: () => string, test: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (!test(output())) {
    if (Date.now() > deadline) throw new Error(`no expected output; got ${JSON.stringify(output())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return output();
}

/** The printed profile holds no password; a test that sends with it puts the config's back. */
function withPassword(profile: TargetProfile, password: string): TargetProfile {
  return { ...profile, platform: { ...profile.platform, password } };
}

describe('mock-platform command', () => {
  it('prints its HTTPS URL and profile, serves, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
    const profilePath = join(dir, 'profile.json');
    const { child, output, finished } = run(['mock-platform', '--port', '0', '--profile-out', profilePath]);
    const text = await waitFor(output, (t) => /\n}\n$/.test(t));
    const [first, ...rest] = text.split('\n');
    expect(first).toMatch(/^mock-platform listening on https:\/\/127\.0\.0\.1:\d+$/);
    const profile = JSON.parse(rest.join('\n')) as TargetProfile;
    expect(profile.platform.url).toBe(first?.replace('mock-platform listening on ', ''));
    // Never a password on screen: the profile names the variable that holds it.
    expect(text).not.toContain('s3cret');
    expect(text).toContain('"passwordEnv": "IOT_SMS_MOCK_PASSWORD"');
    const agent = insecureAgent();
    const answer = await call(
      `${profile.platform.url}/common/sms/sendTemplateMessage`,
      validRequest(withPassword(profile, 's3cret')),
      { dispatcher: agent },
    );
    expect((answer.json as { resultCode: string }).resultCode).toBe('0');
    await agent.close();
    child.kill('SIGTERM');
    const done = await finished;
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('mock-platform: SIGTERM, stopping\n');
  });

  it('serves plain HTTP with --http and a configuration file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        accounts: [{ account: 'ops', password: 'pw' }],
        target: { mobiles: ['8613900000000'] },
      }),
    );
    const { child, output, finished } = run(['mock-platform', '--http', '--config', config]);
    const text = await waitFor(output, (t) => /\n}\n$/.test(t));
    const profile = JSON.parse(text.slice(text.indexOf('\n') + 1)) as TargetProfile;
    expect(profile.platform).toMatchObject({
      account: 'ops',
      disabledAccount: null,
      mobiles: ['8613900000000'],
    });
    expect(profile.tls).toEqual({ ca: null, insecure: false });
    const answer = await call(
      `${profile.platform.url}/common/sms/sendTemplateMessage`,
      validRequest(withPassword(profile, 'pw')),
    );
    expect((answer.json as { resultCode: string }).resultCode).toBe('0');
    child.kill('SIGINT');
    expect((await finished).code).toBe(0);
  });

  const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, JSON.stringify({ delivery: { statusWeights: { DELIVED: 1 } } }));
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ nope');
  const failures: [string, string[], RegExp][] = [
    ['a bad port', ['--port', 'eighty'], /--port must be a number from 0 to 65535/],
    ['an unknown flag', ['--colour'], /unknown option --colour \(see --help\)/],
    [
      'a missing config',
      ['--config', join(dir, 'missing.json')],
      /cannot read config .*missing\.json: ENOENT/,
    ],
    ['a config that is not JSON', ['--config', notJson], /is not JSON/],
    ['an invalid config', ['--config', invalid], /DELIVED is not a §5.2 status/],
    ['--cert without --key', ['--cert', invalid], /--cert and --key go together/],
    [
      'an unreadable certificate',
      ['--cert', join(dir, 'c.pem'), '--key', join(dir, 'k.pem')],
      /cannot read --cert/,
    ],
    [
      'a certificate that is not one',
      ['--cert', notJson, '--key', notJson],
      /cannot serve with --cert\/--key/,
    ],
  ];
  // Started together: each is a node process, and they do not depend on one another.
  it('refuses bad flags and bad configurations: one line on stderr, exit 2', async () => {
    const outcomes = await Promise.all(failures.map(([, args]) => run(['mock-platform', ...args]).finished));
    for (const [i, [name, , message]] of failures.entries()) {
      const done = outcomes[i] as Finished;
      expect(done.code, name).toBe(2);
      expect(done.stderr, name).toMatch(message);
      expect(done.stderr.trimEnd().split('\n'), name).toHaveLength(1);
      expect(done.stdout, name).toBe('');
    }
  });
});

describe('mock-customer command', () => {
  it('prints its URLs, acknowledges a push, and exits 0 on SIGTERM', async () => {
    const { child, output, finished } = run(['mock-customer', '--report-path', '/r', '--uplink-path', '/u']);
    const text = await waitFor(output, (t) => t.includes('notifyReportMessage:'));
    expect(text).toMatch(/^mock-customer listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const reportUrl = /notifyReportMessage: (\S+)/.exec(text)?.[1] ?? '';
    expect(reportUrl).toMatch(/\/r$/);
    const answer = await call(reportUrl, { messageId: '1', mobile: '1', status: 'DELIVRD' });
    expect(answer.json).toEqual({ resultCode: '0' });
    child.kill('SIGTERM');
    expect((await finished).code).toBe(0);
  });

  it('serves HTTPS with --https', async () => {
    const { child, output, finished } = run(['mock-customer', '--https']);
    expect(await waitFor(output, (t) => t.includes('notifyReportMessage:'))).toMatch(
      /listening on https:\/\//,
    );
    child.kill('SIGTERM');
    expect((await finished).code).toBe(0);
  });

  it('refuses equal paths: one line on stderr, exit 2', async () => {
    const done = await run(['mock-customer', '--report-path', '/same', '--uplink-path', '/same']).finished;
    expect(done.code).toBe(2);
    expect(done.stderr.trimEnd().split('\n')).toEqual([
      'iot-sms-conformance mock-customer: --uplink-path and --report-path must differ',
    ]);
  });
});
