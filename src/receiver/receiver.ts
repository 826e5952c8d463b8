// The kit's callback receiver: the URL the kit gives a platform as `statusCallback` (and as the
// uplink target). It records every push exactly as it came and answers as a case tells it to
// (by default `{"resultCode":"0"}`), so cases can check reports and measure retries.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from '../cases/types.js';
import { UserError } from '../cli/exit-codes.js';
import type { Redactor } from '../client/redact.js';
import { JSON_CONTENT_TYPE } from '../http/content-type.js';

export type PushKind = 'report' | 'uplink';

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
  body: string;
  json?: unknown;
  isJson: boolean;
  answeredWith: ReceiverAnswer;
  /** Set when the body was over the cap: it was not kept, the push was answered 413. */
  tooLarge?: { limit: number; read: number; declared?: number };
}

const OK: ReceiverAnswer = { status: 200, body: '{"resultCode":"0"}' };
const TOO_LARGE: ReceiverAnswer = { status: 413, body: '{"resultCode":"-1","resultDesc":"body too large"}' };
/** How much of an oversized push is drained (so the platform reads the 413) before the connection is cut. */
const DRAIN_FACTOR = 16;

export class CallbackReceiver {
  readonly pushes: ReceivedPush[] = [];
  private readonly scripts: Record<PushKind, ReceiverAnswer[]> = { report: [], uplink: [] };
  private readonly waiters = new Set<() => void>();
  private readonly token = randomBytes(6).toString('hex');
  /** Most bytes of a push body kept (the profile's maxBodyBytes); a bigger push is a visible failure. */
  maxBodyBytes = 1024 * 1024;

  private constructor(
    private readonly server: Server,
    private readonly base: string,
    private readonly redactor: Redactor,
  ) {}

  static async start(
    listen: string,
    publicUrl: string | null,
    redactor: Redactor,
  ): Promise<CallbackReceiver> {
    const [host = '127.0.0.1', portText = '0'] = listen.split(/:(?=[0-9]+$)/);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new UserError(`the callback receiver cannot listen on ${listen}: ${err.code ?? err.message}`)),
      );
      server.listen(Number(portText), host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const base = (publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
      /\/+$/,
      '',
    );
    const receiver = new CallbackReceiver(server, base, redactor);
    server.on('request', (req, res) => receiver.handle(req, res));
    return receiver;
  }

  get reportUrl(): string {
    return `${this.base}/kit/${this.token}/notifyReportMessage`;
  }

  get uplinkUrl(): string {
    return `${this.base}/kit/${this.token}/notifySmsMessage`;
  }

  /** The next pushes of a kind are answered with these, in order; then the default again. */
  answerNext(kind: PushKind, answers: ReceiverAnswer[]): void {
    this.scripts[kind].push(...answers);
  }

  clearScript(): void {
    this.scripts.report.length = 0;
    this.scripts.uplink.length = 0;
  }

  /** Waits until `done(pushes)` holds or the time is up; returns the pushes either way. */
  async waitFor(
    done: (pushes: readonly ReceivedPush[]) => boolean,
    timeoutMs: number,
  ): Promise<ReceivedPush[]> {
    if (done(this.pushes)) return [...this.pushes];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, timeoutMs);
      const check = () => {
        if (done(this.pushes)) finish();
      };
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(check);
      timer.unref?.();
      const cleanup = () => this.waiters.delete(check);
      setTimeout(cleanup, timeoutMs + 10).unref?.();
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
        headers: this.redactor.headers(push.headers),
        body: this.redactor.text(push.body),
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
    const answer = tooLarge
      ? TOO_LARGE
      : ((kind === 'unknown' ? undefined : this.scripts[kind].shift()) ?? OK);
    const body = tooLarge
      ? `the push body is over the receiver's cap of ${tooLarge.limit} bytes (${tooLarge.declared ? `Content-Length ${tooLarge.declared}` : `${tooLarge.read} bytes read`}); it was answered 413 and not kept (the cap is --max-body-bytes or the profile's maxBodyBytes)`
      : Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    let isJson = false;
    try {
      json = JSON.parse(body);
      isJson = true;
    } catch {
      // recorded as text; the case judges it
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const push: ReceivedPush = {
      kind,
      at: Date.now(),
      method: req.method ?? 'POST',
      path,
      headers,
      body,
      isJson,
      answeredWith: answer,
      ...(isJson ? { json } : {}),
      ...(tooLarge ? { tooLarge } : {}),
    };
    this.pushes.push(push);
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
