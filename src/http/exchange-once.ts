// One request through undici's dispatcher, its answer read up to a cap and within a deadline: the
// kit's client (answers of the platform and of the customer) and the mock's pushes read this way.
// The handler API rather than `request()`: no body stream, no AbortSignal, no async iterator per
// answer. Against the mock customer endpoint `request()` with its body read cost 36 µs of CPU an
// exchange, this 24 (bench/README.md, "Soak").
import type { Dispatcher } from 'undici';
import { flatHeaders } from './received.js';

/** A body that was over the cap: how much was read, and what its Content-Length said. */
export interface TooLarge {
  limit: number;
  read: number;
  declared?: number;
}

/** Where a request goes, parsed once per URL. */
export interface Target {
  origin: string;
  path: string;
}

function targetOf(url: string): Target {
  const u = new URL(url);
  return { origin: u.origin, path: `${u.pathname}${u.search}` };
}

/** URLs parsed once each: a client talks to a handful; `kept` only bounds one that varies them. */
export class Targets {
  private readonly parsed = new Map<string, Target>();

  constructor(private readonly kept = 256) {}

  of(url: string): Target {
    let target = this.parsed.get(url);
    if (!target) {
      if (this.parsed.size >= this.kept) this.parsed.clear();
      target = targetOf(url);
      this.parsed.set(url, target);
    }
    return target;
  }
}

export interface Outgoing {
  method: string;
  headers: Record<string, string>;
  /** null for GET and HEAD. */
  body: Uint8Array | string | null;
}

/** The answer's status and headers (repeated ones joined), once they have come. */
export interface Head {
  status: number;
  headers: Record<string, string>;
}

/** What came of one request. */
export interface Received {
  head?: Head;
  /** The body as read: whole, or what came before the cap when `over`. */
  bytes: Buffer;
  /** Bytes that came, those past the cap included. */
  size: number;
  /** The body went past the cap: reading stopped and the connection was dropped. */
  over: boolean;
  /** The transport failed, or the deadline passed, before the answer was whole. */
  error?: unknown;
}

/** The deadline's error, read as a timeout by transport-error.ts. */
function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** Reading stops at the cap: the request is aborted with this (nobody sees it: the answer is already given). */
const OVER_CAP = new Error('the body went over the cap');

/**
 * Sends `out` to `url` and resolves (never rejects) with what came: the whole answer, an answer
 * over `limit` bytes (cut), or the error (a URL that does not parse included). `timeoutMs` holds
 * for the answer and its body, exactly (undici's own timeouts tick at about a second); a request
 * still queued for a connection at its deadline is answered then and aborted once it leaves the
 * queue.
 */
export function exchangeOnce(
  dispatcher: Dispatcher,
  targets: Targets,
  url: string,
  out: Outgoing,
  timeoutMs: number,
  limit: number,
): Promise<Received> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let head: Head | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let cancelled: unknown;
    /** Gives what came so far, once: whatever ends the exchange first (the end, the cap, an error, the deadline). */
    const finish = (over: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      resolve({ ...(head ? { head } : {}), bytes, size, over, ...(error !== undefined ? { error } : {}) });
    };
    const abort = (reason: unknown): void => {
      if (controller) controller.abort(reason instanceof Error ? reason : new Error(String(reason)));
      else cancelled = reason;
    };
    const timer = setTimeout(() => {
      const error = timeoutError();
      finish(false, error);
      abort(error);
    }, timeoutMs);
    timer.unref();
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (cancelled !== undefined) abort(cancelled);
      },
      onResponseStart(_c, status, headers) {
        head = { status, headers: flatHeaders(headers) };
      },
      onResponseData(_c, chunk) {
        if (settled) return;
        size += chunk.length;
        if (size <= limit) {
          chunks.push(chunk);
          return;
        }
        finish(true);
        abort(OVER_CAP);
      },
      onResponseEnd() {
        finish(false);
      },
      onResponseError(_c, error) {
        finish(false, error);
      },
    };
    try {
      const target = targets.of(url);
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: out.method as Dispatcher.HttpMethod,
          headers: out.headers,
          body: out.body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        handler,
      );
    } catch (error) {
      finish(false, error);
    }
  });
}
