// The mock platform's configuration: its JSON Schema (config.schema.json, compiled with ajv), the
// built-in default, and the checks a schema cannot state (limits the API imposes, placeholders
// that match variables). Errors are one line each, ready for the command line.
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { validate as generatedConfigValidator } from '../../../generated/validators/mock-platform-config.js';
import { codePointLength as codePoints } from '../../schema/length.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { KNOWN_STATUSES, SCHEMA_LIMITS } from '../limits.js';

export interface AccountConfig {
  account: string;
  password: string;
  /** A disabled account authenticates but is answered 100006 (§5.1). */
  disabled?: boolean;
}

export interface TemplateVariable {
  name: string;
  /** Longest value, in characters (code points, D7). */
  maxLength: number;
}

export interface TemplateConfig {
  id: string;
  /** The template's text, with `{name}` where each variable goes. */
  text: string;
  variables?: TemplateVariable[];
}

export interface DeliveryConfig {
  /** Time from acceptance to the status report. */
  delayMs: number;
  /** Relative weights of the §5.2 statuses a report carries. */
  statusWeights: Record<string, number>;
  seed: number;
  /** How long a report without statusCallback is kept (§2: one hour). */
  retentionMs: number;
  maxRetainedReports: number;
  maxConcurrentPushes: number;
  /**
   * Status reports mishandled on purpose, for load tests (fates.ts). Each report with a
   * statusCallback gets at most one fate, drawn when it falls due: a fraction is dropped (never
   * pushed, not kept), one pushed twice, one pushed lateDelayMs late. The three add up to at most 1.
   */
  loseFraction: number;
  duplicateFraction: number;
  lateFraction: number;
  /** The extra wait of a late report, beyond delayMs. */
  lateDelayMs: number;
  /** Most reports listed per fate by deliveryFate() and GET /__mock/fates (the counts stay exact). */
  maxFateRecords: number;
}

export interface RetryConfig {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait after the first failed attempt; each later wait is `factor` times the previous. */
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
  pushTimeoutMs: number;
}

/** How pushes check an https callback's certificate (default: verified, as §1.1's HTTPS means). */
export interface PushTlsConfig {
  /** Accept any certificate (a self-signed test endpoint), as the vendor's samples do. */
  insecure: boolean;
  /** A CA file (PEM) trusted besides the system's, e.g. the kit receiver's self-signed certificate. */
  ca: string | null;
}

export interface PlatformConfig {
  accounts: AccountConfig[];
  signatures: string[];
  templates: TemplateConfig[];
  uplink: { url: string | null };
  delivery: DeliveryConfig;
  retry: RetryConfig;
  pushTls: PushTlsConfig;
  journal: { maxEntries: number; maxBodyBytes: number };
  limits: { maxBodyBytes: number; maxJsonDepth: number; maxJsonValues: number };
  target: { mobiles: string[]; maxAcceptedMessages: number; statusReportWaitMs: number; timeoutMs: number };
}

/** A configuration as written: every section optional, objects merged over the default. */
export type PlatformConfigInput = {
  [K in keyof PlatformConfig]?: PlatformConfig[K] extends unknown[]
    ? PlatformConfig[K]
    : Partial<PlatformConfig[K]>;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PLATFORM_CONFIG: Readonly<PlatformConfig> = {
  accounts: [
    { account: 'acme', password: 's3cret' },
    { account: 'frozen', password: 's3cret', disabled: true },
  ],
  signatures: ['【ACME】'],
  templates: [
    { id: 'tpl_plain', text: 'Your parcel has been shipped.' },
    {
      id: 'tpl_code',
      text: 'Hello {name}, your verification code is {code}. It expires in 5 minutes.',
      variables: [
        { name: 'code', maxLength: 6 },
        { name: 'name', maxLength: 10 },
      ],
    },
  ],
  uplink: { url: null },
  delivery: {
    delayMs: 1_000,
    statusWeights: { DELIVRD: 90, UNDELIV: 3, EXPIRED: 2, REJECTD: 2, UNKNOWN: 1, NOROUTE: 1, DELETED: 1 },
    seed: 1,
    retentionMs: 3_600_000,
    maxRetainedReports: 100_000,
    maxConcurrentPushes: 32,
    loseFraction: 0,
    duplicateFraction: 0,
    lateFraction: 0,
    lateDelayMs: 60_000,
    maxFateRecords: 100_000,
  },
  retry: {
    attempts: 5,
    baseDelayMs: 1_000,
    factor: 2,
    maxDelayMs: 30_000,
    pushTimeoutMs: 5_000,
  },
  pushTls: { insecure: false, ca: null },
  journal: { maxEntries: 1_000, maxBodyBytes: 64 * 1024 },
  // 10 000 values hold the largest valid request several times over (20 × 100 mobiles, D13
  // aside) and keep validation cheap: ajv merges the errors of a $ref'd item by concatenation,
  // quadratic in their number (20 000 failing items take seconds).
  limits: { maxBodyBytes: 1024 * 1024, maxJsonDepth: 32, maxJsonValues: 10_000 },
  target: {
    mobiles: ['8613600000000', '13600000001'],
    maxAcceptedMessages: 200,
    statusReportWaitMs: 30_000,
    timeoutMs: 10_000,
  },
};

/** config.schema.json compiled by `npm run generate` with the options of config-ajv.ts. */
const validateConfig = generatedConfigValidator as unknown as ValidateFunction;

function schemaErrors(input: unknown): string | undefined {
  if (validateConfig(input)) return undefined;
  const error = validateConfig.errors?.[0];
  if (!error) return 'is not a valid configuration';
  const where = error.instancePath || '(top level)';
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return `${where} ${error.message ?? 'is invalid'}${extra ? ` (${JSON.stringify(extra)})` : ''}`;
}

const MOBILE_PATTERN = new RegExp(
  nodeAt(messageSchema('MtSmsMessage'), ['mobiles', '[]'])?.['x-should']?.pattern ?? '',
);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

/** The checks JSON Schema cannot state; the first failure, or undefined. */
function semanticError(config: PlatformConfig): string | undefined {
  const limits = SCHEMA_LIMITS;
  if (!config.accounts.some((a) => !a.disabled))
    return '/accounts needs at least one account that is not disabled';
  for (const [i, a] of config.accounts.entries()) {
    if (codePoints(a.account) > limits.account)
      return `/accounts/${i}/account is longer than the API allows (${limits.account} characters)`;
    if (codePoints(a.password) > limits.password)
      return `/accounts/${i}/password is longer than the API allows (${limits.password} characters)`;
  }
  for (const [i, s] of config.signatures.entries())
    if (codePoints(s) > limits.signature)
      return `/signatures/${i} is longer than the API allows (${limits.signature} characters)`;
  const ids = new Set<string>();
  for (const [i, t] of config.templates.entries()) {
    if (codePoints(t.id) > limits.templateId)
      return `/templates/${i}/id is longer than the API allows (${limits.templateId} characters)`;
    if (ids.has(t.id)) return `/templates/${i}/id ${JSON.stringify(t.id)} is used twice`;
    ids.add(t.id);
    const names = (t.variables ?? []).map((v) => v.name);
    if (new Set(names).size !== names.length) return `/templates/${i}/variables names a variable twice`;
    const used = new Set(placeholders(t.text));
    for (const name of names)
      if (!used.has(name))
        return `/templates/${i}/text has no {${name}} for its variable ${JSON.stringify(name)}`;
    for (const name of used)
      if (!names.includes(name))
        return `/templates/${i}/text uses {${name}}, which is not one of its variables`;
  }
  for (const status of Object.keys(config.delivery.statusWeights))
    if (!Object.hasOwn(KNOWN_STATUSES, status))
      return `/delivery/statusWeights/${status} is not a §5.2 status (${Object.keys(KNOWN_STATUSES).join(', ')})`;
  if (!Object.values(config.delivery.statusWeights).some((w) => w > 0))
    return '/delivery/statusWeights needs at least one positive weight';
  const { loseFraction, duplicateFraction, lateFraction } = config.delivery;
  if (loseFraction + duplicateFraction + lateFraction > 1)
    return '/delivery loseFraction + duplicateFraction + lateFraction must be at most 1 (a report gets one fate)';
  for (const [i, m] of config.target.mobiles.entries())
    if (codePoints(m) > limits.mobile || !MOBILE_PATTERN.test(m))
      return `/target/mobiles/${i} is not a mobile number of at most ${limits.mobile} digits`;
  return undefined;
}

function merged(input: PlatformConfigInput): PlatformConfig {
  const base = structuredClone(DEFAULT_PLATFORM_CONFIG) as PlatformConfig;
  return {
    accounts: input.accounts ?? base.accounts,
    signatures: input.signatures ?? base.signatures,
    templates: input.templates ?? base.templates,
    uplink: { ...base.uplink, ...input.uplink },
    delivery: {
      ...base.delivery,
      ...input.delivery,
      // Weights given replace the default weights entirely (a status left out is never drawn).
      statusWeights: input.delivery?.statusWeights ?? base.delivery.statusWeights,
    },
    retry: { ...base.retry, ...input.retry },
    pushTls: { ...base.pushTls, ...input.pushTls },
    journal: { ...base.journal, ...input.journal },
    limits: { ...base.limits, ...input.limits },
    target: { ...base.target, ...input.target },
  };
}

/** Validates a configuration (as written) and completes it with the defaults. */
export function resolvePlatformConfig(input: unknown = {}, source = 'config'): PlatformConfig {
  const problem = schemaErrors(input);
  if (problem) throw new ConfigError(`${source}: ${problem}`);
  const config = merged(structuredClone(input) as PlatformConfigInput);
  const semantic = semanticError(config);
  if (semantic) throw new ConfigError(`${source}: ${semantic}`);
  return config;
}

/** Reads, parses and resolves a configuration file. */
export function loadPlatformConfigFile(path: string): PlatformConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path} is not JSON: ${(err as Error).message}`);
  }
  return resolvePlatformConfig(input, `config ${path}`);
}
