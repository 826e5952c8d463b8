// The kit's HTTP client (undici): every request has a timeout, TLS settings from the profile, and
// comes back as an Exchange recorded exactly as it went, secrets redacted.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { Exchange } from '../cases/types.js';
import { UserError } from '../cli/exit-codes.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import { decodeUtf8, type InvalidUtf8 } from '../http/utf8.js';
import type { Redactor } from './redact.js';
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
  redactor: Redactor;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  label?: string;
  timeoutMs?: number;
}

/** The answer of one request: the recorded exchange and, when the body was JSON, its value. */
export interface HttpResult {
  exchange: Exchange;
  status?: number;
  json?: unknown;
  /** Whether the body parsed as JSON. */
  isJson: boolean;
  /** A transport failure, in one line. */
  error?: string;
  /** The answer's body was not valid UTF-8 (the exchange holds its lossy text): where, in hex. */
  invalidUtf8?: InvalidUtf8;
}

export class HttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: HttpOptions) {
    let ca: string | undefined;
    if (options.tls.ca) {
      try {
        ca = readFileSync(options.tls.ca, 'utf8');
      } catch (err) {
        throw new UserError(
          `cannot read the CA file ${options.tls.ca}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
    }
    this.agent = new Agent({
      connect: { rejectUnauthorized: !options.tls.insecure, ...(ca ? { ca } : {}) },
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
    const redact = this.options.redactor;
    const exchange: Exchange = {
      ...(opts.label ? { label: opts.label } : {}),
      direction: 'sent',
      at: new Date().toISOString(),
      request: { method, url: redact.text(url), headers: redact.headers(headers), body: redact.text(text) },
    };
    const started = performance.now();
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    try {
      const res = await request(url, {
        method: method as 'POST',
        headers,
        body: method === 'GET' || method === 'HEAD' ? null : text,
        dispatcher: this.agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        // undici's own timeouts tick at about a second; the signal holds the profile's timeout exactly.
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Strictly UTF-8 (§1.2, §1.5): a body in another encoding is recorded, not smoothed over.
      const { text: raw, invalidUtf8 } = decodeUtf8(new Uint8Array(await res.body.arrayBuffer()));
      const resHeaders: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) resHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
      exchange.response = {
        status: res.statusCode,
        headers: redact.headers(resHeaders),
        body: redact.text(raw),
        durationMs: Math.round(performance.now() - started),
      };
      let json: unknown;
      let isJson = false;
      try {
        json = JSON.parse(raw);
        isJson = true;
      } catch {
        // Not JSON: the case judges that; the raw text is in the exchange.
      }
      return { exchange, status: res.statusCode, json, isJson, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
    } catch (err) {
      exchange.error = describeTransportError(err, url);
      return { exchange, isJson: false, error: exchange.error };
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
