// The customer endpoint's admin API under /__mock/ (JSON):
//   GET  /__mock/received    pushes received, with the answers given; ?type=report|uplink&acknowledged=true|false
//   POST /__mock/reset       forget them, and go back to the initial behaviour
//   GET  /__mock/behaviour   the current behaviour (behaviour.ts)
//   POST /__mock/behaviour   change part of it: {"failNext":3,"failMode":"result-code","delayMs":200,"failRate":0.3,"seed":7}
//                            or, for load tests, {"slowdownPerInFlightMs":5,"failAfter":1000} (failAfter null: off)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../http/respond.js';
import { type AdminLimits, readAdminJson, refuseAdminRoute } from '../admin-request.js';
import { behaviourProblem, type CustomerBehaviour } from './behaviour.js';
import type { ReceivedPush } from './received.js';

export interface CustomerAdminTarget {
  received(): ReceivedPush[];
  receivedDropped(): number;
  behaviour(): CustomerBehaviour;
  setBehaviour(partial: Partial<CustomerBehaviour>): void;
  reset(): void;
  limits: AdminLimits;
}

const ROUTES = { '/__mock/received': 'GET', '/__mock/reset': 'POST', '/__mock/behaviour': 'GET' } as const;

export async function handleCustomerAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  target: CustomerAdminTarget,
): Promise<void> {
  // /__mock/behaviour takes GET and POST; the other routes one method each.
  if (path === '/__mock/behaviour' && req.method === 'POST') {
    const input = await readAdminJson(req, res, target.limits);
    if (input === undefined) return;
    const problem = behaviourProblem(input);
    if (problem) return sendJson(res, 400, { error: problem });
    target.setBehaviour(input as Partial<CustomerBehaviour>);
    return sendJson(res, 200, target.behaviour());
  }
  if (refuseAdminRoute(req, res, path, ROUTES)) return;
  const wanted = (name: string, actual: unknown) => !query.has(name) || query.get(name) === String(actual);
  switch (path as keyof typeof ROUTES) {
    case '/__mock/received':
      return sendJson(res, 200, {
        dropped: target.receivedDropped(),
        received: target
          .received()
          .filter((r) => wanted('type', r.type) && wanted('acknowledged', r.acknowledged)),
      });
    case '/__mock/reset':
      target.reset();
      return sendJson(res, 200, { reset: true });
    case '/__mock/behaviour':
      return sendJson(res, 200, target.behaviour());
  }
}
