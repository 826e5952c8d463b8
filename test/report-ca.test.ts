// The curl lines of a report run from its folder: the run's CA certificates are written there as
// ca.pem (certificates only, never a key), and the curl lines trust that file, so they still work
// when the CA file the run was given (a temporary one, the embedded default's) is gone.
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { runCli } from './helpers/cli.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-report-ca-'));
let mock: MockPlatform | undefined;
afterAll(async () => {
  await mock?.close({ graceMs: 0 });
  rmSync(dir, { recursive: true, force: true });
});

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the report folder', () => {
  it.skipIf(!hasCurl())(
    'holds ca.pem, and the curl lines run from there after the given CA file is gone',
    async () => {
      const material = sharedCertificate();
      mock = await startMockPlatform({ tls: material, onError: () => {} });
      const given = join(dir, 'given-ca.pem');
      // A bundle as a user may give it: the certificate, and by mistake the key too.
      writeFileSync(given, `${material.cert}${material.key}`);
      const profile = join(dir, 'profile.json');
      writeFileSync(profile, JSON.stringify({ ...mock.profile, tls: { ca: given, insecure: false } }));
      const reports = join(dir, 'reports');
      const ran = await runCli([
        'platform',
        '--profile',
        profile,
        '--only',
        'platform.send.minimal',
        '--report-dir',
        reports,
      ]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      rmSync(given);

      const ca = readFileSync(join(reports, 'ca.pem'), 'utf8');
      expect(ca).toContain('BEGIN CERTIFICATE');
      expect(ca).not.toMatch(/PRIVATE KEY/);
      expect(new X509Certificate(ca).fingerprint256).toBe(new X509Certificate(material.cert).fingerprint256);

      const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as RunReport;
      const curl = report.cases[0]?.curl[0] ?? '';
      expect(curl).toContain('--cacert ca.pem');
      const answer = await new Promise<string>((resolve, reject) =>
        execFile(
          '/bin/sh',
          ['-c', curl],
          { cwd: reports, env: { ...process.env, SMS_PASSWORD: mock?.profile.platform.password ?? '' } },
          (err, out) => (err ? reject(err) : resolve(out)),
        ),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer).toContain('"resultCode":"0"');
    },
  );
});
