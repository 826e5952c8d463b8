// The send path: the customer's sendTemplateMessage is judged, its password learned for masking,
// its statusCallback rewritten to the proxy (the original kept in the callback book, the send in
// the send book), forwarded to the platform; the platform's answer is relayed back, judged, and
// kept with the send for the correlation of its reports.
import { bodyOf, type SendExchange } from '../rules/index.js';
import type { Arrival, ProxyContext } from './context.js';
import { readIncoming, refuseOverCap } from './incoming.js';
import { judgeSendAnswer, judgeSendRequest, sendOfReport } from './judge.js';
import { storedRequest } from './masking.js';
import { relay } from './relay.js';
import { replaceTopLevelString } from './rewrite.js';
import type { SendRecord } from './sends.js';

export async function handleSend(ctx: ProxyContext, at: Arrival): Promise<void> {
  const { n, req, res } = at;
  const url = `${ctx.base}${req.url ?? at.path}`;
  const incoming = await readIncoming(req, ctx.limits.maxBodyBytes);
  if (incoming.kind === 'aborted')
    return ctx.recorder.line(`proxy #${n} send: the client closed the connection mid-body`);
  const request = incoming.wire;
  if (incoming.kind === 'too-large')
    return refuseOverCap(ctx, at, { kind: 'send', noun: 'request', url }, (requestOverCap) =>
      judgeSendRequest({ request, requestOverCap }),
    );
  const judged = judgeSendRequest({ request });
  const requestJson = bodyOf(request).json;
  ctx.secrets.learn(requestJson);
  const { outgoing, send } = rewriteCallback(ctx, n, incoming.bytes, requestJson);
  const exchange = storedRequest(ctx.secrets.redactor(), `send #${n}`, req, url, incoming.bytes);
  const upstream = await ctx.forwarder.pass(req, url, outgoing, 'POST');
  const relayed = relay(res, exchange, upstream, ctx.secrets.redactor());
  const x: SendExchange = {
    request,
    ...(relayed.answer ? { answer: relayed.answer } : {}),
    ...(relayed.failure ? { failure: `§2: the platform gave no usable answer: ${relayed.failure}` } : {}),
  };
  const answer = judgeSendAnswer(x);
  if (send && relayed.answer) send.correlation = sendOfReport(x);
  send?.settle();
  ctx.recorder.record(n, 'send', exchange, [judged, answer], relayed.detail);
}

/**
 * The request as it goes to the platform: a non-empty statusCallback is rewritten to the proxy's
 * report URL for this send, and the send is opened in the send book; any other request goes as it came.
 */
function rewriteCallback(
  ctx: ProxyContext,
  n: number,
  bytes: Buffer,
  requestJson: unknown,
): { outgoing: Buffer; send?: SendRecord } {
  const callback = (requestJson as { statusCallback?: unknown } | undefined)?.statusCallback;
  if (typeof callback !== 'string' || callback === '') return { outgoing: bytes };
  const urlId = ctx.callbacks.idOf(callback);
  const send = ctx.sends.open(String(n));
  const rewritten = ctx.paths.reportUrl(urlId, String(n));
  return {
    outgoing: Buffer.from(replaceTopLevelString(bytes.toString('utf8'), 'statusCallback', rewritten)),
    send,
  };
}
