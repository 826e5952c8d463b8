// A wire message's body as the rules read it: the text (strictly UTF-8, or where it breaks), and
// its JSON value when it parses. Read once per message, whoever asks first: every rule of an
// exchange, and the case or the proxy that judges it, share the reading.
import { parseJsonText } from '../http/json-body.js';
import { decodeUtf8, type InvalidUtf8 } from '../http/utf8.js';
import type { WireMessage } from './types.js';

/**
 * How deep and how large a JSON body the rules parse: the deepest valid message nests 4 levels,
 * the largest answer (20 messages × 100 recipients, 4 fields each) holds about 16 000 values; a
 * body is already capped in bytes where it is read.
 */
export const RULE_JSON_LIMITS = { maxJsonDepth: 64, maxJsonValues: 200_000 } as const;

export interface ReadBody {
  /** The text; where the bytes are not UTF-8, with U+FFFD in their place. */
  text: string;
  /** Present only when the bytes are not valid UTF-8. */
  invalidUtf8?: InvalidUtf8;
  /** Whether the text parses as JSON (within RULE_JSON_LIMITS). */
  isJson: boolean;
  /** The parsed value, when it does (objects with a null prototype). */
  json?: unknown;
  /** Why it does not parse, in words. */
  notJson?: string;
}

const read = new WeakMap<WireMessage, ReadBody>();

export function bodyOf(message: WireMessage): ReadBody {
  let body = read.get(message);
  if (!body) {
    const { text, invalidUtf8 } = decodeUtf8(message.body);
    const parsed = parseJsonText(text, RULE_JSON_LIMITS);
    body = {
      text,
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
      isJson: parsed.ok,
      ...(parsed.ok ? { json: parsed.value } : { notJson: parsed.reason }),
    };
    read.set(message, body);
  }
  return body;
}

/** A header's value as it travelled ('' when absent). */
export function headerOf(message: WireMessage, name: string): string {
  return message.headers[name] ?? '';
}

/** A field of a JSON object body, or undefined. */
export function fieldOf(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/** Text shown in a finding, cut to `max` characters. */
export function short(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
