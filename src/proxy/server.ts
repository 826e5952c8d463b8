// The conformance proxy: the customer's application sends to it instead of the platform, the
// platform pushes to it instead of the customer. Each exchange is forwarded unchanged (but for the
// statusCallback rewrite, rewrite.ts), judged with the kit's rules (judge.ts), kept in the ledger
// and told on one live line. Bodies are capped; nothing either side sends takes it down. This file
// puts the parts together: the listener (listener.ts) routes each request to its handler (send.ts,
// push.ts, unjudged.ts), which work with what context.ts holds.

import type { Redactor } from '../client/redact.js';
import { SEND_PATH } from '../core/terms.js';
import type { ListeningServer, TlsMaterial } from '../http/listen.js';
import { PROFILE_DEFAULTS } from '../profile/profile.js';
import { CallbackBook } from './callbacks.js';
import type { ProxyContext } from './context.js';
import { Forwarder, type UpstreamTls } from './forward.js';
import { InFlight } from './inflight.js';
import { Ledger } from './ledger.js';
import { startListeners } from './listener.js';
import { ProxyPaths } from './paths.js';
import { Recorder } from './recorder.js';
import { SecretBook } from './secrets.js';
import { SendBook } from './sends.js';

/** The kit's cap on any body it reads, as in a run (the profile's default maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = PROFILE_DEFAULTS.maxBodyBytes;

export interface ProxyOptions {
  /** The platform: its base URL (a URL ending in the send path is taken as its base). */
  target: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** HTTPS for the proxy's listeners. */
  tls?: TlsMaterial;
  /** A second listener for the platform's pushes; by default the main one takes them too. */
  callback?: { host: string; port: number };
  /** The base URL the platform reaches the callback listener at (default: its own URL). */
  callbackPublicUrl?: string;
  /** The customer's uplink URL, where uplink pushes to the proxy are forwarded. */
  uplinkForward?: string;
  /** TLS towards the platform and the customer. */
  upstreamTls?: UpstreamTls;
  /** The longest an upstream exchange may take (default 30 s). */
  timeoutMs?: number;
  /** The largest body read from either side (default 1 MiB). */
  maxBodyBytes?: number;
  /** Sends remembered for the correlation of their reports, oldest forgotten first (default 100 000); distinct callback URLs, at most 10 000 of them. */
  maxSends?: number;
  /** One line per exchange. */
  onLine?: (line: string) => void;
}

export interface RunningProxy {
  /** The proxy's base URL (the customer's application sends here). */
  readonly url: string;
  readonly sendUrl: string;
  /** The base URL the platform's report pushes go to. */
  readonly callbackUrl: string;
  /** Give the platform this as the customer's uplink URL. */
  readonly uplinkUrl: string;
  readonly ledger: Ledger;
  /** The redactor that knows every password seen so far. */
  redactor(): Redactor;
  /** Resolves when no exchange is in flight. */
  idle(): Promise<void>;
  close(graceMs?: number): Promise<void>;
}

/** The platform's base URL: `target` without a trailing send path or slash. */
function targetBase(target: string): string {
  const url = new URL(target);
  const path = url.pathname.endsWith(SEND_PATH) ? url.pathname.slice(0, -SEND_PATH.length) : url.pathname;
  return `${url.origin}${path.replace(/\/+$/, '')}`;
}

/** The parts the handlers share, with the options' defaults. */
function contextOf(options: ProxyOptions): ProxyContext {
  const limits = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  const maxSends = options.maxSends ?? 100_000;
  const secrets = new SecretBook();
  return {
    base: targetBase(options.target),
    uplinkForward: options.uplinkForward,
    limits,
    forwarder: new Forwarder(options.upstreamTls ?? {}, limits),
    paths: new ProxyPaths(),
    callbacks: new CallbackBook(Math.min(maxSends, 10_000)),
    sends: new SendBook(maxSends),
    secrets,
    recorder: new Recorder(new Ledger(), secrets, options.onLine ?? (() => {})),
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const ctx = contextOf(options);
  const inFlight = new InFlight();
  let servers: ListeningServer[];
  try {
    servers = await startListeners(ctx, inFlight, {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.callback ? { callback: options.callback } : {}),
    });
  } catch (err) {
    await ctx.forwarder.close();
    throw err;
  }
  const main = servers[0] as ListeningServer;
  ctx.paths.callbackBase = (options.callbackPublicUrl ?? (servers[1] ?? main).baseUrl).replace(/\/+$/, '');
  return running(ctx, servers, inFlight);
}

/** The running proxy as its user sees it; close() stops the listeners, waits for what is in flight, then lets go of upstream. */
function running(ctx: ProxyContext, servers: ListeningServer[], inFlight: InFlight): RunningProxy {
  const main = servers[0] as ListeningServer;
  let closing: Promise<void> | undefined;
  return {
    url: main.baseUrl,
    sendUrl: `${main.baseUrl}${SEND_PATH}`,
    callbackUrl: ctx.paths.callbackBase,
    uplinkUrl: ctx.paths.uplinkUrl(),
    ledger: ctx.recorder.ledger,
    redactor: () => ctx.secrets.redactor(),
    idle: () => inFlight.idle(),
    close(graceMs = 2_000) {
      closing ??= (async () => {
        await Promise.all(servers.map((s) => s.close(graceMs)));
        await inFlight.idle();
        await ctx.forwarder.close();
      })();
      return closing;
    },
  };
}
