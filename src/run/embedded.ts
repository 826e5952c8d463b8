// The embedded default: with no profile, `run` starts the kit's own mock platform and mock
// customer endpoint (both over HTTPS with certificates made at start) and a profile for them.
import { type PlatformConfigInput, startMockCustomer, startMockPlatform } from '../mock/index.js';
import { type Profile, type ProfileOverrides, resolveProfile } from '../profile/profile.js';

export interface EmbeddedTargets {
  profile: Profile;
  close(): Promise<void>;
}

/**
 * The built-in mock config, made quick: reports after 50 ms and retries from 100 ms, so the whole
 * run takes seconds; a budget wide enough for every limit case (100 mobiles, 20 messages).
 */
const EMBEDDED_CONFIG: PlatformConfigInput = {
  delivery: { delayMs: 50 },
  retry: { baseDelayMs: 100, maxDelayMs: 1_000, pushTimeoutMs: 2_000 },
  target: { maxAcceptedMessages: 2_000, statusReportWaitMs: 2_500 },
};

export async function startEmbeddedTargets(overrides: ProfileOverrides = {}): Promise<EmbeddedTargets> {
  const platform = await startMockPlatform({ config: EMBEDDED_CONFIG });
  const customer = await startMockCustomer({ tls: 'self-signed' }).catch(async (err: unknown) => {
    await platform.close();
    throw err;
  });
  const raw = {
    ...platform.profile,
    customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl },
  };
  return {
    profile: resolveProfile(raw, 'the embedded profile', overrides),
    async close() {
      await Promise.all([platform.close({ graceMs: 500 }), customer.close({ graceMs: 500 })]);
    },
  };
}
