// The embedded default: with no profile, `run` starts the kit's own mock platform and mock
// customer endpoint and a profile for them. Every interface speaks HTTPS, as §1.1 says, with
// certificates made at start, and every certificate is verified: the kit trusts the two mocks'
// certificates (a CA file written for the run), and the mock platform trusts the certificate of
// the kit's callback receiver when it pushes status reports and uplink SMS to it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '../http/self-signed.js';
import {
  DEFAULT_PLATFORM_CONFIG,
  type PlatformConfigInput,
  startMockCustomer,
  startMockPlatform,
} from '../mock/index.js';
import { SCHEMA_LIMITS } from '../mock/limits.js';
import { type Profile, type ProfileOverrides, resolveProfile } from '../profile/profile.js';

export interface EmbeddedTargets {
  profile: Profile;
  close(): Promise<void>;
}

/** `text` extended with `filler` to `length` code points (lengths are code points, D7). */
function padTo(text: string, length: number, filler: string): string {
  return text + filler.repeat(Math.max(0, length - [...text].length));
}

/**
 * The built-in mock config, made quick: reports after 50 ms and retries from 100 ms, so the whole
 * run takes seconds; a budget wide enough for every limit case (100 mobiles, 20 messages). The
 * values the profile pins sit at their schema limits (an account of 30 characters, a password of
 * 100, a template id and a signature of 36, a number of 20 digits), so that the run without
 * arguments exercises every MUST case: none is skipped for want of a value at its limit.
 */
function embeddedConfig(): PlatformConfigInput {
  const [plain, withVariables] = DEFAULT_PLATFORM_CONFIG.templates;
  const [account, disabled] = DEFAULT_PLATFORM_CONFIG.accounts;
  if (!plain || !withVariables || !account || !disabled)
    throw new Error("the mock platform's default configuration changed");
  const signature = DEFAULT_PLATFORM_CONFIG.signatures[0] ?? '【ACME】';
  return {
    accounts: [
      {
        account: padTo(account.account, SCHEMA_LIMITS.account, '0'),
        password: padTo(account.password, SCHEMA_LIMITS.password, 'p'),
      },
      // Long enough to be masked in free text too (src/client/redact.ts), as a real one should be.
      { ...disabled, password: padTo(disabled.password, 16, 'f') },
    ],
    signatures: [`${padTo(signature.slice(0, -1), SCHEMA_LIMITS.signature - 1, 'E')}】`],
    templates: [{ ...plain, id: padTo(plain.id, SCHEMA_LIMITS.templateId, '0') }, withVariables],
    delivery: { delayMs: 50 },
    retry: { baseDelayMs: 100, maxDelayMs: 1_000, pushTimeoutMs: 2_000 },
    target: {
      mobiles: [...DEFAULT_PLATFORM_CONFIG.target.mobiles, padTo('8613600000', SCHEMA_LIMITS.mobile, '0')],
      maxAcceptedMessages: 2_000,
      statusReportWaitMs: 2_500,
    },
  };
}

/** A certificate for a local server; each its own name, as a CA file holding several must tell them apart. */
function localCertificate(who: string) {
  return createSelfSignedCertificate({
    commonName: `iot-sms-conformance ${who}`,
    altNames: ['localhost', '127.0.0.1', '::1'],
  });
}

export async function startEmbeddedTargets(overrides: ProfileOverrides = {}): Promise<EmbeddedTargets> {
  const receiverTls = localCertificate('callback receiver');
  const platform = await startMockPlatform({
    config: embeddedConfig(),
    tls: localCertificate('mock platform'),
    pushCa: receiverTls.cert,
  });
  const customer = await startMockCustomer({ tls: localCertificate('mock customer') }).catch(
    async (err: unknown) => {
      await platform.close();
      throw err;
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-embedded-'));
  const close = async () => {
    await Promise.all([platform.close({ graceMs: 500 }), customer.close({ graceMs: 500 })]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ca = join(dir, 'mocks-ca.pem');
    writeFileSync(ca, `${platform.certificate ?? ''}${customer.certificate ?? ''}`);
    const raw = {
      ...platform.profile,
      // SMS cost nothing here: the valid property runs get their full --runs (50 × at most 2).
      platform: { ...platform.profile.platform, validRunsBudget: 100 },
      tls: { ca, insecure: false },
      customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl },
    };
    const profile = resolveProfile(raw, 'the embedded profile', overrides);
    profile.callbackReceiver.tls = receiverTls;
    return { profile, close };
  } catch (err) {
    await close();
    throw err;
  }
}
