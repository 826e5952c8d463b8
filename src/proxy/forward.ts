// Forwarding one request upstream (to the platform, or to the customer's callback URL) and reading
// its answer with a cap: the headers as they came minus hop-by-hop ones, a timeout on the whole
// exchange, and a body never buffered past the cap. (relay.ts hands the answer back to the caller.)
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, type Dispatcher, request } from 'undici';
import { describeTransportError } from '../client/transport-error.js';
import { trusting } from '../http/trust.js';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus the ones recomputed. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'http2-settings',
]);

/** The raw header list of a message minus hop-by-hop headers (and those its Connection header names). */
export function endToEndHeaders(raw: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2)
    if ((raw[i] as string).toLowerCase() === 'connection')
      for (const token of (raw[i + 1] as string).split(',')) named.add(token.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}

/** A header list as one lower-cased record (repeated headers joined with ", "), for the judges. */
export function headerRecord(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    out[name] = out[name] === undefined ? (raw[i + 1] as string) : `${out[name]}, ${raw[i + 1]}`;
  }
  return out;
}

/** undici's answer headers as a flat list, minus hop-by-hop ones. */
function answerHeaders(headers: IncomingHttpHeaders): string[] {
  const raw: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) raw.push(name, v);
  }
  return endToEndHeaders(raw);
}

export interface UpstreamAnswer {
  kind: 'answer';
  status: number;
  /** End-to-end headers as a flat [name, value, …] list. */
  headers: string[];
  body: Buffer;
  durationMs: number;
}

export type UpstreamResult =
  | UpstreamAnswer
  | { kind: 'too-large'; limit: number; status: number; durationMs: number }
  | { kind: 'error'; error: string; durationMs: number };

export interface ForwardOptions {
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface UpstreamTls {
  /** A CA bundle (PEM text) to trust. */
  ca?: string;
  insecure?: boolean;
}

export function upstreamAgent(tls: UpstreamTls, timeoutMs: number): Agent {
  return new Agent({
    connect: { rejectUnauthorized: !tls.insecure, ...trusting(tls.ca), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: 128,
  });
}

/** Sends `body` with `headers` to `url`; reads the answer up to the cap. Never throws. */
export async function forward(
  agent: Dispatcher,
  url: string,
  method: string,
  headers: string[],
  body: Buffer,
  options: ForwardOptions,
): Promise<UpstreamResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers: [...headers, 'content-length', String(body.length)],
      body: method === 'GET' || method === 'HEAD' ? null : body,
      dispatcher: agent,
      signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBodyBytes) {
        res.body.destroy();
        return {
          kind: 'too-large',
          limit: options.maxBodyBytes,
          status: res.statusCode,
          durationMs: elapsed(),
        };
      }
      chunks.push(chunk as Buffer);
    }
    return {
      kind: 'answer',
      status: res.statusCode,
      headers: answerHeaders(res.headers),
      body: Buffer.concat(chunks),
      durationMs: elapsed(),
    };
  } catch (err) {
    return { kind: 'error', error: describeTransportError(err, url), durationMs: elapsed() };
  }
}

/** The way upstream: one agent, and the limits every forwarded exchange keeps to. */
export class Forwarder {
  private readonly agent: Agent;

  constructor(
    tls: UpstreamTls,
    readonly limits: ForwardOptions,
  ) {
    this.agent = upstreamAgent(tls, limits.timeoutMs);
  }

  /** Forwards what came in (its method, `fallbackMethod` if it has none; its end-to-end headers) with `body` to `url`. */
  pass(req: IncomingMessage, url: string, body: Buffer, fallbackMethod: string): Promise<UpstreamResult> {
    return forward(
      this.agent,
      url,
      req.method ?? fallbackMethod,
      endToEndHeaders(req.rawHeaders),
      body,
      this.limits,
    );
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
