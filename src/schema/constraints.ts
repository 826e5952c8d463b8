// Every limit the schemas state, found by walking them: the boundary tests, the test vectors,
// the fault arbitraries and the conformance cases are all produced from this list, so a new or
// changed limit in schemas/ moves every case that depends on it.
import type { MessageType } from './message-types.js';
import { type PathSegment, resolve } from './navigate.js';
import { messageSchema, type SchemaNode } from './registry.js';

export type Level = 'MUST' | 'SHOULD';

export type ConstraintKeyword =
  | 'maxLength'
  | 'minLength'
  | 'maxItems'
  | 'minItems'
  | 'maximum'
  | 'minimum'
  | 'required'
  | 'type'
  | 'pattern'
  | 'format';

/** A JSON type as the schemas name it. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export interface Constraint {
  /** The message whose schema states it. */
  message: MessageType;
  /** Where in the message: property names, `[]` for any array item, `{}` for any map value. */
  path: PathSegment[];
  keyword: ConstraintKeyword;
  /** The number (length, count, bound), the pattern, or the allowed JSON types. */
  limit: number | string | JsonType[];
  /** The spec clause of the field (its `x-spec`). */
  clause: string;
  /** MUST: the spec's table says so. SHOULD: our reading of an ambiguity (an `x-should` keyword). */
  level: Level;
  /** Whether the field is required where it stands (its emptiness then answers 100002). */
  required: boolean;
  /** The decision in docs/spec-decisions.md the constraint implements, if any. */
  decision?: string;
}

const NUMERIC_KEYWORDS = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maximum', 'minimum'] as const;

function typesOf(node: SchemaNode): JsonType[] {
  if (node.type === undefined) return [];
  return (Array.isArray(node.type) ? node.type : [node.type]) as JsonType[];
}

function walk(
  message: MessageType,
  raw: SchemaNode,
  path: PathSegment[],
  required: boolean,
  clause: string,
  out: Constraint[],
): void {
  const node = resolve(raw);
  const here = node['x-spec'] && path.length > 0 ? node['x-spec'] : clause;
  const push = (
    keyword: ConstraintKeyword,
    limit: Constraint['limit'],
    level: Level,
    decision = node['x-decision'],
    at: { path: PathSegment[]; clause: string; required: boolean } = { path, clause: here, required },
  ) => out.push({ message, keyword, limit, level, ...at, ...(decision ? { decision } : {}) });

  if (path.length > 0) {
    const types = typesOf(node);
    if (types.length > 0) push('type', types, 'MUST');
  }
  for (const keyword of NUMERIC_KEYWORDS) {
    const limit = node[keyword];
    if (typeof limit === 'number') push(keyword, limit, 'MUST');
  }
  const should = node['x-should'];
  if (should?.pattern) push('pattern', should.pattern, 'SHOULD', should['x-decision']);
  if (should?.anyOf?.some((alt) => alt.format)) push('format', 'uri', 'SHOULD', should['x-decision']);

  for (const name of node.required ?? []) {
    const field = node.properties?.[name];
    const fieldClause = (field && resolve(field)['x-spec']) || here;
    push('required', name, 'MUST', undefined, { path: [...path, name], clause: fieldClause, required: true });
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    walk(message, child, [...path, name], node.required?.includes(name) ?? false, here, out);
  }
  if (node.items) walk(message, node.items, [...path, '[]'], false, here, out);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    walk(message, node.additionalProperties, [...path, '{}'], false, here, out);
  }
}

/** Every constraint of one message, nested messages included, in schema order. */
export function constraintsOf(message: MessageType): Constraint[] {
  const out: Constraint[] = [];
  const root = messageSchema(message);
  walk(message, root, [], true, root['x-spec'] ?? '', out);
  return out;
}

/** The length, count and range limits: what the boundary tests and cases exercise at and past. */
export function limitsOf(message: MessageType): Constraint[] {
  return constraintsOf(message).filter(
    (c) =>
      c.keyword === 'maxLength' ||
      c.keyword === 'maxItems' ||
      c.keyword === 'maximum' ||
      c.keyword === 'minimum',
  );
}
