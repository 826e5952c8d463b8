// The conformance commands' command line (`run`, `platform`, `customer`): their usage, their flags,
// and the engine's options the flags make. Nothing here runs anything.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { KitError } from '../core/errors.js';
import { parseDuration } from '../engine/deadline.js';
import { type ConformanceOptions, DEFAULT_RUNS } from '../engine/options.js';
import { parseShard } from '../engine/shard.js';
import { PROFILE_DEFAULTS, type ProfileOverrides } from '../profile/profile.js';
import { targetOverrides, wholeFlag } from './args.js';
import { UserError } from './exit-codes.js';

export type Which = 'platform' | 'customer' | 'run';

const COMMON = `  --profile FILE     the target profile (JSON; see docs/profile.md)
  --strict           SHOULD cases fail the gate too (MUST cases always do)
  --report-dir DIR   write junit.xml, report.json and report.html there
  --sign-key FILE    sign the reports with this Ed25519 private key (PEM): attestation.json
                     beside them, which verify-report checks (docs/signing.md)
  --seed N           seed of the property cases (printed on every run)
  --runs N           runs per property case (default ${DEFAULT_RUNS})
  --path P           replay one property counterexample (with the --seed it was found with)
  --only PATTERN     only cases whose id is PATTERN or starts with PATTERN. (a family), or
                     matches a glob with * (comma-separated)
  --list             list the cases (id, level, clause, title) and exit
  --plan             print the recipients each family of platform cases would get accepted, on
                     the profile's phones and on its sink numbers, and exit (nothing is sent)
  --frugal           skip the cases that need many recipients when the profile has no
                     platform.sinkMobiles, instead of sending them to the profile's phones
  --ca FILE          trust this CA for the target's certificate
  --insecure         accept any certificate (self-signed test targets)
  --timeout-ms N     timeout of every request (default: the profile's timeoutMs, else ${PROFILE_DEFAULTS.timeoutMs})
  --deadline T       end the run after T (seconds, or 90s, 15m, 1h); the cases left are reported
                     as not run (exit 4). Default: timeout-ms × cases (at most 1 h), plus
                     4 × statusReportWaitMs for the platform side
  --concurrency N    cases in progress at once, and the customer property cases' pushes in
                     flight (default: the suite's plan; 1: one after another)
  --max-concurrent-sends N    platform cases sending at once (default: the profile's
                              platform.maxConcurrentSends, else ${PROFILE_DEFAULTS.maxConcurrentSends}; 1: in declared order)
  --shard i/N        run the i-th of N parts of the selected cases (each side split in turn), with
                     an N-th of the profile's caps; merge the parts' report.json files with
                     merge-reports
  --max-body-bytes N most bytes of a body the kit reads, answers and pushes (default: the
                     profile's maxBodyBytes, else ${PROFILE_DEFAULTS.maxBodyBytes}); a bigger body fails its case
  --max-auth-failures N       most requests with wrong credentials the run sends (default: the
                              profile's platform.maxAuthFailures, else ${PROFILE_DEFAULTS.maxAuthFailures}); the rest are skipped
  --no-property-auth-faults   property cases draw no fault on account or password
  --no-color         plain console output`;

export const USAGES: Record<Which, string> = {
  platform: `Usage: iot-sms-conformance platform --profile FILE [options]

Runs the platform conformance suite against the platform of the profile (sendTemplateMessage,
status reports, uplink). Options:
  --url URL          the platform's base URL (overrides platform.url)
${COMMON}
Exit codes: 0 conformant, 1 a MUST case failed (or SHOULD with --strict), 2 usage or profile error
(an unreadable --ca file included), 3 before any case: the target refused the connection, could not
be resolved, gave no answer within the timeout, answered an HTML page, spoke plain HTTP to an
https:// URL, or TLS failed (an untrusted certificate); 4 the deadline passed with cases not run
(and none failed), 130 / 143 stopped by SIGINT / SIGTERM (the reports are written, marked
interrupted).`,
  customer: `Usage: iot-sms-conformance customer --profile FILE [options]

Runs the customer callback suite: the kit plays the platform and pushes to the customer's URLs.
  --uplink-url URL   the customer's notifySmsMessage URL (overrides customer.uplinkUrl)
  --report-url URL   the customer's notifyReportMessage URL (overrides customer.reportUrl)
${COMMON}
Exit codes: as for platform.`,
  run: `Usage: iot-sms-conformance run [--profile FILE] [options]

Runs every suite the profile configures. Without a profile it starts the kit's own mock platform
and mock customer endpoint and runs every suite against them (the embedded default).
  --url, --uplink-url, --report-url   as for the platform and customer commands
${COMMON}
Exit codes: as for platform.`,
};

/** `--runs -5` as `--runs=-5`: a negative number is a value (then refused as such), not an option. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (
      /^--(seed|runs|timeout-ms|max-body-bytes|max-auth-failures|max-concurrent-sends)$/.test(arg) &&
      next &&
      /^-[0-9]/.test(next)
    ) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function parse(which: Which, argv: string[]) {
  const { values } = parseArgs({
    args: joinNegativeValues(argv),
    allowPositionals: false,
    options: {
      profile: { type: 'string' },
      strict: { type: 'boolean', default: false },
      'report-dir': { type: 'string' },
      'sign-key': { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      path: { type: 'string' },
      only: { type: 'string' },
      list: { type: 'boolean', default: false },
      plan: { type: 'boolean', default: false },
      frugal: { type: 'boolean', default: false },
      shard: { type: 'string' },
      ca: { type: 'string' },
      insecure: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      deadline: { type: 'string' },
      concurrency: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'max-auth-failures': { type: 'string' },
      'max-concurrent-sends': { type: 'string' },
      'no-property-auth-faults': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      url: { type: 'string' },
      'uplink-url': { type: 'string' },
      'report-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (which === 'customer' && values.url)
    throw new UserError('--url is for the platform; use --uplink-url / --report-url');
  if (which === 'platform' && (values['uplink-url'] || values['report-url'])) {
    throw new UserError('--uplink-url / --report-url are for the customer command');
  }
  return values;
}

/** A flag's value read by a lower layer: its error, said of the flag. */
function flag<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof KitError) throw new UserError(`${name}: ${err.message}`);
    throw err;
  }
}

function integer(name: string, text: string | undefined, min: number): number | undefined {
  return wholeFlag(`--${name}`, text, min);
}

/** A word the shell reads back as it is: quoted unless it is plainly safe. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The flags of this run a rerun needs to reach the same target the same way. */
function carried(v: ReturnType<typeof parse>): string {
  const flags: string[] = [];
  for (const name of ['url', 'uplink-url', 'report-url', 'ca', 'timeout-ms', 'runs'] as const) {
    const value = v[name];
    if (value !== undefined) flags.push(`--${name} ${shellWord(value)}`);
  }
  if (v.insecure) flags.push('--insecure');
  return flags.map((f) => ` ${f}`).join('');
}

function overridesOf(v: ReturnType<typeof parse>): ProfileOverrides {
  const maxAuthFailures = integer('max-auth-failures', v['max-auth-failures'], 0);
  const maxConcurrentSends = integer('max-concurrent-sends', v['max-concurrent-sends'], 1);
  if (maxConcurrentSends !== undefined && maxConcurrentSends > 64)
    throw new UserError('--max-concurrent-sends takes a whole number from 1 to 64');
  return {
    ...targetOverrides(v),
    ...(maxAuthFailures !== undefined ? { maxAuthFailures } : {}),
    ...(maxConcurrentSends !== undefined ? { maxConcurrentSends } : {}),
    ...(v['no-property-auth-faults'] ? { noPropertyAuthFaults: true } : {}),
  };
}

/** What a conformance command asks for: the engine's options, and what only the command line does. */
export interface CommandLine {
  help: boolean;
  list: boolean;
  plan: boolean;
  color: boolean;
  reportDir?: string;
  /** The Ed25519 private key (a PEM file) the reports are signed with. */
  signKey?: string;
  options: ConformanceOptions & { seed: number };
}

export function commandLine(which: Which, argv: string[]): CommandLine {
  const v = parse(which, argv);
  const seed = integer('seed', v.seed, -(2 ** 31)) ?? randomInt(0, 2 ** 31 - 1);
  const runs = integer('runs', v.runs, 1);
  const concurrency = integer('concurrency', v.concurrency, 1);
  const deadlineMs = v.deadline === undefined ? undefined : parseDuration(v.deadline);
  if (v.deadline !== undefined && deadlineMs === undefined)
    throw new UserError('--deadline takes a duration: seconds (90), or 90s, 15m, 1h');
  const shard = v.shard === undefined ? undefined : flag('--shard', () => parseShard(v.shard as string));
  if (!v.help && !v.list && !v.profile && which !== 'run')
    throw new UserError(`${which} needs --profile FILE (see --help)`);
  if (v['sign-key'] && !v['report-dir'] && !v.help && !v.list && !v.plan)
    throw new UserError('--sign-key signs the reports: it needs --report-dir DIR');
  const base = v.profile
    ? `npx iot-sms-conformance ${which} --profile ${shellWord(v.profile)}${carried(v)}`
    : `npx iot-sms-conformance run${carried(v)}`;
  return {
    help: v.help ?? false,
    list: v.list ?? false,
    plan: v.plan ?? false,
    color: !v['no-color'] && process.stdout.isTTY === true,
    ...(v['report-dir'] ? { reportDir: v['report-dir'] } : {}),
    ...(v['sign-key'] ? { signKey: v['sign-key'] } : {}),
    options: {
      ...(v.profile ? { profile: v.profile } : {}),
      overrides: overridesOf(v),
      suite: which === 'run' ? 'both' : which,
      seed,
      ...(runs !== undefined ? { runs } : {}),
      ...(v.path ? { path: v.path } : {}),
      ...(v.only ? { only: v.only } : {}),
      ...(shard ? { shard } : {}),
      ...(v.frugal ? { frugal: true } : {}),
      strict: v.strict ?? false,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      command: ['iot-sms-conformance', which, ...argv].join(' '),
      rerun: (id) => `${base} --only ${id} --seed ${seed}${v.strict ? ' --strict' : ''}`,
    },
  };
}
