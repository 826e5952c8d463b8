// A failure says why (issue 26 finding 8): a refused answer's resultDesc beside its code, said
// once; the cases whose requests the wrong-credentials cap kept back, by id; a profile that breaks
// its schema, by the field's path and the shape it wants, in one line on stderr with exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { runConformance } from '../src/library/run.js';
import { startMockPlatform } from '../src/mock/index.js';
import { resolveProfile } from '../src/profile/profile.js';
import { renderConsoleCase } from '../src/report/render/console.js';
import { OutputMask } from '../src/report/render/mask.js';
import { expectOneLine, runCli } from './helpers/cli.js';
import { testPlatform, testProfile, writeProfile } from './helpers/profiles.js';
import { mutants } from './mutants/platform/mutants.js';

const SEED = 26;
const REASON = 'receiveTime is not a time';
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-diagnosis-'));
/** A customer endpoint that refuses every push with 100003 and its reason. */
let refusing: Server;
let refusingUrl = '';

beforeAll(async () => {
  refusing = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify({ resultCode: '100003', resultDesc: REASON }));
    });
  });
  await new Promise<void>((done) => refusing.listen(0, '127.0.0.1', done));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => refusing?.close(done));
  rmSync(dir, { recursive: true, force: true });
});

function caseOf(cases: readonly CaseResult[], id: string): CaseResult {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id} in ${cases.map((c) => c.id).join(', ')}`);
  return found;
}

describe("a refused answer's reason", () => {
  const said = `resultCode "100003" (resultDesc "${REASON}"), not "0"`;

  it('is said beside the code, the code once, in a case and in a property case, and on the console', async () => {
    const report = await runConformance({
      profile: {
        customer: { uplinkUrl: `${refusingUrl}/uplink`, reportUrl: `${refusingUrl}/report` },
        timeoutMs: 2_000,
      },
      only: 'customer.report.minimal,customer.report.property.valid',
      seed: SEED,
      runs: 2,
    });
    const example = caseOf(report.cases, 'customer.report.minimal');
    expect(example.verdict).toBe('fail');
    expect(example.message).toBe(said);
    const property = caseOf(report.cases, 'customer.report.property.valid');
    expect(property.verdict).toBe('fail');
    expect(property.message).toContain(said);
    expect(property.message).not.toContain('(got "100003")');
    const shown = renderConsoleCase(example, { color: false, strict: false });
    expect(shown.split('\n').filter((l) => l.includes(REASON))).toEqual([`              ${said}`]);
  });

  it('is masked where output is made, as every output is', async () => {
    const report = await runConformance({
      profile: { customer: { reportUrl: `${refusingUrl}/report` }, timeoutMs: 2_000 },
      only: 'customer.report.minimal',
      seed: SEED,
    });
    const example = caseOf(report.cases, 'customer.report.minimal');
    expect(new OutputMask(['receiveTime']).result(example).message).toBe(
      'resultCode "100003" (resultDesc "*** is not a time"), not "0"',
    );
  });
});

describe("a platform's reason for another code", () => {
  it('is said beside the code it gave', async () => {
    const mutant = mutants().find((m) => m.name === 'missing-as-100003');
    const platform = await startMockPlatform({
      tls: false,
      onError: () => {},
      ...(mutant?.hooks ? { hooks: mutant.hooks } : {}),
    });
    try {
      const report = await runConformance({
        profile: { platform: testPlatform(platform.baseUrl), timeoutMs: 3_000 },
        only: 'platform.required.password.missing',
        seed: SEED,
      });
      const missing = caseOf(report.cases, 'platform.required.password.missing');
      expect(missing.verdict).toBe('fail');
      expect(missing.message).toMatch(
        /; the answer is resultCode "100003" \(resultDesc "password is missing; it is required \(MUST, [^"]+\)"\)$/,
      );
    } finally {
      await platform.close({ graceMs: 0 });
    }
  });
});

describe('the cap on wrong credentials', () => {
  it('names the cases whose requests it kept back', async () => {
    const platform = await startMockPlatform({ tls: false, onError: () => {} });
    try {
      const report = await runConformance({
        profile: { platform: testPlatform(platform.baseUrl, { maxAuthFailures: 1 }), timeoutMs: 3_000 },
        only: 'platform.auth.wrong-password,platform.auth.unknown-account,platform.types.password',
        seed: SEED,
        concurrency: 1,
      });
      const kept = report.cases.filter((c) => c.verdict === 'skip' && c.message.startsWith('not sent:'));
      expect(kept.map((c) => c.id)).toEqual(['platform.auth.unknown-account', 'platform.types.password']);
      expect(report.notes).toContain(
        '1 request(s) with wrong credentials sent, 2 not sent (cap 1: platform.maxAuthFailures): platform.auth.unknown-account, platform.types.password',
      );
    } finally {
      await platform.close({ graceMs: 0 });
    }
  });
});

describe('a profile that breaks its schema', () => {
  const url = 'https://sms.example.com';
  const platform = (fields: Record<string, unknown>) => ({
    ...testProfile(url),
    platform: testPlatform(url, fields),
  });
  const broken: [string, unknown, string][] = [
    [
      'uplinkTrigger as a string',
      platform({ uplinkTrigger: 'https://sms.example.com/__mock/uplink' }),
      'platform.uplinkTrigger must be an object like {"url": "https://sms.example.com:8443/__mock/uplink", "headers": {"authorization": "Bearer …"}} or null, not a string',
    ],
    [
      'uplinkTrigger without its url',
      platform({ uplinkTrigger: { headers: {} } }),
      'platform.uplinkTrigger needs url (an http:// or https:// URL, like https://sms.example.com:8443/__mock/uplink)',
    ],
    [
      'uplinkTrigger with a misspelt field',
      platform({ uplinkTrigger: { url, header: {} } }),
      'platform.uplinkTrigger has an unknown field header; it may hold url, headers',
    ],
    [
      'a phone number with a plus',
      platform({ mobiles: ['+8613600000000'] }),
      'platform.mobiles[0] must be a phone number of 5 to 20 digits, like "8613600000000", not "+8613600000000"',
    ],
    [
      'a template variable without its maxLength',
      platform({ templates: [{ id: 'tpl_code', variables: [{ name: 'code' }] }] }),
      'platform.templates[0].variables[0] needs maxLength (a whole number ≥ 1)',
    ],
    [
      'a budget given as a string',
      platform({ maxAcceptedMessages: '10' }),
      'platform.maxAcceptedMessages must be a whole number ≥ 0, not a string',
    ],
    [
      'the password as a number, never shown',
      platform({ password: 314159265 }),
      'platform.password must be a string, not an integer',
    ],
    ['no password at all', platform({ password: undefined }), 'platform needs password or passwordEnv'],
  ];

  it.each(broken)('%s: the field and the shape it wants', (_name, raw, message) => {
    expect(() => resolveProfile(JSON.parse(JSON.stringify(raw)), 'target.json')).toThrow(
      `target.json: ${message}`,
    );
  });

  it('through the CLI: exit 2, one line, no stack trace', async () => {
    const file = writeProfile(dir, 'uplink-string.json', platform({ uplinkTrigger: `${url}/__mock/uplink` }));
    const r = await runCli(['platform', '--profile', file]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'platform.uplinkTrigger must be an object like {"url": ');
    expect(r.stderr).toContain('} or null, not a string');
  });
});
