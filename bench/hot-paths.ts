// Issue 12's figures, side by side in one run: the mock platform's startup, its throughput against
// a bare node:http server and Prism (bench/mock-platform.ts, without its memory part), and the
// platform suite's cost per request against a raw replay of the same requests
// (bench/platform-suite.ts). Each of the two is run as a child process and hands its ratios back in
// a JSON file; this script prints them in one table with their goals.
//
// Startup: `node dist/src/cli/main.js mock-platform` (HTTPS with the certificate it makes at start,
// as `iot-sms-conformance mock-platform` runs), from spawning the process to the first answer to the
// bench request; dist/ is built first (tsc -p tsconfig.build.json, as `npm run build`). The parts:
// until the process prints that it listens, then the first request (the validators are compiled on
// first use); and, in this process, how long making the key and certificate takes.
// Run: npm run bench:hot
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { createSelfSignedCertificate } from '../src/http/self-signed.js';
import { SEND_PATH } from '../src/mock/index.js';
import { fixed, machine, median, range, table } from './format.js';
import { benchRequest } from './openapi.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const STARTUPS = 9;
const CERTIFICATES = 20;
const STARTUP_TIMEOUT_MS = 30_000;

// --- startup ------------------------------------------------------------------------------------

interface Startup {
  /** Spawn → "listening" printed. */
  listeningMs: number;
  /** Spawn → first answer received. */
  firstAnswerMs: number;
}

async function startupOnce(body: string, agent: Agent): Promise<Startup> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'mock-platform'], {
    cwd: ROOT,
    // Its stderr says it stops on SIGTERM, each time: not shown.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error('mock-platform did not listen in 30 s')),
        STARTUP_TIMEOUT_MS,
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /listening on (https:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          done(m[1]);
        }
      });
      child.once('exit', (code) => fail(new Error(`mock-platform exited with ${code} before listening`)));
    });
    const listeningMs = performance.now() - started;
    const res = await request(`${url}${SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body,
      dispatcher: agent,
    });
    const answer = JSON.parse(await res.body.text()) as { resultCode?: string };
    const firstAnswerMs = performance.now() - started;
    if (res.statusCode !== 200 || answer.resultCode !== '0')
      throw new Error(`first answer: HTTP ${res.statusCode}, resultCode ${answer.resultCode}`);
    return { listeningMs, firstAnswerMs };
  } finally {
    child.kill('SIGTERM');
  }
}

// --- the two other benches --------------------------------------------------------------------

interface Ratio {
  rounds: number[];
  cpuRounds: number[];
  goal?: number;
}

/** Runs `tsx bench/<script> ...args --json FILE`, its output shown as it comes; the JSON it wrote. */
function runBench<T>(script: string, args: string[]): T | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'iot-sms-hot-'));
  const file = join(dir, 'out.json');
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(HERE, script), ...args, '--json', file], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    console.log(`NOTE: bench/${script} failed: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- run --------------------------------------------------------------------------------------

const runStarted = performance.now();
console.log('Issue 12 hot paths: mock startup, mock throughput ratios, suite cost per request, in one run');
console.log(machine());

console.log('building dist/ (tsc -p tsconfig.build.json) for the startup runs');
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
const body = JSON.stringify(benchRequest());
const agent = new Agent({ connect: { rejectUnauthorized: false } });
const startups: Startup[] = [];
try {
  await startupOnce(body, agent); // warm-up: the file system cache
  for (let i = 0; i < STARTUPS; i++) startups.push(await startupOnce(body, agent));
} finally {
  await agent.close();
}
// The first one in a process pays for loading OpenSSL's EC code: that one is the startup's.
const certMs: number[] = [];
for (let i = 0; i <= CERTIFICATES; i++) {
  const t = performance.now();
  createSelfSignedCertificate();
  certMs.push(performance.now() - t);
}
const firstCertMs = certMs.shift() ?? Number.NaN;
const listening = startups.map((s) => s.listeningMs);
const first = startups.map((s) => s.firstAnswerMs);
const firstRequest = startups.map((s) => s.firstAnswerMs - s.listeningMs);
console.log('');
console.log(
  `Mock platform startup, \`node dist/src/cli/main.js mock-platform\` (HTTPS, self-signed certificate made at start), ` +
    `${STARTUPS} runs after a warm-up (ms; median and range)`,
);
console.log(
  table(
    ['what', 'median ms', 'range ms'],
    [
      ['spawn → listening (printed)', fixed(median(listening), 1), range(listening, 1)],
      ['listening → first answer (first request)', fixed(median(firstRequest), 1), range(firstRequest, 1)],
      ['spawn → first answer', fixed(median(first), 1), range(first, 1)],
      [
        'P-256 key + certificate, first in a process (createSelfSignedCertificate)',
        fixed(firstCertMs, 2),
        '',
      ],
      [`P-256 key + certificate, the ${CERTIFICATES} after it`, fixed(median(certMs), 2), range(certMs, 2)],
    ],
  ),
);
console.log(
  `key and certificate (the first): ${fixed((100 * firstCertMs) / median(first), 1)}% of the startup`,
);
console.log('');

const mock = runBench<Record<string, Ratio>>('mock-platform.ts', ['--no-memory']);
console.log('');
interface SuiteRatio {
  cold: number;
  warm: number;
  pairs?: number[];
  goal?: number;
}
const suite = runBench<Record<string, SuiteRatio>>('platform-suite.ts', []);

/** The goals come with the figures, from the bench that measured them (one place each). */
const atLeast = (r: Ratio | undefined) => (r?.goal === undefined ? 'reported' : `≥ ${r.goal}`);
const row = (name: string, r: Ratio | undefined): string[] => {
  const goal = atLeast(r);
  if (!r) return [name, goal, 'n/a', '', 'n/a', '', ''];
  const rate = median(r.rounds);
  const cpu = median(r.cpuRounds);
  const met = r.goal === undefined ? '' : rate >= r.goal ? 'met' : 'NOT met';
  return [
    name,
    goal,
    `×${fixed(rate, 2)}`,
    range(r.rounds, 2),
    `×${fixed(cpu, 2)}`,
    range(r.cpuRounds, 2),
    met,
  ];
};
/**
 * A suite ÷ replay ratio: its median, the range of its pairs, and its goal when it has one, met
 * when the medians' ratio and the median of the pairs' ratios both are (as bench:suite judges it).
 */
const suiteRow = (name: string, r: SuiteRatio | undefined): string[] => {
  const goal = r?.goal;
  const met = goal !== undefined && r && r.cold <= goal && (!r.pairs || median(r.pairs) <= goal);
  return [
    name,
    goal === undefined ? '' : `≤ ${goal}`,
    r ? `×${fixed(r.cold, 2)}` : 'n/a',
    r?.pairs ? `${range(r.pairs, 2)} (each pair; median ×${fixed(median(r.pairs), 2)})` : '',
    '',
    '',
    goal === undefined ? '' : met ? 'met' : 'NOT met',
  ];
};
console.log('');
console.log('Issue 12: the ratios of this run, side by side');
console.log(
  table(
    ['ratio', 'goal', 'median', 'per-round range', 'by CPU per request', 'range', 'goal (by req/s)'],
    [
      row('mock ÷ bare node:http, bench request (req/s)', mock?.bareSmall),
      row('mock ÷ bare node:http, largest request (req/s)', mock?.bareLargest),
      row('mock ÷ Prism, bench request (req/s)', mock?.prismSmall),
      suiteRow('suite ÷ cold raw replay, cases that wait for no push (time per request)', suite?.quiet),
      suiteRow(
        "the same, the kit's client a bare request() and its guards off (the suites' own work; no goal)",
        suite?.quietStripped,
      ),
      suiteRow(
        "of which the bare request() alone, in the suite's process (no goal)",
        suite?.quietRequestsStripped,
      ),
    ],
  ),
);
console.log(
  `mock startup, spawn → first answer: ${fixed(median(first), 0)} ms median (${range(first, 0)}), ` +
    `of which key and certificate ${fixed(firstCertMs, 1)} ms (first in a process)`,
);
console.log(`total ${fixed((performance.now() - runStarted) / 1000, 0)} s`);
