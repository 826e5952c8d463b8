// The pusher a platform pushes its reports and uplinks with, set up from its configuration: the
// push client's timeout, TLS trust (pushTls: a CA besides the system's, or none checked) and
// connections, the retry policy, and every attempt written to the journal.
import { readFileSync } from 'node:fs';
import { createPushClient } from '../../http/push-client.js';
import { ConfigError, type PlatformConfig } from './config.js';
import type { Journal } from './journal.js';
import { RetryingPusher } from './retry.js';

/** The CA file of pushTls.ca (PEM), if one is configured. */
export function readPushCa(config: PlatformConfig): string | undefined {
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

export function createPlatformPusher(
  config: PlatformConfig,
  pushCa: string | undefined,
  journal: Journal,
): RetryingPusher {
  return new RetryingPusher(
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
}
