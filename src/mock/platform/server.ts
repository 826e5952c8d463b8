// The mock platform: `startMockPlatform` wires configuration, steps (with hooks), delivery, pushes,
// journal and admin API (runtime.ts) onto one HTTP(S) server (router.ts), and hands back the
// MockPlatform (lifecycle.ts). Transport faults get a 4xx with a JSON body, everything parsed as an
// API call a 200 (D8, D16); nothing a client sends takes it down.

import { INTERNAL_ERROR_CODE } from '../../core/terms.js';
import type { TlsMaterial } from '../../http/listen.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { listenMock } from '../listen-mock.js';
import { serverTls } from '../tls.js';
import { type PlatformConfigInput, resolvePlatformConfig } from './config.js';
import type { PlatformHooks } from './hooks.js';
import { type MockPlatform, platformHandle } from './lifecycle.js';
import { readPushCa } from './pusher.js';
import { PlatformRouter } from './router.js';
import { PlatformRuntime } from './runtime.js';

export { INTERNAL_ERROR_CODE, SEND_PATH } from '../../core/terms.js';
export type { MockPlatform } from './lifecycle.js';

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

const MALFORMED_BODY = JSON.stringify({
  resultCode: RESULT_CODES.formatError,
  resultDesc: 'malformed HTTP request',
  resultLists: null,
});

const INTERNAL_ERROR_BODY = JSON.stringify({
  resultCode: INTERNAL_ERROR_CODE,
  resultDesc: 'mock platform internal error',
  resultLists: null,
});

function stderrLine(error: Error): void {
  process.stderr.write(`mock-platform: ${error.message}\n`);
}

export async function startMockPlatform(options: MockPlatformOptions = {}): Promise<MockPlatform> {
  const config = resolvePlatformConfig(options.config ?? {});
  const host = options.host ?? '127.0.0.1';
  const tls = serverTls(options.tls ?? 'self-signed', host);
  const runtime = new PlatformRuntime(config, options.pushCa ?? readPushCa(config), options.hooks);
  const router = new PlatformRouter(runtime, options.selfCheck ?? !options.hooks);
  const server = await listenMock({
    host,
    port: options.port ?? 0,
    tls,
    serve: (req, res) => router.serve(req, res),
    malformedBody: MALFORMED_BODY,
    internalErrorBody: INTERNAL_ERROR_BODY,
    onError: options.onError ?? stderrLine,
  });
  return platformHandle(server, runtime, config, tls);
}
