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
// 4. Sequential against scheduled: the whole platform suite against fresh embedded targets with
//    statusReportWaitMs 4000 (as a live platform's report window would be), once forced one case
//    after another (concurrency 1) and once as the suite's plan schedules it (cases that only wait
//    for pushes wait beside the rest), twice each, alternating. The goal: the scheduled wall time
//    close to the longest single wait plus the requests (the sequential run's time outside waits).
//    Steps 1-3 run the suite with concurrency 1, so each request is the running case's.
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
import { PROBE_LABEL } from '../src/engine/preflight.js';
import { DEFAULT_RUNS, runPlatformSide } from '../src/engine/sides.js';
import { startEmbeddedTargets } from '../src/library/embedded.js';
import type { PlatformProfile, Profile } from '../src/profile/profile.js';
import { secretsOf } from '../src/profile/profile.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';
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
/** Issue 12: the suite's time per request, cases that wait for no push, ≤ this × the cold raw replay's. */
const RATIO_GOAL = 1.5;
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
HttpClient.prototype.send = async function (this: HttpClient, ...args: Parameters<HttpClient['send']>) {
  const probe = args[2]?.label === PROBE_LABEL;
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
for (const result of results) {
  for (const exchange of result.exchanges) {
    if (exchange.direction !== 'sent' || seen.has(exchange)) continue;
    seen.add(exchange);
    recordedCount++;
    const match = toPlatform.find(
      (c) =>
        !c.recorded &&
        c.method === exchange.request.method &&
        redactor.text(c.origin + c.path) === exchange.request.url &&
        redactor.text(c.body) === exchange.request.body,
    );
    if (!match)
      throw new Error(`no request undici created matches ${exchange.request.method} ${exchange.request.url}`);
    match.recorded = true;
    planIndex.set(exchange, toPlatform.indexOf(match));
    // What putting the profile's password back in every "***" would have sent instead.
    if (exchange.request.body.split('"***"').join(password) !== match.body) naiveWrong++;
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
  `replayed with the real bodies: ${recordedCount} recorded bodies matched after masking; ${naiveWrong} of them ` +
    `differ from the recorded body with the profile's password put back in every "***" (the wrong-password and ` +
    `disabled-account cases); answers compared with the suite's (status, resultCode): ${compared}, unlike: ` +
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
if (ratios.quiet) ratios.quiet.goal = RATIO_GOAL;
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
// The goal is the quiet cases' (the whole suite waits for pushes most of its time): the whole
// suite's ratio is shown beside it, without a verdict. Met only when the medians' ratio and the
// median of the pairs' ratios both are: one run's pairs spread wider than the goal's margin.
console.log(
  `goal ratio ≤ ${RATIO_GOAL} (against the cold replay), cases that wait for no push: ×${fixed(quiet, 2)}, ` +
    `median of the pairs ×${fixed(pairMedian, 2)} (${quiet <= RATIO_GOAL && pairMedian <= RATIO_GOAL ? 'met' : 'NOT met'}); ` +
    `whole suite ×${fixed(all, 2)}`,
);
console.log(
  `waiting for pushes: ${ms(waitMs)} ms in ${timing.waits} waits (${waiting.size} cases), ` +
    `${fixed((100 * waitMs) / suiteMs, 0)}% of the suite's wall time`,
);

// --- sequential against scheduled -----------------------------------------------------------

const WAIT_MS = 4_000;
const ROUNDS = 2;

interface SuiteRun {
  ms: number;
  /** Time in CallbackReceiver.waitFor, summed over the cases. */
  waitMs: number;
  /** The longest time one case spent waiting (sequential runs: per case, from onResult). */
  longestWaitMs: number;
  longestWaitCase: string;
  verdicts: string;
}

async function timedSuite(concurrency: number | undefined): Promise<SuiteRun> {
  const targets = await startEmbeddedTargets();
  try {
    const p = { ...targets.profile, statusReportWaitMs: WAIT_MS } as Profile & { platform: PlatformProfile };
    const waitedBefore = timing.waitMs;
    let mark = timing.waitMs;
    let longestWaitMs = 0;
    let longestWaitCase = '';
    const started = performance.now();
    const outcome = await runPlatformSide(p, {
      seed: SEED,
      runs: RUNS,
      rerun: (id) => id,
      ...(concurrency !== undefined ? { concurrency } : {}),
      onResult: (r) => {
        const waited = timing.waitMs - mark;
        mark = timing.waitMs;
        if (waited > longestWaitMs) {
          longestWaitMs = waited;
          longestWaitCase = r.id;
        }
      },
    });
    const ms = performance.now() - started;
    const count = (v: string) => outcome.results.filter((r) => r.verdict === v).length;
    return {
      ms,
      waitMs: timing.waitMs - waitedBefore,
      longestWaitMs,
      longestWaitCase,
      verdicts: ['pass', 'fail', 'error', 'skip', 'info'].map((v) => `${count(v)} ${v}`).join(', '),
    };
  } finally {
    await targets.close();
  }
}

const sequential: SuiteRun[] = [];
const scheduledRuns: SuiteRun[] = [];
for (let i = 0; i < ROUNDS; i++) {
  sequential.push(await timedSuite(1));
  scheduledRuns.push(await timedSuite(undefined));
}
console.log('');
console.log(
  `Sequential against scheduled: the whole platform suite against fresh embedded targets, statusReportWaitMs ${WAIT_MS}, ` +
    `${ROUNDS} rounds alternating (wall time of runPlatformSide, ms)`,
);
const goalOf = (r: SuiteRun) => r.longestWaitMs + (r.ms - r.waitMs);
console.log(
  table(
    ['round', 'sequential (concurrency 1)', 'scheduled (the plan)', 'ratio', 'goal: longest wait + requests'],
    sequential.map((seq, i) => {
      const sch = scheduledRuns[i] as SuiteRun;
      return [String(i + 1), int(seq.ms), int(sch.ms), `×${fixed(seq.ms / sch.ms, 2)}`, int(goalOf(seq))];
    }),
  ),
);
for (const [name, runs] of [
  ['sequential', sequential],
  ['scheduled', scheduledRuns],
] as const)
  console.log(`${name}: ${runs.map((r) => r.verdicts).join(' | ')}`);
const seq0 = sequential[0] as SuiteRun;
console.log(
  `sequential: waiting for pushes ${int(seq0.waitMs)} ms of ${int(seq0.ms)} ms; the longest single wait ` +
    `${int(seq0.longestWaitMs)} ms (${seq0.longestWaitCase}); the requests (the rest) ${int(seq0.ms - seq0.waitMs)} ms`,
);
console.log(`total ${fixed((performance.now() - runStarted) / 1000, 0)} s`);
// `--json FILE`: the ratios for bench/hot-paths.ts (issue 12's figures side by side).
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0 && process.argv[jsonAt + 1])
  writeFileSync(process.argv[jsonAt + 1] as string, JSON.stringify(ratios));
