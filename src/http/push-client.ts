// Outgoing pushes (platform → customer): one POST of a JSON body with the spec's Content-Type,
// judged as the spec's answer tables say: a 2xx answer whose JSON body has `resultCode` "0" is
// an acknowledgement (§3 table 3-3, §4 table 4-3); anything else is a failed attempt (D16, D20).
import { Agent } from 'undici';
import { JSON_CONTENT_TYPE } from './content-type.js';
import { exchangeOnce, Targets } from './exchange-once.js';
import { trusting } from './trust.js';

export interface PushClientOptions {
  /** Per attempt, connection to end of answer. */
  timeoutMs: number;
  /** False to accept self-signed certificates on https callbacks (as the vendor's samples do). */
  rejectUnauthorized: boolean;
  /** Extra trusted CA certificates (PEM) for https callbacks. */
  ca?: string | undefined;
  /** Most sockets per origin. */
  connections?: number;
}

export interface PushOutcome {
  /** Whether the push was acknowledged (2xx and `resultCode` "0"). */
  ok: boolean;
  status?: number;
  /** The answer's `resultCode`, when the answer was JSON with one. */
  resultCode?: unknown;
  /** Why the attempt failed: a transport error, a status, an answer that is not an acknowledgement. */
  error?: string;
  durationMs: number;
}

export interface PushClient {
  post(url: string, body: string): Promise<PushOutcome>;
  /** Closes every connection, cutting requests still in flight. */
  close(): Promise<void>;
}

/** Enough of an answer to read its resultCode; the rest is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;

function judge(status: number, text: string): Pick<PushOutcome, 'ok' | 'resultCode' | 'error'> {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { ok: false, error: `HTTP ${status}, answer is not JSON` };
  }
  const resultCode =
    answer !== null && typeof answer === 'object'
      ? (answer as { resultCode?: unknown }).resultCode
      : undefined;
  if (status < 200 || status > 299) return { ok: false, resultCode, error: `HTTP ${status}` };
  if (resultCode !== '0')
    return {
      ok: false,
      resultCode,
      error: `answer resultCode is ${JSON.stringify(resultCode) ?? 'missing'}`,
    };
  return { ok: true, resultCode };
}

export function createPushClient(options: PushClientOptions): PushClient {
  const agent = new Agent({
    connect: {
      rejectUnauthorized: options.rejectUnauthorized,
      ...trusting(options.ca),
      timeout: options.timeoutMs,
    },
    connections: options.connections ?? 64,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const headers = { 'content-type': JSON_CONTENT_TYPE };
  // A mock pushes to the handful of callback URLs its requests named.
  const targets = new Targets();
  return {
    async post(url, body) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const out = { method: 'POST', headers, body };
      const got = await exchangeOnce(agent, targets, url, out, options.timeoutMs, MAX_ANSWER_BYTES);
      if (got.error === undefined && got.head) {
        const { status } = got.head;
        return { ...judge(status, got.bytes.toString('utf8')), status, durationMs: elapsed() };
      }
      const e = (got.error ?? new Error('no answer')) as Error & { code?: string; cause?: { code?: string } };
      const code = e.code ?? e.cause?.code;
      return { ok: false, error: code ? `${code}: ${e.message}` : e.message, durationMs: elapsed() };
    },
    close: () => agent.destroy(),
  };
}
