// The target profile: read, validated against its schema (one-line errors), secrets resolved from
// the environment, command-line overrides applied, defaults filled.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import ajv2020Module from 'ajv/dist/2020.js';
import { UserError } from '../cli/exit-codes.js';
import profileSchema from './profile.schema.json' with { type: 'json' };

export interface TemplateVariable {
  name: string;
  maxLength: number;
}
export interface TemplateProfile {
  id: string;
  variables?: TemplateVariable[];
}
export interface Credentials {
  account: string;
  password: string;
}

export interface PlatformProfile extends Credentials {
  url: string;
  disabledAccount?: Credentials;
  signature: string;
  templates: TemplateProfile[];
  mobiles: string[];
  maxAcceptedMessages: number;
  uplinkTrigger?: { url: string; headers?: Record<string, string> };
  /** Most wrong-credential requests the run sends (an account may lock). */
  maxAuthFailures: number;
  /** Whether property cases draw faults on account and password. */
  propertyAuthFaults: boolean;
}

export interface CustomerProfile {
  uplinkUrl: string | null;
  reportUrl: string | null;
  burst: number;
}

export interface Profile {
  platform?: PlatformProfile;
  customer?: CustomerProfile;
  callbackReceiver: { listen: string; publicUrl: string | null };
  statusReportWaitMs: number;
  tls: { ca: string | null; insecure: boolean };
  timeoutMs: number;
  /** Most bytes of any body the kit reads (answers, pushes). */
  maxBodyBytes: number;
}

/** The file as written: passwords may be given by environment variable name. */
interface RawCredentials {
  account: string;
  password?: string;
  passwordEnv?: string;
}
interface RawProfile {
  platform?: Omit<
    PlatformProfile,
    'password' | 'disabledAccount' | 'uplinkTrigger' | 'maxAuthFailures' | 'propertyAuthFaults'
  > &
    RawCredentials & {
      maxAuthFailures?: number;
      propertyAuthFaults?: boolean;
      disabledAccount?: RawCredentials | null;
      uplinkTrigger?: PlatformProfile['uplinkTrigger'] | null;
    };
  customer?: { uplinkUrl?: string | null; reportUrl?: string | null; burst?: number };
  callbackReceiver?: { listen?: string; publicUrl?: string | null };
  statusReportWaitMs?: number;
  tls?: { ca?: string | null; insecure?: boolean };
  timeoutMs?: number;
  maxBodyBytes?: number;
}

/** Command-line flags that override the profile's fields. */
export interface ProfileOverrides {
  url?: string;
  uplinkUrl?: string;
  reportUrl?: string;
  ca?: string;
  insecure?: boolean;
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxAuthFailures?: number;
  /** Leave faults on account and password out of the property cases. */
  noPropertyAuthFaults?: boolean;
}

const Ajv2020 = ajv2020Module.default;
const validateProfile = new Ajv2020({
  allErrors: false,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
}).compile<RawProfile>(profileSchema);

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the profile';
  if (e.keyword === 'required') return `${where} needs ${String(e.params.missingProperty)}`;
  if (e.keyword === 'additionalProperties')
    return `${where} has an unknown field ${String(e.params.additionalProperty)}`;
  if (e.keyword === 'anyOf') return `${where} needs password or passwordEnv`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

function secret(c: RawCredentials, where: string): string {
  if (c.password !== undefined) return c.password;
  const name = c.passwordEnv ?? '';
  const value = process.env[name];
  if (!value) throw new UserError(`${where}.passwordEnv names ${name}, which is not set in the environment`);
  return value;
}

export const PROFILE_DEFAULTS = {
  callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
  statusReportWaitMs: 30_000,
  tls: { ca: null, insecure: false },
  timeoutMs: 10_000,
  burst: 50,
  maxBodyBytes: 1024 * 1024,
  maxAuthFailures: 20,
} as const;

/** Checks a parsed profile and resolves it; `source` names it in errors. */
export function resolveProfile(raw: unknown, source: string, overrides: ProfileOverrides = {}): Profile {
  if (!validateProfile(raw)) {
    const [first] = validateProfile.errors ?? [];
    throw new UserError(`${source}: ${first ? describe(first) : 'invalid profile'}`);
  }
  const p = raw;
  const profile: Profile = {
    callbackReceiver: { ...PROFILE_DEFAULTS.callbackReceiver, ...p.callbackReceiver },
    statusReportWaitMs: p.statusReportWaitMs ?? PROFILE_DEFAULTS.statusReportWaitMs,
    tls: {
      ca: overrides.ca ?? p.tls?.ca ?? null,
      insecure: overrides.insecure ?? p.tls?.insecure ?? false,
    },
    timeoutMs: overrides.timeoutMs ?? p.timeoutMs ?? PROFILE_DEFAULTS.timeoutMs,
    maxBodyBytes: overrides.maxBodyBytes ?? p.maxBodyBytes ?? PROFILE_DEFAULTS.maxBodyBytes,
  };
  if (p.platform) {
    const { password: _p, passwordEnv: _e, disabledAccount, uplinkTrigger, ...rest } = p.platform;
    profile.platform = {
      ...rest,
      ...(uplinkTrigger ? { uplinkTrigger } : {}),
      url: (overrides.url ?? rest.url).replace(/\/+$/, ''),
      maxAuthFailures: overrides.maxAuthFailures ?? rest.maxAuthFailures ?? PROFILE_DEFAULTS.maxAuthFailures,
      propertyAuthFaults: overrides.noPropertyAuthFaults ? false : (rest.propertyAuthFaults ?? true),
      password: secret(p.platform, 'platform'),
      ...(disabledAccount
        ? {
            disabledAccount: {
              account: disabledAccount.account,
              password: secret(disabledAccount, 'platform.disabledAccount'),
            },
          }
        : {}),
    };
  } else if (overrides.url) {
    throw new UserError(
      `--url needs a platform section in the profile (account, templates, mobiles, budget)`,
    );
  }
  const uplinkUrl = overrides.uplinkUrl ?? p.customer?.uplinkUrl ?? null;
  const reportUrl = overrides.reportUrl ?? p.customer?.reportUrl ?? null;
  if (p.customer || uplinkUrl || reportUrl) {
    profile.customer = { uplinkUrl, reportUrl, burst: p.customer?.burst ?? PROFILE_DEFAULTS.burst };
  }
  return profile;
}

export function loadProfile(file: string, overrides: ProfileOverrides = {}): Profile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the profile ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UserError(`the profile ${file} is not JSON: ${(err as Error).message}`);
  }
  return resolveProfile(raw, file, overrides);
}

/** Every secret a profile holds, for the redactor. */
export function secretsOf(profile: Profile): string[] {
  return [profile.platform?.password, profile.platform?.disabledAccount?.password].filter(
    (s): s is string => typeof s === 'string',
  );
}
