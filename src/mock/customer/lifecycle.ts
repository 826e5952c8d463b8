// A listening mock customer endpoint as its caller holds it (MockCustomer): where it is, what it
// received, its behaviour, waiting for a condition, and closing with a grace period for the
// requests in flight (answers still held back by a delay are then dropped).
import type { ListeningServer, TlsMaterial } from '../../http/listen.js';
import { waitUntil } from '../wait.js';
import type { CustomerBehaviour } from './behaviour.js';
import type { ReceivedPush, ReceivedType } from './received.js';
import type { CustomerRuntime } from './runtime.js';

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

export function customerHandle(
  server: ListeningServer,
  runtime: CustomerRuntime,
  paths: { uplinkPath: string; reportPath: string },
  tls: TlsMaterial | undefined,
): MockCustomer {
  const customer: MockCustomer = {
    url: server.baseUrl,
    baseUrl: server.baseUrl,
    uplinkUrl: `${server.baseUrl}${paths.uplinkPath}`,
    reportUrl: `${server.baseUrl}${paths.reportPath}`,
    certificate: tls?.cert ?? null,
    received: (filter = {}) =>
      runtime
        .received()
        .filter(
          (r) =>
            (filter.type === undefined || r.type === filter.type) &&
            (filter.acknowledged === undefined || r.acknowledged === filter.acknowledged),
        ),
    behaviour: () => runtime.behaviour(),
    setBehaviour: (partial) => runtime.setBehaviour(partial),
    reset: () => runtime.reset(),
    waitFor: (condition, timeoutMs = 30_000) =>
      waitUntil(() => condition(customer), { timeoutMs, what: 'the mock customer endpoint' }),
    async close({ graceMs = 2_000 } = {}) {
      await server.close(graceMs);
      runtime.delays.cancelAll();
    },
  };
  return customer;
}
