// The target profile: read, validated against its schema (one-line errors), overrides applied,
// defaults filled. A password given by environment variable is read when the profile is, but an
// unset one stops only a run that sends it (requireSecrets): the customer suite, a plan, a mock never ask.
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { validate as generatedProfileValidator } from '../../generated/validators/profile.js';
import { KitError } from '../core/errors.js';
import type { TlsMaterial } from '../http/listen.js';
import { createSelfSignedCertificate } from '../http/self-signed.js';
import { describeProfileError } from './profile-errors.js';

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
  /** Numbers the platform accepts that reach no one you mind; [] when the profile gives none. */
  sinkMobiles: string[];
  maxAcceptedMessages: number;
  /** Recipients the property runs of valid requests may get accepted (within maxAcceptedMessages). */
  validRunsBudget: number;
  uplinkTrigger?: { url: string; headers?: Record<string, string> };
  /** Most wrong-credential requests the run sends (an account may lock). */
  maxAuthFailures: number;
  /** Whether property cases draw faults on account and password. */
  propertyAuthFaults: boolean;
  /** Most platform cases sending at once (1: one after another, in declared order). */
  maxConcurrentSends: number;
}

export interface CustomerProfile {
  uplinkUrl: string | null;
  reportUrl: string | null;
  burst: number;
}

export interface Profile {
  platform?: PlatformProfile;
  customer?: CustomerProfile;
  callbackReceiver: {
    listen: string;
    publicUrl: string | null;
    /** HTTPS: the certificate and key (PEM) the receiver serves; absent for plain HTTP. */
    tls?: TlsMaterial;
  };
  statusReportWaitMs: number;
  tls: { ca: string | null; insecure: boolean };
  timeoutMs: number;
  /** Most bytes of any body the kit reads (answers, pushes). */
  maxBodyBytes: number;
  /** Passwords the profile names by an environment variable that is not set (their fields hold ''). */
  unsetSecrets: UnsetSecret[];
}

/** Where a profile's password comes from, when its variable is not set. */
export interface UnsetSecret {
  /** `platform` or `platform.disabledAccount`: whose password. */
  field: SecretField;
  /** The environment variable its passwordEnv names. */
  variable: string;
}

export type SecretField = 'platform' | 'platform.disabledAccount';

/** `callbackReceiver.tls` as written: PEM files, or a certificate made at start. */
type RawReceiverTls = { cert: string; key: string } | { selfSigned: true } | null;

/** The file as written: passwords may be given by environment variable name. */
interface RawCredentials {
  account: string;
  password?: string;
  passwordEnv?: string;
}
interface RawProfile {
  platform?: Omit<
    PlatformProfile,
    | 'password'
    | 'disabledAccount'
    | 'uplinkTrigger'
    | 'sinkMobiles'
    | 'validRunsBudget'
    | 'maxAuthFailures'
    | 'propertyAuthFaults'
    | 'maxConcurrentSends'
  > &
    RawCredentials & {
      sinkMobiles?: string[];
      validRunsBudget?: number;
      maxAuthFailures?: number;
      propertyAuthFaults?: boolean;
      maxConcurrentSends?: number;
      disabledAccount?: RawCredentials | null;
      uplinkTrigger?: PlatformProfile['uplinkTrigger'] | null;
    };
  customer?: { uplinkUrl?: string | null; reportUrl?: string | null; burst?: number };
  callbackReceiver?: { listen?: string; publicUrl?: string | null; tls?: RawReceiverTls };
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
  maxConcurrentSends?: number;
}

/** profile.schema.json compiled by `npm run generate` with the options of profile-ajv.ts. */
const validateProfile = generatedProfileValidator as unknown as ValidateFunction<RawProfile>;

/** The password as given, or read from its variable; '' (and noted in `unset`) when that is not set. */
function secret(c: RawCredentials, field: SecretField, unset: UnsetSecret[]): string {
  if (c.password !== undefined) return c.password;
  const variable = c.passwordEnv ?? '';
  const value = process.env[variable];
  if (value) return value;
  unset.push({ field, variable });
  return '';
}

/**
 * Stops a run that needs passwords its profile names by unset variables: one line naming the
 * field, the variable and what needs it (`who`: "the platform suite").
 */
export function requireSecrets(profile: Profile, fields: readonly SecretField[], who: string): void {
  const missing = profile.unsetSecrets.find((s) => fields.includes(s.field));
  if (missing)
    throw new KitError(
      'secret',
      `${who} needs the password of ${missing.field}: its passwordEnv names ${missing.variable}, which is not set in the environment`,
      `${missing.field}.passwordEnv`,
    );
}

export const PROFILE_DEFAULTS = {
  callbackReceiver: { listen: '127.0.0.1:0', publicUrl: null },
  statusReportWaitMs: 30_000,
  tls: { ca: null, insecure: false },
  timeoutMs: 10_000,
  burst: 50,
  validRunsBudget: 10,
  maxBodyBytes: 1024 * 1024,
  maxAuthFailures: 20,
  maxConcurrentSends: 4,
} as const;

function readPemFile(field: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new KitError(
      'profile',
      `cannot read ${field} ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** The receiver's certificate: read from the files, or made now for the hosts it is reached at. */
function receiverTlsMaterial(
  tls: NonNullable<RawReceiverTls>,
  receiver: { listen: string; publicUrl: string | null },
): TlsMaterial {
  if ('cert' in tls)
    return {
      cert: readPemFile('callbackReceiver.tls.cert', tls.cert),
      key: readPemFile('callbackReceiver.tls.key', tls.key),
    };
  const hosts = ['localhost', '127.0.0.1', '::1'];
  const listenHost = receiver.listen.replace(/:[0-9]+$/, '').replace(/^\[|\]$/g, '');
  if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') hosts.push(listenHost);
  if (receiver.publicUrl) hosts.push(new URL(receiver.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  return createSelfSignedCertificate({
    commonName: 'iot-sms-conformance callback receiver',
    altNames: [...new Set(hosts)],
  });
}

/** Checks a parsed profile and resolves it; `source` names it in errors. */
export function resolveProfile(raw: unknown, source: string, overrides: ProfileOverrides = {}): Profile {
  if (!validateProfile(raw)) {
    const [first] = validateProfile.errors ?? [];
    throw new KitError(
      'profile',
      `${source}: ${first ? describeProfileError(first, validateProfile.errors ?? [], raw) : 'invalid profile'}`,
    );
  }
  const p = raw;
  const { tls: receiverTls, ...receiver } = p.callbackReceiver ?? {};
  const callbackReceiver: Profile['callbackReceiver'] = { ...PROFILE_DEFAULTS.callbackReceiver, ...receiver };
  if (receiverTls) {
    if (callbackReceiver.publicUrl?.startsWith('http://'))
      throw new KitError(
        'profile',
        `${source}: callbackReceiver.publicUrl is http:// but callbackReceiver.tls makes the receiver speak HTTPS`,
      );
    callbackReceiver.tls = receiverTlsMaterial(receiverTls, callbackReceiver);
  }
  const unsetSecrets: UnsetSecret[] = [];
  const profile: Profile = {
    unsetSecrets,
    callbackReceiver,
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
      sinkMobiles: rest.sinkMobiles ?? [],
      validRunsBudget: rest.validRunsBudget ?? PROFILE_DEFAULTS.validRunsBudget,
      ...(uplinkTrigger ? { uplinkTrigger } : {}),
      url: (overrides.url ?? rest.url).replace(/\/+$/, ''),
      maxAuthFailures: overrides.maxAuthFailures ?? rest.maxAuthFailures ?? PROFILE_DEFAULTS.maxAuthFailures,
      propertyAuthFaults: overrides.noPropertyAuthFaults ? false : (rest.propertyAuthFaults ?? true),
      maxConcurrentSends:
        overrides.maxConcurrentSends ?? rest.maxConcurrentSends ?? PROFILE_DEFAULTS.maxConcurrentSends,
      password: secret(p.platform, 'platform', unsetSecrets),
      ...(disabledAccount
        ? {
            disabledAccount: {
              account: disabledAccount.account,
              password: secret(disabledAccount, 'platform.disabledAccount', unsetSecrets),
            },
          }
        : {}),
    };
  } else if (overrides.url) {
    throw new KitError(
      'profile',
      'a platform URL needs a platform section in the profile (account, templates, mobiles, budget)',
      'url',
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
    throw new KitError(
      'profile',
      `cannot read the profile ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new KitError('profile', `the profile ${file} is not JSON: ${(err as Error).message}`);
  }
  return resolveProfile(raw, file, overrides);
}

/** Every secret a profile holds (the ones set), for the redactor. */
export function secretsOf(profile: Profile): string[] {
  return [profile.platform?.password, profile.platform?.disabledAccount?.password].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
}

/** The profile of a front end's options: a file to read, or a value already parsed. */
export function profileFrom(given: string | object, overrides: ProfileOverrides = {}): Profile {
  return typeof given === 'string'
    ? loadProfile(given, overrides)
    : resolveProfile(given, 'the profile given', overrides);
}
