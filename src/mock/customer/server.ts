// The mock customer endpoint: receives notifySmsMessage (§3) and notifyReportMessage (§4) pushes,
// answers them as handler.ts says (or fails them on purpose, behaviour.ts), and records them.
// HTTP by default, HTTPS on request. Nothing a client sends takes it down.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotifyResponse } from '../../../generated/types.js';
import { readBody } from '../../http/body.js';
import { isJsonContentType } from '../../http/content-type.js';
import { parseJsonBody } from '../../http/json-body.js';
import { listen, type TlsMaterial } from '../../http/listen.js';
import { sendJson } from '../../http/respond.js';
import { createSelfSignedCertificate } from '../../http/self-signed.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { ADMIN_PREFIX, type AdminLimits } from '../admin-request.js';
import { waitUntil } from '../wait.js';
import { type CustomerAdminTarget, handleCustomerAdmin } from './admin.js';
import {
  BehaviourControl,
  behaviourProblem,
  type CustomerBehaviour,
  DEFAULT_BEHAVIOUR,
} from './behaviour.js';
import { judgePush, type PushType } from './handler.js';
import { ReceivedLog, type ReceivedPush, type ReceivedType } from './received.js';

export const DEFAULT_UPLINK_PATH = '/common/sms/notifySmsMessage';
export const DEFAULT_REPORT_PATH = '/common/sms/notifyReportMessage';

export interface MockCustomerOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Plain HTTP (default), HTTPS with a certificate made at start, or with the one given. */
  tls?: false | 'self-signed' | TlsMaterial;
  uplinkPath?: string;
  reportPath?: string;
  /** The initial behaviour (and the one a reset returns to). */
  behaviour?: Partial<CustomerBehaviour>;
  /** Most pushes kept; the oldest are dropped. */
  maxRecords?: number;
  /** A push body larger than this is recorded as its size only (default 64 KiB). */
  maxStoredBodyBytes?: number;
  limits?: Partial<AdminLimits>;
}

export interface MockCustomer {
  /** `http(s)://host:port` (the same as baseUrl). */
  readonly url: string;
  readonly baseUrl: string;
  readonly uplinkUrl: string;
  readonly reportUrl: string;
  /** The certificate served (PEM), null over plain HTTP. */
  readonly certificate: string | null;
  received(filter?: { type?: ReceivedType; acknowledged?: boolean }): ReceivedPush[];
  behaviour(): CustomerBehaviour;
  /** Changes part of the behaviour; throws on an invalid setting. */
  setBehaviour(partial: Partial<CustomerBehaviour>): void;
  /** Forgets what was received and returns to the initial behaviour. */
  reset(): void;
  waitFor(condition: (customer: MockCustomer) => boolean, timeoutMs?: number): Promise<void>;
  close(options?: { graceMs?: number }): Promise<void>;
}

/** As the platform's defaults (platform/config.ts says why 10 000 values). */
const DEFAULT_LIMITS: AdminLimits = { maxBodyBytes: 1024 * 1024, maxJsonDepth: 32, maxJsonValues: 10_000 };

function stderrLine(error: Error): void {
  process.stderr.write(`mock-customer: ${error.message}\n`);
}

const failure = (desc: string): NotifyResponse => ({
  resultCode: RESULT_CODES.formatError,
  resultDesc: desc,
});

export async function startMockCustomer(options: MockCustomerOptions = {}): Promise<MockCustomer> {
  const uplinkPath = options.uplinkPath ?? DEFAULT_UPLINK_PATH;
  const reportPath = options.reportPath ?? DEFAULT_REPORT_PATH;
  if (!uplinkPath.startsWith('/') || !reportPath.startsWith('/') || uplinkPath === reportPath)
    throw new Error('the uplink and report paths must be two different paths starting with /');
  if (uplinkPath.startsWith(ADMIN_PREFIX) || reportPath.startsWith(ADMIN_PREFIX))
    throw new Error(`${ADMIN_PREFIX} is reserved for the admin API`);
  const problem = behaviourProblem(options.behaviour ?? {});
  if (problem) throw new Error(`behaviour: ${problem}`);
  const behaviour = new BehaviourControl({ ...DEFAULT_BEHAVIOUR, ...options.behaviour });
  const log = new ReceivedLog(options.maxRecords ?? 10_000);
  const maxStoredBodyBytes = options.maxStoredBodyBytes ?? 64 * 1024;
  const limits: AdminLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const tls =
    options.tls === 'self-signed'
      ? createSelfSignedCertificate({ altNames: [...new Set(['localhost', '127.0.0.1', '::1', host])] })
      : options.tls || undefined;
  const routes = new Map<string, { type: ReceivedType; message: PushType }>([
    [uplinkPath, { type: 'uplink', message: 'NotifySmsMessageRequest' }],
    [reportPath, { type: 'report', message: 'NotifyReportMessageRequest' }],
  ]);
  const delays = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.add(timer);
    });

  const admin: CustomerAdminTarget = {
    received: () => log.entries(),
    receivedDropped: () => log.dropped,
    behaviour: () => behaviour.current(),
    setBehaviour: (partial) => behaviour.update(partial),
    reset: () => {
      log.clear();
      behaviour.reset();
    },
    limits,
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (path.startsWith(ADMIN_PREFIX))
      return handleCustomerAdmin(req, res, path, new URLSearchParams(query), admin);
    const route = routes.get(path);
    if (!route) return sendJson(res, 404, failure(`no such path: ${path}`));
    if (req.method !== 'POST') return sendJson(res, 405, failure('use POST (§1.3)'), { Allow: 'POST' });
    const contentType = req.headers['content-type'];
    if (!isJsonContentType(contentType))
      return sendJson(res, 415, failure('Content-Type must be application/json;charset=UTF-8 (§1.5)'));
    const body = await readBody(req, limits.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large')
      return sendJson(res, 413, failure(`body larger than ${body.limit} bytes`), { Connection: 'close' });

    const parsed = parseJsonBody(body.bytes, limits);
    const fate = behaviour.decide();
    if (fate.delayMs > 0) await sleep(fate.delayMs);
    const verdict = judgePush(route.message, parsed);
    let status = 200;
    let answer = verdict.answer;
    if (fate.failure === 'http-500') {
      status = 500;
      answer = { resultCode: behaviour.current().failResultCode, resultDesc: 'simulated failure (HTTP 500)' };
    } else if (fate.failure === 'result-code') {
      answer = { resultCode: behaviour.current().failResultCode, resultDesc: 'simulated failure' };
    }
    sendJson(res, status, answer);
    log.add({
      type: route.type,
      path,
      contentType: contentType ?? null,
      body:
        body.bytes.length > maxStoredBodyBytes
          ? { omitted: `${body.bytes.length} bytes` }
          : parsed.ok
            ? parsed.value
            : body.bytes.toString('utf8'),
      status,
      answer,
      acknowledged: status === 200 && answer.resultCode === RESULT_CODES.success,
      violations: verdict.violations.map((v) => v.message),
      simulated: fate.failure,
    });
  }

  const server = await listen({
    host,
    port: options.port ?? 0,
    ...(tls ? { tls } : {}),
    malformedBody: JSON.stringify(failure('malformed HTTP request')),
    onServerError: stderrLine,
    handler: (req, res) => {
      serve(req, res).catch((err: Error) => {
        stderrLine(err);
        sendJson(res, 500, failure('mock customer internal error'));
      });
    },
  });

  const customer: MockCustomer = {
    url: server.baseUrl,
    baseUrl: server.baseUrl,
    uplinkUrl: `${server.baseUrl}${uplinkPath}`,
    reportUrl: `${server.baseUrl}${reportPath}`,
    certificate: tls?.cert ?? null,
    received: (filter = {}) =>
      log
        .entries()
        .filter(
          (r) =>
            (filter.type === undefined || r.type === filter.type) &&
            (filter.acknowledged === undefined || r.acknowledged === filter.acknowledged),
        ),
    behaviour: admin.behaviour,
    setBehaviour: admin.setBehaviour,
    reset: admin.reset,
    waitFor: (condition, timeoutMs = 30_000) =>
      waitUntil(() => condition(customer), { timeoutMs, what: 'the mock customer endpoint' }),
    async close({ graceMs = 2_000 } = {}) {
      await server.close(graceMs);
      for (const timer of delays) clearTimeout(timer);
      delays.clear();
    },
  };
  return customer;
}
