// The masking of what the proxy stores: the exchanges and findings its report keeps pass through
// here, so that no password reaches a report, a live line or the disk. The Redactor masks the
// passwords learned so far and every JSON `"password": "…"`; what it cannot see (a form field, a
// JSON password that is not a string) is masked here too, or the body is withheld.
import type { IncomingMessage } from 'node:http';
import type { Exchange } from '../cases/types.js';
import { REDACTED, type Redactor } from '../client/redact.js';
import { parseJsonBody } from '../http/json-body.js';
import type { Finding } from '../rules/index.js';
import { headerRecord, type UpstreamAnswer } from './forward.js';

/** How deep and large a body the proxy parses: to tell whether a body is JSON, to read an answer's resultCode. */
export const JSON_LIMITS = { maxJsonDepth: 32, maxJsonValues: 10_000 };
const STORED_BODY_BYTES = 64 * 1024;
/** A password the Redactor cannot see: a form field, a JSON value that is not a string. */
const LOOSE_PASSWORD = /(password\\?["']?\s*[=:]\s*)(?!"\*\*\*")(?:"(?:[^"\\]|\\.)*"|[^&\s,;}\]]+)/gi;

/**
 * A body as the report keeps it: redacted, bounded. A password the Redactor cannot see (not a JSON
 * string: a number, a form field) withholds the whole body.
 */
export function stored(redactor: Redactor, bytes: Buffer): string {
  const text = redactor.text(bytes.subarray(0, STORED_BODY_BYTES).toString('utf8'));
  const cut = bytes.length > STORED_BODY_BYTES ? `… (${bytes.length} bytes in all)` : '';
  const unmasked =
    /password/i.test(text) &&
    (parseJsonBody(bytes, JSON_LIMITS).ok ? /"password"\s*:\s*[^"\s]/.test(text) : true);
  if (unmasked) return `(${bytes.length} bytes withheld: they may hold a password the proxy could not mask)`;
  return text + cut;
}

/** A text quoting bodies: masked by the Redactor, then any `password=…` or `"password": <not a string>`. */
export function safe(redactor: Redactor, text: string): string {
  return redactor.text(text).replace(LOOSE_PASSWORD, (_all, name: string) => `${name}${REDACTED}`);
}

/** A finding with its texts made safe. */
export function safeFinding(redactor: Redactor, f: Finding): Finding {
  return {
    ...f,
    message: safe(redactor, f.message),
    ...(f.expected !== undefined ? { expected: safe(redactor, f.expected) } : {}),
    ...(f.actual !== undefined ? { actual: safe(redactor, f.actual) } : {}),
  };
}

/** An incoming request as the ledger keeps it, before its answer: `url` is where it goes on. */
export function storedRequest(
  redactor: Redactor,
  label: string,
  req: IncomingMessage,
  url: string,
  bytes: Buffer,
): Exchange {
  return {
    label,
    direction: 'received',
    at: new Date().toISOString(),
    request: {
      method: req.method ?? '',
      url: redactor.text(url),
      headers: redactor.headers(headerRecord(req.rawHeaders)),
      body: stored(redactor, bytes),
    },
  };
}

/** An upstream answer as the ledger keeps it (`headers`: its headers as one record). */
export function storedAnswer(
  redactor: Redactor,
  upstream: UpstreamAnswer,
  headers: Record<string, string>,
): Exchange['response'] {
  return {
    status: upstream.status,
    headers: redactor.headers(headers),
    body: stored(redactor, upstream.body),
    durationMs: upstream.durationMs,
  };
}
