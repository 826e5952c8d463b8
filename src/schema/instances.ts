// Building concrete messages from the schemas: a minimal valid instance, a value at a path, and
// the values at and just past a limit. Boundary tests, vectors and cases use these, so the data
// they send is derived from the schema, never typed in by hand.
import type { Constraint } from './constraints.js';
import type { MessageType } from './message-types.js';
import { nodeAt, type PathSegment, resolve } from './navigate.js';
import { messageSchema, type SchemaNode } from './registry.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The key used where a path steps into a map (`{}`), e.g. a `templateParas` entry. */
export const MAP_KEY = 'v1';

/** The seed of a string: the schema's first example, else one letter. */
function seedOf(node: SchemaNode): string {
  const example = node.examples?.[0];
  return typeof example === 'string' && example.length > 0 ? example : 'a';
}

/**
 * A string of exactly `length` characters (code points, decision D7) shaped like the field's
 * example: the example cut or extended by its last character (so a number stays digits).
 * `filler` replaces that character, for non-ASCII variants.
 */
export function stringOfLength(node: SchemaNode, length: number, filler?: string): string {
  const seed = [...seedOf(resolve(node))];
  if (filler !== undefined) return filler.repeat(length);
  if (seed.length >= length) return seed.slice(0, length).join('');
  return seed.join('') + (seed[seed.length - 1] ?? 'a').repeat(length - seed.length);
}

/** The smallest valid value of a node: required properties only, one item in a required list. */
export function minimalValue(raw: SchemaNode): Json {
  const node = resolve(raw);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const out: { [key: string]: Json } = {};
      for (const name of node.required ?? []) {
        const child = node.properties?.[name];
        if (child) out[name] = minimalValue(child);
      }
      return out;
    }
    case 'array':
      return node.items && (node.minItems ?? 0) > 0
        ? Array.from({ length: node.minItems ?? 1 }, () => minimalValue(node.items as SchemaNode))
        : [];
    case 'integer':
    case 'number':
      return node.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return seedOf(node);
  }
}

/** A minimal valid instance of a message. */
export function minimalMessage(type: MessageType): { [key: string]: Json } {
  return minimalValue(messageSchema(type)) as { [key: string]: Json };
}

/** Concrete segments for a schema path: `[]` becomes index 0, `{}` the map key. */
export function concretePath(path: readonly PathSegment[]): PathSegment[] {
  return path.map((seg) => (seg === '[]' ? 0 : seg === '{}' ? MAP_KEY : seg));
}

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

/**
 * A copy of `instance` with `value` at `path` (concrete segments); containers on the way that are
 * absent are created from the schema with their minimal valid value. `undefined` deletes.
 */
export function withValueAt(
  type: MessageType,
  instance: { [key: string]: Json },
  path: readonly PathSegment[],
  value: Json | undefined,
): { [key: string]: Json } {
  const root = clone(instance);
  const schema = messageSchema(type);
  let container: Json = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as PathSegment;
    const holder = container as Record<string | number, Json>;
    if (holder[seg] === undefined || holder[seg] === null) {
      const childNode = nodeAt(schema, path.slice(0, i + 1));
      const fresh = childNode ? minimalValue(childNode) : {};
      // A list on the way needs at least the item the path goes through.
      if (Array.isArray(fresh) && typeof path[i + 1] === 'number' && fresh.length === 0) {
        const itemNode = nodeAt(schema, path.slice(0, i + 2));
        fresh.push(itemNode ? minimalValue(itemNode) : {});
      }
      holder[seg] = fresh;
    }
    container = holder[seg] as Json;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('withValueAt needs a non-empty path');
  const holder = container as Record<string | number, Json>;
  if (value === undefined) {
    if (Array.isArray(holder) && typeof last === 'number') holder.splice(last, 1);
    else delete holder[last];
  } else {
    holder[last] = value;
  }
  return root;
}

/** The value a constraint's field takes at the limit (`over: false`) or just past it (`over: true`). */
export function boundaryValue(c: Constraint, over: boolean, filler?: string): Json {
  const node = nodeAt(messageSchema(c.message), c.path);
  if (!node) throw new Error(`no schema node at ${c.path.join('.')}`);
  const limit = c.limit as number;
  switch (c.keyword) {
    case 'maxLength':
      return stringOfLength(node, over ? limit + 1 : limit, filler);
    case 'minLength':
      return stringOfLength(node, over ? limit - 1 : limit, filler);
    case 'maxItems':
    case 'minItems': {
      const count = c.keyword === 'maxItems' ? (over ? limit + 1 : limit) : over ? limit - 1 : limit;
      const item = node.items ? minimalValue(node.items) : null;
      return Array.from({ length: count }, () => clone(item));
    }
    case 'maximum':
      return over ? limit + 1 : limit;
    case 'minimum':
      return over ? limit - 1 : limit;
    default:
      throw new Error(`${c.keyword} has no boundary value`);
  }
}

/** A message that holds `boundaryValue(c, over)` at the constraint's place and is otherwise minimal. */
export function boundaryMessage(c: Constraint, over: boolean, filler?: string): { [key: string]: Json } {
  return withValueAt(
    c.message,
    minimalMessage(c.message),
    concretePath(c.path),
    boundaryValue(c, over, filler),
  );
}
