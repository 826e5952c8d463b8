// A secret is asked for only where it is sent: a run of the customer suite, a spending plan and the
// pactum handlers need no password of the platform's disabled account (nor, but the handlers, of
// its account), and a run that does send one and lacks it stops before anything is sent, with one
// line that names the profile field, the variable and what needs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MockCustomer,
  type MockPlatform,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { type PactumLike, registerPactumHandlers } from '../src/pactum/index.js';
import { runCli } from './helpers/cli.js';
import { testPlatform, writeProfile } from './helpers/profiles.js';

const PASSWORD_ENV = 'IOT_SMS_SECRETS_TEST_PASSWORD';
const DISABLED_ENV = 'IOT_SMS_SECRETS_TEST_DISABLED';
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-secrets-'));
let platform: MockPlatform;
let customer: MockCustomer;
let profile = '';

/** Neither variable set, whatever the machine's environment holds. */
const NONE = { [PASSWORD_ENV]: '', [DISABLED_ENV]: '' };

beforeAll(async () => {
  platform = await startMockPlatform({ tls: false, onError: () => {} });
  customer = await startMockCustomer({ tls: false });
  const { password: _p, ...account } = testPlatform(platform.baseUrl);
  profile = writeProfile(dir, 'profile.json', {
    platform: {
      ...account,
      passwordEnv: PASSWORD_ENV,
      disabledAccount: { account: 'disabled', passwordEnv: DISABLED_ENV },
    },
    customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl },
    timeoutMs: 3_000,
    statusReportWaitMs: 1_000,
  });
});

afterAll(async () => {
  await platform?.close({ graceMs: 0 });
  await customer?.close({ graceMs: 0 });
  rmSync(dir, { recursive: true, force: true });
});

describe('a secret is asked for where it is sent', () => {
  it('--plan needs no password: neither variable set', async () => {
    const r = await runCli(['platform', '--profile', profile, '--plan', '--seed', '1', '--runs', '2'], NONE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^plan: recipients a conforming platform would accept/);
  });

  it('the customer suite needs no password: neither variable set', async () => {
    const only = 'customer.uplink.minimal,customer.report.minimal';
    const r = await runCli(
      ['customer', '--profile', profile, '--only', only, '--seed', '1', '--no-color'],
      NONE,
    );
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('gate: passed');
  });

  it('platform cases that never send the disabled account need only the account password', async () => {
    const r = await runCli(['platform', '--profile', profile, '--only', 'platform.send', '--seed', '1'], {
      ...NONE,
      [PASSWORD_ENV]: 's3cret',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a platform run without the account password stops first: one line, field, variable, who', async () => {
    platform.reset();
    const r = await runCli(
      ['platform', '--profile', profile, '--only', 'platform.send', '--seed', '1'],
      NONE,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `iot-sms-conformance platform: the platform suite needs the password of platform: its passwordEnv names ${PASSWORD_ENV}, which is not set in the environment`,
    ]);
    expect(platform.journal()).toEqual([]);
  });

  it('the disabled-account case needs the disabled account password, and says so', async () => {
    const r = await runCli(
      ['platform', '--profile', profile, '--only', 'platform.auth.disabled-account', '--seed', '1'],
      { ...NONE, [PASSWORD_ENV]: 's3cret' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `the password of platform.disabledAccount: its passwordEnv names ${DISABLED_ENV}`,
    );
  });
});

describe('registerPactumHandlers with a profile', () => {
  const fake = (): PactumLike & { templates: object[] } => {
    const templates: object[] = [];
    return {
      templates,
      handler: { addExpectHandler: () => {}, addWaitHandler: () => {} },
      stash: { addDataTemplate: (t: object) => templates.push(t) },
    };
  };

  it('needs the account password alone (the data template sends it), not the disabled one', () => {
    const saved = { ...process.env };
    try {
      process.env[PASSWORD_ENV] = 's3cret';
      delete process.env[DISABLED_ENV];
      const pactum = fake();
      registerPactumHandlers(pactum, { profile });
      expect(JSON.stringify(pactum.templates)).toContain('"password":"s3cret"');
      delete process.env[PASSWORD_ENV];
      expect(() => registerPactumHandlers(fake(), { profile })).toThrow(
        new RegExp(
          `the pactum data template .* needs the password of platform: its passwordEnv names ${PASSWORD_ENV}`,
        ),
      );
    } finally {
      process.env = saved;
    }
  });
});
