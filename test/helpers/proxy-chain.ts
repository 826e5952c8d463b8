// The end-to-end chain the proxy tests run: a client → proxy → mock platform (or a mutant built with
// its hooks) → pushes → proxy → mock customer. Everything in-process, plain HTTP, short delays.
import type { CaseResult } from '../../src/cases/types.js';
import {
  type MockCustomer,
  type MockPlatform,
  type PlatformHooks,
  startMockCustomer,
  startMockPlatform,
} from '../../src/mock/index.js';
import { type ProxyOptions, type RunningProxy, startProxy } from '../../src/proxy/server.js';

export interface Chain {
  platform: MockPlatform;
  customer: MockCustomer;
  proxy: RunningProxy;
  lines: string[];
  close(): Promise<void>;
}

export async function startChain(
  hooks?: PlatformHooks,
  proxyOptions: Partial<ProxyOptions> = {},
  reportDelayMs = 20,
): Promise<Chain> {
  const platform = await startMockPlatform({
    tls: false,
    config: { delivery: { delayMs: reportDelayMs }, retry: { attempts: 1, pushTimeoutMs: 5_000 } },
    ...(hooks ? { hooks } : {}),
  });
  const customer = await startMockCustomer();
  const lines: string[] = [];
  const proxy = await startProxy({
    target: platform.baseUrl,
    uplinkForward: customer.uplinkUrl,
    timeoutMs: 5_000,
    onLine: (line) => lines.push(line),
    ...proxyOptions,
  });
  return {
    platform,
    customer,
    proxy,
    lines,
    async close() {
      await proxy.close(100);
      await platform.close({ graceMs: 100 });
      await customer.close({ graceMs: 100 });
    },
  };
}

/** A valid request of the mock's default configuration to its two numbers (one template with variables). */
export function validSend(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account: 'acme',
    password: 's3cret',
    requestLists: [
      {
        mobiles: ['8613600000000', '13600000001'],
        templateId: 'tpl_code',
        templateParas: { code: '002569', name: 'Amigo' },
        signature: '【ACME】',
      },
    ],
    ...extra,
  };
}

/** The failed or errored cases of the proxy's report, as `level clause` (INFO excluded). */
export function violatedClauses(cases: readonly CaseResult[]): string[] {
  return [
    ...new Set(
      cases.filter((c) => c.verdict === 'fail' || c.verdict === 'error').map((c) => `${c.level} ${c.clause}`),
    ),
  ].sort();
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
