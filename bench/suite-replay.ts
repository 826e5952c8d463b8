// The raw side of bench/platform-suite.ts: requests replayed one at a time with undici's request()
// against fresh embedded targets (the same startEmbeddedTargets the suite ran against), nothing
// else in the process. Imported, it replays in the caller's process; run as a forked child
// (`tsx bench/suite-replay.ts PLAN.json [RECEIVER_PORT]`) it replays in a fresh, cold process and
// sends its ReplayOutcome back over IPC.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { startEmbeddedTargets } from '../src/run/embedded.js';

export interface PlannedRequest {
  method: string;
  /** Path and query on the platform. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ReplayedRequest {
  ms: number;
  status?: number;
  resultCode?: unknown;
  error?: string;
}

export interface ReplayOutcome {
  ms: number;
  requests: ReplayedRequest[];
  /** Whether a stand-in acknowledged pushes on the suite's receiver port. */
  standIn: boolean;
}

export function resultCodeOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { resultCode?: unknown } | null)?.resultCode;
  } catch {
    return undefined;
  }
}

/**
 * The suite's statusCallback and uplink URLs point at its receiver, closed by now: a stand-in on
 * the same port acknowledges every push, so the fresh mock does not retry them during the replay.
 */
function standIn(port: number): Promise<Server | undefined> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end('{"resultCode":"0"}');
    });
  });
  return new Promise((done) => {
    server.once('error', () => done(undefined));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

export async function replay(plan: readonly PlannedRequest[], receiverPort?: number): Promise<ReplayOutcome> {
  const stand = receiverPort === undefined ? undefined : await standIn(receiverPort);
  const targets = await startEmbeddedTargets();
  const origin = new URL(targets.profile.platform?.url ?? '').origin;
  // The suite's client skips certificate checks on the embedded target too (profile tls.insecure).
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  const requests: ReplayedRequest[] = [];
  let ms: number;
  try {
    const started = performance.now();
    for (const step of plan) {
      const one = performance.now();
      try {
        const res = await request(origin + step.path, {
          method: step.method as 'POST',
          headers: step.headers,
          body: step.method === 'GET' || step.method === 'HEAD' ? null : step.body,
          dispatcher: agent,
        });
        const text = await res.body.text();
        requests.push({
          ms: performance.now() - one,
          status: res.statusCode,
          resultCode: resultCodeOf(text),
        });
      } catch (err) {
        requests.push({ ms: performance.now() - one, error: (err as Error).message });
      }
    }
    ms = performance.now() - started;
  } finally {
    await agent.close();
    await targets.close();
    await new Promise<void>((done) => (stand ? stand.close(() => done()) : done()));
  }
  return { ms, requests, standIn: stand !== undefined };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const planFile = process.argv[2];
  if (!planFile) throw new Error('usage: tsx bench/suite-replay.ts PLAN.json [RECEIVER_PORT]');
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as PlannedRequest[];
  const port = process.argv[3] ? Number(process.argv[3]) : undefined;
  const outcome = await replay(plan, port);
  if (process.send) process.send(outcome, () => process.exit(0));
  else console.log(JSON.stringify({ ms: outcome.ms, requests: outcome.requests.length }));
}
