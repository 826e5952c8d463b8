// A profile that breaks its schema, in one line a person can act on: the field's path as it is
// written (`platform.templates[0].variables`), and the shape the field wants in words (the
// schema's x-shape, as the message schemas give it for src/validate/explain.ts), against what was
// given. A value is quoted only where a pattern refused it (a URL, a number): never a password.
import type { ErrorObject } from 'ajv';
import { describeType } from '../validate/explain.js';
import profileSchema from './profile.schema.json' with { type: 'json' };

interface ProfileNode {
  type?: string | string[];
  'x-shape'?: string;
  properties?: Record<string, ProfileNode>;
  items?: ProfileNode;
  minimum?: number;
  [keyword: string]: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** `/platform/templates/0/id` → `platform.templates[0].id`. */
function pathOf(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((out, s) => (/^[0-9]+$/.test(s) ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
}

/** The value a pointer names in the profile as given. */
function valueAt(raw: unknown, pointer: string): unknown {
  let value = raw;
  for (const s of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[s.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

/** The schema node an error's schemaPath (`#/properties/platform/type`) is a keyword of. */
function nodeOf(schemaPath: string): ProfileNode {
  let node: unknown = profileSchema;
  for (const s of schemaPath.split('/').slice(1, -1))
    node = (node as Record<string, unknown> | undefined)?.[s];
  return (node ?? {}) as ProfileNode;
}

/** What a field must be, in words: its x-shape, else its type (with its least value), and "or null" where null will do. */
function shapeOf(node: ProfileNode): string {
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const nullable = types.includes('null') && types.length > 1;
  const least = node.minimum === undefined ? '' : ` ≥ ${node.minimum}`;
  const shape =
    node['x-shape'] ??
    types
      .filter((t) => t !== 'null')
      .map((t) => TYPE_WORDS[t] ?? t)
      .join(' or ') + least;
  return nullable ? `${shape} or null` : shape;
}

/** `value` shown in a message, cut short. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** One line for the first of ajv's errors on `raw` (a oneOf's, when its branches all failed). */
export function describeProfileError(first: ErrorObject, all: readonly ErrorObject[], raw: unknown): string {
  // A oneOf or anyOf fails in each branch first: say what the field may be, not one branch's miss.
  const e = all.find((x) => x.keyword === 'oneOf' || x.keyword === 'anyOf') ?? first;
  const where = e.instancePath ? pathOf(e.instancePath) : 'the profile';
  const node = nodeOf(e.schemaPath);
  const given = valueAt(raw, e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `${where} must be ${shapeOf(node)}, not ${describeType(given)}`;
    case 'oneOf':
      return `${where} must be ${shapeOf(node)}`;
    case 'required': {
      const missing = String(params.missingProperty);
      const wanted = node.properties?.[missing];
      return `${where} needs ${missing}${wanted ? ` (${shapeOf(wanted)})` : ''}`;
    }
    case 'additionalProperties':
      return `${where} has an unknown field ${String(params.additionalProperty)}; it may hold ${Object.keys(node.properties ?? {}).join(', ')}`;
    case 'anyOf':
      return `${where} needs password or passwordEnv`;
    case 'pattern':
      return `${where} must be ${shapeOf(node)}, not ${quoted(given)}`;
    case 'minItems':
      return `${where} must not be empty: it must be ${shapeOf(node)}`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'minimum':
    case 'maximum':
      return `${where} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}, not ${quoted(given)}`;
    case 'const':
      return `${where} must be ${quoted(params.allowedValue)}`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}
