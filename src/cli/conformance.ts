// The conformance commands: `platform`, `customer` and `run`. Each reads a profile (or, for `run`
// without one, starts the kit's own mocks), runs the cases, prints one line per case and a
// summary, writes the reports, and exits 0 / 1 / 2 / 3 (src/cli/exit-codes.ts).
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { selectCases } from '../cases/select.js';
import { TargetUnreachable } from '../client/transport-error.js';
import {
  loadProfile,
  type PlatformProfile,
  type Profile,
  type ProfileOverrides,
} from '../profile/profile.js';
import { renderConsole, writeReports } from '../report/render/index.js';
import { assembleReport } from '../run/assemble.js';
import { startEmbeddedTargets } from '../run/embedded.js';
import { allCases, runCustomerSide, runPlatformSide, type SideOutcome } from '../run/sides.js';
import { EXIT, UserError } from './exit-codes.js';

type Which = 'platform' | 'customer' | 'run';

const COMMON = `  --profile FILE     the target profile (JSON; see docs/profile.md)
  --strict           SHOULD cases fail the gate too (MUST cases always do)
  --report-dir DIR   write junit.xml, report.json and report.html there
  --seed N           seed of the property cases (printed on every run)
  --runs N           runs per property case (default 50)
  --path P           replay one property counterexample (with the --seed it was found with)
  --only PATTERN     only cases whose id starts with PATTERN or matches a glob (comma-separated)
  --list             list the cases (id, level, clause, title) and exit
  --ca FILE          trust this CA for the target's certificate
  --insecure         accept any certificate (self-signed test targets)
  --timeout-ms N     timeout of every request (default: the profile's timeoutMs, else 10000)
  --max-body-bytes N most bytes of a body the kit reads, answers and pushes (default: the
                     profile's maxBodyBytes, else 1048576); a bigger body fails its case
  --max-auth-failures N       most requests with wrong credentials the run sends (default: the
                              profile's platform.maxAuthFailures, else 20); the rest are skipped
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
https:// URL, or TLS failed (an untrusted certificate).`,
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
      /^--(seed|runs|timeout-ms|max-body-bytes|max-auth-failures)$/.test(arg) &&
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
      seed: { type: 'string' },
      runs: { type: 'string' },
      path: { type: 'string' },
      only: { type: 'string' },
      list: { type: 'boolean', default: false },
      ca: { type: 'string' },
      insecure: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'max-auth-failures': { type: 'string' },
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

function integer(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(text) || Number(text) < min)
    throw new UserError(`--${name} takes a whole number ≥ ${min}`);
  return Number(text);
}

export async function runConformance(
  which: Which,
  argv: string[],
  out: (line: string) => void,
): Promise<number> {
  const v = parse(which, argv);
  if (v.help) {
    out(USAGES[which]);
    return EXIT.ok;
  }
  const seed = integer('seed', v.seed, -(2 ** 31)) ?? randomInt(0, 2 ** 31 - 1);
  const runs = integer('runs', v.runs, 1) ?? 50;
  const timeoutMs = integer('timeout-ms', v['timeout-ms'], 1);
  const maxBodyBytes = integer('max-body-bytes', v['max-body-bytes'], 1024);
  const maxAuthFailures = integer('max-auth-failures', v['max-auth-failures'], 0);
  const color = !v['no-color'] && process.stdout.isTTY === true;

  if (v.list) {
    const sides = which === 'run' ? ['platform', 'customer'] : [which];
    for (const c of selectCases(allCases(), v.only).filter((c) => sides.includes(c.side))) {
      out(`${c.level.padEnd(6)} ${c.id}  ${c.clause}  ${c.title}`);
    }
    return EXIT.ok;
  }

  const overrides: ProfileOverrides = {
    ...(v.url ? { url: v.url } : {}),
    ...(v['uplink-url'] ? { uplinkUrl: v['uplink-url'] } : {}),
    ...(v['report-url'] ? { reportUrl: v['report-url'] } : {}),
    ...(v.ca ? { ca: v.ca } : {}),
    ...(v.insecure !== undefined ? { insecure: v.insecure } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(maxAuthFailures !== undefined ? { maxAuthFailures } : {}),
    ...(v['no-property-auth-faults'] ? { noPropertyAuthFaults: true } : {}),
  };
  if (!v.profile && which !== 'run') throw new UserError(`${which} needs --profile FILE (see --help)`);

  const startedAt = new Date();
  const embedded = !v.profile ? await startEmbeddedTargets(overrides) : undefined;
  try {
    const profile: Profile = embedded ? embedded.profile : loadProfile(v.profile as string, overrides);
    const base = embedded
      ? 'npx iot-sms-conformance run'
      : `npx iot-sms-conformance ${which} --profile ${v.profile}`;
    const rerun = (id: string) => `${base} --only ${id} --seed ${seed}${v.strict ? ' --strict' : ''}`;
    const options = {
      seed,
      runs,
      ...(v.only ? { only: v.only } : {}),
      ...(v.path ? { path: v.path } : {}),
      rerun,
    };

    const wantPlatform = which !== 'customer';
    const wantCustomer = which !== 'platform';
    if (wantPlatform && !profile.platform && which === 'platform')
      throw new UserError('the profile has no platform section');
    if (wantCustomer && !profile.customer && which === 'customer') {
      throw new UserError('the profile has no customer section (or --uplink-url / --report-url)');
    }
    const outcomes: SideOutcome[] = [];
    try {
      if (wantPlatform && profile.platform) {
        outcomes.push(await runPlatformSide(profile as Profile & { platform: PlatformProfile }, options));
      }
      if (wantCustomer && profile.customer) outcomes.push(await runCustomerSide(profile, options));
    } catch (err) {
      if (err instanceof TargetUnreachable) throw new UserError(err.message, EXIT.unreachable);
      throw err;
    }
    const notes = outcomes.flatMap((o) => o.notes);
    if (which === 'run' && !profile.platform)
      notes.push('the profile has no platform section: the platform suite is skipped');
    if (which === 'run' && !profile.customer)
      notes.push('the profile has no customer section: the customer suite is skipped');
    const budget = outcomes.find((o) => o.budget)?.budget;
    const report = assembleReport({
      startedAt,
      command: ['iot-sms-conformance', which, ...argv].join(' '),
      strict: v.strict ?? false,
      seed,
      embedded: embedded !== undefined,
      targets: {
        ...(profile.platform ? { platform: profile.platform.url } : {}),
        ...(profile.customer?.uplinkUrl ? { uplinkUrl: profile.customer.uplinkUrl } : {}),
        ...(profile.customer?.reportUrl ? { reportUrl: profile.customer.reportUrl } : {}),
      },
      ...(budget ? { budget } : {}),
      notes,
      results: outcomes.flatMap((o) => o.results),
    });
    if (report.cases.length === 0) throw new UserError(`no case matches --only ${v.only ?? ''}`);
    out(renderConsole(report, { color }).trimEnd());
    if (v['report-dir']) {
      const written = await writeReports(report, v['report-dir']);
      out(`reports: ${written.junit}, ${written.json}, ${written.html}`);
    } else out('reports: none written (--report-dir DIR writes junit.xml, report.json and report.html)');
    return report.gate.exitCode;
  } finally {
    await embedded?.close();
  }
}
