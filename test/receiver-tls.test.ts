// The kit's callback receiver over HTTPS (§1.1 "所有接口采用HTTPS协议"): `callbackReceiver.tls`
// with certificate files or a self-signed certificate made at start. The statusCallback the kit
// sends is then https://…, and a mock platform that verifies certificates delivers to it only when
// it trusts the receiver's certificate (pushTls.ca), or when told not to verify (pushTls.insecure).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../src/http/self-signed.js';
import { type PlatformConfigInput, startMockPlatform } from '../src/mock/index.js';
import { resolveProfile } from '../src/profile/profile.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';
import { call, insecureAgent } from './helpers/mock-http.js';
import { validRequest } from './helpers/mock-requests.js';
import { testPlatform } from './helpers/profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-receiver-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAST: PlatformConfigInput = {
  delivery: { delayMs: 10 },
  retry: { attempts: 1, baseDelayMs: 5, pushTimeoutMs: 2_000 },
};
const base = { platform: testPlatform('https://127.0.0.1:1') };
const withReceiver = (callbackReceiver: unknown) => resolveProfile({ ...base, callbackReceiver }, 'test');

/** Starts the receiver of a profile, has a mock platform push reports to it (one per number of its profile: 2), and says what arrived. */
async function reportsArriving(
  receiverTls: ReturnType<typeof withReceiver>['callbackReceiver']['tls'],
  config: PlatformConfigInput,
  pushCa?: string,
) {
  const receiver = await CallbackReceiver.start('127.0.0.1:0', null, receiverTls);
  const platform = await startMockPlatform({ config, ...(pushCa ? { pushCa } : {}) });
  try {
    const answer = await call(
      platform.url,
      validRequest(platform.profile, { statusCallback: receiver.reportUrl }),
      {
        dispatcher: insecureAgent(),
      },
    );
    expect(answer.status).toBe(200);
    await platform.whenIdle(10_000);
    return {
      url: receiver.reportUrl,
      reports: receiver.pushes.filter((p) => p.kind === 'report').length,
      errors: platform.pushes().flatMap((p) => p.attempts.map((a) => a.error ?? '')),
    };
  } finally {
    await Promise.all([receiver.close(), platform.close({ graceMs: 100 })]);
  }
}

describe('callbackReceiver.tls', () => {
  it('selfSigned: the receiver serves HTTPS and a platform that trusts its certificate delivers', async () => {
    const profile = withReceiver({ tls: { selfSigned: true } });
    const tls = profile.callbackReceiver.tls;
    expect(tls?.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const trusted = await reportsArriving(tls, FAST, tls?.cert);
    expect(trusted.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/kit\/[0-9a-f]+\/notifyReportMessage$/);
    expect(trusted.reports).toBe(2);
  });

  it('a platform that verifies and does not trust the certificate fails the push; pushTls.insecure delivers', async () => {
    const tls = withReceiver({ tls: { selfSigned: true } }).callbackReceiver.tls;
    const refused = await reportsArriving(tls, FAST);
    expect(refused.reports).toBe(0);
    expect(refused.errors.join(' ')).toMatch(/self-signed|certificate/i);
    const insecure = await reportsArriving(tls, { ...FAST, pushTls: { insecure: true } });
    expect(insecure.reports).toBe(2);
  });

  it('cert and key files: the receiver serves that certificate', async () => {
    const pair = createSelfSignedCertificate({ commonName: 'kit.example.com', altNames: ['127.0.0.1'] });
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    writeFileSync(cert, pair.cert);
    writeFileSync(key, pair.key);
    const tls = withReceiver({ tls: { cert, key } }).callbackReceiver.tls;
    expect(tls).toEqual(pair);
    expect((await reportsArriving(tls, FAST, pair.cert)).reports).toBe(2);
  });

  it('a profile with a broken tls field is refused with one line', () => {
    expect(() => withReceiver({ tls: { selfSigned: false } })).toThrow(
      /callbackReceiver\.tls must be \{"cert": FILE, "key": FILE\}, \{"selfSigned": true\} or null/,
    );
    expect(() => withReceiver({ tls: { cert: join(dir, 'none.pem'), key: join(dir, 'none.pem') } })).toThrow(
      /cannot read callbackReceiver\.tls\.cert .*none\.pem: ENOENT/,
    );
    expect(() => withReceiver({ publicUrl: 'http://kit.example.com', tls: { selfSigned: true } })).toThrow(
      /publicUrl is http:\/\/ but callbackReceiver\.tls/,
    );
  });

  it('without tls the receiver stays plain HTTP', () => {
    expect(withReceiver({ listen: '127.0.0.1:0' }).callbackReceiver.tls).toBeUndefined();
  });
});
