// The mock platform: `startMockPlatform` wires configuration, steps (with hooks), delivery, pushes,
// journal and admin API onto one HTTP(S) server. Transport faults get a 4xx with a JSON body,
// everything parsed as an API call a 200 (D8, D16); nothing a client sends takes it down.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../http/body.js';
import { isJsonContentType } from '../../http/content-type.js';
import { parseJsonBody } from '../../http/json-body.js';
import { listen, type TlsMaterial } from '../../http/listen.js';
import { createPushClient } from '../../http/push-client.js';
import { sendJsonText } from '../../http/respond.js';
import { createSelfSignedCertificate } from '../../http/self-signed.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { ADMIN_PREFIX } from '../admin-request.js';
import { waitUntil } from '../wait.js';
import { handlePlatformAdmin, type PlatformAdminTarget } from './admin.js';
import {
  ConfigError,
  type PlatformConfig,
  type PlatformConfigInput,
  resolvePlatformConfig,
} from './config.js';
import { ReportDelivery, type RetainedReport } from './delivery.js';
import { handleSendTemplateMessage } from './handler.js';
import { applyHooks, type PlatformHooks, type Rejection } from './hooks.js';
import { Journal, type JournalEntry } from './journal.js';
import { buildProfile, type TargetProfile } from './profile.js';
import { type PushRecord, type PushStats, RetryingPusher } from './retry.js';
import { defaultSteps } from './steps.js';
import { parseUplinkInjection } from './uplink.js';

export const SEND_PATH = '/common/sms/sendTemplateMessage';

/** The code of an answer to a fault inside the mock itself: never a §5.1 code, so no test mistakes it for one. */
export const INTERNAL_ERROR_CODE = '999999';

export interface MockPlatformOptions {
  /** A configuration as written (validated and completed with the defaults); default: the built-in one. */
  config?: PlatformConfigInput;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** HTTPS with a certificate made at start (default), with the one given, or plain HTTP (`false`). */
  tls?: 'self-signed' | TlsMaterial | false;
  /** A CA certificate (PEM) pushes trust besides the system's (in place of the config's pushTls.ca file). */
  pushCa?: string;
  /** Replace or wrap named steps (hooks.ts): how a test builds a mutant platform. */
  hooks?: PlatformHooks;
  /** Validate every answer and report before it leaves (default: on, unless hooks are given). */
  selfCheck?: boolean;
  /** Internal errors (a bug of the mock, a failed self-check); default: one line on stderr. */
  onError?: (error: Error) => void;
}

export interface MockPlatform {
  /** The sendTemplateMessage endpoint. */
  readonly url: string;
  /** `http(s)://host:port`. */
  readonly baseUrl: string;
  readonly profile: TargetProfile;
  readonly config: PlatformConfig;
  /** The certificate served (PEM), null over plain HTTP. A client may trust it as its CA. */
  readonly certificate: string | null;
  journal(): JournalEntry[];
  retainedReports(): RetainedReport[];
  pushes(): PushRecord[];
  pushStats(): PushStats & { scheduled: number };
  /** Pushes an uplink SMS (fields as given, defaults where absent) to `url` or the configured one. */
  injectUplink(input: Record<string, unknown>): Promise<PushRecord>;
  /** Resolves once no report is waiting for its delay and no push is pending. */
  whenIdle(timeoutMs?: number): Promise<void>;
  reset(): void;
  /** Stops accepting; pushes in flight may finish within `graceMs` (default: the push timeout). */
  close(options?: { graceMs?: number }): Promise<void>;
}

function stderrLine(error: Error): void {
  process.stderr.write(`mock-platform: ${error.message}\n`);
}

function readPushCa(config: PlatformConfig): string | undefined {
  const file = config.pushTls.ca;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read pushTls.ca ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

export async function startMockPlatform(options: MockPlatformOptions = {}): Promise<MockPlatform> {
  const config = resolvePlatformConfig(options.config ?? {});
  const host = options.host ?? '127.0.0.1';
  const tlsOption = options.tls ?? 'self-signed';
  const tls: TlsMaterial | undefined =
    tlsOption === false
      ? undefined
      : tlsOption === 'self-signed'
        ? createSelfSignedCertificate({ altNames: [...new Set(['localhost', '127.0.0.1', '::1', host])] })
        : tlsOption;
  const selfCheck = options.selfCheck ?? !options.hooks;
  const onError = options.onError ?? stderrLine;
  const limits = { ...config.limits };

  const journal = new Journal(config.journal.maxEntries, config.journal.maxBodyBytes);
  const pushCa = options.pushCa ?? readPushCa(config);
  const pusher = new RetryingPusher(
    createPushClient({
      timeoutMs: config.retry.pushTimeoutMs,
      rejectUnauthorized: !config.pushTls.insecure,
      ...(pushCa ? { ca: pushCa } : {}),
      connections: config.delivery.maxConcurrentPushes,
    }),
    config.retry,
    config.delivery.maxConcurrentPushes,
    config.journal.maxEntries,
    (record, attempt) => journal.recordPush(record, attempt),
  );
  const delivery = new ReportDelivery(config.delivery, pusher);
  const steps = applyHooks(defaultSteps(config, delivery), options.hooks);

  const failureText = (rejection: Rejection) => steps.serialize(steps.buildFailure(rejection));
  const formatError = (desc: string) => failureText({ code: RESULT_CODES.formatError, desc });

  const admin: PlatformAdminTarget = {
    journal: () => journal.entries(),
    journalDropped: () => journal.dropped,
    retainedReports: () => delivery.retained(),
    pushes: () => pusher.history.toArray(),
    pushStats: () => ({ ...pusher.counts(), scheduled: delivery.scheduled }),
    injectUplink: (injection) => pusher.push('uplink', injection.url, injection.body),
    reset: () => {
      delivery.reset();
      pusher.reset();
      journal.clear();
    },
    uplinkDefaults: { url: config.uplink.url, mobile: config.target.mobiles[0] ?? '' },
    limits,
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    if (path.startsWith(ADMIN_PREFIX))
      return handlePlatformAdmin(req, res, path, new URLSearchParams(query), admin);
    const method = req.method ?? '';
    const contentType = req.headers['content-type'];
    const reply = (
      status: number,
      text: string,
      body?: { raw?: Buffer; parsed?: { value: unknown } },
      headers?: Record<string, string>,
    ) => {
      sendJsonText(res, status, text, headers);
      journal.recordRequest({
        method,
        path,
        contentType,
        raw: body?.raw,
        parsed: body?.parsed,
        status,
        answer: text,
      });
    };

    if (path !== SEND_PATH)
      return reply(404, formatError(`no such path: ${path}; the API is POST ${SEND_PATH}`));
    if (method !== 'POST')
      return reply(405, formatError(`method ${method} not allowed; use POST (§1.3)`), {}, { Allow: 'POST' });
    if (!isJsonContentType(contentType))
      return reply(415, formatError('Content-Type must be application/json;charset=UTF-8 (§1.5)'));
    const body = await readBody(req, limits.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large')
      return reply(413, formatError(`body larger than ${body.limit} bytes`), {}, { Connection: 'close' });
    const parsed = parseJsonBody(body.bytes, limits);
    const answer = handleSendTemplateMessage(steps, parsed, selfCheck);
    reply(answer.status, answer.text, { raw: body.bytes, ...(parsed.ok ? { parsed } : {}) });
  }

  const server = await listen({
    host,
    port: options.port ?? 0,
    ...(tls ? { tls } : {}),
    malformedBody: JSON.stringify({
      resultCode: RESULT_CODES.formatError,
      resultDesc: 'malformed HTTP request',
      resultLists: null,
    }),
    onServerError: onError,
    handler: (req, res) => {
      serve(req, res).catch((err: Error) => {
        onError(err);
        sendJsonText(
          res,
          500,
          JSON.stringify({
            resultCode: INTERNAL_ERROR_CODE,
            resultDesc: 'mock platform internal error',
            resultLists: null,
          }),
        );
      });
    },
  });

  const profile = buildProfile(config, server.baseUrl, tls !== undefined);
  let closed: Promise<void> | undefined;
  return {
    url: `${server.baseUrl}${SEND_PATH}`,
    baseUrl: server.baseUrl,
    profile,
    config,
    certificate: tls?.cert ?? null,
    journal: admin.journal,
    retainedReports: admin.retainedReports,
    pushes: admin.pushes,
    pushStats: admin.pushStats,
    injectUplink(input) {
      const injection = parseUplinkInjection(input, admin.uplinkDefaults);
      if ('error' in injection) return Promise.reject(new Error(injection.error));
      return pusher.push('uplink', injection.url, injection.body).settled;
    },
    whenIdle: (timeoutMs = 30_000) =>
      waitUntil(() => delivery.scheduled === 0 && pusher.counts().pending === 0, {
        timeoutMs,
        what: 'the mock platform to deliver every report',
      }),
    reset: admin.reset,
    close({ graceMs = config.retry.pushTimeoutMs } = {}) {
      closed ??= (async () => {
        delivery.close();
        await Promise.all([server.close(graceMs), pusher.close(graceMs)]);
      })();
      return closed;
    },
  };
}
