// Wall time of the whole platform suite against the embedded mock, and what the kit costs per
// request: the suite's time per request against the same requests replayed raw with undici.
//
// 1. Run the platform suite as `iot-sms-conformance run` does without a profile (startEmbeddedTargets,
//    then runPlatformSide, mock and suite in one process), timing what cases spend waiting for pushes
//    (CallbackReceiver.waitFor) and inside the kit's client (HttpClient.send) by wrapping both
//    methods, in this process only.
// 2. Collect every request the suite sent to the platform, in order, as undici created it (the
//    undici:request:create diagnostics channel: method, path, headers, body, password and all). The
//    exchanges in the results (direction 'sent') are checked against them: each must be one of them
//    once its password is masked ("***") as the kit masks it. The property cases record one sample
//    run each, so most of their requests are in no result: the channel has them all.
// 3. Replay them, one at a time, with undici's request() against fresh embedded targets (nothing is
//    counted against the suite's budget): in a fresh process (cold, as the suite ran), and in this
//    one after the suite (warm: JIT, compiled validators), each 5 times, the median run counting.
//    Compare the mean time per request. The goal's figure, for the cases that wait for no push,
//    takes the suite as the cold replay is taken: run 5 times, each in a fresh process with nothing
//    captured (bench/suite-cold.ts), alternating with the cold replays, the medians compared; the
//    instrumented run of step 1 is shown beside it. A third series, alternating too, runs the suite
//    stripped of the kit's machinery around a request (a bare request() for HttpClient.send, the
//    budget and guard checks off): the floor that the suites' own work puts under the goal's figure.
// 4. Runs that keep pace with the target (issue 26, finding 5), the user-facing figure: the wall
//    time. The platform suite through runConformance (the plan, then the suite) against the mock
//    over HTTPS whose reports come 4 s after each send (statusReportWaitMs 5 s, so they come in
//    time), one case after another, one case sending at a time, and as planned (several sending at
//    once), alternating, as a multiple of the 4 s report wait (goal ≤ 1.6), beside the longest single
//    case (what no overlap goes under). Then the customer suite against the mock customer endpoint
//    answering every push after 2 s (`--answer-ms N`), against its goal of 15 × that + 10 s, and the
//    answer latency the run reports per push kind.
//    Steps 1-3 run the suite with concurrency 1, so each request is the running case's. The
//    per-request figure of step 3 has no goal any more (issue 26 withdrew it): it is printed as
//    measured, beside its floor.
// Run: npm run bench:suite
import { fork } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CaseResult, Exchange } from '../src/cases/types.js';
import { HttpClient } from '../src/client/http.js';
import { Redactor } from '../src/client/redact.js';
import { SEND_PATH } from '../src/core/terms.js';
import type { ConformanceOptions } from '../src/engine/options.js';
import { PROBE_LABEL } from '../src/engine/preflight.js';
import { DEFAULT_RUNS, runPlatformSide } from '../src/engine/sides.js';
import { createSelfSignedCertificate } from '../src/http/self-signed.js';
import { startEmbeddedTargets } from '../src/library/embedded.js';
import { runConformance } from '../src/library/run.js';
import { startMockCustomer, startMockPlatform } from '../src/mock/index.js';
import type { PlatformProfile, Profile } from '../src/profile/profile.js';
import { secretsOf } from '../src/profile/profile.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';
import type { RunReport } from '../src/report/types.js';
import { platformCases } from '../src/suites/platform/index.js';
import { fixed, int, machine, median, table } from './format.js';
import type { SuiteColdOutcome } from './suite-cold.js';
import {
  type PlannedRequest,
  type ReceiverAddress,
  type ReplayOutcome,
  replay,
  resultCodeOf,
} from './suite-replay.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const SEED = 1;
/** fast-check runs per property case: the command line's default. */
const RUNS = DEFAULT_RUNS;
/** Each replay is run this many times; the run with the median total counts. */
const REPLAYS = 5;

// --- instrumentation (this process only) -----------------------------------------------------

const timing = { waitMs: 0, waits: 0, sendMs: 0, sends: 0, probeMs: 0 };
/** Results so far: a request is the case's that is running when it is created. */
let caseIndex = 0;
let inProbe = false;

const originalWaitFor = CallbackReceiver.prototype.waitFor;
CallbackReceiver.prototype.waitFor = async function (
  this: CallbackReceiver,
  ...args: Parameters<CallbackReceiver['waitFor']>
) {
  const started = performance.now();
  try {
    return await originalWaitFor.apply(this, args);
  } finally {
    timing.waitMs += performance.now() - started;
    timing.waits++;
  }
};

const originalSend = HttpClient.prototype.send;
/** Step 4: added before each request to a target's send URL over HTTPS (a platform across a network; not the plan's local mock). */
let addedLatencyMs = 0;

HttpClient.prototype.send = async function (this: HttpClient, ...args: Parameters<HttpClient['send']>) {
  const probe = args[2]?.label === PROBE_LABEL;
  if (addedLatencyMs > 0 && args[0].startsWith('https://') && args[0].endsWith(SEND_PATH))
    await new Promise((resolve) => setTimeout(resolve, addedLatencyMs));
  inProbe = probe;
  const started = performance.now();
  try {
    return await originalSend.apply(this, args);
  } finally {
    const ms = performance.now() - started;
    if (probe) timing.probeMs += ms;
    else {
      timing.sendMs += ms;
      timing.sends++;
    }
  }
};

/** A request as undici created it: the real bytes, before any redaction. */
interface Captured {
  origin: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  caseIndex: number;
  probe: boolean;
  /** Matched to an exchange recorded in a result. */
  recorded: boolean;
}

const captured: Captured[] = [];
/** What undici publishes on undici:request:create (its types leave the body out). */
interface CreateMessage {
  request: { origin?: string | URL; method?: string; path: string; headers?: unknown; body?: unknown };
}
function onCreate(message: unknown): void {
  const r = (message as CreateMessage).request;
  const headers: Record<string, string> = {};
  // undici keeps the headers it will send as a flat [name, value, …] list.
  if (Array.isArray(r.headers))
    for (let i = 0; i + 1 < r.headers.length; i += 2)
      headers[String(r.headers[i])] = String(r.headers[i + 1]);
  const body = r.body;
  captured.push({
    origin: new URL(String(r.origin ?? 'http://unknown')).origin,
    method: r.method ?? 'GET',
    path: r.path,
    headers,
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '',
    caseIndex,
    probe: inProbe,
    recorded: false,
  });
  inProbe = false;
}

// --- the suite ------------------------------------------------------------------------------

interface CaseTiming {
  result: CaseResult;
  waitMs: number;
  waits: number;
  sendMs: number;
}

const runStarted = performance.now();
console.log(
  'Platform suite against the embedded mock (as `iot-sms-conformance run` without a profile: HTTPS, ' +
    `self-signed, mock and suite in one process), seed ${SEED}, ${RUNS} runs per property case`,
);
console.log(machine());

subscribe('undici:request:create', onCreate);
const targetsStarted = performance.now();
const embedded = await startEmbeddedTargets();
const targetsMs = performance.now() - targetsStarted;
const profile = embedded.profile;
if (!profile.platform) throw new Error('the embedded profile has no platform');
const platformProfile = profile as Profile & { platform: PlatformProfile };
const platformOrigin = new URL(platformProfile.platform.url).origin;

const cases: CaseTiming[] = [];
let mark = { ...timing };
let suiteMs: number;
let results: CaseResult[];
try {
  const suiteStarted = performance.now();
  const outcome = await runPlatformSide(platformProfile, {
    seed: SEED,
    runs: RUNS,
    rerun: (id) => id,
    // One case at a time: a request created now is the running case's (step 4 schedules).
    concurrency: 1,
    onResult: (result) => {
      cases.push({
        result,
        waitMs: timing.waitMs - mark.waitMs,
        waits: timing.waits - mark.waits,
        sendMs: timing.sendMs - mark.sendMs,
      });
      mark = { ...timing };
      caseIndex++;
    },
  });
  suiteMs = performance.now() - suiteStarted;
  results = outcome.results;
} finally {
  unsubscribe('undici:request:create', onCreate);
  await embedded.close();
}

// --- what was sent ----------------------------------------------------------------------------

const toPlatform = captured.filter((c) => c.origin === platformOrigin);
const redactor = new Redactor(secretsOf(profile));
const password = JSON.stringify(platformProfile.platform.password);
// Each exchange the results record (once: a shared run's are recorded in every case that reads it).
const seen = new Set<Exchange>();
/** Each recorded exchange's index in toPlatform (and so in the plan and the replays). */
const planIndex = new Map<Exchange, number>();
let recordedCount = 0;
let naiveWrong = 0;
/** Recorded bodies that are the bytes sent, unmasked (the engine's results; the outputs mask). */
let rawCount = 0;
for (const result of results) {
  for (const exchange of result.exchanges) {
    if (exchange.direction !== 'sent' || seen.has(exchange)) continue;
    seen.add(exchange);
    recordedCount++;
    const match = toPlatform.find(
      (c) =>
        !c.recorded &&
        c.method === exchange.request.method &&
        (c.origin + c.path === exchange.request.url ||
          redactor.text(c.origin + c.path) === exchange.request.url) &&
        // The engine keeps the bytes as they travelled (the outputs mask them); a masked body matches too.
        (c.body === exchange.request.body || redactor.text(c.body) === exchange.request.body),
    );
    if (!match)
      throw new Error(`no request undici created matches ${exchange.request.method} ${exchange.request.url}`);
    match.recorded = true;
    planIndex.set(exchange, toPlatform.indexOf(match));
    if (exchange.request.body === match.body) rawCount++;
    // What putting the profile's password back in every "***" would have sent instead.
    else if (exchange.request.body.split('"***"').join(password) !== match.body) naiveWrong++;
  }
}
const plan: PlannedRequest[] = toPlatform.map((c) => ({
  method: c.method,
  path: c.path,
  headers: c.headers,
  body: c.body,
}));
/** The suite's receiver (port and scheme), which statusCallback and uplink URLs in the bodies point to. */
const receiver = ((): ReceiverAddress | undefined => {
  for (const c of toPlatform) {
    const m = /(https?):\/\/127\.0\.0\.1:([0-9]+)\/kit\//.exec(c.body);
    if (m?.[1] && m[2]) return { scheme: m[1] === 'https' ? 'https' : 'http', port: Number(m[2]) };
  }
  return undefined;
})();

// --- the replays ----------------------------------------------------------------------------

function coldReplay(): Promise<ReplayOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-replay-'));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const child = fork(
    join(HERE, 'suite-replay.ts'),
    [planFile, ...(receiver ? [String(receiver.port), receiver.scheme] : [])],
    { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise<ReplayOutcome>((done, fail) => {
    child.once('message', (outcome: ReplayOutcome) => done(outcome));
    child.once('exit', (code) => fail(new Error(`the replay process exited with ${code} before answering`)));
  }).finally(() => {
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });
}

function medianRun(outcomes: ReplayOutcome[]): ReplayOutcome {
  const sorted = [...outcomes].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no replay');
  return middle;
}
/**
 * The suite again, measured as the cold replay is: in a fresh process, nothing captured. `stripped`:
 * with the kit's client a bare request() and its budget and guard checks off (bench/suite-cold.ts).
 */
function coldSuite(stripped = false): Promise<SuiteColdOutcome> {
  const args = [String(SEED), String(RUNS), ...(stripped ? ['stripped'] : [])];
  const child = fork(join(HERE, 'suite-cold.ts'), args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<SuiteColdOutcome>((done, fail) => {
    child.once('message', (outcome: SuiteColdOutcome) => done(outcome));
    child.once('exit', (code) =>
      fail(new Error(`the cold suite process exited with ${code} before answering`)),
    );
  }).finally(() => {
    if (child.exitCode === null) child.kill();
  });
}

// Cold suites (real and stripped) and cold replays alternate, so that a slower spell of the machine falls on all.
const colds: ReplayOutcome[] = [];
const coldSuites: SuiteColdOutcome[] = [];
const strippedSuites: SuiteColdOutcome[] = [];
for (let i = 0; i < REPLAYS; i++) {
  coldSuites.push(await coldSuite());
  strippedSuites.push(await coldSuite(true));
  colds.push(await coldReplay());
}
const warms: ReplayOutcome[] = [];
for (let i = 0; i < REPLAYS; i++) warms.push(await replay(plan, receiver));
const cold = medianRun(colds);
const warm = medianRun(warms);

// --- figures ----------------------------------------------------------------------------------

// Each recorded answer against its replays (status and resultCode), and every transport error.
const mismatches: string[] = [];
const replays = [...colds.map((o) => ['cold', o] as const), ...warms.map((o) => ['warm', o] as const)];
for (const [name, outcome] of replays)
  outcome.requests.forEach((r, i) => {
    if (r.error) mismatches.push(`${name} #${i} ${toPlatform[i]?.method} ${toPlatform[i]?.path}: ${r.error}`);
  });
let compared = 0;
for (const [exchange, i] of planIndex) {
  if (!exchange.response) continue;
  compared++;
  const want = `${exchange.response.status} ${String(resultCodeOf(exchange.response.body))}`;
  for (const [name, outcome] of replays) {
    const r = outcome.requests[i];
    const got = `${r?.status} ${String(r?.resultCode)}`;
    if (got !== want) mismatches.push(`${name} ${exchange.request.url} #${i}: suite ${want}, replay ${got}`);
  }
}

const n = plan.length;
const casesMs = cases.reduce((s, c) => s + c.result.durationMs, 0);
const waitMs = cases.reduce((s, c) => s + c.waitMs, 0);
const sendMs = cases.reduce((s, c) => s + c.sendMs, 0);
const probes = toPlatform.filter((c) => c.probe).length;
console.log(
  `cases: ${results.length} (${['pass', 'fail', 'error', 'skip', 'info'].map((v) => `${results.filter((r) => r.verdict === v).length} ${v}`).join(', ')})`,
);
console.log(
  `requests the suite sent to the platform: ${n} (${probes} preflight probe, ${recordedCount} recorded in results[].exchanges, ` +
    `${n - probes - recordedCount} in no result: the property cases record one sample run each)`,
);
console.log(
  `replayed with the real bodies: ${recordedCount} recorded bodies matched (${rawCount} as sent: the engine keeps the ` +
    `bytes, the outputs mask them; ${recordedCount - rawCount} after masking, ${naiveWrong} of which differ from the ` +
    `recorded body with the profile's password put back in every "***"); answers compared with the suite's (status, resultCode): ${compared}, unlike: ` +
    `${mismatches.length}; pushes to the suite's receiver (${receiver ? `${receiver.scheme} port ${receiver.port}` : 'none'}) acknowledged by a stand-in: ` +
    `${[...colds, ...warms].every((o) => o.standIn) ? 'yes' : 'no'}`,
);
for (const m of mismatches.slice(0, 10)) console.log(`  unlike: ${m}`);

// The suite's own breakdown, by case family.
interface Family {
  cases: number;
  requests: number;
  ms: number;
  wait: number;
  send: number;
  cold: number;
}
const familyOf = (index: number) => cases[index]?.result.id.split('.')[1] ?? '?';
const families = new Map<string, Family>();
const family = (name: string): Family => {
  let f = families.get(name);
  if (!f) {
    f = { cases: 0, requests: 0, ms: 0, wait: 0, send: 0, cold: 0 };
    families.set(name, f);
  }
  return f;
};
cases.forEach((c, i) => {
  const f = family(familyOf(i));
  f.cases++;
  f.ms += c.result.durationMs;
  f.wait += c.waitMs;
  f.send += c.sendMs;
});
toPlatform.forEach((c, i) => {
  if (c.probe) return;
  const f = family(familyOf(c.caseIndex));
  f.requests++;
  f.cold += cold.requests[i]?.ms ?? 0;
});
const ms = (x: number) => int(x);
console.log('');
console.log(
  'Where the suite spends its time (ms). "in the client": HttpClient.send, the request and the mock\'s work ' +
    'on it included; "raw (cold)": the same requests in the cold replay',
);
console.log(
  table(
    [
      'case family',
      'cases',
      'requests',
      'wall',
      'waiting for pushes',
      'in the client',
      'other',
      'raw (cold)',
    ],
    [
      ...[...families].map(([name, f]) => [
        name,
        String(f.cases),
        String(f.requests),
        ms(f.ms),
        ms(f.wait),
        ms(f.send),
        ms(f.ms - f.wait - f.send),
        ms(f.cold),
      ]),
      [
        'all cases',
        String(cases.length),
        String(n - probes),
        ms(casesMs),
        ms(waitMs),
        ms(sendMs),
        ms(casesMs - waitMs - sendMs),
        ms(toPlatform.reduce((s, c, i) => s + (c.probe ? 0 : (cold.requests[i]?.ms ?? 0)), 0)),
      ],
    ],
  ),
);
console.log(
  `targets started in ${ms(targetsMs)} ms; runPlatformSide took ${ms(suiteMs)} ms: the cases ${ms(casesMs)} ms ` +
    `(durationMs, whole ms), the rest ${ms(suiteMs - casesMs)} ms (preflight, probe ${fixed(timing.probeMs, 1)} ms, ` +
    'receiver, teardown)',
);

// Time per request: the suite against the raw replays.
const waiting = new Set(cases.flatMap((c, i) => (c.waits > 0 ? [i] : [])));
const sumOf = (outcome: ReplayOutcome, pick: (c: Captured) => boolean) =>
  toPlatform.reduce((s, c, i) => s + (pick(c) ? (outcome.requests[i]?.ms ?? 0) : 0), 0);
const rows: string[][] = [];
/** `pairs`: the cold suite runs' ratios, each against the cold replay run next to it. */
const ratios: Record<string, { cold: number; warm: number; pairs?: number[]; goal?: number }> = {};
/** A row: the suite's time for `count` requests against the cold (`c`) and warm (`w`) replays' time for them. */
const addRow = (key: string, name: string, count: number, suiteTime: number, c: number, w: number) => {
  ratios[key] = { cold: suiteTime / c, warm: suiteTime / w };
  rows.push([
    name,
    String(count),
    fixed(suiteTime / count, 2),
    fixed(c / count, 2),
    `×${fixed(suiteTime / c, 2)}`,
    fixed(w / count, 2),
    `×${fixed(suiteTime / w, 2)}`,
  ]);
};
const compare = (key: string, name: string, suiteTime: number, pick: (c: Captured) => boolean) =>
  addRow(key, name, toPlatform.filter(pick).length, suiteTime, sumOf(cold, pick), sumOf(warm, pick));
compare('all', 'whole suite: runPlatformSide wall time', suiteMs, () => true);
const quietCases = cases.filter((_, i) => !waiting.has(i));
const isQuiet = (c: Captured) => !c.probe && !waiting.has(c.caseIndex);
compare(
  'quietInProcess',
  `cases that wait for no push (${quietCases.length} of ${cases.length}), this run (instrumented)`,
  quietCases.reduce((s, c) => s + c.result.durationMs, 0),
  isQuiet,
);
compare('client', 'time in HttpClient.send only (every case)', sendMs, (c) => !c.probe);
// The same cases in the cold suite runs, each in a fresh process as the cold replays: the goal's figure.
const quietCount = toPlatform.filter(isQuiet).length;
const coldQuiet = colds.map((o) => sumOf(o, isQuiet));
const warmQuiet = median(warms.map((o) => sumOf(o, isQuiet)));
/**
 * A row of one figure of the cold suite runs (one time per run) against the cold replays' time for
 * the same requests; its pairs (each run against the replay run next to it) are kept and returned.
 */
const coldRow = (key: string, name: string, times: number[]): number[] => {
  addRow(key, name, quietCount, median(times), median(coldQuiet), warmQuiet);
  const pairs = times.map((t, i) => t / (coldQuiet[i] as number));
  if (ratios[key]) ratios[key].pairs = pairs;
  return pairs;
};
const pairs = coldRow(
  'quiet',
  `cases that wait for no push, cold suite runs (median of ${REPLAYS})`,
  coldSuites.map((o) => o.quietMs),
);
// The floor under the goal's figure: the same runs without the kit's machinery around a request.
const strippedPairs = coldRow(
  'quietStripped',
  `the same, the kit's client a bare request() and its budget and guard checks off (median of ${REPLAYS})`,
  strippedSuites.map((o) => o.quietMs),
);
// Of that floor, the requests alone: the same bare request() in the suite's process, against the
// same requests back to back in the replay's. What a request costs between the cases' work, which
// no change to the cases' own work can take below.
const requestPairs = coldRow(
  'quietRequestsStripped',
  `of which inside the bare request() alone (median of ${REPLAYS})`,
  strippedSuites.map((o) => o.quietSendMs),
);
console.log('');
console.log(
  'Mean time per request: the suite against the same requests replayed one at a time with undici request() ' +
    "(replay wall time, the fresh targets' start excluded)",
);
const totals = (outcomes: ReplayOutcome[]) => outcomes.map((o) => ms(o.ms)).join(', ');
console.log(
  `${n} requests, ${REPLAYS} replays of each kind, the median counts: cold (each in a fresh process) ` +
    `${totals(colds)} ms; warm (in this process, after the suite) ${totals(warms)} ms`,
);
console.log(
  table(['what', 'requests', 'suite ms/req', 'cold ms/req', 'ratio', 'warm ms/req', 'ratio'], rows),
);
console.log(
  `cold suite runs, alternating with the cold replays: cases that wait for no push ${coldSuites.map((o) => ms(o.quietMs)).join(', ')} ms ` +
    `(${coldSuites.map((o) => `${o.quietCases} cases, ${o.quietRequests} requests`).join('; ')}); the replays' same requests ` +
    `${coldQuiet.map(ms).join(', ')} ms; ratio of each pair ${pairs.map((r) => `×${fixed(r, 2)}`).join(', ')}; ` +
    `verdicts ${coldSuites.map((o) => o.verdicts).join(' | ')}`,
);
console.log(
  `of which inside HttpClient.send: ${coldSuites.map((o) => ms(o.quietSendMs)).join(', ')} ms; outside it (the cases' own work ` +
    `and the runner's): ${coldSuites.map((o) => ms(o.quietMs - o.quietSendMs)).join(', ')} ms`,
);
console.log(
  `the same runs stripped (the kit's client a bare request(), budget and guard checks off), alternating too: ` +
    `${strippedSuites.map((o) => ms(o.quietMs)).join(', ')} ms; ratio of each pair ${strippedPairs.map((r) => `×${fixed(r, 2)}`).join(', ')}; ` +
    "what the suites' own work (drawing, building, judging) costs without the kit's client and guards",
);
console.log(
  `in those stripped runs, inside the bare request() alone: ${strippedSuites.map((o) => ms(o.quietSendMs)).join(', ')} ms; ` +
    `ratio of each pair ${requestPairs.map((r) => `×${fixed(r, 2)}`).join(', ')}: the same requests cost that much more ` +
    "sent between the cases' work than back to back",
);
if (
  [...coldSuites, ...strippedSuites].some(
    (o) => o.quietRequests !== quietCount || o.quietCases !== quietCases.length,
  )
)
  console.log(
    `NOTE: a cold suite run sent another count of requests in its quiet cases than this run (${quietCount} in ${quietCases.length} cases)`,
  );
const all = ratios.all?.cold ?? Number.NaN;
const quiet = ratios.quiet?.cold ?? Number.NaN;
const pairMedian = median(pairs);
// Issue 12's goal for this figure (≤ 1.5) was withdrawn by issue 26: its floor (the stripped runs)
// is accepted, and the user-facing figure is the wall time (step 4). Printed as measured.
console.log(
  `suite ÷ cold replay, cases that wait for no push: ×${fixed(quiet, 2)}, median of the pairs ×${fixed(pairMedian, 2)} ` +
    `(no goal: the floor, stripped, is ×${fixed(ratios.quietStripped?.cold ?? Number.NaN, 2)}); whole suite ×${fixed(all, 2)}`,
);
console.log(
  `waiting for pushes: ${ms(waitMs)} ms in ${timing.waits} waits (${waiting.size} cases), ` +
    `${fixed((100 * waitMs) / suiteMs, 0)}% of the suite's wall time`,
);

// --- runs that keep pace with the target (issue 26, finding 5) -------------------------------

/** The mock platform's report delay: its reports come this long after the send. */
const REPORT_DELAY_MS = 4_000;
/** statusReportWaitMs of that run: long enough for the reports to come in time (a conforming platform). */
const REPORT_WAIT_MS = 5_000;
/** The customer endpoint's answer time: `--answer-ms N` (the issue's figures: 2000 and 8000). */
const answerAt = process.argv.indexOf('--answer-ms');
const ANSWER_MS = answerAt > 0 ? Number(process.argv[answerAt + 1]) : 2_000;
const ROUNDS = 2;

interface PaceRun {
  ms: number;
  /** When the plan (its run against a local mock) was ready, from the start. */
  planMs: number;
  /** The case that ended last, and how long it took from its start. */
  longestCase: string;
  longestMs: number;
  verdicts: string;
  report: RunReport;
}

function verdictsOf(report: RunReport): string {
  const count = (v: string) => report.cases.filter((r) => r.verdict === v).length;
  return ['pass', 'fail', 'error', 'skip', 'info'].map((v) => `${count(v)} ${v}`).join(', ');
}

/** A run of `runConformance` (the plan, then the suite) against `profile`, timed, with its longest case. */
async function paceRun(options: ConformanceOptions): Promise<PaceRun> {
  let longestCase = '';
  let longestMs = 0;
  let planMs = 0;
  const started = performance.now();
  const report = await runConformance({
    seed: SEED,
    runs: RUNS,
    ...options,
    onEvent: (e) => {
      if (e.type === 'plan') planMs = performance.now() - started;
      if (e.type === 'case-finished' && e.result.durationMs > longestMs) {
        longestMs = e.result.durationMs;
        longestCase = e.result.id;
      }
    },
  });
  return {
    ms: performance.now() - started,
    planMs,
    longestCase,
    longestMs,
    verdicts: verdictsOf(report),
    report,
  };
}

/**
 * The mock platform over HTTPS as the embedded default has it (reports pushed to the kit's HTTPS
 * receiver, retries from 100 ms), but its reports come REPORT_DELAY_MS after the send; a profile for it.
 */
async function slowReportingPlatform(): Promise<{ profile: object; close(): Promise<void> }> {
  const certificate = (who: string) =>
    createSelfSignedCertificate({ commonName: `bench ${who}`, altNames: ['localhost', '127.0.0.1'] });
  const receiver = certificate('callback receiver');
  const mock = await startMockPlatform({
    tls: certificate('mock platform'),
    pushCa: receiver.cert,
    onError: () => {},
    config: {
      delivery: { delayMs: REPORT_DELAY_MS },
      retry: { baseDelayMs: 100, maxDelayMs: 1_000, pushTimeoutMs: 2_000 },
      target: { maxAcceptedMessages: 2_000, statusReportWaitMs: REPORT_WAIT_MS },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-pace-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    profile: {
      ...mock.profile,
      platform: { ...mock.profile.platform, validRunsBudget: 100 },
      tls: { ca: file('ca.pem', mock.certificate ?? ''), insecure: false },
      callbackReceiver: {
        listen: '127.0.0.1:0',
        publicUrl: null,
        tls: { cert: file('receiver.pem', receiver.cert), key: file('receiver-key.pem', receiver.key) },
      },
    },
    close: async () => {
      await mock.close({ graceMs: 100 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The platform suite against the slow-reporting mock, with these limits on what runs at once. */
async function platformPace(limits: {
  concurrency?: number;
  sends?: number;
  only?: string;
}): Promise<PaceRun> {
  const target = await slowReportingPlatform();
  try {
    const profile = target.profile as { platform: object };
    return await paceRun({
      suite: 'platform',
      profile: {
        ...profile,
        platform: { ...profile.platform, ...(limits.sends ? { maxConcurrentSends: limits.sends } : {}) },
      },
      ...(limits.concurrency ? { concurrency: limits.concurrency } : {}),
      ...(limits.only ? { only: limits.only } : {}),
    });
  } finally {
    await target.close();
  }
}

/** The customer suite against the mock customer endpoint answering every push after ANSWER_MS. */
async function customerPace(): Promise<PaceRun> {
  const customer = await startMockCustomer({ tls: 'self-signed', behaviour: { delayMs: ANSWER_MS } });
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-pace-'));
  try {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, customer.certificate ?? '');
    return await paceRun({
      suite: 'customer',
      profile: { customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl }, tls: { ca } },
    });
  } finally {
    await customer.close({ graceMs: 0 });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every platform case but the retry cases, which watch the platform's own backoff until it gives up. */
const WITHOUT_RETRIES = platformCases
  .map((c) => c.id)
  .filter((id) => !id.startsWith('platform.retries.'))
  .join(',');

/** A platform across a network: this much added before each request to it (the second pair of rows). */
const LATENCY_MS = 20;
const variants = [
  { name: 'one case after another (--concurrency 1)', limits: { concurrency: 1 }, latency: 0 },
  { name: 'one case sending at a time (maxConcurrentSends 1)', limits: { sends: 1 }, latency: 0 },
  { name: 'as planned (maxConcurrentSends 4, the default)', limits: {}, latency: 0 },
  {
    name: `one case sending at a time, ${LATENCY_MS} ms added per request`,
    limits: { sends: 1 },
    latency: LATENCY_MS,
  },
  { name: `as planned, ${LATENCY_MS} ms added per request`, limits: {}, latency: LATENCY_MS },
  {
    name: "as planned, without the two retry cases (INFO: their length is the platform's retry schedule)",
    limits: { only: WITHOUT_RETRIES },
    latency: 0,
  },
] as const;
const paced = variants.map(() => [] as PaceRun[]);
for (let round = 0; round < ROUNDS; round++)
  for (const [i, v] of variants.entries()) {
    addedLatencyMs = v.latency;
    paced[i]?.push(await platformPace(v.limits));
    addedLatencyMs = 0;
  }
console.log('');
console.log(
  `Runs that keep pace: the platform suite (runConformance, the plan included) against the mock over HTTPS, its reports ` +
    `${REPORT_DELAY_MS} ms after each send, statusReportWaitMs ${REPORT_WAIT_MS}; ${ROUNDS} rounds alternating. ` +
    `Goal: at most 1.6 × the report wait (${REPORT_DELAY_MS} ms)`,
);
console.log(
  table(
    [
      'how the cases run',
      'wall ms (each round)',
      'median',
      '÷ report delay',
      '÷ statusReportWaitMs',
      'plan ms',
      'longest case (ms)',
    ],
    variants.map((v, i) => {
      const runs = paced[i] as PaceRun[];
      const mid = median(runs.map((r) => r.ms));
      const longest = runs[0] as PaceRun;
      return [
        v.name,
        runs.map((r) => int(r.ms)).join(', '),
        int(mid),
        `×${fixed(mid / REPORT_DELAY_MS, 2)}`,
        `×${fixed(mid / REPORT_WAIT_MS, 2)}`,
        int(median(runs.map((r) => r.planMs))),
        `${int(longest.longestMs)} (${longest.longestCase})`,
      ];
    }),
  ),
);
for (const [i, v] of variants.entries())
  console.log(`${v.name}: ${(paced[i] as PaceRun[]).map((r) => r.verdicts).join(' | ')}`);
const plannedMs = median((paced[2] as PaceRun[]).map((r) => r.ms));
const floorMs = median((paced[2] as PaceRun[]).map((r) => r.longestMs));
const goal = (ms: number, of: number) =>
  `×${fixed(ms / of, 2)} (goal ≤ 1.6: ${ms / of <= 1.6 ? 'met' : 'NOT met'})`;
console.log(
  `as planned: ${goal(plannedMs, REPORT_DELAY_MS)} of the report delay, ${goal(plannedMs, REPORT_WAIT_MS)} of statusReportWaitMs; ` +
    `its longest case alone takes ×${fixed(floorMs / REPORT_DELAY_MS, 2)} of the delay, which no overlap can go under; ` +
    `without the retry cases: ${goal(median((paced[5] as PaceRun[]).map((r) => r.ms)), REPORT_DELAY_MS)} of the delay`,
);

const customerRuns: PaceRun[] = [];
for (let round = 0; round < ROUNDS; round++) customerRuns.push(await customerPace());
const customerMs = median(customerRuns.map((r) => r.ms));
const customerGoal = 15 * ANSWER_MS + 10_000;
console.log('');
console.log(
  `The customer suite (runConformance, default runs) against the mock customer endpoint answering every push after ` +
    `${ANSWER_MS} ms: ${customerRuns.map((r) => int(r.ms)).join(', ')} ms, median ${int(customerMs)} ms = ` +
    `${fixed(customerMs / ANSWER_MS, 1)} answer times (goal ≤ 15 × ${ANSWER_MS} + 10,000 = ${int(customerGoal)} ms: ` +
    `${customerMs <= customerGoal ? 'met' : 'NOT met'}); ${customerRuns.map((r) => r.verdicts).join(' | ')}`,
);
for (const c of (customerRuns[0] as PaceRun).report.cases.filter((x) => x.id.endsWith('.latency')))
  console.log(`${c.id}: ${c.message}`);
console.log(`total ${fixed((performance.now() - runStarted) / 1000, 0)} s`);
// `--json FILE`: the ratios for bench/hot-paths.ts (issue 12's figures side by side).
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0 && process.argv[jsonAt + 1])
  writeFileSync(process.argv[jsonAt + 1] as string, JSON.stringify(ratios));
