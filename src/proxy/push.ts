// The push paths: a status report or an uplink the platform pushes to the proxy is forwarded to the
// customer's URL (the original statusCallback, or --uplink-forward), the customer's answer relayed
// back; the push is judged (a report beside its send, when the send book still holds it) and so is
// the customer's answer.
import type { PushKind } from '../core/terms.js';
import { bodyOf, type PushExchange } from '../rules/index.js';
import type { Arrival, ProxyContext } from './context.js';
import { readIncoming, refuseOverCap } from './incoming.js';
import { judgePushAnswer, judgePushItself } from './judge.js';
import { storedRequest } from './masking.js';
import { relay, replyError } from './relay.js';
import { correlationOf, type SendRecord } from './sends.js';

/** Where a push goes on: the customer's URL (none known: answered 404), and for a report its send. */
export interface PushTarget {
  kind: PushKind;
  destination: string | undefined;
  send: SendRecord | undefined;
}

export async function handlePush(ctx: ProxyContext, at: Arrival, to: PushTarget): Promise<void> {
  const { n, req, res, path } = at;
  const { kind, destination } = to;
  const incoming = await readIncoming(req, ctx.limits.maxBodyBytes);
  if (incoming.kind === 'aborted')
    return ctx.recorder.line(`proxy #${n} ${kind}: the platform closed the connection mid-body`);
  if (!destination) {
    replyError(res, 404, `no customer URL for this ${kind} push (${path})`);
    return ctx.recorder.line(`proxy #${n} ${kind} 404: no customer URL known for ${path}; not forwarded`);
  }
  const push = incoming.wire;
  if (incoming.kind === 'too-large')
    return refuseOverCap(ctx, at, { kind, noun: 'push', url: destination }, (pushOverCap) =>
      judgePushItself({ kind, push, pushOverCap }),
    );
  const exchange = storedRequest(ctx.secrets.redactor(), `${kind} #${n}`, req, destination, incoming.bytes);
  const correlating =
    kind === 'report' && bodyOf(push).isJson ? correlationOf(to.send, ctx.limits.timeoutMs) : undefined;
  const upstream = await ctx.forwarder.pass(req, destination, incoming.bytes, 'POST');
  const relayed = relay(res, exchange, upstream, ctx.secrets.redactor());
  const x: PushExchange = {
    kind,
    push,
    ...(relayed.answer ? { answer: relayed.answer } : {}),
    ...(relayed.failure ? { failure: `the customer gave no usable answer: ${relayed.failure}` } : {}),
    ...(correlating ? await correlating : {}),
  };
  ctx.recorder.record(n, kind, exchange, [judgePushItself(x), judgePushAnswer(x)], relayed.detail);
}
