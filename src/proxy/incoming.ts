// What arrives at the proxy, as the rules see it: a request read up to the cap, as it travelled
// (method, headers, bytes), and the refusal of one over the cap: answered 413, not forwarded,
// and judged all the same (the rules name the body over the cap).
import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/body.js';
import type { WireRequest } from '../rules/index.js';
import type { Arrival, ProxyContext } from './context.js';
import { headerRecord } from './forward.js';
import type { Judged } from './judge.js';
import { storedRequest } from './masking.js';
import { replyError } from './relay.js';

export type Incoming =
  | { kind: 'ok'; wire: WireRequest; bytes: Buffer }
  /** Over the cap: its wire body is empty. */
  | { kind: 'too-large'; wire: WireRequest }
  | { kind: 'aborted' };

export async function readIncoming(req: IncomingMessage, maxBodyBytes: number): Promise<Incoming> {
  const body = await readBody(req, maxBodyBytes);
  if (body.kind === 'aborted') return body;
  const wire = (bytes: Buffer): WireRequest => ({
    method: req.method ?? '',
    headers: headerRecord(req.rawHeaders),
    body: bytes,
  });
  return body.kind === 'ok'
    ? { kind: 'ok', wire: wire(body.bytes), bytes: body.bytes }
    : { kind: 'too-large', wire: wire(Buffer.alloc(0)) };
}

/** What a request over the cap was: an exchange of `kind` on its way to `url`. */
export interface OverCap {
  kind: string;
  /** What the body was: `request` (a send's) or `push`. */
  noun: 'request' | 'push';
  url: string;
}

/**
 * Answers a body over the cap with a 413 and records it, judged by `judge` given why it was not
 * read (the exchange's requestOverCap or pushOverCap).
 */
export function refuseOverCap(
  ctx: ProxyContext,
  at: Arrival,
  over: OverCap,
  judge: (why: string) => Judged,
): void {
  const cap = ctx.limits.maxBodyBytes;
  replyError(at.res, 413, `body larger than ${cap} bytes; not forwarded`);
  const exchange = storedRequest(
    ctx.secrets.redactor(),
    `${over.kind} #${at.n}`,
    at.req,
    over.url,
    Buffer.alloc(0),
  );
  exchange.error = `${over.noun} body over the proxy's cap of ${cap} bytes: answered 413, not forwarded`;
  const judged = judge(
    `the ${over.noun} body is larger than the proxy's cap (${cap} bytes); it was not forwarded`,
  );
  ctx.recorder.record(at.n, over.kind, exchange, [judged], '413 (over the cap)');
}
