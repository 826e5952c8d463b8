// The conformance proxy: the customer's application sends to it instead of the platform, the
// platform pushes to it instead of the customer. Each exchange is forwarded unchanged (but for the
// statusCallback rewrite, rewrite.ts), judged with the suites' checks (judge.ts), kept in the
// ledger and told on one live line. Bodies are capped; nothing either side sends takes it down.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Agent } from 'undici';
import type { Exchange } from '../cases/types.js';
import { REDACTED, Redactor } from '../client/redact.js';
import type { PushKind } from '../core/terms.js';
import { INTERNAL_ERROR_CODE, SEND_PATH } from '../core/terms.js';
import { readBody } from '../http/body.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import { parseJsonBody } from '../http/json-body.js';
import { type ListeningServer, listen, type TlsMaterial } from '../http/listen.js';
import { PROFILE_DEFAULTS } from '../profile/profile.js';
import {
  bodyOf,
  type Finding,
  type PushExchange,
  type RuleMeta,
  type SendExchange,
  type SendOfReport,
  type WireAnswer,
  type WireRequest,
} from '../rules/index.js';
import {
  endToEndHeaders,
  forward,
  headerRecord,
  type UpstreamResult,
  type UpstreamTls,
  upstreamAgent,
} from './forward.js';
import {
  judgePushAnswer,
  judgePushItself,
  judgeSendAnswer,
  judgeSendRequest,
  sendOfReport,
} from './judge.js';
import { Ledger } from './ledger.js';
import { replaceTopLevelString } from './rewrite.js';

/** How deep and large a body the proxy parses to learn a password or to tell whether a body is JSON. */
const JSON_LIMITS = { maxJsonDepth: 32, maxJsonValues: 10_000 };

/** The kit's cap on any body it reads, as in a run (the profile's default maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = PROFILE_DEFAULTS.maxBodyBytes;
const STORED_BODY_BYTES = 64 * 1024;
const MAX_SECRETS = 100;
/** A password the Redactor cannot see: a form field, a JSON value that is not a string. */
const LOOSE_PASSWORD = /(password\\?["']?\s*[=:]\s*)(?!"\*\*\*")(?:"(?:[^"\\]|\\.)*"|[^&\s,;}\]]+)/gi;

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

interface SendRecord {
  url: string;
  correlation?: SendOfReport;
  answered: Promise<void>;
  settle: () => void;
}

function proxyError(desc: string): string {
  return JSON.stringify({ resultCode: INTERNAL_ERROR_CODE, resultDesc: `conformance proxy: ${desc}` });
}

function targetBase(target: string): string {
  const url = new URL(target);
  const path = url.pathname.endsWith(SEND_PATH) ? url.pathname.slice(0, -SEND_PATH.length) : url.pathname;
  return `${url.origin}${path.replace(/\/+$/, '')}`;
}

function summary(findings: readonly Finding[]): string {
  const real = findings.filter((f) => f.level !== 'INFO');
  if (real.length === 0) return 'ok';
  const clauses = [...new Set(real.map((f) => `${f.level} ${f.clause}`))];
  return `✗ ${clauses.join('; ')}`;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const base = targetBase(options.target);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxSends = options.maxSends ?? 100_000;
  const maxUrls = Math.min(maxSends, 10_000);
  const onLine = options.onLine ?? (() => {});
  const agent: Agent = upstreamAgent(options.upstreamTls ?? {}, timeoutMs);
  const forwardOptions = { timeoutMs, maxBodyBytes };
  const ledger = new Ledger();
  const run = randomBytes(4).toString('hex');
  const urls = new Map<string, string>(); // original callback URL → id
  const urlById = new Map<string, string>();
  const sends = new Map<string, SendRecord>();
  const inFlight = new Set<Promise<void>>();
  const secrets = new Set<string>();
  let redactor = new Redactor([]);
  let sequence = 0;
  let urlCount = 0;
  let callbackBase = '';

  const learnSecret = (value: unknown) => {
    const password = (value as { password?: unknown } | null)?.password;
    if (typeof password !== 'string' || password === '' || secrets.has(password)) return;
    if (secrets.size >= MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
    secrets.add(password);
    redactor = new Redactor(secrets);
  };

  /**
   * A body as the report keeps it: redacted, bounded. The Redactor masks known passwords and every
   * JSON `"password": "…"`; a password it cannot see (not a JSON string: a number, a form field)
   * withholds the whole body.
   */
  const stored = (bytes: Buffer): string => {
    const text = redactor.text(bytes.subarray(0, STORED_BODY_BYTES).toString('utf8'));
    const cut = bytes.length > STORED_BODY_BYTES ? `… (${bytes.length} bytes in all)` : '';
    const unmasked =
      /password/i.test(text) &&
      (parseJsonBody(bytes, JSON_LIMITS).ok ? /"password"\s*:\s*[^"\s]/.test(text) : true);
    if (unmasked)
      return `(${bytes.length} bytes withheld: they may hold a password the proxy could not mask)`;
    return text + cut;
  };

  /**
   * A finding's texts quote bodies: masked by the Redactor, then any `password=…` or
   * `"password": <not a string>` it cannot see is masked too.
   */
  const safe = (text: string | undefined): string | undefined =>
    text === undefined
      ? undefined
      : redactor.text(text).replace(LOOSE_PASSWORD, (_all, name: string) => `${name}${REDACTED}`);
  const safeFinding = (f: Finding): Finding => ({
    ...f,
    message: safe(f.message) as string,
    ...(f.expected !== undefined ? { expected: safe(f.expected) as string } : {}),
    ...(f.actual !== undefined ? { actual: safe(f.actual) as string } : {}),
  });

  /** Keeps the judged exchange and tells it on one line. */
  const record = (
    n: number,
    kind: string,
    exchange: Exchange,
    checked: readonly RuleMeta[],
    findings: readonly Finding[],
    detail: string,
  ) => {
    ledger.add(exchange, checked, findings.map(safeFinding));
    onLine(`proxy #${n} ${kind} ${detail} ${summary(findings)}`);
  };

  const reply = (res: ServerResponse, status: number, headers: string[], body: Buffer | string) => {
    if (res.headersSent || res.destroyed) return;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, [...headers, 'content-length', String(bytes.length)]);
    res.end(bytes);
  };
  const replyError = (res: ServerResponse, status: number, desc: string) =>
    reply(res, status, ['content-type', JSON_CONTENT_TYPE], proxyError(desc));

  function exchangeOf(label: string, req: IncomingMessage, url: string, bytes: Buffer): Exchange {
    return {
      label,
      direction: 'received',
      at: new Date().toISOString(),
      request: {
        method: req.method ?? '',
        url: redactor.text(url),
        headers: redactor.headers(headerRecord(req.rawHeaders)),
        body: stored(bytes),
      },
    };
  }

  /**
   * Relays what came from upstream to the caller: its answer as it came, or a 502 when there was
   * none (a transport failure, an answer over the cap), which is `rule`'s finding. Fills in the
   * exchange; hands back the answer to judge and the live line's detail.
   */
  function relay(
    res: ServerResponse,
    exchange: Exchange,
    upstream: UpstreamResult,
  ): { answer?: WireAnswer; failure?: string; detail: string } {
    if (upstream.kind === 'answer') {
      reply(res, upstream.status, upstream.headers, upstream.body);
      const headers = headerRecord(upstream.headers);
      exchange.response = {
        status: upstream.status,
        headers: redactor.headers(headers),
        body: stored(upstream.body),
        durationMs: upstream.durationMs,
      };
      const parsed = parseJsonBody(upstream.body, JSON_LIMITS);
      const code = parsed.ok ? (parsed.value as { resultCode?: unknown } | null)?.resultCode : undefined;
      return {
        answer: { status: upstream.status, headers, body: upstream.body },
        detail: `${upstream.status} resultCode ${(JSON.stringify(code) ?? '(none)').slice(0, 40)} ${upstream.durationMs} ms`,
      };
    }
    const why =
      upstream.kind === 'error'
        ? upstream.error
        : `the answer (HTTP ${upstream.status}) is larger than the proxy's cap of ${upstream.limit} bytes`;
    replyError(res, 502, why);
    exchange.error = why;
    return { failure: why, detail: `502 (${why})` };
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const n = ++sequence;
    const label = `send #${n}`;
    const url = `${base}${req.url ?? path}`;
    const body = await readBody(req, maxBodyBytes);
    if (body.kind === 'aborted') return onLine(`proxy #${n} send: the client closed the connection mid-body`);
    const request: WireRequest = {
      method: req.method ?? '',
      headers: headerRecord(req.rawHeaders),
      body: body.kind === 'ok' ? body.bytes : Buffer.alloc(0),
    };
    if (body.kind === 'too-large') {
      replyError(res, 413, `body larger than ${maxBodyBytes} bytes; not forwarded`);
      const exchange = exchangeOf(label, req, url, Buffer.alloc(0));
      exchange.error = `request body over the proxy's cap of ${maxBodyBytes} bytes: answered 413, not forwarded`;
      const over: SendExchange = {
        request,
        requestOverCap: `the request body is larger than the proxy's cap (${maxBodyBytes} bytes); it was not forwarded`,
      };
      const judged = judgeSendRequest(over);
      return record(n, 'send', exchange, judged.checked, judged.findings, '413 (over the cap)');
    }
    const judged = judgeSendRequest({ request });
    const requestJson = bodyOf(request).json;
    learnSecret(requestJson);
    let outgoing = body.bytes;
    let send: SendRecord | undefined;
    const callback = (requestJson as { statusCallback?: unknown } | undefined)?.statusCallback;
    if (typeof callback === 'string' && callback !== '') {
      let urlId = urls.get(callback);
      if (urlId === undefined) {
        urlId = String(++urlCount);
        urls.set(callback, urlId);
        urlById.set(urlId, callback);
        // Bounded: a client that makes up a URL per request makes the oldest ones unknown.
        if (urls.size > maxUrls) {
          const [oldest, oldestId] = urls.entries().next().value as [string, string];
          urls.delete(oldest);
          urlById.delete(oldestId);
        }
      }
      let settle = () => {};
      const answered = new Promise<void>((resolve) => {
        settle = resolve;
      });
      send = { url: callback, answered, settle };
      sends.set(String(n), send);
      if (sends.size > maxSends) sends.delete(sends.keys().next().value as string);
      const rewritten = `${callbackBase}/proxy/${run}/report/${urlId}/${n}`;
      outgoing = Buffer.from(replaceTopLevelString(body.bytes.toString('utf8'), 'statusCallback', rewritten));
    }
    const exchange = exchangeOf(label, req, url, body.bytes);
    const upstream = await forward(
      agent,
      url,
      req.method ?? 'POST',
      endToEndHeaders(req.rawHeaders),
      outgoing,
      forwardOptions,
    );
    const relayed = relay(res, exchange, upstream);
    const x: SendExchange = {
      request,
      ...(relayed.answer ? { answer: relayed.answer } : {}),
      ...(relayed.failure ? { failure: `§2: the platform gave no usable answer: ${relayed.failure}` } : {}),
    };
    const answer = judgeSendAnswer(x);
    if (send && relayed.answer) send.correlation = sendOfReport(x);
    send?.settle();
    record(
      n,
      'send',
      exchange,
      [...judged.checked, ...answer.checked],
      [...judged.findings, ...answer.findings],
      relayed.detail,
    );
  }

  async function handlePush(
    kind: PushKind,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    destination: string | undefined,
    send: SendRecord | undefined,
  ): Promise<void> {
    const n = ++sequence;
    const label = `${kind} #${n}`;
    const body = await readBody(req, maxBodyBytes);
    if (body.kind === 'aborted')
      return onLine(`proxy #${n} ${kind}: the platform closed the connection mid-body`);
    if (!destination) {
      replyError(res, 404, `no customer URL for this ${kind} push (${path})`);
      return onLine(`proxy #${n} ${kind} 404: no customer URL known for ${path}; not forwarded`);
    }
    const push: WireRequest = {
      method: req.method ?? '',
      headers: headerRecord(req.rawHeaders),
      body: body.kind === 'ok' ? body.bytes : Buffer.alloc(0),
    };
    if (body.kind === 'too-large') {
      replyError(res, 413, `body larger than ${maxBodyBytes} bytes; not forwarded`);
      const exchange = exchangeOf(label, req, destination, Buffer.alloc(0));
      exchange.error = `push body over the proxy's cap of ${maxBodyBytes} bytes: answered 413, not forwarded`;
      const judged = judgePushItself({
        kind,
        push,
        pushOverCap: `the push body is larger than the proxy's cap (${maxBodyBytes} bytes); it was not forwarded`,
      });
      return record(n, kind, exchange, judged.checked, judged.findings, '413 (over the cap)');
    }
    const exchange = exchangeOf(label, req, destination, body.bytes);
    const correlating =
      kind === 'report' && bodyOf(push).isJson
        ? (async (): Promise<Pick<PushExchange, 'send' | 'uncorrelated'>> => {
            if (send && !send.correlation) {
              let timer: NodeJS.Timeout | undefined;
              await Promise.race([
                send.answered,
                new Promise<void>((resolve) => {
                  timer = setTimeout(resolve, timeoutMs);
                }),
              ]);
              clearTimeout(timer);
            }
            if (send?.correlation) return { send: send.correlation };
            return {
              uncorrelated: send ? 'its send got no answer' : 'the proxy no longer remembers its send',
            };
          })()
        : undefined;
    const upstream = await forward(
      agent,
      destination,
      req.method ?? 'POST',
      endToEndHeaders(req.rawHeaders),
      body.bytes,
      forwardOptions,
    );
    const relayed = relay(res, exchange, upstream);
    const x: PushExchange = {
      kind,
      push,
      ...(relayed.answer ? { answer: relayed.answer } : {}),
      ...(relayed.failure ? { failure: `the customer gave no usable answer: ${relayed.failure}` } : {}),
      ...(correlating ? await correlating : {}),
    };
    const itself = judgePushItself(x);
    const answer = judgePushAnswer(x);
    record(
      n,
      kind,
      exchange,
      [...itself.checked, ...answer.checked],
      [...itself.findings, ...answer.findings],
      relayed.detail,
    );
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const prefix = `/proxy/${run}/`;
    if (path === `${prefix}uplink`)
      return handlePush('uplink', req, res, path, options.uplinkForward, undefined);
    if (path.startsWith(`${prefix}report/`)) {
      const [urlId = '', sendId = ''] = path.slice(`${prefix}report/`.length).split('/');
      return handlePush('report', req, res, path, urlById.get(urlId), sends.get(sendId));
    }
    if (path === SEND_PATH) return handleSend(req, res, path);
    // Not the API: forwarded as it is, judged by nobody (a health check, a second API of the platform).
    const n = ++sequence;
    const body = await readBody(req, maxBodyBytes);
    if (body.kind !== 'ok')
      return replyError(res, body.kind === 'too-large' ? 413 : 400, 'body not forwarded');
    const upstream = await forward(
      agent,
      `${base}${req.url ?? path}`,
      req.method ?? 'GET',
      endToEndHeaders(req.rawHeaders),
      body.bytes,
      forwardOptions,
    );
    if (upstream.kind === 'answer') reply(res, upstream.status, upstream.headers, upstream.body);
    else replyError(res, 502, upstream.kind === 'error' ? upstream.error : 'answer over the cap');
    onLine(`proxy #${n} other ${req.method} ${path}: forwarded, not judged (not an API path)`);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const done = serve(req, res).catch((err: Error) => {
      onLine(`proxy: internal error: ${err.message}`);
      replyError(res, 500, 'internal error');
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const listenOptions = {
    ...(options.tls ? { tls: options.tls } : {}),
    handler,
    malformedBody: proxyError('malformed HTTP request'),
    requestTimeoutMs: timeoutMs * 2,
    onServerError: (err: Error) => onLine(`proxy: server error: ${err.message}`),
  };
  const servers: ListeningServer[] = [];
  try {
    servers.push(
      await listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, ...listenOptions }),
    );
    if (options.callback) servers.push(await listen({ ...options.callback, ...listenOptions }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close(0)));
    await agent.close();
    throw err;
  }
  const main = servers[0] as ListeningServer;
  callbackBase = (options.callbackPublicUrl ?? (servers[1] ?? main).baseUrl).replace(/\/+$/, '');

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  let closing: Promise<void> | undefined;
  return {
    url: main.baseUrl,
    sendUrl: `${main.baseUrl}${SEND_PATH}`,
    callbackUrl: callbackBase,
    uplinkUrl: `${callbackBase}/proxy/${run}/uplink`,
    ledger,
    redactor: () => redactor,
    idle,
    close(graceMs = 2_000) {
      closing ??= (async () => {
        await Promise.all(servers.map((s) => s.close(graceMs)));
        await idle();
        await agent.close();
      })();
      return closing;
    },
  };
}
