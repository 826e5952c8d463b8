// Uplink SMS injected through the admin API (§3 notifySmsMessage): the fields given, completed
// with defaults only where absent, so a test can also push a deliberately bad uplink (a field set
// to null or too long stays as given).
import { specTime } from '../spec-time.js';

export interface UplinkInjection {
  url: string;
  body: Record<string, unknown>;
  /** Answer only once the push is acknowledged or given up. */
  wait: boolean;
}

/** The spec's example content (§3). */
const DEFAULT_CONTENT = 'TD';

export function parseUplinkInjection(
  input: unknown,
  defaults: { url: string | null; mobile: string },
): UplinkInjection | { error: string } {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return {
      error:
        'body must be a JSON object (a NotifySmsMessageRequest, or part of one, with optional url and wait)',
    };
  const { url, wait, ...fields } = input as Record<string, unknown>;
  if (url !== undefined && typeof url !== 'string') return { error: 'url must be a string' };
  if (wait !== undefined && typeof wait !== 'boolean') return { error: 'wait must be true or false' };
  const target = url ?? defaults.url;
  if (!target) return { error: 'no uplink URL: give one as "url" or configure uplink.url' };
  const body: Record<string, unknown> = {
    ...(Object.hasOwn(fields, 'mobile') ? {} : { mobile: defaults.mobile }),
    ...(Object.hasOwn(fields, 'content') ? {} : { content: DEFAULT_CONTENT }),
    ...(Object.hasOwn(fields, 'sendTime') ? {} : { sendTime: specTime(Date.now()) }),
    ...fields,
  };
  return { url: target, body, wait: wait ?? false };
}
