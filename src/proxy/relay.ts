// Answering the caller: with what came from upstream as it came, or with the proxy's own JSON error
// (a 502 when upstream gave no usable answer, a 413 for a body over the cap, a 404 for an unknown
// callback), whose resultCode is the kit's internal one and never a §5.1 code.
import type { ServerResponse } from 'node:http';
import type { Exchange } from '../cases/types.js';
import type { Redactor } from '../client/redact.js';
import { INTERNAL_ERROR_CODE } from '../core/terms.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import { parseJsonBody } from '../http/json-body.js';
import type { WireAnswer } from '../rules/index.js';
import { headerRecord, type UpstreamAnswer, type UpstreamResult } from './forward.js';
import { JSON_LIMITS, storedAnswer } from './masking.js';

/** The body of an answer the proxy makes itself. */
export function proxyError(desc: string): string {
  return JSON.stringify({ resultCode: INTERNAL_ERROR_CODE, resultDesc: `conformance proxy: ${desc}` });
}

export function reply(res: ServerResponse, status: number, headers: string[], body: Buffer | string): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, [...headers, 'content-length', String(bytes.length)]);
  res.end(bytes);
}

export function replyError(res: ServerResponse, status: number, desc: string): void {
  reply(res, status, ['content-type', JSON_CONTENT_TYPE], proxyError(desc));
}

/** What upstream gave, for the judge and the live line. */
export interface Relayed {
  answer?: WireAnswer;
  failure?: string;
  detail: string;
}

/**
 * Relays what came from upstream to the caller: its answer as it came, or a 502 when there was none
 * (a transport failure, an answer over the cap). Fills in the exchange (masked with `redactor`);
 * hands back the answer to judge, or why none came, and the live line's detail.
 */
export function relay(
  res: ServerResponse,
  exchange: Exchange,
  upstream: UpstreamResult,
  redactor: Redactor,
): Relayed {
  if (upstream.kind === 'answer') {
    reply(res, upstream.status, upstream.headers, upstream.body);
    const headers = headerRecord(upstream.headers);
    exchange.response = storedAnswer(redactor, upstream, headers);
    return {
      answer: { status: upstream.status, headers, body: upstream.body },
      detail: answerDetail(upstream),
    };
  }
  const why =
    upstream.kind === 'error'
      ? upstream.error
      : `the answer (HTTP ${upstream.status}) is larger than the proxy's cap of ${upstream.limit} bytes`;
  replyError(res, 502, why);
  exchange.error = why;
  return { failure: why, detail: `502 (${why})` };
}

/** An answer on the live line: its status, its resultCode (if it is JSON) and how long it took. */
function answerDetail(upstream: UpstreamAnswer): string {
  const parsed = parseJsonBody(upstream.body, JSON_LIMITS);
  const code = parsed.ok ? (parsed.value as { resultCode?: unknown } | null)?.resultCode : undefined;
  return `${upstream.status} resultCode ${(JSON.stringify(code) ?? '(none)').slice(0, 40)} ${upstream.durationMs} ms`;
}
