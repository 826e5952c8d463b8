// The kit's HTTP client (undici): every request has a timeout, TLS settings from the profile, and
// comes back as an Exchange recorded exactly as it went (the output masks secrets, not the client).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { KitError } from '../core/errors.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import type { Exchange } from '../http/exchange.js';
import { readCapped, type TooLarge } from '../http/read-capped.js';
import { flatHeaders } from '../http/received.js';
import { TimeoutSignal } from '../http/timeout-signal.js';
import { trusting } from '../http/trust.js';
import type { InvalidUtf8 } from '../http/utf8.js';
import { PROFILE_DEFAULTS } from '../profile/profile.js';
import { bodyOf, type SendExchange, type WireAnswer, type WireRequest } from '../rules/index.js';
import { describeTransportError } from './transport-error.js';

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

export class HttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: HttpOptions) {
    const ca = options.tls.ca ? readCa(options.tls.ca) : undefined;
    this.agent = new Agent({
      connect: { rejectUnauthorized: !options.tls.insecure, ...trusting(ca) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: 64,
    });
  }

  get tls(): TlsOptions {
    return this.options.tls;
  }

  /** Sends `body` (a string is sent as it is, anything else as JSON). */
  async send(url: string, body: unknown, opts: SendOptions = {}): Promise<HttpResult> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'content-type': JSON_CONTENT_TYPE, ...(opts.headers ?? {}) };
    const method = opts.method ?? 'POST';
    const sent = method === 'GET' || method === 'HEAD' ? '' : text;
    const wireRequest: WireRequest = {
      method,
      headers: lowerCased(headers),
      body: Buffer.from(sent, 'utf8'),
    };
    const exchange: Exchange = {
      ...(opts.label ? { label: opts.label } : {}),
      direction: 'sent',
      at: new Date().toISOString(),
      request: { method, url, headers, body: text },
    };
    const started = performance.now();
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    const limit = this.options.maxBodyBytes ?? PROFILE_DEFAULTS.maxBodyBytes;
    const progress = { size: 0 };
    let head: { status: number; headers: Record<string, string> } | undefined;
    // undici's own timeouts tick at about a second; this deadline holds the profile's timeout
    // exactly, for the answer and its body.
    const deadline = new TimeoutSignal(timeoutMs);
    try {
      const res = await request(url, {
        method: method as 'POST',
        headers,
        body: sent === '' && (method === 'GET' || method === 'HEAD') ? null : sent,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: deadline,
      });
      head = { status: res.statusCode, headers: flatHeaders(res.headers) };
      const read = await readCapped(res.body, limit, progress);
      const response = {
        status: res.statusCode,
        headers: head.headers,
        durationMs: Math.round(performance.now() - started),
      };
      if (read.over) {
        const declared = Number(head.headers['content-length']);
        const tooLarge: TooLarge = {
          limit,
          read: read.size,
          ...(Number.isFinite(declared) && declared > 0 ? { declared } : {}),
        };
        exchange.response = {
          ...response,
          body: read.bytes.subarray(0, OVERSIZE_PREVIEW_BYTES).toString('utf8'),
          cut: true,
        };
        exchange.error =
          `the answer of ${url} (HTTP ${res.statusCode}) has a body over the cap of ${bytesText(limit)}: ` +
          `${tooLarge.declared ? `Content-Length ${bytesText(tooLarge.declared)}` : `more than ${bytesText(limit)} read`}` +
          ` (the first ${OVERSIZE_PREVIEW_BYTES} bytes are kept; the cap is the profile's maxBodyBytes)`;
        const wire = { request: wireRequest, failure: exchange.error };
        return { exchange, wire, status: res.statusCode, isJson: false, error: exchange.error, tooLarge };
      }
      const answer: WireAnswer = { status: res.statusCode, headers: head.headers, body: read.bytes };
      // Strictly UTF-8 (§1.2, §1.5): a body in another encoding is recorded, not smoothed over.
      const { text: raw, invalidUtf8, json, isJson } = bodyOf(answer);
      exchange.response = { ...response, body: raw };
      // Not JSON: the case judges that; the raw text is in the exchange.
      return {
        exchange,
        wire: { request: wireRequest, answer },
        status: res.statusCode,
        json,
        isJson,
        ...(invalidUtf8 ? { invalidUtf8 } : {}),
      };
    } catch (err) {
      if (head) {
        // The headers came; the body did not end (a stalled or endless answer).
        exchange.response = {
          status: head.status,
          headers: head.headers,
          body: '',
          durationMs: Math.round(performance.now() - started),
        };
        exchange.error =
          `${url} sent its headers (HTTP ${head.status}) but the body did not end within ${timeoutMs} ms ` +
          `(${bytesText(progress.size)} read; the timeout is the profile's timeoutMs)`;
      } else exchange.error = describeTransportError(err, url, timeoutMs);
      return {
        exchange,
        wire: { request: wireRequest, failure: exchange.error },
        isJson: false,
        error: exchange.error,
      };
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
