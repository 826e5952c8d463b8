// The signed hand-over's parts, in-process: DSSE's pre-authentication encoding (its spec's test
// vector), the envelope signed and opened with node:crypto's Ed25519, the test-result predicate's
// verdict and test lists from a report's gate, each subject's digest checked, and the profile's
// digest: it changes with any profile field and never with a password.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { assembleReport } from '../src/engine/assemble.js';
import { profileDigest, profileWithoutSecrets } from '../src/engine/provenance.js';
import { resolveProfile } from '../src/profile/profile.js';
import {
  checkSubjects,
  openEnvelope,
  pae,
  type Statement,
  signStatement,
  testResultStatement,
} from '../src/report/render/attestation.js';
import type { RunReport } from '../src/report/types.js';
import { testProfile } from './helpers/profiles.js';

const keys = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function result(id: string, level: CaseResult['level'], verdict: CaseResult['verdict']): CaseResult {
  return {
    id,
    clause: '§5.1 0',
    level,
    title: id,
    side: 'platform',
    kind: 'example',
    verdict,
    message: '',
    exchanges: [],
    rerun: '',
    curl: [],
    durationMs: 1,
  };
}

/** A report of these cases as the engine assembles it: its gate from the cases and `strict`. */
function report(cases: CaseResult[], strict: boolean): RunReport {
  return assembleReport({
    startedAt: new Date('2026-12-01T00:00:00.000Z'),
    command: 'test',
    strict,
    seed: 1,
    embedded: false,
    targets: { platform: 'https://platform.example' },
    provenance: {
      kit: { name: 'iot-sms-conformance', version: 'test', packageJsonSha256: 'ab'.repeat(32) },
      spec: { title: 'IoT 云通信 API 参考', version: '1.5', date: '2024-04-08' },
      profileSha256: 'cd'.repeat(32),
      certificates: { platform: 'AB:CD' },
      node: process.version,
    },
    notes: [],
    results: cases,
  });
}

describe("DSSE's pre-authentication encoding", () => {
  it('is the test vector of the DSSE protocol', () => {
    const encoded = pae('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(encoded.toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters', () => {
    expect(pae('t', Buffer.from('云', 'utf8')).toString('utf8')).toBe('DSSEv1 1 t 3 云');
  });
});

describe('the envelope', () => {
  const statement = testResultStatement(report([result('a', 'MUST', 'pass')], false), [
    { name: 'report.json', digest: { sha256: '00'.repeat(32) } },
  ]);

  it('opens with the signer’s public key and gives back the statement', () => {
    const envelope = signStatement(statement, keys.privateKey);
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))).toEqual(statement);
    expect(openEnvelope(JSON.stringify(envelope), keys.publicKey)).toEqual(statement);
  });

  it('accepts URL-safe base64 as DSSE says a verifier must', () => {
    const envelope = signStatement(statement, keys.privateKey);
    const urlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const text = JSON.stringify({
      ...envelope,
      payload: urlSafe(envelope.payload),
      signatures: envelope.signatures.map((s) => ({ ...s, sig: urlSafe(s.sig) })),
    });
    expect(openEnvelope(text, keys.publicKey)).toEqual(statement);
  });

  it('does not open with another key, nor after its payload or its payloadType changed', () => {
    const envelope = signStatement(statement, keys.privateKey);
    expect(openEnvelope(JSON.stringify(envelope), other.publicKey)).toMatchObject({ kind: 'signature' });
    const changed = Buffer.from(
      Buffer.from(envelope.payload, 'base64').toString('utf8').replace('PASSED', 'FAILED'),
    ).toString('base64');
    expect(openEnvelope(JSON.stringify({ ...envelope, payload: changed }), keys.publicKey)).toMatchObject({
      kind: 'signature',
    });
    expect(
      openEnvelope(JSON.stringify({ ...envelope, payloadType: 'application/json' }), keys.publicKey),
    ).toMatchObject({ kind: 'signature' });
    expect(openEnvelope('not json', keys.publicKey)).toMatchObject({ kind: 'signature' });
  });
});

describe('the test-result predicate', () => {
  const cases = [
    result('must.pass', 'MUST', 'pass'),
    result('should.fail', 'SHOULD', 'fail'),
    result('info.seen', 'INFO', 'info'),
    result('must.skip', 'MUST', 'skip'),
  ];

  it('is WARNED when a SHOULD failure did not fail the gate, the case a warned test', () => {
    const { predicate } = testResultStatement(report(cases, false), []);
    expect(predicate.result).toBe('WARNED');
    expect(predicate).toMatchObject({
      passedTests: ['must.pass'],
      warnedTests: ['should.fail'],
      failedTests: [],
    });
  });

  it('is FAILED when the gate failed (strict: the SHOULD failure is a failed test)', () => {
    const { predicate } = testResultStatement(report(cases, true), []);
    expect(predicate.result).toBe('FAILED');
    expect(predicate).toMatchObject({ warnedTests: [], failedTests: ['should.fail'] });
  });

  it('is PASSED when every case passed or was skipped; skips and observations are in no list', () => {
    const { predicate } = testResultStatement(
      report([cases[0], cases[2], cases[3]] as CaseResult[], false),
      [],
    );
    expect(predicate.result).toBe('PASSED');
    expect([...predicate.passedTests, ...predicate.warnedTests, ...predicate.failedTests]).toEqual([
      'must.pass',
    ]);
  });

  it('is FAILED when the run was stopped before its end, though no case failed', () => {
    const stopped = assembleReport({
      ...report([cases[0] as CaseResult], false),
      startedAt: new Date(0),
      results: [cases[0] as CaseResult],
      stopped: { reason: 'SIGTERM', message: 'interrupted by SIGTERM' },
    });
    expect(testResultStatement(stopped, []).predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['must.pass'],
      failedTests: [],
    });
  });

  it('lists the profile, the kit and the target with its certificate as configuration', () => {
    const { predicate, _type, predicateType } = testResultStatement(report(cases, false), []);
    expect(_type).toBe('https://in-toto.io/Statement/v1');
    expect(predicateType).toBe('https://in-toto.io/attestation/test-result/v0.1');
    expect(predicate.configuration).toEqual([
      expect.objectContaining({ name: 'profile', digest: { sha256: 'cd'.repeat(32) } }),
      expect.objectContaining({ name: 'iot-sms-conformance@test', digest: { sha256: 'ab'.repeat(32) } }),
      expect.objectContaining({
        name: 'platform',
        uri: 'https://platform.example',
        digest: { sha256: 'abcd' },
      }),
    ]);
  });
});

describe("the subjects' digests", () => {
  const statement: Statement = testResultStatement(report([], false), [
    {
      name: 'report.json',
      digest: { sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae' },
    },
    { name: 'junit.xml', digest: { sha256: '00'.repeat(32) } },
    { name: '../outside', digest: { sha256: '00'.repeat(32) } },
  ]);

  it('says which file was changed, which is missing, and refuses a name outside the folder', () => {
    const files: Record<string, string> = { 'report.json': 'foo', '../outside': '' };
    const problems = checkSubjects(statement, (name) =>
      files[name] === undefined ? undefined : Buffer.from(files[name] as string),
    );
    expect(problems.map((p) => [p.kind, 'file' in p ? p.file : ''])).toEqual([
      ['missing', 'junit.xml'],
      ['changed', '../outside'],
    ]);
    files['report.json'] = 'fop';
    expect(
      checkSubjects(statement, (name) => (files[name] ? Buffer.from(files[name]) : undefined))[0],
    ).toMatchObject({
      kind: 'changed',
      file: 'report.json',
    });
  });
});

describe("the profile's digest", () => {
  const raw = testProfile('https://platform.example', {
    customer: { uplinkUrl: 'https://customer.example/up', reportUrl: null },
  });
  const digest = (p: unknown) => profileDigest(resolveProfile(p, 'test'));

  it('changes when a field of the profile changes, or a flag overrides one', () => {
    const base = digest(raw);
    expect(digest({ ...raw, timeoutMs: 1501 })).not.toBe(base);
    expect(digest({ ...raw, platform: { ...raw.platform, templates: [{ id: 'tpl_other' }] } })).not.toBe(
      base,
    );
    expect(profileDigest(resolveProfile(raw, 'test', { url: 'https://other.example' }))).not.toBe(base);
  });

  it('does not change when only a password changes, given in the file or by passwordEnv', () => {
    const base = digest({
      ...raw,
      platform: { ...raw.platform, disabledAccount: { account: 'off', password: 'one' } },
    });
    expect(
      digest({
        ...raw,
        platform: {
          ...raw.platform,
          password: 'another',
          disabledAccount: { account: 'off', password: 'two' },
        },
      }),
    ).toBe(base);
    process.env.ATTESTATION_TEST_PASSWORD = 'from-the-environment';
    const { password: _p, ...noPassword } = raw.platform;
    expect(
      digest({
        ...raw,
        platform: {
          ...noPassword,
          passwordEnv: 'ATTESTATION_TEST_PASSWORD',
          disabledAccount: { account: 'off', password: 'three' },
        },
      }),
    ).toBe(base);
    delete process.env.ATTESTATION_TEST_PASSWORD;
  });

  it('hashes no secret: the passwords, an unset passwordEnv’s name and the receiver’s key are ***', () => {
    const { password: _p, ...noPassword } = raw.platform;
    const profile = resolveProfile(
      {
        ...raw,
        platform: { ...noPassword, passwordEnv: 'ATTESTATION_TEST_UNSET_VARIABLE' },
        callbackReceiver: { tls: { selfSigned: true } },
      },
      'test',
    );
    const hashed = JSON.stringify(profileWithoutSecrets(profile));
    expect(hashed).not.toContain('ATTESTATION_TEST_UNSET_VARIABLE');
    expect(hashed).not.toContain('PRIVATE KEY');
    expect(hashed).not.toContain('CERTIFICATE');
    const withPassword = JSON.stringify(profileWithoutSecrets(resolveProfile(raw, 'test')));
    expect(withPassword).not.toContain('s3cret');
    expect(withPassword).toContain('"password":"***"');
  });
});
