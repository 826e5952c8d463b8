// The kit's callback receiver: the URL the kit gives a platform as `statusCallback` (and as the
// uplink target). It records every push exactly as it came and answers as a case tells it to
// (by default `{"resultCode":"0"}`), so cases can check reports and measure retries.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KitError } from '../core/errors.js';
import type { PushKind } from '../core/terms.js';
import { DRAIN_FACTOR } from '../http/body.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';
import type { Exchange } from '../http/exchange.js';
import type { TooLarge } from '../http/exchange-once.js';
import type { TlsMaterial } from '../http/listen.js';
import { flatHeaders } from '../http/received.js';
import type { InvalidUtf8 } from '../http/utf8.js';
import { PROFILE_DEFAULTS } from '../profile/profile.js';
import { bodyOf, type WireRequest } from '../rules/index.js';

export type { PushKind };

/** How to answer one push: by default 200 `{"resultCode":"0"}`. */
export interface ReceiverAnswer {
  status?: number;
  body?: string;
  delayMs?: number;
  /** Close the connection without answering. */
  hangUp?: boolean;
}

export interface ReceivedPush {
  kind: PushKind | 'unknown';
  /** Milliseconds since the epoch when it arrived. */
  at: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The push as it travelled, for the rules (src/rules) to judge; an empty body when it was over the cap. */
  wire: WireRequest;
  body: string;
  json?: unknown;
  isJson: boolean;
  /** The body was not valid UTF-8 (`body` holds its lossy text): where, in hex (§1.2). */
  invalidUtf8?: InvalidUtf8;
  answeredWith: ReceiverAnswer;
  /** Set when the body was over the cap: it was not kept, the push was answered 413. */
  tooLarge?: TooLarge;
}

const OK: ReceiverAnswer = { status: 200, body: '{"resultCode":"0"}' };

/** Answers scripted for the pushes of one kind that `matches` picks (given the JSON body, if any). */
interface Script {
  kind: PushKind;
  answers: ReceiverAnswer[];
  matches: (json: unknown) => boolean;
}
const TOO_LARGE: ReceiverAnswer = { status: 413, body: '{"resultCode":"-1","resultDesc":"body too large"}' };

export class CallbackReceiver {
  readonly pushes: ReceivedPush[] = [];
  private readonly scripts: Script[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly token = randomBytes(6).toString('hex');
  /** Most bytes of a push body kept (the profile's maxBodyBytes); a bigger push is a visible failure. */
  maxBodyBytes: number = PROFILE_DEFAULTS.maxBodyBytes;
  /** Keep every push in `pushes` (a soak does not: it is told each one by `onPush` and keeps counts). */
  keepPushes = true;
  /** Told each push as it is recorded, before it is answered. */
  onPush: ((push: ReceivedPush) => void) | undefined;

  private constructor(
    private readonly server: Server,
    private readonly base: string,
  ) {}

  static async start(
    listen: string,
    publicUrl: string | null,
    /** Serve HTTPS with this certificate (§1.1: every interface is HTTPS); plain HTTP without. */
    tls?: TlsMaterial,
  ): Promise<CallbackReceiver> {
    const [bracketed = '127.0.0.1', portText = '0'] = listen.split(/:(?=[0-9]+$)/);
    // An IPv6 address is written "[::1]:8088"; the socket wants it without the brackets.
    const host = bracketed.replace(/^\[(.*)\]$/, '$1');
    const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createServer();
    // A platform that fails the TLS handshake (it does not trust the certificate) must not end the run.
    if (tls) server.on('tlsClientError', (_err: Error, socket: { destroy(): void }) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new KitError(
            'usage',
            `the callback receiver cannot listen on ${listen}: ${err.code ?? err.message}`,
            'callbackReceiver.listen',
          ),
        ),
      );
      server.listen(Number(portText), host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const scheme = tls ? 'https' : 'http';
    const base = (publicUrl ?? `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
      /\/+$/,
      '',
    );
    const receiver = new CallbackReceiver(server, base);
    server.on('request', (req, res) => receiver.handle(req, res));
    return receiver;
  }

  get reportUrl(): string {
    return `${this.base}/kit/${this.token}/notifyReportMessage`;
  }

  get uplinkUrl(): string {
    return `${this.base}/kit/${this.token}/notifySmsMessage`;
  }

  /**
   * The next pushes of a kind that `matches` picks (by default every one) are answered with these,
   * in order; then the default again. A case that scripts only its own pushes (by requestId,
   * messageId) leaves the pushes of cases running beside it answered as usual. Returns a function
   * that drops what is left of the script.
   */
  answerNext(
    kind: PushKind,
    answers: ReceiverAnswer[],
    matches: (json: unknown) => boolean = () => true,
  ): () => void {
    const script: Script = { kind, answers: [...answers], matches };
    this.scripts.push(script);
    return () => this.drop(script);
  }

  /** Drops every script. */
  clearScript(): void {
    this.scripts.length = 0;
  }

  private drop(script: Script): void {
    const i = this.scripts.indexOf(script);
    if (i >= 0) this.scripts.splice(i, 1);
  }

  /** The scripted answer for a push, from the first script of its kind that picks it. */
  private scripted(kind: PushKind | 'unknown', json: unknown): ReceiverAnswer | undefined {
    if (kind === 'unknown') return undefined;
    const script = this.scripts.find((s) => s.kind === kind && s.answers.length > 0 && s.matches(json));
    return script?.answers.shift();
  }

  /**
   * Waits until `done(pushes)` holds or the time is up; returns the pushes either way. `waiter`: the
   * recorder of the case that waits, told so when it really has to (CaseRecorder.waiting).
   */
  async waitFor(
    done: (pushes: readonly ReceivedPush[]) => boolean,
    timeoutMs: number,
    waiter?: { waiting(): void },
  ): Promise<ReceivedPush[]> {
    if (done(this.pushes)) return [...this.pushes];
    // Only waiting from here: the scheduler may start the next case meanwhile.
    waiter?.waiting();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), timeoutMs);
      const check = () => {
        if (done(this.pushes)) finish();
      };
      // Done or timed out, the check leaves at once: left in place, it would be run again on every
      // push that comes after, for as long as the wait could have lasted (30 s by default).
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      timer.unref?.();
    });
    return [...this.pushes];
  }

  toExchange(push: ReceivedPush): Exchange {
    return {
      direction: 'received',
      at: new Date(push.at).toISOString(),
      request: {
        method: push.method,
        url: `${this.base}${push.path}`,
        headers: push.headers,
        body: push.body,
      },
      ...(push.tooLarge ? { error: push.body } : {}),
      response: {
        status: push.answeredWith.status ?? 200,
        headers: { 'content-type': JSON_CONTENT_TYPE },
        body: push.answeredWith.hangUp
          ? '(connection closed without an answer)'
          : (push.answeredWith.body ?? ''),
        durationMs: push.answeredWith.delayMs ?? 0,
      },
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private kindOf(path: string): PushKind | 'unknown' {
    if (!path.startsWith(`/kit/${this.token}/`)) return 'unknown';
    if (path.endsWith('/notifyReportMessage')) return 'report';
    if (path.endsWith('/notifySmsMessage')) return 'uplink';
    return 'unknown';
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const limit = this.maxBodyBytes;
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      // Drained (so the platform reads the 413) up to a point, then the connection is cut.
      if (size > limit * DRAIN_FACTOR) finish();
    });
    req.on('end', finish);
    // A push cut off before its end is not recorded, unless it was already over the cap.
    req.on('close', () => {
      if (size > limit) finish();
    });
    const self = this;
    function finish() {
      if (done) return;
      done = true;
      const over = size > limit || (Number.isFinite(declared) && declared > limit);
      self.record(
        req,
        res,
        chunks,
        over ? { limit, read: size, ...(declared > 0 ? { declared } : {}) } : undefined,
      );
    }
  }

  private record(
    req: IncomingMessage,
    res: ServerResponse,
    chunks: Buffer[],
    tooLarge: ReceivedPush['tooLarge'],
  ): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const kind = this.kindOf(path);
    const headers = flatHeaders(req.headers);
    const method = req.method ?? 'POST';
    const wire: WireRequest = { method, headers, body: tooLarge ? new Uint8Array(0) : Buffer.concat(chunks) };
    // Strictly UTF-8, parsed as the rules read it; not JSON: recorded as text, the case judges it.
    const read = tooLarge ? undefined : bodyOf(wire);
    const invalidUtf8 = read?.invalidUtf8;
    const body = tooLarge
      ? `the push body is over the receiver's cap of ${tooLarge.limit} bytes (${tooLarge.declared ? `Content-Length ${tooLarge.declared}` : `${tooLarge.read} bytes read`}); it was answered 413 and not kept (the cap is the profile's maxBodyBytes)`
      : (read?.text ?? '');
    const isJson = read?.isJson ?? false;
    const json = read?.json;
    const answer = tooLarge ? TOO_LARGE : (this.scripted(kind, json) ?? OK);
    const push: ReceivedPush = {
      kind,
      at: Date.now(),
      method,
      path,
      headers,
      wire,
      body,
      isJson,
      answeredWith: answer,
      ...(isJson ? { json } : {}),
      ...(tooLarge ? { tooLarge } : {}),
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
    };
    if (this.keepPushes) this.pushes.push(push);
    this.onPush?.(push);
    for (const w of this.waiters) w();
    const reply = () => {
      if (answer.hangUp || (tooLarge && !req.complete)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': JSON_CONTENT_TYPE });
      res.end(answer.body ?? OK.body);
    };
    if (answer.delayMs) setTimeout(reply, answer.delayMs);
    else reply();
  }
}
