// The kit's own targets, for the engine (src/engine/options.ts LocalTargets): the embedded default
// (the mock platform and the mock customer endpoint, with a profile for them) and the platform a
// spending plan runs against (the mock, configured to accept what the profile's platform accepts).
// The engine reaches them over HTTP only, as it reaches a real target.
import { KitError } from '../core/errors.js';
import type { LocalTargets } from '../engine/options.js';
import { ConfigError, type PlatformConfigInput, startMockPlatform } from '../mock/index.js';
import type { PlatformProfile } from '../profile/profile.js';
import { startEmbeddedTargets } from './embedded.js';

/** A mock platform configuration that accepts what the profile's platform accepts. */
function planConfigFor(platform: PlatformProfile, waitMs: number): PlatformConfigInput {
  return {
    accounts: [
      { account: platform.account, password: platform.password },
      ...(platform.disabledAccount ? [{ ...platform.disabledAccount, disabled: true }] : []),
    ],
    signatures: [platform.signature],
    templates: platform.templates.map((tpl) => ({
      id: tpl.id,
      text: (tpl.variables ?? []).map((v) => `{${v.name}}`).join(' ') || 'plan',
      ...(tpl.variables ? { variables: tpl.variables } : {}),
    })),
    delivery: { delayMs: 5 },
    retry: { baseDelayMs: 5, maxDelayMs: 50, pushTimeoutMs: 1_000 },
    target: { maxAcceptedMessages: platform.maxAcceptedMessages, statusReportWaitMs: waitMs },
  };
}

async function planPlatform(platform: PlatformProfile, waitMs: number) {
  try {
    const mock = await startMockPlatform({
      config: planConfigFor(platform, waitMs),
      tls: false,
      onError: () => {},
    });
    return { baseUrl: mock.baseUrl, close: () => mock.close({ graceMs: 0 }) };
  } catch (err) {
    if (err instanceof ConfigError)
      throw new KitError(
        'profile',
        `no spending plan: the profile's platform does not fit the kit's mock (${err.message})`,
      );
    throw err;
  }
}

/** The mocks as the engine's local targets. */
export const kitTargets: LocalTargets = { embedded: startEmbeddedTargets, planPlatform };
