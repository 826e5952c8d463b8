// The mock customer endpoint: receives notifySmsMessage (§3) and notifyReportMessage (§4) pushes,
// answers them as handler.ts says (or fails them on purpose, behaviour.ts), and records them.
// `startMockCustomer` checks its options, builds its state (runtime.ts) and router (router.ts),
// listens, and hands back the MockCustomer (lifecycle.ts). HTTP by default, HTTPS on request.
// Nothing a client sends takes it down.
import { PUSH_PATH } from '../../core/terms.js';
import type { TlsMaterial } from '../../http/listen.js';
import type { AdminLimits } from '../admin-request.js';
import { listenMock } from '../listen-mock.js';
import { serverTls } from '../tls.js';
import { behaviourProblem, type CustomerBehaviour, DEFAULT_BEHAVIOUR } from './behaviour.js';
import { refusal } from './handler.js';
import { customerHandle, type MockCustomer } from './lifecycle.js';
import { CustomerRouter, pushRoutes } from './router.js';
import { CustomerRuntime } from './runtime.js';

export type { MockCustomer } from './lifecycle.js';

export const DEFAULT_UPLINK_PATH = PUSH_PATH.uplink;
export const DEFAULT_REPORT_PATH = PUSH_PATH.report;

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

/** As the platform's defaults (platform/config.ts says why 10 000 values). */
const DEFAULT_LIMITS: AdminLimits = { maxBodyBytes: 1024 * 1024, maxJsonDepth: 32, maxJsonValues: 10_000 };

function stderrLine(error: Error): void {
  process.stderr.write(`mock-customer: ${error.message}\n`);
}

export async function startMockCustomer(options: MockCustomerOptions = {}): Promise<MockCustomer> {
  const paths = {
    uplinkPath: options.uplinkPath ?? DEFAULT_UPLINK_PATH,
    reportPath: options.reportPath ?? DEFAULT_REPORT_PATH,
  };
  const routes = pushRoutes(paths.uplinkPath, paths.reportPath);
  const problem = behaviourProblem(options.behaviour ?? {});
  if (problem) throw new Error(`behaviour: ${problem}`);
  const runtime = new CustomerRuntime(
    { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    options.maxRecords ?? 10_000,
    { ...DEFAULT_LIMITS, ...options.limits },
    options.maxStoredBodyBytes ?? 64 * 1024,
  );
  const host = options.host ?? '127.0.0.1';
  const tls = serverTls(options.tls ?? false, host);
  const router = new CustomerRouter(runtime, routes);
  const server = await listenMock({
    host,
    port: options.port ?? 0,
    tls,
    serve: (req, res) => router.serve(req, res),
    malformedBody: JSON.stringify(refusal('malformed HTTP request')),
    internalErrorBody: JSON.stringify(refusal('mock customer internal error')),
    onError: stderrLine,
  });
  return customerHandle(server, runtime, paths, tls);
}
