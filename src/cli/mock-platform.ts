// `iot-sms-conformance mock-platform`: the mock platform from the command line. Prints the URL it
// listens on and the target profile (JSON), serves until SIGINT/SIGTERM, then stops accepting and
// lets pushes in flight finish within a grace period.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadPlatformConfigFile, type PlatformConfigInput } from '../mock/platform/config.js';
import type { TargetProfile } from '../mock/platform/profile.js';
import { type MockPlatform, type MockPlatformOptions, startMockPlatform } from '../mock/platform/server.js';
import { listenError, oneLine, parsePort, readPem } from './args.js';
import { EXIT, UserError } from './exit-codes.js';
import { untilShutdownSignal } from './signals.js';

export const MOCK_PLATFORM_USAGE = `Usage: iot-sms-conformance mock-platform [--config FILE] [--host H] [--port N] [--http] [--cert F --key F] [--profile-out FILE]

Serves POST /common/sms/sendTemplateMessage as the spec says, pushes status reports and injected
uplink SMS with retries, and offers an admin API under /__mock/. Prints its URL and a target
profile (JSON) for a test run, then serves until SIGINT or SIGTERM.
  --config FILE       accounts, signatures, templates, delivery and retry settings (JSON; see
                      src/mock/platform/config.schema.json); default: the built-in configuration
  --host H            address to listen on (default 127.0.0.1)
  --port N            port (default 0: a free one)
  --http              plain HTTP instead of HTTPS with a self-signed certificate made at start
  --cert F --key F    serve HTTPS with this certificate and key (PEM)
  --profile-out FILE  also write the target profile to FILE
Exit codes: 0 stopped by a signal, 2 bad flags, unreadable or invalid config, cannot listen.`;

/** The flags of `mock-platform`, parsed (an unknown flag or a positional is refused). */
function parseMockFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      http: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      'profile-out': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  }).values;
}

type MockFlags = ReturnType<typeof parseMockFlags>;

/** Refuses --cert without --key (or the other way round), and a certificate with --http. */
function refuseFlagClashes(values: MockFlags): void {
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UserError('--cert and --key go together');
  if (values.http && values.cert !== undefined)
    throw new UserError('--http serves no certificate; drop --cert/--key');
}

/** The --config file as written (the built-in configuration without one); an invalid one is a user error. */
function loadConfig(file: string | undefined): PlatformConfigInput {
  try {
    return file !== undefined ? loadPlatformConfigFile(file) : {};
  } catch (err) {
    throw err instanceof ConfigError ? new UserError(oneLine(err.message)) : err;
  }
}

/** How the mock serves: plain HTTP, the --cert/--key pair, or a self-signed certificate. */
function platformTls(values: MockFlags): MockPlatformOptions['tls'] {
  if (values.http === true) return false;
  if (values.cert !== undefined && values.key !== undefined)
    return { cert: readPem('--cert', values.cert), key: readPem('--key', values.key) };
  return 'self-signed';
}

/** Starts the mock, or says in one line why its config, its certificate or its address does not work. */
async function startOrExplain(
  options: MockPlatformOptions & { host: string; port: number },
): Promise<MockPlatform> {
  try {
    return await startMockPlatform(options);
  } catch (err) {
    if (err instanceof ConfigError) throw new UserError(oneLine(err.message));
    if (typeof options.tls === 'object' && !(err as NodeJS.ErrnoException).syscall)
      throw new UserError(`cannot serve with --cert/--key: ${oneLine((err as Error).message)}`);
    throw listenError(err, options.host, options.port);
  }
}

/** Writes the printed profile to --profile-out; when it cannot, stops the mock at once and says why. */
async function writeProfile(platform: MockPlatform, file: string, profileJson: string): Promise<void> {
  try {
    writeFileSync(file, `${profileJson}\n`);
  } catch (err) {
    await platform.close({ graceMs: 0 });
    throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

export async function runMockPlatform(argv: string[], out: (line: string) => void): Promise<number> {
  const values = parseMockFlags(argv);
  if (values.help) {
    out(MOCK_PLATFORM_USAGE);
    return EXIT.ok;
  }
  const port = parsePort(values.port);
  refuseFlagClashes(values);
  const config = loadConfig(values.config);
  const tls = platformTls(values);
  const platform = await startOrExplain({ config, host: values.host, port, tls });
  const profileJson = JSON.stringify(printableProfile(platform.profile), null, 2);
  out(`mock-platform listening on ${platform.baseUrl}`);
  out(profileJson);
  if (values['profile-out'] !== undefined) await writeProfile(platform, values['profile-out'], profileJson);
  const signal = await untilShutdownSignal();
  process.stderr.write(`mock-platform: ${signal}, stopping\n`);
  await platform.close();
  return EXIT.ok;
}

const PASSWORD_ENV = 'IOT_SMS_MOCK_PASSWORD';
const DISABLED_PASSWORD_ENV = 'IOT_SMS_MOCK_DISABLED_PASSWORD';

/**
 * The profile as printed or written: the kit never prints a password, so the profile names
 * environment variables to hold them (the passwords the config gives these accounts).
 */
function printableProfile(profile: TargetProfile): unknown {
  const { password: _password, disabledAccount, ...platform } = profile.platform;
  return {
    ...profile,
    platform: {
      ...platform,
      passwordEnv: PASSWORD_ENV,
      disabledAccount: disabledAccount
        ? { account: disabledAccount.account, passwordEnv: DISABLED_PASSWORD_ENV }
        : null,
    },
  };
}
