// Turns ajv's errors into Violations: plain English, the path as people read it, the limit, the
// clause of the field (looked up in the schema by path), MUST or SHOULD, and the kind that decides
// the §5.1 result code.
import type { ErrorObject } from 'ajv';
import { codePointLength } from '../schema/length.js';
import type { MessageType } from '../schema/message-types.js';
import {
  clauseAt,
  formatPath,
  nodeAt,
  type PathSegment,
  parsePointer,
  toPointer,
} from '../schema/navigate.js';
import { messageSchema } from '../schema/registry.js';
import type { Violation, ViolationKind } from './violation.js';

/** What the field at `segments` must look like, in words, where its SHOULD reading says (x-shape). */
function shapeAt(type: MessageType, segments: PathSegment[]): string | undefined {
  const shape = nodeAt(messageSchema(type), segments)?.['x-should']?.['x-shape'];
  return typeof shape === 'string' ? shape : undefined;
}

/** A value's JSON type in words ("a string", "a list", "null"): also what profile errors say was given. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function isRequiredField(type: MessageType, path: PathSegment[]): boolean {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return false;
  const parent = nodeAt(messageSchema(type), path.slice(0, -1));
  return parent?.required?.includes(last) ?? false;
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? codePointLength(value) : Array.isArray(value) ? value.length : 0;
}

function explainOne(type: MessageType, e: ErrorObject): Violation | undefined {
  let segments = parsePointer(e.instancePath);
  let kind: ViolationKind;
  let limit: number | string | undefined;
  let what: string;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      segments = [...segments, String(params.missingProperty)];
      kind = 'missing';
      what = 'is missing; it is required';
      break;
    }
    case 'type': {
      const required = isRequiredField(type, segments);
      kind = e.data === null && required ? 'empty' : 'type';
      limit = String(params.type);
      what =
        kind === 'empty'
          ? 'is null; a required field must not be empty'
          : `is ${describeType(e.data)}; it must be ${String(params.type).replace(',', ' or ')}`;
      break;
    }
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems': {
      limit = Number(params.limit);
      const length = lengthOf(e.data);
      const unit = e.keyword.endsWith('Length') ? 'characters' : 'items';
      const isMax = e.keyword.startsWith('max');
      if (!isMax && length === 0 && isRequiredField(type, segments)) {
        kind = 'empty';
        what = 'is empty; a required field must not be empty';
      } else {
        kind = isMax
          ? unit === 'items'
            ? 'too-many'
            : 'too-long'
          : unit === 'items'
            ? 'too-few'
            : 'too-short';
        what = `has ${length} ${unit}; ${isMax ? 'at most' : 'at least'} ${limit} allowed`;
      }
      break;
    }
    case 'maximum':
    case 'minimum':
      limit = Number(params.limit);
      kind = e.keyword === 'maximum' ? 'too-large' : 'too-small';
      what = `is ${JSON.stringify(e.data)}; ${e.keyword === 'maximum' ? 'at most' : 'at least'} ${limit} allowed`;
      break;
    case 'pattern':
    case 'format':
      // What the field must look like, in words (the schema's x-shape), not the regular expression.
      limit = String(e.keyword === 'pattern' ? params.pattern : params.format);
      kind = 'format';
      what = `is ${JSON.stringify(e.data)}, not ${shapeAt(type, segments) ?? (e.keyword === 'pattern' ? `of the form ${limit}` : `a valid ${limit}`)}`;
      break;
    default:
      return undefined; // const/anyOf: the alternatives of a SHOULD rule, reported by its format error
  }
  const root = messageSchema(type);
  const node = nodeAt(root, segments);
  const clause = clauseAt(root, segments);
  const level = e.keyword === 'pattern' || e.keyword === 'format' ? 'SHOULD' : 'MUST';
  const decision = level === 'SHOULD' ? node?.['x-should']?.['x-decision'] : node?.['x-decision'];
  const path = formatPath(segments);
  const pointer = toPointer(segments);
  const cite = decision ? `${clause}, decision ${decision}` : clause;
  return {
    path,
    pointer,
    kind,
    keyword: e.keyword,
    ...(limit !== undefined ? { limit } : {}),
    clause,
    level,
    ...(decision ? { decision } : {}),
    message: `${path} ${what} (${level}, ${cite})`,
  };
}

export function explain(type: MessageType, errors: readonly ErrorObject[] | null | undefined): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const v = explainOne(type, e);
    if (!v || seen.has(v.message)) continue;
    seen.add(v.message);
    out.push(v);
  }
  return out;
}
