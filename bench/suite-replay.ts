// The raw side of bench/platform-suite.ts: requests replayed one at a time with undici's request()
// against fresh embedded targets (the same startEmbeddedTargets the suite ran against), nothing
// else in the process. Imported, it replays in the caller's process; run as a forked child
// (`tsx bench/suite-replay.ts PLAN.json [RECEIVER_PORT [http|https]]`) it replays in a fresh, cold
// process and sends its ReplayOutcome back over IPC.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { startEmbeddedTargets } from '../src/library/embedded.js';

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

/** Where the suite's statusCallback and uplink URLs point: its receiver, closed by the replay. */
export interface ReceiverAddress {
  port: number;
  scheme: 'http' | 'https';
}

/**
 * A stand-in on the suite's receiver port acknowledges every push, as the suite's receiver did, so
 * the fresh mock does the same work for pushes in the replay as in the suite (an HTTPS push made
 * and answered), instead of failing to connect and retrying later. Over HTTPS it serves the
 * certificate the fresh mock trusts for pushes (the embedded profile's receiver certificate).
 */
function standIn(
  at: ReceiverAddress,
  tls: { cert: string; key: string } | undefined,
): Promise<Server | undefined> {
  const acknowledge = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end('{"resultCode":"0"}');
    });
  };
  let server: Server;
  if (at.scheme === 'http') server = createServer(acknowledge);
  else if (tls) server = createHttpsServer({ cert: tls.cert, key: tls.key }, acknowledge);
  else return Promise.resolve(undefined);
  return new Promise((done) => {
    server.once('error', () => done(undefined));
    server.listen(at.port, '127.0.0.1', () => done(server));
  });
}

export async function replay(
  plan: readonly PlannedRequest[],
  receiver?: ReceiverAddress,
): Promise<ReplayOutcome> {
  const targets = await startEmbeddedTargets();
  const tls = targets.profile.callbackReceiver.tls;
  const stand = receiver ? await standIn(receiver, tls && 'cert' in tls ? tls : undefined) : undefined;
  const origin = new URL(targets.profile.platform?.url ?? '').origin;
  // The suite's client verifies the embedded mock's certificate against the profile's CA file: so
  // does the replay.
  const caFile = targets.profile.tls.ca;
  const agent = new Agent({ connect: { ca: caFile ? readFileSync(caFile, 'utf8') : undefined } });
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
  if (!planFile) throw new Error('usage: tsx bench/suite-replay.ts PLAN.json [RECEIVER_PORT [http|https]]');
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as PlannedRequest[];
  const receiver: ReceiverAddress | undefined = process.argv[3]
    ? { port: Number(process.argv[3]), scheme: process.argv[4] === 'https' ? 'https' : 'http' }
    : undefined;
  const outcome = await replay(plan, receiver);
  if (process.send) process.send(outcome, () => process.exit(0));
  else console.log(JSON.stringify({ ms: outcome.ms, requests: outcome.requests.length }));
}
