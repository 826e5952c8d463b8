// The kit's HTTP client (undici): every request has a timeout, TLS settings from the profile, and
// comes back as an Exchange recorded exactly as it went (the output masks secrets, not the client).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { KitError } from '../core/errors.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import type { Exchange } from '../http/exchange.js';
import { type CappedRead, readCapped, type TooLarge } from '../http/read-capped.js';
import { flatHeaders } from '../http/received.js';
import { TimeoutSignal } from '../http/timeout-signal.js';
import { trusting } from '../http/trust.js';
import type { InvalidUtf8 } from '../http/utf8.js';
import { PROFILE_DEFAULTS } from '../profile/profile.js';
import { bodyOf, type SendExchange, type WireAnswer, type WireRequest } from '../rules/index.js';
import {
  describeTransportError,
  type TransportFailureKind,
  transportFailureKind,
} from './transport-error.js';

export interface TlsOptions {
  /** A CA bundle (PEM file) to trust, for a platform with a private certificate. */
  ca?: string | null;
  /** Accept any certificate (self-signed test platforms). */
  insecure?: boolean;
}

export { JSON_CONTENT_TYPE };

export interface HttpOptions {
  timeoutMs: number;
  tls: TlsOptions;
  /** Most bytes of an answer's body the kit reads (default 1 MiB): a bigger body fails its case. */
  maxBodyBytes?: number;
  /** Connections per origin, as many requests in flight at once (at least 64): one more waits for a free one. */
  connections?: number;
}

/** How much of a body over the cap is kept in the exchange, to show what it was. */
const OVERSIZE_PREVIEW_BYTES = 4096;

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  label?: string;
  timeoutMs?: number;
}

/** The answer of one request: the recorded exchange and, when the body was JSON, its value. */
export interface HttpResult {
  exchange: Exchange;
  /** The request and the answer as they travelled, for the rules (src/rules) to judge. */
  wire: SendExchange;
  status?: number;
  json?: unknown;
  /** Whether the body parsed as JSON. */
  isJson: boolean;
  /** A transport failure, in one line. */
  error?: string;
  /** Its kind (no whole answer: a stalled body is a timeout); absent for a body over the cap. */
  failureKind?: TransportFailureKind;
  /** The answer's body was not valid UTF-8 (the exchange holds its lossy text): where, in hex. */
  invalidUtf8?: InvalidUtf8;
  /** Set when the answer's body was over the cap (and `error` says so). */
  tooLarge?: TooLarge;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function bytesText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)` : `${n} bytes`;
}

/** The CA bundle of the run, or a one-line usage error (exit 2) naming the file. */
export function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new KitError(
      'usage',
      `cannot read the CA file ${file} (the profile's tls.ca): ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      'tls.ca',
    );
  }
}

/** The answer's status and headers, once they have come. */
interface Head {
  status: number;
  headers: Record<string, string>;
}

/** One request in flight: what was sent, when, and the limits its answer is held to. */
interface Attempt {
  url: string;
  exchange: Exchange;
  wireRequest: WireRequest;
  started: number;
  timeoutMs: number;
  limit: number;
}

/** The request as it goes on the wire and as the exchange records it (GET and HEAD send no body). */
function outgoing(url: string, body: unknown, opts: SendOptions) {
  // Bytes go as they are (a body that is not UTF-8, on purpose); the exchange keeps their lossy text.
  const bytes = body instanceof Uint8Array ? Buffer.from(body) : undefined;
  const text = bytes ? bytes.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = { 'content-type': JSON_CONTENT_TYPE, ...(opts.headers ?? {}) };
  const method = opts.method ?? 'POST';
  const bodiless = method === 'GET' || method === 'HEAD';
  const sent = bodiless ? '' : (bytes ?? text);
  const wireRequest: WireRequest = {
    method,
    headers: lowerCased(headers),
    body: typeof sent === 'string' ? Buffer.from(sent, 'utf8') : sent,
  };
  const exchange: Exchange = {
    ...(opts.label ? { label: opts.label } : {}),
    direction: 'sent',
    at: new Date().toISOString(),
    request: { method, url, headers, body: text },
  };
  return { method, headers, body: bodiless ? null : sent, wireRequest, exchange };
}

/** Milliseconds since the attempt's request was sent. */
function elapsed(a: Attempt): number {
  return Math.round(performance.now() - a.started);
}

/** An answer whose body went over the cap: its first bytes are kept, and the error says why it failed. */
function oversizedAnswer(a: Attempt, head: Head, read: CappedRead): HttpResult {
  a.exchange.response = {
    status: head.status,
    headers: head.headers,
    durationMs: elapsed(a),
    body: read.bytes.subarray(0, OVERSIZE_PREVIEW_BYTES).toString('utf8'),
    cut: true,
  };
  const declared = Number(head.headers['content-length']);
  const tooLarge: TooLarge = {
    limit: a.limit,
    read: read.size,
    ...(Number.isFinite(declared) && declared > 0 ? { declared } : {}),
  };
  const error =
    `the answer of ${a.url} (HTTP ${head.status}) has a body over the cap of ${bytesText(a.limit)}: ` +
    `${tooLarge.declared ? `Content-Length ${bytesText(tooLarge.declared)}` : `more than ${bytesText(a.limit)} read`}` +
    ` (the first ${OVERSIZE_PREVIEW_BYTES} bytes are kept; the cap is the profile's maxBodyBytes)`;
  a.exchange.error = error;
  const wire = { request: a.wireRequest, failure: error };
  return { exchange: a.exchange, wire, status: head.status, isJson: false, error, tooLarge };
}

/** An answer that came whole: its body as text and, when it parses, as JSON. */
function wholeAnswer(a: Attempt, head: Head, bytes: Buffer): HttpResult {
  const durationMs = elapsed(a);
  const answer: WireAnswer = { status: head.status, headers: head.headers, body: bytes };
  // Strictly UTF-8 (§1.2, §1.5): a body in another encoding is recorded, not smoothed over.
  const { text: raw, invalidUtf8, json, isJson } = bodyOf(answer);
  a.exchange.response = { status: head.status, headers: head.headers, durationMs, body: raw };
  // Not JSON: the case judges that; the raw text is in the exchange.
  return {
    exchange: a.exchange,
    wire: { request: a.wireRequest, answer },
    status: head.status,
    json,
    isJson,
    ...(invalidUtf8 ? { invalidUtf8 } : {}),
  };
}

/** No whole answer: the headers came but the body did not end in time, or the transport failed. */
function failedAnswer(a: Attempt, err: unknown, head: Head | undefined, bytesRead: number): HttpResult {
  let failureKind: TransportFailureKind = 'timeout';
  if (head) {
    // The headers came; the body did not end (a stalled or endless answer).
    a.exchange.response = { status: head.status, headers: head.headers, body: '', durationMs: elapsed(a) };
    a.exchange.error =
      `${a.url} sent its headers (HTTP ${head.status}) but the body did not end within ${a.timeoutMs} ms ` +
      `(${bytesText(bytesRead)} read; the timeout is the profile's timeoutMs)`;
  } else {
    a.exchange.error = describeTransportError(err, a.url, a.timeoutMs);
    failureKind = transportFailureKind(err, a.url);
  }
  return {
    exchange: a.exchange,
    wire: { request: a.wireRequest, failure: a.exchange.error },
    isJson: false,
    error: a.exchange.error,
    failureKind,
  };
}

export class HttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: HttpOptions) {
    const ca = options.tls.ca ? readCa(options.tls.ca) : undefined;
    this.agent = new Agent({
      connect: { rejectUnauthorized: !options.tls.insecure, ...trusting(ca) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: Math.max(64, options.connections ?? 0),
    });
  }

  get tls(): TlsOptions {
    return this.options.tls;
  }

  /** Sends `body` (a string or bytes are sent as they are, anything else as JSON). */
  async send(url: string, body: unknown, opts: SendOptions = {}): Promise<HttpResult> {
    const sending = outgoing(url, body, opts);
    const attempt: Attempt = {
      url,
      exchange: sending.exchange,
      wireRequest: sending.wireRequest,
      started: performance.now(),
      timeoutMs: opts.timeoutMs ?? this.options.timeoutMs,
      limit: this.options.maxBodyBytes ?? PROFILE_DEFAULTS.maxBodyBytes,
    };
    const progress = { size: 0 };
    let head: Head | undefined;
    // undici's own timeouts tick at about a second; this deadline holds the profile's timeout
    // exactly, for the answer and its body.
    const deadline = new TimeoutSignal(attempt.timeoutMs);
    try {
      const res = await request(url, {
        method: sending.method as 'POST',
        headers: sending.headers,
        body: sending.body,
        dispatcher: this.agent,
        headersTimeout: attempt.timeoutMs,
        bodyTimeout: attempt.timeoutMs,
        signal: deadline,
      });
      head = { status: res.statusCode, headers: flatHeaders(res.headers) };
      const read = await readCapped(res.body, attempt.limit, progress);
      return read.over ? oversizedAnswer(attempt, head, read) : wholeAnswer(attempt, head, read.bytes);
    } catch (err) {
      return failedAnswer(attempt, err, head, progress.size);
    } finally {
      deadline.clear();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Closes at once, aborting requests in flight (a run stopped by its deadline or a signal). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }
}
