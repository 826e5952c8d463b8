// What both mocks' admin APIs (`/__mock/...`) share: reading an optional JSON body under the same
// limits as the API, and plain JSON answers with an `error` field for a refusal.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.js';
import { isJsonContentType } from '../http/content-type.js';
import { type JsonLimits, parseJsonBody } from '../http/json-body.js';
import { sendJson } from '../http/respond.js';

export interface AdminLimits extends JsonLimits {
  maxBodyBytes: number;
}

export const ADMIN_PREFIX = '/__mock/';

/** The body as JSON (an empty body is `{}`), or undefined once a refusal has been answered. */
export async function readAdminJson(
  req: IncomingMessage,
  res: ServerResponse,
  limits: AdminLimits,
): Promise<unknown | undefined> {
  const body = await readBody(req, limits.maxBodyBytes);
  if (body.kind === 'aborted') return undefined;
  if (body.kind === 'too-large') {
    sendJson(res, 413, { error: `body larger than ${body.limit} bytes` }, { Connection: 'close' });
    return undefined;
  }
  if (body.bytes.length === 0) return {};
  if (!isJsonContentType(req.headers['content-type'])) {
    sendJson(res, 415, { error: 'Content-Type must be application/json' });
    return undefined;
  }
  const parsed = parseJsonBody(body.bytes, limits);
  if (!parsed.ok) {
    sendJson(res, 400, { error: parsed.reason });
    return undefined;
  }
  return parsed.value;
}

/** Answers 404 / 405 for an admin request that matches no route; true when it did. */
export function refuseAdminRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  routes: Readonly<Record<string, string>>,
): boolean {
  const method = routes[path];
  if (method === undefined) {
    sendJson(res, 404, { error: `no admin route ${path}`, routes });
    return true;
  }
  if (req.method !== method) {
    sendJson(res, 405, { error: `${path} takes ${method}` }, { Allow: method });
    return true;
  }
  return false;
}
