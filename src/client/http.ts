// The kit's HTTP client (undici): every request has a timeout, TLS settings from the profile, and
// comes back as an Exchange recorded exactly as it went (the output masks secrets, not the client).
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { KitError } from '../core/errors.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import type { Exchange } from '../http/exchange.js';
import { exchangeOnce, type Head, type Received, Targets, type TooLarge } from '../http/exchange-once.js';
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

/** One request as it travelled, judged by the rules, and why it failed if it did (a soak's exchanges). */
export interface WireResult {
  /** The request and the answer as they travelled, for the rules (src/rules) to judge. */
  wire: SendExchange;
  status?: number;
  /** A transport failure, in one line. */
  error?: string;
  /** Its kind (no whole answer: a stalled body is a timeout); absent for a body over the cap. */
  failureKind?: TransportFailureKind;
  /** Set when the answer's body was over the cap (and `error` says so). */
  tooLarge?: TooLarge;
}

/** The answer of one request: the recorded exchange and, when the body was JSON, its value. */
export interface HttpResult extends WireResult {
  exchange: Exchange;
  json?: unknown;
  /** Whether the body parsed as JSON. */
  isJson: boolean;
  /** The answer's body was not valid UTF-8 (the exchange holds its lossy text): where, in hex. */
  invalidUtf8?: InvalidUtf8;
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
  // The bytes the rules judge are the bytes that go: encoded once.
  return { method, headers, body: bodiless ? null : wireRequest.body, wireRequest, exchange };
}

/** Milliseconds since the attempt's request was sent. */
function elapsed(a: Attempt): number {
  return Math.round(performance.now() - a.started);
}

/** Why an answer over the cap failed, in one line, and what was read of it. */
function overCap(
  url: string,
  limit: number,
  head: Head,
  size: number,
): { error: string; tooLarge: TooLarge } {
  const declared = Number(head.headers['content-length']);
  const tooLarge: TooLarge = {
    limit,
    read: size,
    ...(Number.isFinite(declared) && declared > 0 ? { declared } : {}),
  };
  const error =
    `the answer of ${url} (HTTP ${head.status}) has a body over the cap of ${bytesText(limit)}: ` +
    `${tooLarge.declared ? `Content-Length ${bytesText(tooLarge.declared)}` : `more than ${bytesText(limit)} read`}` +
    ` (the first ${OVERSIZE_PREVIEW_BYTES} bytes are kept; the cap is the profile's maxBodyBytes)`;
  return { error, tooLarge };
}

/** Why no whole answer came, in one line, and its kind: a body that did not end once the headers came is a timeout. */
function failureOf(
  url: string,
  timeoutMs: number,
  got: Received,
): { error: string; failureKind: TransportFailureKind } {
  if (got.head)
    return {
      error:
        `${url} sent its headers (HTTP ${got.head.status}) but the body did not end within ${timeoutMs} ms ` +
        `(${bytesText(got.size)} read; the timeout is the profile's timeoutMs)`,
      failureKind: 'timeout',
    };
  return {
    error: describeTransportError(got.error, url, timeoutMs),
    failureKind: transportFailureKind(got.error, url),
  };
}

/** An answer whose body went over the cap: its first bytes are kept, and the error says why it failed. */
function oversizedAnswer(a: Attempt, head: Head, got: Received): HttpResult {
  a.exchange.response = {
    status: head.status,
    headers: head.headers,
    durationMs: elapsed(a),
    body: got.bytes.subarray(0, OVERSIZE_PREVIEW_BYTES).toString('utf8'),
    cut: true,
  };
  const { error, tooLarge } = overCap(a.url, a.limit, head, got.size);
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
function failedAnswer(a: Attempt, got: Received): HttpResult {
  const { error, failureKind } = failureOf(a.url, a.timeoutMs, got);
  if (got.head)
    a.exchange.response = {
      status: got.head.status,
      headers: got.head.headers,
      body: '',
      durationMs: elapsed(a),
    };
  a.exchange.error = error;
  return {
    exchange: a.exchange,
    wire: { request: a.wireRequest, failure: error },
    isJson: false,
    error,
    failureKind,
  };
}

/** The headers of a soak's request: a JSON body, as every push and send of the spec (§1.5). */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': JSON_CONTENT_TYPE });

export class HttpClient {
  private readonly agent: Agent;
  private readonly targets = new Targets();

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

  private get limit(): number {
    return this.options.maxBodyBytes ?? PROFILE_DEFAULTS.maxBodyBytes;
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
      limit: this.limit,
    };
    const got = await exchangeOnce(this.agent, this.targets, url, sending, attempt.timeoutMs, attempt.limit);
    if (got.error !== undefined) return failedAnswer(attempt, got);
    const head = got.head as Head;
    return got.over ? oversizedAnswer(attempt, head, got) : wholeAnswer(attempt, head, got.bytes);
  }

  /**
   * POSTs `body`, JSON bytes made by the caller, and gives the exchange as it travelled for the
   * rules, with no record for a report: a soak's exchange, counted and let go.
   */
  async sendWire(url: string, body: Buffer): Promise<WireResult> {
    // The request the rules judge is the one that goes.
    const request: WireRequest = { method: 'POST', headers: JSON_HEADERS, body };
    const { timeoutMs } = this.options;
    const got = await exchangeOnce(this.agent, this.targets, url, request, timeoutMs, this.limit);
    if (got.error !== undefined) {
      const { error, failureKind } = failureOf(url, timeoutMs, got);
      return { wire: { request, failure: error }, error, failureKind };
    }
    const head = got.head as Head;
    if (got.over) {
      const { error, tooLarge } = overCap(url, this.limit, head, got.size);
      return { wire: { request, failure: error }, status: head.status, error, tooLarge };
    }
    const answer: WireAnswer = { status: head.status, headers: head.headers, body: got.bytes };
    return { wire: { request, answer }, status: head.status };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Closes at once, aborting requests in flight (a run stopped by its deadline or a signal). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }
}
