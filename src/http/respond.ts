// Writing JSON answers: every answer of the mocks is JSON with the spec's Content-Type (§1.5, D16).
import type { ServerResponse } from 'node:http';
import { JSON_CONTENT_TYPE } from './content-type.js';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** Sends `text` (already JSON) with `status`; a no-op when the answer was already sent. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = NO_HEADERS,
): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const length = String(Buffer.byteLength(text));
  // Most answers have no header of their own: no copy of an empty object for them.
  res.writeHead(
    status,
    headers === NO_HEADERS
      ? { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': length }
      : { ...headers, 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': length },
  );
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
