// The conformance commands: `platform`, `customer` and `run`. Each reads a profile (or, for `run`
// without one, starts the kit's own mocks), runs the cases, prints one line per case as it
// finishes and a summary at the end, writes the reports, and exits 0 / 1 / 2 / 3, or 4 when its
// deadline passed, 130 / 143 when SIGINT / SIGTERM stopped it (src/cli/exit-codes.ts). A stopped
// run still writes its reports, marked interrupted, with the cases left reported as not run.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { requirementOf } from '../cases/requirement.js';
import type { CaseResult, Side } from '../cases/types.js';
import { KitError } from '../core/errors.js';
import { assembleReport } from '../engine/assemble.js';
import { defaultDeadlineMs, formatDuration, parseDuration } from '../engine/deadline.js';
import { startEmbeddedTargets } from '../engine/embedded.js';
import { familiesWithPlan, planPlatformSpend, renderPlan, type SpendPlan } from '../engine/plan.js';
import { preflight } from '../engine/preflight.js';
import { parseShard } from '../engine/shard.js';
import {
  DEFAULT_RUNS,
  runCustomerSide,
  runPlatformSide,
  type SideOutcome,
  selectedCasesOf,
} from '../engine/sides.js';
import {
  loadProfile,
  type PlatformProfile,
  PROFILE_DEFAULTS,
  type Profile,
  type ProfileOverrides,
} from '../profile/profile.js';
import {
  idWidthOf,
  renderConsoleProgress,
  renderConsoleSummary,
  writeReports,
} from '../report/render/index.js';
import type { StopReason } from '../report/types.js';
import { EXIT, OUTCOME_EXIT, UserError } from './exit-codes.js';

type Which = 'platform' | 'customer' | 'run';

const COMMON = `  --profile FILE     the target profile (JSON; see docs/profile.md)
  --strict           SHOULD cases fail the gate too (MUST cases always do)
  --report-dir DIR   write junit.xml, report.json and report.html there
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
  --concurrency N    cases in progress at once (default: the suite's plan; 1: one after another)
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
  if (text === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(text) || Number(text) < min)
    throw new UserError(`--${name} takes a whole number ≥ ${min}`);
  return Number(text);
}

/**
 * What ends a run early: the deadline, SIGINT or SIGTERM. Each aborts `signal` with its reason in
 * words; the first one counts. A second signal gets Node's default (the process ends at once).
 */
function stopOn(deadlineMs: number, given: boolean, startedAt: Date) {
  const controller = new AbortController();
  let reason: { reason: StopReason; message: string } | undefined;
  const end = (why: StopReason, message: string) => {
    if (reason) return;
    reason = { reason: why, message };
    controller.abort(message);
  };
  const which = given
    ? `--deadline ${formatDuration(deadlineMs)}`
    : `default ${formatDuration(deadlineMs)}; --deadline sets it`;
  // The deadline counts from the run's start: the time spent reading the profile is already gone.
  const timer = setTimeout(
    () => end('deadline', `the run's deadline (${which}) passed`),
    Math.max(0, deadlineMs - (Date.now() - startedAt.getTime())),
  );
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => end(signal, `interrupted by ${signal}`);
  const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') } as const;
  process.once('SIGINT', handlers.SIGINT);
  process.once('SIGTERM', handlers.SIGTERM);
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      clearTimeout(timer);
      process.removeListener('SIGINT', handlers.SIGINT);
      process.removeListener('SIGTERM', handlers.SIGTERM);
    },
  };
}

/**
 * The spending plan, printed before the run (once the target answers: an unreachable target stops
 * the run before any planning). A profile the plan cannot use leaves a note, not a failed run.
 */
async function planBeforeRun(
  profile: Profile & { platform: PlatformProfile },
  options: Parameters<typeof planPlatformSpend>[1],
  out: (line: string) => void,
): Promise<{ plan?: SpendPlan; note?: string }> {
  await preflight(profile.platform.url, profile.tls, profile.timeoutMs);
  try {
    const plan = await planPlatformSpend(profile, options);
    out(renderPlan(plan, profile));
    return { plan };
  } catch (err) {
    if (err instanceof KitError && err.kind === 'profile') return { note: err.message };
    throw err;
  }
}

/** A word the shell reads back as it is: quoted unless it is plainly safe. */
function shellWord(text: string): string {
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
  const runs = integer('runs', v.runs, 1) ?? DEFAULT_RUNS;
  const timeoutMs = integer('timeout-ms', v['timeout-ms'], 1);
  const concurrency = integer('concurrency', v.concurrency, 1);
  const deadlineMs = v.deadline === undefined ? undefined : parseDuration(v.deadline);
  if (v.deadline !== undefined && deadlineMs === undefined)
    throw new UserError('--deadline takes a duration: seconds (90), or 90s, 15m, 1h');
  const maxBodyBytes = integer('max-body-bytes', v['max-body-bytes'], 1024);
  const maxAuthFailures = integer('max-auth-failures', v['max-auth-failures'], 0);
  const color = !v['no-color'] && process.stdout.isTTY === true;
  const shard = v.shard === undefined ? undefined : flag('--shard', () => parseShard(v.shard as string));
  const selection = { ...(v.only ? { only: v.only } : {}), ...(shard ? { shard } : {}) };

  if (v.list) {
    const sides: Side[] = which === 'run' ? ['platform', 'customer'] : [which];
    for (const c of selectedCasesOf(sides, selection)) {
      out(`${c.level.padEnd(6)} ${c.id}  ${c.clause}  ${c.title}`);
      out(`       requires: ${requirementOf(c)}`);
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
      ? `npx iot-sms-conformance run${carried(v)}`
      : `npx iot-sms-conformance ${which} --profile ${shellWord(v.profile as string)}${carried(v)}`;
    const rerun = (id: string) => `${base} --only ${id} --seed ${seed}${v.strict ? ' --strict' : ''}`;
    if (v.plan) {
      if (which !== 'customer' && profile.platform) {
        const platformProfile = profile as Profile & { platform: PlatformProfile };
        const planOptions = {
          seed,
          runs,
          ...(v.only ? { only: v.only } : {}),
          ...(v.frugal ? { frugal: true } : {}),
          ...(shard ? { shard } : {}),
        };
        out(renderPlan(await planPlatformSpend(platformProfile, planOptions), platformProfile));
      } else out('plan: the customer suite sends no SMS: nothing to spend');
      return EXIT.ok;
    }

    const wantPlatform = which !== 'customer';
    const wantCustomer = which !== 'platform';
    if (wantPlatform && !profile.platform && which === 'platform')
      throw new UserError('the profile has no platform section');
    if (wantCustomer && !profile.customer && which === 'customer') {
      throw new UserError('the profile has no customer section (or --uplink-url / --report-url)');
    }
    const runsPlatform = wantPlatform && profile.platform !== undefined;
    const runsCustomer = wantCustomer && profile.customer !== undefined;
    const selected = selectedCasesOf(
      [...(runsPlatform ? ['platform' as const] : []), ...(runsCustomer ? ['customer' as const] : [])],
      selection,
    );

    // Each case's line as it finishes, with how far the run is.
    const idWidth = idWidthOf(selected);
    let done = 0;
    const onResult = (r: CaseResult) => {
      done += 1;
      out(renderConsoleProgress(r, done, selected.length, { color, strict: v.strict ?? false, idWidth }));
    };
    const limitMs = deadlineMs ?? defaultDeadlineMs(profile, selected.length, runsPlatform);
    const stop = stopOn(limitMs, deadlineMs !== undefined, startedAt);
    const options = {
      seed,
      runs,
      ...(v.only ? { only: v.only } : {}),
      ...(v.path ? { path: v.path } : {}),
      ...(v.frugal ? { frugal: true } : {}),
      ...(shard ? { shard } : {}),
      rerun,
      onResult,
      stop: stop.signal,
      ...(concurrency !== undefined ? { concurrency } : {}),
    };
    const outcomes: SideOutcome[] = [];
    try {
      if (runsPlatform) {
        const platformProfile = profile as Profile & { platform: PlatformProfile };
        const plan = await planBeforeRun(platformProfile, options, out);
        const outcome = await runPlatformSide(platformProfile, options);
        if (outcome.budget)
          outcome.budget.families = familiesWithPlan(plan.plan, outcome.budget.families ?? []);
        if (plan.note) outcome.notes.push(plan.note);
        outcomes.push(outcome);
      }
      if (runsCustomer) outcomes.push(await runCustomerSide(profile, options));
    } finally {
      stop.dispose();
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
      ...(shard ? { shard } : {}),
      embedded: embedded !== undefined,
      targets: {
        ...(profile.platform ? { platform: profile.platform.url } : {}),
        ...(profile.customer?.uplinkUrl ? { uplinkUrl: profile.customer.uplinkUrl } : {}),
        ...(profile.customer?.reportUrl ? { reportUrl: profile.customer.reportUrl } : {}),
      },
      ...(budget ? { budget } : {}),
      notes,
      results: outcomes.flatMap((o) => o.results),
      ...(stop.reason ? { stopped: stop.reason } : {}),
    });
    if (report.cases.length === 0) throw new UserError(`no case matches --only ${v.only ?? ''}`);
    report.gate.exitCode = OUTCOME_EXIT[report.gate.outcome];
    out(renderConsoleSummary(report, { color }).trimEnd());
    if (v['report-dir']) {
      const dir = v['report-dir'];
      const written = await writeReports(report, dir).catch((err: NodeJS.ErrnoException) => {
        throw new UserError(`cannot write the reports to ${dir}: ${err.code ?? err.message}`);
      });
      out(`reports: ${written.junit}, ${written.json}, ${written.html}`);
    } else out('reports: none written (--report-dir DIR writes junit.xml, report.json and report.html)');
    return report.gate.exitCode;
  } finally {
    await embedded?.close();
  }
}
