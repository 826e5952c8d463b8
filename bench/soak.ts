// The soak's own costs (issue 24): is the kit ever the bottleneck, are its timers on time, and does
// its memory stay flat? Three parts, each against the mock customer endpoint in a process of its own
// (the `mock-customer` command, plain HTTP on 127.0.0.1), each soak a `soak customer` command in a
// process of its own, so that neither the load generator and the server nor the bench and the kit
// share an event loop:
//
// 1. The kit's highest rate, judging included: a soak asked for the most the kit allows
//    (MAX_RATE_PER_S) with --max-in-flight C, stopped by SIGINT after 10 s of sending; its report's
//    achieved completed/s is the kit's rate. Against it, autocannon (in this process) sending one
//    notifyReportMessage of the soak's own pool (same method, same Content-Type) over C connections
//    for the same 10 s to the same mock process; beside them, for the reading only, undici's
//    request() alone in a loop (its usual API; the kit calls its dispatcher with a handler). They
//    take turns, 3 rounds; the median of the per-round ratios counts (goal ≥ 0.5). CPU per
//    exchange of each is printed too.
// 2. Timer accuracy: 500/s for 60 s (the mock answers at once, about 1 ms): the achieved rate within
//    2 % of the asked one, and the p99 latency from the scheduled start below 20 ms.
// 3. Memory: the same 60 s soak's resident set (VmRSS of its process from /proc, sampled each
//    second; the report's own rss start/end/peak beside it), below 200 MB and not growing: the
//    slope of RSS over the second half. The kit runs with --trace-gc there, so that V8's heap after
//    each full GC shows whether anything is retained. --long adds a 10-minute soak at 500/s.
//
// The kit and the mock run as plain node from JS that the script compiles with tsc into a temp dir
// (as `npm run build` makes dist/; through tsx every process would also carry tsx's loader).
// Before each part the script waits (up to 5 min) for the 1-minute load average to fall to 1.5.
// Linux only (/proc).
// Run: npm run bench:soak [-- --long] [-- --connections N] [-- --rounds N]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { request } from 'undici';
import { JSON_CONTENT_TYPE } from '../src/http/content-type.js';
import { MAX_RATE_PER_S } from '../src/soak/options.js';
import { drawPushes, Ids, stampPush } from '../src/soak/pool.js';
import type { SoakReport } from '../src/soak/types.js';
import { fixed, int, machine, median, range, table } from './format.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

const args = process.argv.slice(2);
function flagValue(name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number ≥ 1`);
  return n;
}
const LONG = args.includes('--long');
/** Connections of autocannon, and the soak's --max-in-flight, in part 1. */
const CONNECTIONS = flagValue('--connections', 10);
const ROUNDS = flagValue('--rounds', 3);
const SEED = 1;

/** Part 1: seconds of sending per run; the kit is asked for the most it allows. */
const RATE_RUN_S = 10;
const WARMUP_S = 2;
const RATIO_GOAL = 0.5;
/** Parts 2 and 3: the rate and the durations. */
const STEADY_RATE = 500;
const STEADY_S = 60;
const LONG_S = 600;
const RATE_TOLERANCE = 0.02;
const P99_GOAL_MS = 20;
const RSS_GOAL_MB = 200;
/** RSS "does not grow": its fitted slope over the second half of the soak, at most this. */
const SLOPE_GOAL_MB_PER_MIN = 1;
/** How long a soak may take beyond its duration before the bench gives up on it. */
const KIT_MARGIN_MS = 90_000;
/** Wait for a quieter machine before each part: 1-minute load above this, polled every 30 s, at most 5 min. */
const LOAD_LIMIT = 1.5;
const LOAD_POLL_MS = 30_000;
const LOAD_WAIT_MAX_MS = 300_000;
/** The CLI prints this note when the profile gives only the report URL: the soak is about to send. */
const START_NOTE = 'note: the profile gives only customer.reportUrl';

// --- processes ------------------------------------------------------------------------------

const cleanups = new Set<() => void>();
process.on('exit', () => {
  for (const cleanup of cleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const tmp = mkdtempSync(join(tmpdir(), 'iot-sms-bench-soak-'));
const modulesLink = join(tmp, 'js', 'node_modules');
cleanups.add(() => {
  // The link to the repository's node_modules goes first, so removing the temp dir cannot reach it.
  if (existsSync(modulesLink)) unlinkSync(modulesLink);
  rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The CLI compiled by tsc into the temp dir (src/cli/main.ts and all it imports, dynamic imports
 * included), with a package.json naming the kit (its version is read from there) and the
 * repository's node_modules linked: the kit as `node dist/src/cli/main.js` runs it, from the
 * sources as they are now. Falls back to tsx when nothing was emitted.
 */
function compileCli(): { command: string[]; how: string } {
  const out = join(tmp, 'js');
  const tsconfig = join(tmp, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: false,
        rootDir: ROOT,
        outDir: out,
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      files: [join(ROOT, 'src', 'cli', 'main.ts')],
    }),
  );
  const main = join(out, 'src', 'cli', 'main.js');
  let complaint = '';
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const output = (err as { stdout?: Buffer }).stdout?.toString('utf8') ?? (err as Error).message;
    complaint = output.trim().split('\n')[0] ?? 'tsc failed';
  }
  if (!existsSync(main)) {
    console.log(`NOTE: tsc emitted no CLI (${complaint}); running it through tsx`);
    return {
      command: [process.execPath, '--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')],
      how: 'through tsx',
    };
  }
  if (complaint) console.log(`NOTE: tsc reported type errors (${complaint}); its JS output is used`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module' })}\n`,
  );
  symlinkSync(join(ROOT, 'node_modules'), modulesLink, 'dir');
  return { command: [process.execPath, main], how: 'plain node, from JS compiled by tsc' };
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

/** Starts a CLI command (node flags first) in a process of its own; killed (by its pid) if the bench ends first. */
function startCli(cli: string[], argv: string[], nodeFlags: string[] = []): ChildProcess {
  const [exe, ...pre] = cli;
  const child = spawn(exe as string, [...nodeFlags, ...pre, ...argv], {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  cleanups.add(kill);
  child.once('exit', () => cleanups.delete(kill));
  return child;
}

/** Calls `onLine` with each line the stream writes. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
}

interface MockCustomer {
  process: ChildProcess;
  pid: number;
  uplinkUrl: string;
  reportUrl: string;
  stop(): Promise<void>;
}

/** `mock-customer` (plain HTTP, a free port on 127.0.0.1, default behaviour: answers at once). */
function startMock(cli: string[]): Promise<MockCustomer> {
  const child = startCli(cli, ['mock-customer', '--port', '0']);
  const said: string[] = [];
  lines(child.stderr as NodeJS.ReadableStream, (line) => said.push(line));
  return new Promise((resolveMock, reject) => {
    const timer = setTimeout(() => reject(new Error('mock-customer did not start in 30 s')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock-customer exited with ${code} before listening: ${said.join(' | ')}`));
    });
    let uplinkUrl = '';
    lines(child.stdout as NodeJS.ReadableStream, (line) => {
      const uplink = /notifySmsMessage:\s+(\S+)/.exec(line);
      if (uplink?.[1]) uplinkUrl = uplink[1];
      const report = /notifyReportMessage:\s+(\S+)/.exec(line);
      if (!report?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      resolveMock({
        process: child,
        pid: child.pid,
        uplinkUrl,
        reportUrl: report[1],
        stop: async () => {
          child.kill('SIGTERM');
          if (!(await waitForExit(child, 5_000))) child.kill('SIGKILL');
        },
      });
    });
  });
}

// --- /proc ------------------------------------------------------------------------------------

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used; NaN once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** VmRSS and VmHWM (the most RSS so far) of a process, in MB; NaN once it is gone. */
function rssOf(pid: number): { rss: number; hwm: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+([0-9]+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Waits (up to 5 min, polling every 30 s) until the 1-minute load is at most LOAD_LIMIT; says what it found. */
async function quietMachine(part: string): Promise<void> {
  const started = performance.now();
  while ((loadavg()[0] ?? 0) > LOAD_LIMIT && performance.now() - started < LOAD_WAIT_MAX_MS) {
    console.log(`(${part}: load average ${loadText()}, above ${LOAD_LIMIT}: waiting 30 s)`);
    await sleep(LOAD_POLL_MS);
  }
  const waited = (performance.now() - started) / 1000;
  const still = (loadavg()[0] ?? 0) > LOAD_LIMIT ? `, STILL ABOVE ${LOAD_LIMIT}: measured anyway` : '';
  console.log(
    `load average at the start of ${part}: ${loadText()}${waited >= 1 ? ` (after waiting ${fixed(waited, 0)} s)` : ''}${still}`,
  );
}

// --- the kit ----------------------------------------------------------------------------------

interface RssSample {
  /** Seconds since the soak's report says it started (negative before). */
  t: number;
  rss: number;
}

interface KitRun {
  report: SoakReport;
  code: number | null;
  /** Seconds from the start mark to the stop (the SIGINT) or the exit. */
  windowS: number;
  /** CPU seconds the kit and the mock used between the start mark and the stop. */
  kitCpu: number;
  mockCpu: number;
  /** Most RSS of the kit's process (VmHWM), MB, read just before it ended. */
  hwm: number;
  samples: RssSample[];
  /** The start mark was the CLI's note (else the spawn). */
  marked: boolean;
  /** With --trace-gc: V8's heap after each full GC (Mark-Compact), MB, with its time in the soak (s). */
  fullGcs: RssSample[];
}

interface KitAsk {
  profile: object;
  ratePerS: number;
  durationS: number;
  maxInFlight?: number;
  /** Stop the soak with SIGINT this long after its start mark. */
  stopAfterMs?: number;
  /** Sample the kit's RSS this often. */
  sampleEveryMs?: number;
  /** Run the kit with --trace-gc (one line per GC on its stdout) to see its live heap after each full GC. */
  traceGc?: boolean;
  mockPid: number;
}

/** `[pid:0x…]   50451 ms: Mark-Compact 46.2 (79.5) -> 16.8 (72.0) MB, …`: the ms since the process started, the heap after. */
const MARK_COMPACT = /\s([0-9]+) ms: Mark-Compact [0-9.]+ \([0-9.]+\) -> ([0-9.]+) \(/;

let kitRuns = 0;

/** One `soak customer` in a process of its own; its report read from --report-dir. */
async function runKit(cli: string[], ask: KitAsk): Promise<KitRun> {
  const dir = join(tmp, `kit-${++kitRuns}`);
  const profileFile = join(tmp, `profile-${kitRuns}.json`);
  writeFileSync(profileFile, JSON.stringify(ask.profile));
  const argv = [
    'soak',
    'customer',
    '--profile',
    profileFile,
    '--rate',
    `${ask.ratePerS}/s`,
    '--duration',
    `${ask.durationS}s`,
    '--seed',
    String(SEED),
    '--report-dir',
    dir,
    '--no-color',
    ...(ask.maxInFlight !== undefined ? ['--max-in-flight', String(ask.maxInFlight)] : []),
  ];
  const spawnedAt = Date.now();
  const child = startCli(cli, argv, ask.traceGc ? ['--trace-gc'] : []);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the soak could not be started');
  const said: string[] = [];
  const gcs: { at: number; heap: number }[] = [];
  const wall: { at: number; rss: number }[] = [];
  let hwm = Number.NaN;
  const sample = () => {
    const r = rssOf(pid);
    if (Number.isFinite(r.rss)) wall.push({ at: Date.now(), rss: r.rss });
    if (Number.isFinite(r.hwm)) hwm = r.hwm;
  };
  sample();
  const sampler = ask.sampleEveryMs ? setInterval(sample, ask.sampleEveryMs) : undefined;
  let mark = { at: performance.now(), kit: cpuSeconds(pid), mock: cpuSeconds(ask.mockPid) };
  let last = mark;
  let marked = false;
  let stop: typeof mark | undefined;
  let stopTimer: NodeJS.Timeout | undefined;
  const stopNow = () => {
    sample();
    stop = { at: performance.now(), kit: cpuSeconds(pid), mock: cpuSeconds(ask.mockPid) };
    child.kill('SIGINT');
  };
  const armStop = () => {
    if (ask.stopAfterMs !== undefined) stopTimer = setTimeout(stopNow, ask.stopAfterMs);
  };
  lines(child.stdout as NodeJS.ReadableStream, (line) => {
    const gc = MARK_COMPACT.exec(line);
    if (gc) {
      gcs.push({ at: spawnedAt + Number(gc[1]), heap: Number(gc[2]) });
      return;
    }
    if (/ ms: (Scavenge|Mark-Compact|Minor)/.test(line)) return;
    said.push(line);
    if (!marked && line.startsWith(START_NOTE)) {
      marked = true;
      mark = { at: performance.now(), kit: cpuSeconds(pid), mock: cpuSeconds(ask.mockPid) };
      clearTimeout(stopTimer);
      armStop();
    }
  });
  lines(child.stderr as NodeJS.ReadableStream, (line) => said.push(line));
  // Without the note (a profile with both URLs), the stop counts from the spawn.
  armStop();
  // The last RSS sample and the CPU before the process is gone: polled, as 'exit' comes too late.
  const watcher = setInterval(() => {
    if (stop) return;
    const kit = cpuSeconds(pid);
    if (Number.isFinite(kit)) {
      last = { at: performance.now(), kit, mock: cpuSeconds(ask.mockPid) };
      const r = rssOf(pid);
      if (Number.isFinite(r.hwm)) hwm = r.hwm;
    }
  }, 100);
  const exited = await waitForExit(child, ask.durationS * 1000 + KIT_MARGIN_MS);
  clearInterval(watcher);
  clearInterval(sampler);
  clearTimeout(stopTimer);
  if (!exited) {
    child.kill('SIGKILL');
    throw new Error(`the soak did not end in time:\n  ${said.slice(-20).join('\n  ')}`);
  }
  const reportFile = join(dir, 'report.json');
  if (!existsSync(reportFile))
    throw new Error(`the soak (exit ${child.exitCode}) wrote no report:\n  ${said.slice(-20).join('\n  ')}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SoakReport;
  const end = stop ?? last;
  const started = Date.parse(report.startedAt);
  return {
    report,
    code: child.exitCode,
    windowS: (end.at - mark.at) / 1000,
    kitCpu: end.kit - mark.kit,
    mockCpu: end.mock - mark.mock,
    hwm,
    samples: wall.map((s) => ({ t: (s.at - started) / 1000, rss: s.rss })),
    marked,
    fullGcs: gcs.map((g) => ({ t: (g.at - started) / 1000, rss: g.heap })),
  };
}

// --- part 1: the kit's rate against autocannon's ------------------------------------------------

interface CannonRun {
  rate: number;
  non2xx: number;
  errors: number;
  cpu: number;
  mockCpu: number;
  seconds: number;
}

function cannon(url: string, body: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
}

async function runCannon(url: string, body: string, mockPid: number): Promise<CannonRun> {
  const own = process.cpuUsage();
  const mockBefore = cpuSeconds(mockPid);
  const started = performance.now();
  const r = await cannon(url, body, RATE_RUN_S);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(own);
  return {
    rate: r['2xx'] / r.duration,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpu: (used.user + used.system) / 1e6,
    mockCpu: cpuSeconds(mockPid) - mockBefore,
    seconds,
  };
}

/** A report push of the soak's own pool (same seed): the one whose size is nearest the pool's mean. */
function cannonBody(): { body: string; mean: number; sizes: number[] } {
  const ids = new Ids();
  const bodies = drawPushes('report', SEED).map((p) => JSON.stringify(stampPush('report', p, ids)));
  const sizes = bodies.map((b) => Buffer.byteLength(b));
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  let best = 0;
  for (const [i, size] of sizes.entries())
    if (Math.abs(size - mean) < Math.abs((sizes[best] ?? 0) - mean)) best = i;
  return { body: bodies[best] as string, mean, sizes };
}

/** The mock acknowledges the body (HTTP 200, resultCode "0") before it is measured. */
async function checkAcknowledged(url: string, body: string): Promise<void> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': JSON_CONTENT_TYPE }, body });
  const text = await res.body.text();
  if (res.statusCode !== 200 || (JSON.parse(text) as { resultCode?: string }).resultCode !== '0')
    throw new Error(`the mock answered the autocannon body with HTTP ${res.statusCode}: ${text}`);
}

/**
 * For comparison only: undici's request() alone (its usual API; the kit's HttpClient dispatches
 * with a handler of its own, http/exchange-once.ts), C requests at a time in a loop for
 * RATE_RUN_S, the same body, in a fresh process of its own; no judging.
 */
const UNDICI_LOOP = `
import { Agent, request } from 'undici';
const [url, body, connections, seconds, contentType] = process.argv.slice(1);
const agent = new Agent({ connections: Number(connections) });
let ok = 0;
let failed = 0;
const t0 = performance.now();
const u0 = process.cpuUsage();
const end = t0 + Number(seconds) * 1000;
async function worker() {
  while (performance.now() < end) {
    try {
      const res = await request(url, { method: 'POST', headers: { 'content-type': contentType }, body, dispatcher: agent });
      await res.body.text();
      if (res.statusCode === 200) ok += 1;
      else failed += 1;
    } catch {
      failed += 1;
    }
  }
}
await Promise.all(Array.from({ length: Number(connections) }, worker));
const s = (performance.now() - t0) / 1000;
const u = process.cpuUsage(u0);
console.log(JSON.stringify({ rate: ok / s, failed, cpu: (u.user + u.system) / 1e6, seconds: s }));
await agent.close();
`;

async function runUndici(url: string, body: string, mockPid: number): Promise<CannonRun> {
  const mockBefore = cpuSeconds(mockPid);
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      UNDICI_LOOP,
      url,
      body,
      String(CONNECTIONS),
      String(RATE_RUN_S),
      JSON_CONTENT_TYPE,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const kill = () => child.kill('SIGKILL');
  cleanups.add(kill);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const exited = await waitForExit(child, RATE_RUN_S * 1000 + 30_000);
  cleanups.delete(kill);
  if (!exited) child.kill('SIGKILL');
  const mockCpu = cpuSeconds(mockPid) - mockBefore;
  try {
    const r = JSON.parse(out.trim().split('\n').pop() ?? '') as {
      rate: number;
      failed: number;
      cpu: number;
      seconds: number;
    };
    return { rate: r.rate, non2xx: 0, errors: r.failed, cpu: r.cpu, mockCpu, seconds: r.seconds };
  } catch {
    throw new Error(`the undici loop failed: ${out.slice(0, 500)}`);
  }
}

const pct = (cpu: number, seconds: number) => `${Math.round((cpu / seconds) * 100)}%`;
/** CPU time per exchange, µs. */
const perExchange = (cpu: number, seconds: number, rate: number) => (cpu * 1e6) / (rate * seconds);
/** A fresh kit process warms up (JIT) in its first seconds: its rate over the whole seconds after that. */
const KIT_WARM_S = 2;
function warmRate(report: SoakReport): number {
  const warm = report.intervals.filter((i) => i.startS >= KIT_WARM_S && i.lengthS >= 1);
  const seconds = warm.reduce((n, i) => n + i.lengthS, 0);
  return seconds > 0 ? warm.reduce((n, i) => n + i.completed, 0) / seconds : Number.NaN;
}

async function partRate(cli: string[]): Promise<void> {
  console.log('');
  console.log(
    `1. The kit's highest rate, judging included, against autocannon's: ${CONNECTIONS} connections ` +
      `(the soak's --max-in-flight ${CONNECTIONS}), ${RATE_RUN_S} s of sending per run, ${ROUNDS} rounds taking ` +
      `kit, undici alone and autocannon in turn (reversed in even rounds); the mock customer in its own process, ` +
      `plain HTTP on 127.0.0.1`,
  );
  await quietMachine('part 1');
  const mock = await startMock(cli);
  try {
    const { body, mean, sizes } = cannonBody();
    await checkAcknowledged(mock.reportUrl, body);
    console.log(
      `kit: soak customer --rate ${MAX_RATE_PER_S}/s (the most it allows) --duration ${RATE_RUN_S}s --max-in-flight ${CONNECTIONS}, ` +
        `profile with reportUrl only (every push a notifyReportMessage, drawn from a pool of ${sizes.length}: ` +
        `${range(sizes, 0)} bytes, mean ${fixed(mean, 0)}), stopped by SIGINT ${RATE_RUN_S} s after it starts sending; ` +
        `its rate: the report's achieved completed/s`,
    );
    console.log(
      `autocannon (in the bench's process): POST content-type ${JSON_CONTENT_TYPE}, one push of that pool (${Buffer.byteLength(body)} bytes), ` +
        `${CONNECTIONS} connections, ${RATE_RUN_S} s; the mock warmed by ${WARMUP_S} s of autocannon first`,
    );
    console.log(
      `undici alone (not a goal; a fresh process): undici's request() in a loop (its usual API, with a body stream; the kit's client dispatches without one), ${CONNECTIONS} at a time, the same body, no judging`,
    );
    await cannon(mock.reportUrl, body, WARMUP_S);
    const profile = { customer: { reportUrl: mock.reportUrl }, timeoutMs: 10_000 };
    const kits: KitRun[] = [];
    const cannons: CannonRun[] = [];
    const undicis: CannonRun[] = [];
    const turns = [
      async () => {
        kits.push(
          await runKit(cli, {
            profile,
            ratePerS: MAX_RATE_PER_S,
            durationS: RATE_RUN_S,
            maxInFlight: CONNECTIONS,
            stopAfterMs: RATE_RUN_S * 1000,
            mockPid: mock.pid,
          }),
        );
      },
      async () => {
        undicis.push(await runUndici(mock.reportUrl, body, mock.pid));
      },
      async () => {
        cannons.push(await runCannon(mock.reportUrl, body, mock.pid));
      },
    ];
    for (let round = 0; round < ROUNDS; round++)
      for (const turn of round % 2 === 0 ? turns : [...turns].reverse()) await turn();
    const ratios = kits.map((k, i) => k.report.achieved.ratePerS / (cannons[i]?.rate ?? Number.NaN));
    const kitUs = kits.map((k) => perExchange(k.kitCpu, k.windowS, k.report.achieved.ratePerS));
    const cannonUs = cannons.map((c) => perExchange(c.cpu, c.seconds, c.rate));
    const undiciUs = undicis.map((u) => perExchange(u.cpu, u.seconds, u.rate));
    const cpuRatios = kitUs.map((k, i) => (cannonUs[i] ?? Number.NaN) / k);
    console.log(
      table(
        [
          'round',
          'kit /s',
          `kit /s after ${KIT_WARM_S} s`,
          'undici alone /s',
          'autocannon /s',
          'kit ÷ autocannon',
          'CPU: kit / undici / autocannon',
          'mock CPU: kit / undici / autocannon',
          'CPU µs per exchange: kit / undici / autocannon',
          'errors: kit / undici / autocannon',
          'kit peak RSS',
        ],
        kits.map((k, i) => {
          const c = cannons[i];
          const u = undicis[i];
          const na = 'n/a';
          return [
            String(i + 1),
            int(k.report.achieved.ratePerS),
            int(warmRate(k.report)),
            u ? int(u.rate) : na,
            c ? int(c.rate) : na,
            `×${fixed(ratios[i] ?? Number.NaN, 2)}`,
            `${pct(k.kitCpu, k.windowS)} / ${u ? pct(u.cpu, u.seconds) : na} / ${c ? pct(c.cpu, c.seconds) : na}`,
            `${pct(k.mockCpu, k.windowS)} / ${u ? pct(u.mockCpu, u.seconds) : na} / ${c ? pct(c.mockCpu, c.seconds) : na}`,
            `${fixed(kitUs[i] ?? Number.NaN, 0)} / ${fixed(undiciUs[i] ?? Number.NaN, 0)} / ${fixed(cannonUs[i] ?? Number.NaN, 0)}`,
            `${int(k.report.errorRate * k.report.achieved.completed)} / ${u ? int(u.errors) : na} / ${c ? int(c.non2xx + c.errors) : na}`,
            `${fixed(k.hwm, 1)} MB`,
          ];
        }),
      ),
    );
    if (kits.some((k) => !k.marked))
      console.log('NOTE: the CLI printed no start note in some run: its window counts from the spawn');
    const findings = [...new Set(kits.flatMap((k) => k.report.findings.map((f) => f.rule.id)))];
    if (findings.length > 0) console.log(`kit findings: ${findings.join(', ')}`);
    console.log(
      `(CPU: share of one core over the ${RATE_RUN_S} s window, from /proc for the kit and the mock, ` +
        `process.cpuUsage() for undici and autocannon (for autocannon: the bench's whole process); the machine has ` +
        `2 cores. Errors: the kit's failed or MUST-breaking exchanges; the others' non-2xx answers and failures)`,
    );
    const ratio = median(ratios);
    console.log(
      `kit ÷ autocannon: ×${fixed(ratio, 2)} median of the per-round rate ratios (${range(ratios, 2)}); ` +
        `kit ${int(median(kits.map((k) => k.report.achieved.ratePerS)))}/s, undici alone ${int(median(undicis.map((u) => u.rate)))}/s, ` +
        `autocannon ${int(median(cannons.map((c) => c.rate)))}/s (medians) (goal ≥ ${RATIO_GOAL}: ${ratio >= RATIO_GOAL ? 'met' : 'NOT met'})`,
    );
    const warmRatios = kits.map((k, i) => warmRate(k.report) / (cannons[i]?.rate ?? Number.NaN));
    console.log(
      `the kit after its first ${KIT_WARM_S} s (its JIT warm; whole 1-s intervals of its report): ` +
        `×${fixed(median(warmRatios), 2)} of autocannon (${range(warmRatios, 2)}), not the goal's figure`,
    );
    console.log(
      `by CPU per exchange: kit ${fixed(median(kitUs), 0)} µs, undici alone ${fixed(median(undiciUs), 0)} µs, ` +
        `autocannon ${fixed(median(cannonUs), 0)} µs (medians); autocannon's ÷ the kit's ×${fixed(median(cpuRatios), 2)} ` +
        `(${range(cpuRatios, 2)}): the ratio of the rates each would reach on a core of its own, were the mock no limit`,
    );
  } finally {
    await mock.stop();
  }
  console.log(`load average at the end of part 1: ${loadText()}`);
}

// --- parts 2 and 3: timer accuracy and memory at 500/s ----------------------------------------

/** Least-squares slope of RSS over time, MB per minute. */
function slopePerMin(samples: RssSample[]): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mr = samples.reduce((a, s) => a + s.rss, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.rss - mr);
    den += (s.t - mt) ** 2;
  }
  return den > 0 ? (num / den) * 60 : Number.NaN;
}

/** The sample nearest `t` seconds into the soak. */
function nearest(samples: RssSample[], t: number): RssSample | undefined {
  return samples.reduce<RssSample | undefined>(
    (a, s) => (a === undefined || Math.abs(s.t - t) < Math.abs(a.t - t) ? s : a),
    undefined,
  );
}

interface Steady {
  durationS: number;
  run: KitRun;
  endRss: number;
}

async function partSteady(cli: string[], durationS: number, label: string, everyS: number): Promise<Steady> {
  console.log('');
  console.log(
    `${label}: soak customer --rate ${STEADY_RATE}/s --duration ${durationS}s (default max in flight, default mix: ` +
      `a quarter uplinks), the mock customer in its own process (plain HTTP, default behaviour: answers at once); ` +
      `the kit's VmRSS from /proc each second, and its V8 heap after each full GC (the kit run with --trace-gc)`,
  );
  await quietMachine(label);
  const mock = await startMock(cli);
  let run: KitRun;
  try {
    run = await runKit(cli, {
      profile: { customer: { uplinkUrl: mock.uplinkUrl, reportUrl: mock.reportUrl }, timeoutMs: 10_000 },
      ratePerS: STEADY_RATE,
      durationS,
      sampleEveryMs: 1_000,
      traceGc: true,
      mockPid: mock.pid,
    });
  } finally {
    await mock.stop();
  }
  const { report } = run;
  const a = report.achieved;
  const p = report.latency.percentiles;
  console.log(
    `exit ${run.code}; completed ${int(a.completed)} of ${int(a.scheduled)}, errors ${int(report.errorRate * a.completed)}, ` +
      `findings ${report.findings.length}, max in flight ${a.maxInFlight}, queued ${a.queued}; ` +
      `over the kit's life (${fixed(run.windowS, 0)} s) the kit used ${pct(run.kitCpu, run.windowS)} of one core, the mock ${pct(run.mockCpu, run.windowS)}`,
  );
  // Timer accuracy.
  const off = a.ratePerS / STEADY_RATE - 1;
  const whole = report.intervals.filter((i) => i.lengthS >= 1 && i.startS + i.lengthS <= durationS);
  const starts = whole.map((i) => i.started / i.lengthS);
  console.log(
    `timer: achieved ${fixed(a.ratePerS, 2)}/s of ${STEADY_RATE}/s asked (${off >= 0 ? '+' : ''}${fixed(off * 100, 2)} %; ` +
      `goal within ${RATE_TOLERANCE * 100} %: ${Math.abs(off) <= RATE_TOLERANCE ? 'met' : 'NOT met'}); ` +
      `arrivals started per second, each whole interval: ${range(starts, 0)}`,
  );
  console.log(
    `latency from the scheduled start (ms): p50 ${fixed(p.p50, 2)}, p90 ${fixed(p.p90, 2)}, p99 ${fixed(p.p99, 2)}, ` +
      `p99.9 ${fixed(p.p999, 2)}, max ${fixed(p.max, 2)} (goal p99 < ${P99_GOAL_MS} ms: ${p.p99 < P99_GOAL_MS ? 'met' : 'NOT met'})`,
  );
  // Memory.
  const sending = run.samples.filter((s) => s.t >= 0 && s.t <= durationS);
  const points = Array.from({ length: Math.floor(durationS / everyS) + 1 }, (_, i) => i * everyS);
  const endSample = run.samples[run.samples.length - 1];
  console.log(
    table(
      ['kit RSS (VmRSS), s into the soak', ...points.map((t) => `${t} s`), 'last sample'],
      [
        [
          'MB',
          ...points.map((t) => fixed(nearest(sending, t)?.rss ?? Number.NaN, 1)),
          fixed(endSample?.rss ?? Number.NaN, 1),
        ],
      ],
    ),
  );
  const secondHalf = sending.filter((s) => s.t >= durationS / 2);
  const slope = slopePerMin(secondHalf);
  const peak = Math.max(run.hwm, report.rss.peakMb);
  const gcs = run.fullGcs.filter((g) => g.t >= 0);
  const lateGcs = gcs.filter((g) => g.t >= durationS / 2 && g.t <= durationS);
  // Before V8's first full GC its heap only fills: a slope then says how fast, not whether anything stays.
  const heapSettled = gcs.some((g) => g.t < durationS / 2);
  console.log(
    `report's rss: start ${fixed(report.rss.startMb, 1)} MB, end ${fixed(report.rss.endMb, 1)} MB, peak ${fixed(report.rss.peakMb, 1)} MB; ` +
      `VmHWM (the process's most) ${fixed(run.hwm, 1)} MB (goal < ${RSS_GOAL_MB} MB: ${peak < RSS_GOAL_MB ? 'met' : 'NOT met'})`,
  );
  console.log(
    `RSS over the second half (${durationS / 2}–${durationS} s, ${secondHalf.length} samples): ${range(
      secondHalf.map((s) => s.rss),
      1,
    )} MB, slope ${slope >= 0 ? '+' : ''}${fixed(slope, 2)} MB/min ` +
      `(goal ≤ ${SLOPE_GOAL_MB_PER_MIN} MB/min: ${
        heapSettled
          ? slope <= SLOPE_GOAL_MB_PER_MIN
            ? 'met'
            : 'NOT met'
          : `not judged here: no full GC in the first half, V8's heap was still filling up to its first full GC${LONG ? '' : '; --long judges it over 10 minutes'}`
      })`,
  );
  console.log(
    gcs.length === 0
      ? 'V8 heap after full GCs: no full GC (Mark-Compact) while the soak ran'
      : `V8 heap after each full GC (Mark-Compact) while the soak ran: ${gcs.length} GCs, at ` +
          `${(gcs.length <= 12 ? gcs : [...gcs.slice(0, 4), undefined, ...gcs.slice(-4)])
            .map((g) => (g ? `${fixed(g.t, 0)} s ${fixed(g.rss, 1)} MB` : '…'))
            .join(', ')} (all: ${range(
            gcs.map((g) => g.rss),
            1,
          )} MB)` +
          (lateGcs.length >= 2
            ? `; slope over the second half ${fixed(slopePerMin(lateGcs), 2)} MB/min (${lateGcs.length} GCs)`
            : ''),
  );
  console.log(`load average at the end of ${label}: ${loadText()}`);
  return { durationS, run, endRss: endSample?.rss ?? Number.NaN };
}

// --- run --------------------------------------------------------------------------------------

const runStarted = performance.now();
const autocannonVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')) as { version: string }
).version;
console.log(
  `Soak: the kit's rate, timer accuracy and memory; autocannon ${autocannonVersion}; ` +
    `every soak and the mock customer in processes of their own${LONG ? '; with the 10-minute soak (--long)' : ''}`,
);
console.log(machine());
const compileStarted = performance.now();
const cli = compileCli();
console.log(
  `the kit and the mock: ${cli.how} (compiled in ${fixed((performance.now() - compileStarted) / 1000, 0)} s)`,
);

await partRate(cli.command);
const short = await partSteady(
  cli.command,
  STEADY_S,
  `2 and 3. Timer accuracy and memory, ${STEADY_S} s`,
  10,
);
if (LONG) {
  const long = await partSteady(cli.command, LONG_S, `3b. Memory, ${LONG_S / 60} minutes`, 30);
  console.log(
    `RSS at the end: ${fixed(short.endRss, 1)} MB after ${short.durationS} s, ${fixed(long.endRss, 1)} MB after ${long.durationS} s; ` +
      `(does not grow with duration, the end after ${long.durationS} s within 10 % of the end after ${short.durationS} s: ` +
      `${long.endRss <= short.endRss * 1.1 ? 'met' : 'NOT met'}); ` +
      `most (VmHWM, the writing of the reports at the end included): ${fixed(short.run.hwm, 1)} MB and ${fixed(long.run.hwm, 1)} MB`,
  );
}
console.log(`total ${fixed((performance.now() - runStarted) / 1000, 0)} s`);
