// Which path goes where on the mock customer endpoint: /__mock/… to the admin API (admin.ts), the
// uplink and report paths to receiving a push (receive.ts), anything else a 404. The transport
// faults (404, 405, 415, 413) are answered with a 4xx and a NotifyResponse body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushKind } from '../../core/terms.js';
import { sendJson } from '../../http/respond.js';
import { ADMIN_PREFIX } from '../admin-request.js';
import { readApiBody } from '../transport.js';
import { handleCustomerAdmin } from './admin.js';
import { refusal } from './handler.js';
import { receivePush } from './receive.js';
import type { CustomerRuntime } from './runtime.js';

/** The push path of each kind, checked: two different paths starting with /, outside the admin API's. */
export function pushRoutes(uplinkPath: string, reportPath: string): ReadonlyMap<string, PushKind> {
  if (!uplinkPath.startsWith('/') || !reportPath.startsWith('/') || uplinkPath === reportPath)
    throw new Error('the uplink and report paths must be two different paths starting with /');
  if (uplinkPath.startsWith(ADMIN_PREFIX) || reportPath.startsWith(ADMIN_PREFIX))
    throw new Error(`${ADMIN_PREFIX} is reserved for the admin API`);
  return new Map<string, PushKind>([
    [uplinkPath, 'uplink'],
    [reportPath, 'report'],
  ]);
}

export class CustomerRouter {
  constructor(
    private readonly runtime: CustomerRuntime,
    private readonly routes: ReadonlyMap<string, PushKind>,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (path.startsWith(ADMIN_PREFIX))
      return handleCustomerAdmin(req, res, path, new URLSearchParams(query), this.runtime);
    const kind = this.routes.get(path);
    if (!kind) return sendJson(res, 404, refusal(`no such path: ${path}`));
    if (req.method !== 'POST') return sendJson(res, 405, refusal('use POST (§1.3)'), { Allow: 'POST' });
    const contentType = req.headers['content-type'];
    const body = await readApiBody(req, contentType, this.runtime.limits.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'fault')
      return sendJson(res, body.fault.status, refusal(body.fault.desc), body.fault.headers);
    return receivePush(this.runtime, res, { kind, path, contentType, bytes: body.bytes });
  }
}
