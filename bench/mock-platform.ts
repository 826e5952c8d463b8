// Throughput and memory of the mock platform. Throughput: the same load (autocannon, same body,
// connections and duration) against (a) the mock platform with full validation, (b) a bare
// node:http server that only parses the body, (c) Stoplight Prism mocking the same interface from
// an OpenAPI description generated from schemas/ (bench/openapi.ts). Memory: the resident set and
// V8 heap of a mock platform process after each 100,000 accepted recipients (500,000 in all),
// reports retained (no statusCallback), with the default retention cap and a small one. Our servers
// run in child processes (bench/mock-platform-child.ts, compiled to JS by tsc into a temp dir).
// Each target is measured on the bench's request (Prism too) and on the largest legal request
// (20 messages × 100 mobiles; ours only): requests per second, and the server's CPU per request,
// which a busy shared machine disturbs less than the rate.
// Run: npm run bench:mock [-- --no-memory] [-- --json FILE]   (--json writes the ratios for bench/hot-paths.ts)
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Pool, request } from 'undici';
import { DEFAULT_PLATFORM_CONFIG, SEND_PATH } from '../src/mock/index.js';
import { fixed, int, machine, mb, median, range, table } from './format.js';
import type { FromChild, MemoryReport, ToChild } from './mock-platform-child.js';
import { benchRequest, buildOpenApi } from './openapi.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CHILD = join(HERE, 'mock-platform-child.ts');

const CONNECTIONS = 10;
const WARMUP_S = 1;
const DURATION_S = 5;
/** Each round measures every target once, in turn; the best round counts. */
const ROUNDS = 3;
const PRISM = '@stoplight/prism-cli@5.14';
/** The first run downloads Prism into the npx cache. */
const PRISM_START_TIMEOUT_MS = 150_000;
const CONTENT_TYPE = 'application/json;charset=UTF-8';
/** Goals of issue 12: the mock at least half the bare server's rate, ten times Prism's. */
const BARE_GOAL = 0.5;
const PRISM_GOAL = 10;
/** The largest legal request: 20 messages of 100 mobiles (the schema's maxItems). */
const LARGEST_MESSAGES = 20;
const LARGEST_MOBILES = 100;
/** The bare server and Prism answer bench/openapi.ts's example, whatever the request: 2 recipients. */
const EXAMPLE_RECIPIENTS = 2;

const args = process.argv.slice(2);
const withMemory = !args.includes('--no-memory');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

/** Memory: requests of 20 messages × 5 mobiles, 1,000 of them per 100,000 recipients. */
const MESSAGES_PER_REQUEST = 20;
const MOBILES_PER_MESSAGE = 5;
const REQUESTS_PER_STEP = 1_000;
const MEMORY_CONCURRENCY = 4;
const SMALL_CAP = 10_000;
/** 100,000 recipients per step; five steps show whether memory levels off. */
const MEMORY_STEPS = 5;
const MEMORY_GOAL_BYTES = 200 * 2 ** 20;

// --- processes ------------------------------------------------------------------------------

const cleanups = new Set<() => void>();
process.on('exit', () => {
  for (const cleanup of cleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

interface Target {
  name: string;
  url: string;
  /** The process (and its descendants) whose CPU time counts as the server's. */
  pid: number;
  stop(): Promise<void>;
}

interface Child {
  process: ChildProcess;
  url: string;
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

const tmp = mkdtempSync(join(tmpdir(), 'iot-sms-bench-'));
const modulesLink = join(tmp, 'js', 'node_modules');
cleanups.add(() => {
  // The link to the repository's node_modules goes first, so removing the temp dir cannot reach it.
  if (existsSync(modulesLink)) unlinkSync(modulesLink);
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * The child compiled by tsc into the temp dir (with what it imports from src/, as `npm run build`
 * does for dist/), so the servers run as plain node like the installed CLI: through tsx, a process
 * also holds tsx's loader (its module hooks run on a thread of their own, about 28 MB of RSS here).
 * Falls back to tsx when the compiler fails.
 */
function compileChild(): { file: string; execArgv: string[]; how: string } {
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
      files: [CHILD],
    }),
  );
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
    symlinkSync(join(ROOT, 'node_modules'), modulesLink, 'dir');
    return {
      file: join(out, 'bench', 'mock-platform-child.js'),
      execArgv: ['--expose-gc'],
      how: 'plain node, from JS compiled by tsc',
    };
  } catch (err) {
    const output = (err as { stdout?: Buffer }).stdout?.toString('utf8') ?? (err as Error).message;
    console.log(
      `NOTE: tsc could not compile the child (${output.trim().split('\n')[0]}); running it through tsx`,
    );
    return { file: CHILD, execArgv: ['--import', 'tsx', '--expose-gc'], how: 'through tsx' };
  }
}
const childScript = compileChild();

/** Forks the child (with --expose-gc) and waits until it listens. */
function forkChild(args: string[]): Promise<Child> {
  const proc = fork(childScript.file, args, {
    cwd: ROOT,
    execArgv: childScript.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => proc.kill('SIGKILL');
  cleanups.add(kill);
  proc.once('exit', () => cleanups.delete(kill));
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} child did not start in 30 s`)), 30_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} child exited with ${code} before listening`));
    });
    proc.on('message', (message: FromChild) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolveChild({ process: proc, url: message.url });
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.connected) child.send({ type: 'stop' } satisfies ToChild);
  if (!(await waitForExit(child, 5_000))) child.kill('SIGKILL');
}

function childTarget(name: string, child: Child): Target {
  const pid = child.process.pid;
  if (pid === undefined) throw new Error(`${name}: no pid`);
  return { name, url: child.url, pid, stop: () => stopChild(child.process) };
}

function askMemory(child: ChildProcess): Promise<MemoryReport> {
  return new Promise((resolveMemory, reject) => {
    const onExit = () => reject(new Error('the mock platform child exited while measuring'));
    const onMessage = (message: FromChild) => {
      if (message.type !== 'memory') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolveMemory(message);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'memory' } satisfies ToChild);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

// --- CPU time from /proc (Linux), of a process and its descendants --------------------------

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  ticks: number;
}

function procStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name (in parentheses, which may hold spaces): state ppid … utime stime.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    stats.set(Number(entry), {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    });
  }
  return stats;
}

function descendants(root: number, stats: Map<number, ProcStat>): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++)
    for (const [pid, s] of stats) if (s.ppid === found[i] && !found.includes(pid)) found.push(pid);
  return found.filter((pid) => stats.has(pid));
}

/** CPU seconds used so far by `root` and every process under it; NaN where /proc is missing. */
function treeCpuSeconds(root: number): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const stats = procStats();
  let ticks = 0;
  for (const pid of descendants(root, stats)) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

// --- Prism ------------------------------------------------------------------------------------

/** The version of the Prism the npx process tree runs, from its package.json in the npx cache. */
function prismVersion(root: number): string {
  try {
    for (const pid of descendants(root, procStats())) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const bin = args.find((a) => a.endsWith('/node_modules/.bin/prism'));
      if (!bin) continue;
      const pkg = join(dirname(dirname(bin)), '@stoplight', 'prism-cli', 'package.json');
      return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
    }
  } catch {
    // Only informative.
  }
  return 'unknown version';
}

async function startPrism(openapiFile: string, body: string): Promise<Target & { version: string }> {
  const port = await freePort();
  // Its own process group, so the whole tree (npm exec → sh → node) is stopped by the group id.
  const child = spawn('npx', ['--yes', PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), openapiFile], {
    cwd: tmpdir(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Spawn failures (no npx on the PATH) arrive as an event: kept for the message, never thrown.
  let spawnError = '';
  child.on('error', (err) => {
    spawnError = err.message;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`npx could not be started${spawnError ? `: ${spawnError}` : ''}`);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const cleanup = () => killGroup('SIGKILL');
  cleanups.add(cleanup);
  // Prism logs every request: the pipes are drained, the last lines kept for an error message.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 15));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    killGroup('SIGTERM');
    if (!(await waitForExit(child, 5_000))) killGroup('SIGKILL');
    cleanups.delete(cleanup);
  };
  const url = `http://127.0.0.1:${port}${SEND_PATH}`;
  const deadline = Date.now() + PRISM_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`npx ${PRISM} exited (${child.exitCode ?? child.signalCode}):\n  ${tail.join('\n  ')}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Prism did not listen within ${PRISM_START_TIMEOUT_MS / 1000} s:\n  ${tail.join('\n  ')}`,
      );
    }
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPE },
        body,
        signal: AbortSignal.timeout(2_000),
      });
      await res.body.dump();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { name: 'Prism', url, pid, stop, version: prismVersion(pid) };
}

// --- checks and load --------------------------------------------------------------------------

interface Answer {
  status: number;
  json: unknown;
}

async function post(url: string, body: string, dispatcher?: Pool): Promise<Answer> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE },
    body,
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.statusCode, json };
}

interface SendAnswer {
  resultCode?: unknown;
  resultLists?: { resultCode?: unknown }[] | null;
}

/** Recipients accepted in an answer (resultCode "0" for the request and for each recipient). */
function acceptedIn(answer: Answer): number {
  const json = answer.json as SendAnswer | null;
  if (answer.status !== 200 || json?.resultCode !== '0' || !Array.isArray(json.resultLists)) return 0;
  return json.resultLists.filter((r) => r.resultCode === '0').length;
}

/** The target answers the bench body as it should before it is measured. */
async function checkTarget(target: Target, body: string, recipients: number): Promise<void> {
  const answer = await post(target.url, body);
  const accepted = acceptedIn(answer);
  if (accepted !== recipients)
    throw new Error(
      `${target.name} answered the bench request with HTTP ${answer.status}, ${accepted} of ${recipients} recipients accepted: ${JSON.stringify(answer.json).slice(0, 300)}`,
    );
}

interface Load {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Share of one core the server used while measured, and the load generator (this process). */
  serverCpu: number;
  loadCpu: number;
  /** The server's CPU time per answered request, µs. */
  cpuUs: number;
}

function cannon(url: string, body: string, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE },
    body,
    connections: CONNECTIONS,
    duration,
  });
}

async function measure(target: Target, body: string): Promise<Load> {
  await cannon(target.url, body, WARMUP_S);
  const serverBefore = treeCpuSeconds(target.pid);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const r = await cannon(target.url, body, DURATION_S);
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const serverAfter = treeCpuSeconds(target.pid);
  return {
    rate: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    serverCpu: (serverAfter - serverBefore) / seconds,
    loadCpu: (own.user + own.system) / 1e6 / seconds,
    cpuUs: ((serverAfter - serverBefore) * 1e6) / r['2xx'],
  };
}

// --- memory -----------------------------------------------------------------------------------

/** A request of 20 messages × 5 mobiles, every mobile its own (number `first` onwards). */
function batchBody(first: number): string {
  const base = JSON.parse(JSON.stringify(benchRequest())) as {
    requestLists: { mobiles: string[]; [key: string]: unknown }[];
    [key: string]: unknown;
  };
  const message = base.requestLists[0];
  if (!message) throw new Error('the bench request has no message');
  let n = first;
  base.requestLists = Array.from({ length: MESSAGES_PER_REQUEST }, () => ({
    ...message,
    mobiles: Array.from({ length: MOBILES_PER_MESSAGE }, () => `8613${String(n++).padStart(9, '0')}`),
  }));
  return JSON.stringify(base);
}

const PER_REQUEST = MESSAGES_PER_REQUEST * MOBILES_PER_MESSAGE;

/** Sends `count` batch requests, a few at a time; the recipients the mock accepted. */
async function sendBatches(url: string, firstRequest: number, count: number): Promise<number> {
  const pool = new Pool(new URL(url).origin, { connections: MEMORY_CONCURRENCY });
  let next = firstRequest;
  let accepted = 0;
  const worker = async () => {
    while (next < firstRequest + count) {
      const i = next++;
      const answer = await post(url, batchBody(i * PER_REQUEST), pool);
      const n = acceptedIn(answer);
      if (n !== PER_REQUEST)
        throw new Error(`batch ${i}: ${n} of ${PER_REQUEST} accepted (HTTP ${answer.status})`);
      accepted += n;
    }
  };
  try {
    await Promise.all(Array.from({ length: MEMORY_CONCURRENCY }, worker));
  } finally {
    await pool.close();
  }
  return accepted;
}

interface MemoryRow {
  cap: number;
  journalCap: number;
  start: MemoryReport;
  steps: { accepted: number; report: MemoryReport; seconds: number }[];
}

async function memoryRun(cap: number, journalCap: number, steps: number): Promise<MemoryRow> {
  const config = { delivery: { maxRetainedReports: cap }, journal: { maxEntries: journalCap } };
  const child = await forkChild(['mock', JSON.stringify(config)]);
  try {
    const start = await askMemory(child.process);
    const row: MemoryRow = { cap, journalCap, start, steps: [] };
    let accepted = 0;
    for (let step = 0; step < steps; step++) {
      const started = performance.now();
      accepted += await sendBatches(child.url, step * REQUESTS_PER_STEP, REQUESTS_PER_STEP);
      const seconds = (performance.now() - started) / 1000;
      row.steps.push({ accepted, report: await askMemory(child.process), seconds });
    }
    return row;
  } finally {
    await stopChild(child.process);
  }
}

// --- run --------------------------------------------------------------------------------------

/** The largest legal request the default config accepts: 20 messages × 100 mobiles, all distinct. */
function largestBody(): string {
  const base = benchRequest() as { requestLists: { mobiles: string[]; [key: string]: unknown }[] };
  const message = base.requestLists[0];
  if (!message) throw new Error('the bench request has no message');
  let n = 0;
  base.requestLists = Array.from({ length: LARGEST_MESSAGES }, () => ({
    ...message,
    mobiles: Array.from({ length: LARGEST_MOBILES }, () => `8613${String(n++).padStart(9, '0')}`),
  }));
  return JSON.stringify(base);
}

/** One request body, measured against some targets in rounds. */
interface Workload {
  name: string;
  body: string;
  recipients: number;
  targets: Target[];
  /** The other targets answer a fixed example (its 2 recipients), not one entry per recipient. */
  othersAnswerExample?: boolean;
}

interface Ratio {
  /** Per round: the mock's rate ÷ the other's (the targets ran seconds apart in a round). */
  rounds: number[];
  /** Per round: the other's CPU per request ÷ the mock's (the rate each would reach on a free core). */
  cpuRounds: number[];
}

/** Measures every target of the workload, in turn, ROUNDS times; prints the table; the ratios of the first target to each other. */
async function throughput(workload: Workload): Promise<Map<string, Ratio>> {
  for (const [i, target] of workload.targets.entries())
    await checkTarget(
      target,
      workload.body,
      i > 0 && workload.othersAnswerExample ? EXAMPLE_RECIPIENTS : workload.recipients,
    );
  const loads = new Map<string, Load[]>(workload.targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const target of workload.targets) loads.get(target.name)?.push(await measure(target, workload.body));
  const best = (name: string): Load | undefined =>
    loads.get(name)?.reduce((a, b) => (b.rate > a.rate ? b : a));
  console.log('');
  console.log(
    `${workload.name}: ${int(Buffer.byteLength(workload.body))} bytes, ${int(workload.recipients)} recipients`,
  );
  const rows = workload.targets.map((t) => {
    const all = loads.get(t.name) ?? [];
    const b = best(t.name);
    return [
      t.name,
      ...all.map((l) => int(l.rate)),
      b ? int(b.rate) : 'n/a',
      ...all.map((l) => fixed(l.cpuUs, 0)),
      b ? String(b.p50) : '',
      b ? String(b.p99) : '',
      String(all.reduce((n, l) => n + l.non2xx, 0)),
      String(all.reduce((n, l) => n + l.errors, 0)),
      b ? `${Math.round(b.serverCpu * 100)}%` : '',
      b ? `${Math.round(b.loadCpu * 100)}%` : '',
    ];
  });
  console.log(
    table(
      [
        'target',
        ...Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1} req/s`),
        'best req/s',
        ...Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1} CPU µs/req`),
        'p50 ms',
        'p99 ms',
        'non-2xx',
        'errors',
        'server CPU',
        'autocannon CPU',
      ],
      rows,
    ),
  );
  const [mine, ...others] = workload.targets;
  const ratios = new Map<string, Ratio>();
  const mineLoads = mine ? (loads.get(mine.name) ?? []) : [];
  for (const other of others) {
    const theirs = loads.get(other.name) ?? [];
    ratios.set(other.name, {
      rounds: mineLoads.map((l, i) => l.rate / (theirs[i]?.rate ?? Number.NaN)),
      cpuRounds: mineLoads.map((l, i) => (theirs[i]?.cpuUs ?? Number.NaN) / l.cpuUs),
    });
  }
  return ratios;
}

const runStarted = performance.now();
const request0 = benchRequest() as { requestLists: { mobiles: string[] }[] };
const requestBody = JSON.stringify(request0);
const recipients = request0.requestLists.reduce((n, m) => n + m.mobiles.length, 0);
const autocannonVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')) as { version: string }
).version;

console.log(
  `Mock platform throughput: autocannon ${autocannonVersion}, ${CONNECTIONS} connections, ` +
    `warm-up ${WARMUP_S} s then ${DURATION_S} s per target, ${ROUNDS} rounds taking the targets in turn; ` +
    `plain HTTP on 127.0.0.1, each server in its own process (ours: ${childScript.how})`,
);
console.log(machine());

const targets: Target[] = [];
const notes: string[] = [];
/** What bench/hot-paths.ts reads: each ratio's rounds (rate and CPU). */
const summary: Record<string, Ratio & { goal?: number }> = {};
try {
  const mock = childTarget('mock platform (full validation)', await forkChild(['mock', '{}']));
  const bare = childTarget('bare node:http (JSON.parse only)', await forkChild(['bare']));
  targets.push(mock, bare);
  const openapiFile = join(tmp, 'openapi.json');
  writeFileSync(openapiFile, JSON.stringify(buildOpenApi(), null, 2));
  const prismStarted = performance.now();
  let prism: Target | undefined;
  try {
    const started = await startPrism(openapiFile, requestBody);
    prism = { ...started, name: `Prism ${started.version} (static example)` };
    targets.push(prism);
    console.log(`Prism started in ${fixed((performance.now() - prismStarted) / 1000, 1)} s (npx ${PRISM})`);
  } catch (err) {
    const message = `PRISM COULD NOT BE RUN: ${(err as Error).message}`;
    console.log(message);
    notes.push(message);
  }
  const small = await throughput({
    name: `the bench request (1 message, ${recipients} mobiles, template with variables, no statusCallback)`,
    body: requestBody,
    recipients,
    targets: prism ? [mock, bare, prism] : [mock, bare],
  });
  const largest = await throughput({
    name: `the largest legal request (${LARGEST_MESSAGES} messages × ${LARGEST_MOBILES} mobiles, same template, no statusCallback; Prism not measured)`,
    body: largestBody(),
    recipients: LARGEST_MESSAGES * LARGEST_MOBILES,
    targets: [mock, bare],
    othersAnswerExample: true,
  });
  console.log('');
  console.log(
    `(CPU: server CPU time per answered request, from /proc; "server CPU" and "autocannon CPU": share of one core ` +
      `over the measured ${DURATION_S} s of the best round; the machine has 2 cores)`,
  );
  const lines: [string, string, Ratio | undefined, number | undefined][] = [
    ['bareSmall', 'mock / bare, bench request:  ', small.get(bare.name), BARE_GOAL],
    ['prismSmall', 'mock / Prism, bench request: ', prism ? small.get(prism.name) : undefined, PRISM_GOAL],
    ['bareLargest', 'mock / bare, largest request:', largest.get(bare.name), undefined],
  ];
  for (const [key, label, ratio, goal] of lines) {
    if (!ratio) {
      console.log(`${label} not measured`);
      continue;
    }
    summary[key] = { ...ratio, ...(goal !== undefined ? { goal } : {}) };
    const rate = median(ratio.rounds);
    const cpu = median(ratio.cpuRounds);
    const verdict =
      goal === undefined
        ? ''
        : ` (goal ≥ ${goal}: ${rate >= goal ? 'met' : 'NOT met'} by req/s, ${cpu >= goal ? 'met' : 'NOT met'} by CPU)`;
    console.log(
      `${label} ×${fixed(rate, 2)} median of the per-round req/s ratios (${range(ratio.rounds, 2)}), ` +
        `×${fixed(cpu, 2)} by CPU per request (${range(ratio.cpuRounds, 2)})${verdict}`,
    );
  }
} finally {
  await Promise.all(targets.map((t) => t.stop()));
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary));

// Memory: 5 × 100,000 recipients per cap, in a fresh process each.
if (!withMemory) {
  for (const note of notes) console.log(note);
  console.log(
    `total ${fixed((performance.now() - runStarted) / 1000, 0)} s (memory not measured: --no-memory)`,
  );
  process.exit(0);
}
const defaultCap = DEFAULT_PLATFORM_CONFIG.delivery.maxRetainedReports;
const journalCap = DEFAULT_PLATFORM_CONFIG.journal.maxEntries;
console.log('');
console.log(
  'Mock platform memory: RSS and V8 heap used of a mock platform process (after whenIdle and two forced GCs), ' +
    `requests of ${MESSAGES_PER_REQUEST} messages × ${MOBILES_PER_MESSAGE} mobiles (${PER_REQUEST} recipients), ` +
    `${int(REQUESTS_PER_STEP)} requests per 100,000 recipients, ${MEMORY_CONCURRENCY} at a time, no statusCallback ` +
    `(every report retained, up to the cap), journal cap ${int(journalCap)} entries, default config otherwise`,
);
const memoryRows: MemoryRow[] = [];
for (const cap of [defaultCap, SMALL_CAP]) memoryRows.push(await memoryRun(cap, journalCap, MEMORY_STEPS));
if (memoryRows.some((r) => !r.start.gc))
  console.log('NOTE: no --expose-gc in the child: figures without a forced GC');
const stepNames = Array.from({ length: MEMORY_STEPS }, (_, i) => int((i + 1) * 100_000));
const capName = (r: MemoryRow) => `${int(r.cap)}${r.cap === defaultCap ? ' (default)' : ''}`;
console.log(
  table(
    ['retention cap: figure', 'at start', ...stepNames.map((n) => `after ${n}`)],
    memoryRows.flatMap((r) => [
      [`${capName(r)}: RSS`, mb(r.start.rss), ...r.steps.map((s) => mb(s.report.rss))],
      [`${capName(r)}: V8 heap total`, mb(r.start.heapTotal), ...r.steps.map((s) => mb(s.report.heapTotal))],
      [`${capName(r)}: V8 heap used`, mb(r.start.heapUsed), ...r.steps.map((s) => mb(s.report.heapUsed))],
      [`${capName(r)}: reports retained`, '0', ...r.steps.map((s) => int(s.report.retained))],
      [`${capName(r)}: journal entries`, '0', ...r.steps.map((s) => int(s.report.journalEntries))],
      [`${capName(r)}: seconds to send`, '', ...r.steps.map((s) => fixed(s.seconds, 1))],
    ]),
  ),
);
for (const r of memoryRows) {
  const first = r.steps[0]?.report.rss ?? Number.NaN;
  const last = r.steps[r.steps.length - 1]?.report.rss ?? Number.NaN;
  const peak = Math.max(...r.steps.map((s) => s.report.rss));
  console.log(
    `cap ${capName(r)}: RSS after 100,000 ${mb(first)} (goal < ${mb(MEMORY_GOAL_BYTES)}: ` +
      `${first < MEMORY_GOAL_BYTES ? 'met' : 'NOT met'}); highest ${mb(peak)}; ` +
      `after ${stepNames[stepNames.length - 1]} ${mb(last)}`,
  );
}
for (const note of notes) console.log(note);
console.log(`total ${fixed((performance.now() - runStarted) / 1000, 0)} s`);
