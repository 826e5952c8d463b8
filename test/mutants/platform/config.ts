// The mock platform the mutant test runs against: the default one, with every value the profile
// pins put at its schema limit (a 30-character account, a 100-character password, a 36-character
// template id and signature, a 20-digit number), so that the at-limit cases run instead of
// skipping, and quick delivery and retries so that a run takes seconds.
import {
  DEFAULT_PLATFORM_CONFIG,
  type PlatformConfigInput,
  type TemplateConfig,
} from '../../../src/mock/index.js';

function padTo(value: string, length: number, filler: string): string {
  return value + filler.repeat(Math.max(0, length - [...value].length));
}

export const ACCOUNT = padTo('acme-kit-', 30, '0');
export const PASSWORD = padTo('s3cret-', 100, 'p');
export const DISABLED = { account: 'frozen', password: 's3cret' };
export const SIGNATURE = `【${padTo('ACME', 34, 'E')}】`;
export const PLAIN_TEMPLATE = padTo('tpl_plain_', 36, '0');
export const MOBILES = ['8613600000000', '13600000001', padTo('8613600000', 20, '0')];

function template(index: number): TemplateConfig {
  const found = DEFAULT_PLATFORM_CONFIG.templates[index];
  if (!found) throw new Error('the default mock configuration changed: two templates expected');
  return found;
}

export function mockConfig(statusReportWaitMs: number): PlatformConfigInput {
  return {
    accounts: [
      { account: ACCOUNT, password: PASSWORD },
      { ...DISABLED, disabled: true },
    ],
    signatures: [SIGNATURE],
    templates: [{ ...template(0), id: PLAIN_TEMPLATE }, template(1)],
    delivery: { delayMs: 20 },
    retry: { attempts: 4, baseDelayMs: 30, factor: 2, pushTimeoutMs: 300 },
    target: { mobiles: MOBILES, maxAcceptedMessages: 10_000, statusReportWaitMs },
  };
}
