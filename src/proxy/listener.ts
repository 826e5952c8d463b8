// The listener: the proxy's HTTP server(s), and the routing of what arrives at them to its handler
// (the send path, the report and uplink URLs the proxy handed out, anything else forwarded
// unjudged). Every request is tracked until it is recorded, and an error of the proxy's own is
// answered 500 and told, never thrown.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ListeningServer, listen, type TlsMaterial } from '../http/listen.js';
import type { ProxyContext } from './context.js';
import type { InFlight } from './inflight.js';
import { handlePush } from './push.js';
import { proxyError, replyError } from './relay.js';
import { handleSend } from './send.js';
import { forwardUnjudged } from './unjudged.js';

/** Numbers a request and hands it to the handler of its path. */
async function route(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const to = ctx.paths.route(path);
  const at = { n: ctx.recorder.next(), req, res, path };
  switch (to.to) {
    case 'uplink':
      return handlePush(ctx, at, { kind: 'uplink', destination: ctx.uplinkForward, send: undefined });
    case 'report': {
      const send = ctx.sends.get(to.sendId);
      return handlePush(ctx, at, { kind: 'report', destination: ctx.callbacks.urlOf(to.urlId), send });
    }
    case 'send':
      return handleSend(ctx, at);
    case 'other':
      return forwardUnjudged(ctx, at);
  }
}

/** Where the proxy listens: the main listener, and a second one for the pushes if asked. */
export interface ListenAt {
  host: string;
  port: number;
  tls?: TlsMaterial;
  callback?: { host: string; port: number };
}

/** Starts the listener(s), the main one first; if one cannot listen, closes those started and throws. */
export async function startListeners(
  ctx: ProxyContext,
  inFlight: InFlight,
  at: ListenAt,
): Promise<ListeningServer[]> {
  const options = {
    ...(at.tls ? { tls: at.tls } : {}),
    handler: (req: IncomingMessage, res: ServerResponse) =>
      inFlight.track(
        route(ctx, req, res).catch((err: Error) => {
          ctx.recorder.line(`proxy: internal error: ${err.message}`);
          replyError(res, 500, 'internal error');
        }),
      ),
    malformedBody: proxyError('malformed HTTP request'),
    requestTimeoutMs: ctx.limits.timeoutMs * 2,
    onServerError: (err: Error) => ctx.recorder.line(`proxy: server error: ${err.message}`),
  };
  const servers: ListeningServer[] = [];
  try {
    servers.push(await listen({ host: at.host, port: at.port, ...options }));
    if (at.callback) servers.push(await listen({ ...at.callback, ...options }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close(0)));
    throw err;
  }
  return servers;
}
