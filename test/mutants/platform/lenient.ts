// Defects a real platform can have in how it reads a request, written once against the schemas
// (so they follow every field, as the cases do): coercing JSON types like a lenient binder,
// cutting values to their limit instead of refusing them, and counting a limit as exclusive.
import type { Violation } from '../../../src/index.js';
import { limitsOf } from '../../../src/schema/constraints.js';
import { formatPath, type PathSegment, resolve } from '../../../src/schema/navigate.js';
import { messageSchema, type SchemaNode } from '../../../src/schema/registry.js';

type Value = unknown;

function typeOf(node: SchemaNode): string | undefined {
  return Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
}

function isObject(v: Value): v is Record<string, Value> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * What a lenient binder makes of a value (Jackson with ACCEPT_SINGLE_VALUE_AS_ARRAY and
 * UNWRAP_SINGLE_VALUE_ARRAYS, and its default scalar coercion): a number where a string is
 * expected becomes its digits, one value where a list is expected a list of it, a list of one
 * value where a single value is expected that value.
 */
export function coerce(value: Value, raw: SchemaNode): Value {
  const node = resolve(raw);
  const type = typeOf(node);
  if (value === undefined || value === null) return value;
  if (type === 'string') {
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && value.length === 1) return coerce(value[0], node);
    return value;
  }
  if (type === 'array') {
    const list = Array.isArray(value) ? value : [value];
    return node.items ? list.map((item) => coerce(item, node.items as SchemaNode)) : list;
  }
  if (type === 'object') {
    const object = Array.isArray(value) && value.length === 1 && isObject(value[0]) ? value[0] : value;
    if (!isObject(object)) return object;
    const out: Record<string, Value> = {};
    for (const [key, v] of Object.entries(object)) {
      const child =
        node.properties?.[key] ??
        (isObject(node.additionalProperties) ? node.additionalProperties : undefined);
      out[key] = child ? coerce(v, child) : v;
    }
    return out;
  }
  return value;
}

/** A value with every string and list cut to its schema limit (a platform storing into fixed columns). */
export function truncate(value: Value, raw: SchemaNode): Value {
  const node = resolve(raw);
  if (typeof value === 'string' && typeof node.maxLength === 'number')
    return [...value].slice(0, node.maxLength).join('');
  if (Array.isArray(value)) {
    const cut = typeof node.maxItems === 'number' ? value.slice(0, node.maxItems) : value;
    return node.items ? cut.map((item) => truncate(item, node.items as SchemaNode)) : cut;
  }
  if (isObject(value)) {
    const out: Record<string, Value> = {};
    for (const [key, v] of Object.entries(value)) {
      const child =
        node.properties?.[key] ??
        (isObject(node.additionalProperties) ? node.additionalProperties : undefined);
      out[key] = child ? truncate(v, child) : v;
    }
    return out;
  }
  return value;
}

/** Rewrites the request's fields in place (the mock's later steps read the same object); returns it. */
export function rewriteInPlace(body: unknown, rewrite: (value: Value, node: SchemaNode) => Value): unknown {
  if (!isObject(body)) return body;
  const fixed = rewrite(body, messageSchema('SendTemplateMessageRequest'));
  if (!isObject(fixed)) return body;
  for (const key of Object.keys(body)) delete body[key];
  return Object.assign(body, fixed);
}

/** Every concrete place a schema path reaches in a value (`[]` and `{}` expanded). */
function placesOf(
  value: Value,
  path: readonly PathSegment[],
  at: PathSegment[] = [],
): { at: PathSegment[]; value: Value }[] {
  if (path.length === 0) return [{ at, value }];
  const [seg, ...rest] = path;
  if (seg === '[]') return Array.isArray(value) ? value.flatMap((v, i) => placesOf(v, rest, [...at, i])) : [];
  if (seg === '{}')
    return isObject(value) ? Object.entries(value).flatMap(([k, v]) => placesOf(v, rest, [...at, k])) : [];
  return isObject(value) && seg !== undefined && seg in value
    ? placesOf(value[seg as string], rest, [...at, seg])
    : [];
}

const LIMITS = limitsOf('SendTemplateMessageRequest').filter(
  (c) => c.keyword === 'maxLength' || c.keyword === 'maxItems',
);

/** Violations for every value exactly at its limit: a platform that reads "at most n" as "less than n". */
export function atLimitViolations(body: unknown): Violation[] {
  return LIMITS.flatMap((c) =>
    placesOf(body, c.path)
      .filter(
        (p) =>
          (typeof p.value === 'string'
            ? [...p.value].length
            : Array.isArray(p.value)
              ? p.value.length
              : -1) === c.limit,
      )
      .map((p) => {
        const path = formatPath(p.at);
        return {
          path,
          pointer: p.at.map((s) => `/${String(s)}`).join(''),
          kind: c.keyword === 'maxItems' ? ('too-many' as const) : ('too-long' as const),
          keyword: c.keyword,
          limit: c.limit as number,
          clause: c.clause,
          level: 'MUST' as const,
          message: `${path} is at its limit ${String(c.limit)} (mutant: the limit is exclusive)`,
        };
      }),
  );
}
