// The suite's side of bench/platform-suite.ts, measured as the replay is: the platform suite against
// fresh embedded targets in a fresh, cold process (`tsx bench/suite-cold.ts SEED RUNS`, forked),
// one case at a time, nothing recorded but the time of each case and how many requests it sent.
// It sends back a SuiteColdOutcome over IPC.
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { HttpClient } from '../src/client/http.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';
import { startEmbeddedTargets } from '../src/run/embedded.js';
import { PROBE_LABEL } from '../src/run/preflight.js';
import { runPlatformSide } from '../src/run/sides.js';

export interface SuiteColdOutcome {
  /** Time of the cases that waited for no push (durationMs, summed). */
  quietMs: number;
  /** Requests to the platform those cases sent. */
  quietRequests: number;
  quietCases: number;
  /** runPlatformSide's wall time. */
  wallMs: number;
  verdicts: string;
}

const seed = Number(process.argv[2]);
const runs = Number(process.argv[3]);
if (!Number.isInteger(seed) || !Number.isInteger(runs))
  throw new Error('usage: tsx bench/suite-cold.ts SEED RUNS');

// Whether the running case waited for a push, and how many requests it sent to the platform.
let waited = false;
let requests = 0;
const originalWaitFor = CallbackReceiver.prototype.waitFor;
CallbackReceiver.prototype.waitFor = function (this: CallbackReceiver, ...args) {
  waited = true;
  return originalWaitFor.apply(this, args);
};

// The preflight probe is no case's (bench/platform-suite.ts leaves it out the same way).
let inProbe = false;
const originalSend = HttpClient.prototype.send;
HttpClient.prototype.send = function (this: HttpClient, ...args: Parameters<HttpClient['send']>) {
  inProbe = args[2]?.label === PROBE_LABEL;
  return originalSend.apply(this, args);
};

const targets = await startEmbeddedTargets();
const platform = targets.profile.platform;
if (!platform) throw new Error('the embedded profile has no platform');
const origin = new URL(platform.url).origin;
subscribe('undici:request:create', (message) => {
  const r = (message as { request: { origin?: string | URL } }).request;
  if (new URL(String(r.origin)).origin === origin && !inProbe) requests++;
  inProbe = false;
});
const outcome: SuiteColdOutcome = { quietMs: 0, quietRequests: 0, quietCases: 0, wallMs: 0, verdicts: '' };
try {
  const started = performance.now();
  const { results } = await runPlatformSide(
    { ...targets.profile, platform },
    {
      seed,
      runs,
      rerun: (id) => id,
      concurrency: 1,
      onResult: (result) => {
        if (!waited) {
          outcome.quietMs += result.durationMs;
          outcome.quietRequests += requests;
          outcome.quietCases++;
        }
        waited = false;
        requests = 0;
      },
    },
  );
  outcome.wallMs = performance.now() - started;
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  outcome.verdicts = ['pass', 'fail', 'error', 'skip', 'info'].map((v) => `${count(v)} ${v}`).join(', ');
} finally {
  await targets.close();
}
if (process.send) process.send(outcome, () => process.exit(0));
else console.log(JSON.stringify(outcome));
