// Parsing an untrusted JSON body. Before JSON.parse a linear scan bounds the nesting depth and the
// number of values, so a pathological body costs no recursion and no quadratic validation. Every
// object comes back with a null prototype: a key such as `__proto__` or `constructor` is then an
// ordinary own property, and a lookup of an absent key never reaches Object.prototype.

import { isUtf8 } from 'node:buffer';

export interface JsonLimits {
  /** Deepest nesting of objects and lists. */
  maxJsonDepth: number;
  /** Most values (strings, numbers, literals, containers; keys count as values). */
  maxJsonValues: number;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

function scan(text: string, limits: JsonLimits): string | undefined {
  let depth = 0;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      values++;
      if (values > limits.maxJsonValues) return `JSON with more than ${limits.maxJsonValues} values`;
      // Nothing inside a string counts: jump to its closing quote (indexOf is native), the first
      // quote not escaped, i.e. not after an odd run of backslashes. Unterminated: nothing to count.
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth++;
      values++;
      if (depth > limits.maxJsonDepth) return `JSON nested deeper than ${limits.maxJsonDepth} levels`;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2c) {
      values++;
    }
    if (values > limits.maxJsonValues) return `JSON with more than ${limits.maxJsonValues} values`;
  }
  return undefined;
}

/** Whether the quote at `at` follows an odd number of backslashes (each backslash is looked at once). */
function escapedAt(text: string, at: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Gives every object in a freshly parsed value a null prototype, in place. JSON.parse already makes
 * each key (`__proto__` included) an own data property; only the prototype changes. This is ~5×
 * cheaper than a reviver that rebuilds each object. Recursion is bounded: scan() capped the depth.
 */
function withNullPrototypes(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) withNullPrototypes(item);
    return;
  }
  Object.setPrototypeOf(value, null);
  for (const key in value) withNullPrototypes((value as Record<string, unknown>)[key]);
}

export function parseJsonBody(bytes: Buffer, limits: JsonLimits): JsonParseResult {
  // As a fatal TextDecoder reads it (invalid UTF-8 refused, a leading BOM dropped), without the
  // exception it throws: isUtf8 and toString are native and quicker.
  if (!isUtf8(bytes)) return { ok: false, reason: 'body is not UTF-8 text' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseJsonText(text, limits);
}

/** Parses decoded text as parseJsonBody does its bytes: bounded first, null prototypes after. */
export function parseJsonText(text: string, limits: JsonLimits): JsonParseResult {
  const tooBig = scan(text, limits);
  if (tooBig) return { ok: false, reason: tooBig };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Only a body that failed to parse can be blank: the check costs a copy, so it waits until here.
    if (text.trim() === '') return { ok: false, reason: 'body is empty; a JSON object was expected' };
    return { ok: false, reason: `body is not JSON: ${(err as Error).message}` };
  }
  withNullPrototypes(value);
  return { ok: true, value };
}
