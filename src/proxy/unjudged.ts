// Any other path: not the API, so forwarded to the platform as it is and judged by nobody (a health
// check, a second API of the platform), with a live line saying so.
import { readBody } from '../http/body.js';
import type { Arrival, ProxyContext } from './context.js';
import { reply, replyError } from './relay.js';

export async function forwardUnjudged(ctx: ProxyContext, at: Arrival): Promise<void> {
  const { n, req, res, path } = at;
  const body = await readBody(req, ctx.limits.maxBodyBytes);
  if (body.kind !== 'ok') return replyError(res, body.kind === 'too-large' ? 413 : 400, 'body not forwarded');
  const upstream = await ctx.forwarder.pass(req, `${ctx.base}${req.url ?? path}`, body.bytes, 'GET');
  if (upstream.kind === 'answer') reply(res, upstream.status, upstream.headers, upstream.body);
  else replyError(res, 502, upstream.kind === 'error' ? upstream.error : 'answer over the cap');
  ctx.recorder.line(`proxy #${n} other ${req.method} ${path}: forwarded, not judged (not an API path)`);
}
