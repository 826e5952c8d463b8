// `iot-sms-conformance mock-platform`: the mock platform from the command line. Prints the URL it
// listens on and the target profile (JSON), serves until SIGINT/SIGTERM, then stops accepting and
// lets pushes in flight finish within a grace period.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadPlatformConfigFile, type PlatformConfigInput } from '../mock/platform/config.js';
import type { TargetProfile } from '../mock/platform/profile.js';
import { type MockPlatform, startMockPlatform } from '../mock/platform/server.js';
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

export async function runMockPlatform(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
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
  });
  if (values.help) {
    out(MOCK_PLATFORM_USAGE);
    return EXIT.ok;
  }
  const port = parsePort(values.port);
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UserError('--cert and --key go together');
  if (values.http && values.cert !== undefined)
    throw new UserError('--http serves no certificate; drop --cert/--key');
  let config: PlatformConfigInput = {};
  try {
    if (values.config !== undefined) config = loadPlatformConfigFile(values.config);
  } catch (err) {
    throw err instanceof ConfigError ? new UserError(oneLine(err.message)) : err;
  }
  const tls =
    values.http === true
      ? false
      : values.cert !== undefined && values.key !== undefined
        ? { cert: readPem('--cert', values.cert), key: readPem('--key', values.key) }
        : 'self-signed';

  let platform: MockPlatform;
  try {
    platform = await startMockPlatform({ config, host: values.host, port, tls });
  } catch (err) {
    if (err instanceof ConfigError) throw new UserError(oneLine(err.message));
    if (typeof tls === 'object' && !(err as NodeJS.ErrnoException).syscall)
      throw new UserError(`cannot serve with --cert/--key: ${oneLine((err as Error).message)}`);
    throw listenError(err, values.host, port);
  }
  const profileJson = JSON.stringify(printableProfile(platform.profile), null, 2);
  out(`mock-platform listening on ${platform.baseUrl}`);
  out(profileJson);
  if (values['profile-out'] !== undefined) {
    try {
      writeFileSync(values['profile-out'], `${profileJson}\n`);
    } catch (err) {
      await platform.close({ graceMs: 0 });
      throw new UserError(
        `cannot write ${values['profile-out']}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
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
