// Writing JSON answers: every answer of the mocks is JSON with the spec's Content-Type (§1.5, D16).
import type { ServerResponse } from 'node:http';
import { JSON_CONTENT_TYPE } from './content-type.js';

/** Sends `text` (already JSON) with `status`; a no-op when the answer was already sent. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}
