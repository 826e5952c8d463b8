// The suite's side of bench/platform-suite.ts, measured as the replay is: the platform suite against
// fresh embedded targets in a fresh, cold process (`tsx bench/suite-cold.ts SEED RUNS`, forked),
// one case at a time, nothing recorded but the time of each case and how many requests it sent.
// It sends back a SuiteColdOutcome over IPC.
//
// `tsx bench/suite-cold.ts SEED RUNS stripped`: the same run with the kit's machinery around a
// request taken out, to show what the suites' own work (drawing, building, judging) costs without
// it: HttpClient.send is a bare undici request() (no masking, redaction, timeout signal or capped
// read), and the budget's and the account guard's checks let everything through. Only against the
// embedded mock, in this process: never a way to run the kit.
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { Exchange } from '../src/cases/types.js';
import { AuthFaultGuard } from '../src/client/auth-guard.js';
import { Budget } from '../src/client/budget.js';
import { HttpClient, JSON_CONTENT_TYPE, readCa, type SendOptions } from '../src/client/http.js';
import { PROBE_LABEL } from '../src/engine/preflight.js';
import { runPlatformSide } from '../src/engine/sides.js';
import { flatHeaders, parsedJson } from '../src/http/received.js';
import { startEmbeddedTargets } from '../src/library/embedded.js';
import { CallbackReceiver } from '../src/receiver/receiver.js';

export interface SuiteColdOutcome {
  /** Time of the cases that waited for no push (durationMs, summed). */
  quietMs: number;
  /**
   * Of quietMs, the time inside HttpClient.send (the request, the mock's work on it included): in a
   * stripped run, inside a bare undici request().
   */
  quietSendMs: number;
  /** Requests to the platform those cases sent. */
  quietRequests: number;
  quietCases: number;
  /** runPlatformSide's wall time. */
  wallMs: number;
  verdicts: string;
}

const seed = Number(process.argv[2]);
const runs = Number(process.argv[3]);
const stripped = process.argv[4] === 'stripped';
if (!Number.isInteger(seed) || !Number.isInteger(runs))
  throw new Error('usage: tsx bench/suite-cold.ts SEED RUNS [stripped]');

// Whether the running case waited for a push, and how many requests it sent to the platform.
let waited = false;
let requests = 0;
const originalWaitFor = CallbackReceiver.prototype.waitFor;
CallbackReceiver.prototype.waitFor = function (this: CallbackReceiver, ...args) {
  waited = true;
  return originalWaitFor.apply(this, args);
};

if (stripped) {
  let agent: Agent | undefined;
  HttpClient.prototype.send = async function (this: HttpClient, url, body, opts: SendOptions = {}) {
    const ca = this.tls.ca;
    agent ??= new Agent({ connect: { ca: ca ? readCa(ca) : undefined } });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'content-type': JSON_CONTENT_TYPE, ...(opts.headers ?? {}) };
    const method = opts.method ?? 'POST';
    const wireRequest = { method, headers, body: Buffer.from(text) };
    const exchange: Exchange = {
      ...(opts.label ? { label: opts.label } : {}),
      direction: 'sent',
      at: '',
      request: { method, url, headers, body: text },
    };
    try {
      const res = await request(url, {
        method: method as 'POST',
        headers,
        body: method === 'GET' || method === 'HEAD' ? null : text,
        dispatcher: agent,
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      const raw = bytes.toString('utf8');
      const answerHeaders = flatHeaders(res.headers);
      exchange.response = { status: res.statusCode, headers: answerHeaders, body: raw, durationMs: 0 };
      const wire = {
        request: wireRequest,
        answer: { status: res.statusCode, headers: answerHeaders, body: bytes },
      };
      return { exchange, wire, status: res.statusCode, ...parsedJson(raw) };
    } catch (err) {
      exchange.error = (err as Error).message;
      return {
        exchange,
        wire: { request: wireRequest, failure: exchange.error },
        isJson: false,
        error: exchange.error,
      };
    }
  };
  Budget.prototype.check = () => {};
  AuthFaultGuard.prototype.admit = () => {};
}

// The preflight probe is no case's (bench/platform-suite.ts leaves it out the same way).
let inProbe = false;
// Time inside send for the running case; `pending` so that overlapping sends count once.
let sendMs = 0;
let pending = 0;
let since = 0;
const originalSend = HttpClient.prototype.send;
HttpClient.prototype.send = async function (this: HttpClient, ...args: Parameters<HttpClient['send']>) {
  const probe = args[2]?.label === PROBE_LABEL;
  inProbe = probe;
  if (pending++ === 0) since = performance.now();
  try {
    return await originalSend.apply(this, args);
  } finally {
    if (--pending === 0 && !probe) sendMs += performance.now() - since;
  }
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
const outcome: SuiteColdOutcome = {
  quietMs: 0,
  quietSendMs: 0,
  quietRequests: 0,
  quietCases: 0,
  wallMs: 0,
  verdicts: '',
};
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
          outcome.quietSendMs += sendMs;
          outcome.quietRequests += requests;
          outcome.quietCases++;
        }
        waited = false;
        requests = 0;
        sendMs = 0;
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
