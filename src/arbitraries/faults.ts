// Messages with exactly one fault, drawn from the schema's constraints: the fault is chosen first
// (which rule, where), then applied to a valid message, so each generated message breaks exactly
// the rule that was meant and carries the §5.1 code a conforming platform answers for it.
import fc from 'fast-check';
import { type Constraint, constraintsOf, type Level } from '../schema/constraints.js';
import { type Json, stringOfLength, withValueAt } from '../schema/instances.js';
import type { MessageType } from '../schema/message-types.js';
import { formatPath, nodeAt, type PathSegment } from '../schema/navigate.js';
import { messageSchema } from '../schema/registry.js';
import { resultCodeFor } from '../validate/result-code.js';
import type { ViolationKind } from '../validate/violation.js';

export interface Fault {
  constraint: Constraint;
  /** The concrete place the fault was put. */
  path: PathSegment[];
  kind: ViolationKind;
  level: Level;
  /** One line: what was done, e.g. `requestLists[0].mobiles[2] made 21 characters long (limit 20)`. */
  description: string;
  /** The §5.1 code a conforming platform answers (resultCodeFor of this one fault). */
  expectedCode: string;
}

export interface FaultyMessage {
  message: { [key: string]: Json };
  fault: Fault;
}

/** The constraints a fault can be made of: the ones a value can break on its own. */
export function faultableConstraints(type: MessageType, levels: readonly Level[] = ['MUST']): Constraint[] {
  return constraintsOf(type).filter((c) => {
    if (!levels.includes(c.level)) return false;
    if (c.keyword === 'minLength' || c.keyword === 'minItems') return c.required && c.limit === 1;
    return c.keyword !== 'format' || c.level === 'SHOULD';
  });
}

function wrongTypeValue(allowed: readonly string[]): Json {
  // For a string, an object: no default binder reads one as a string, whereas a number is read
  // as its digits by Jackson and Gson, which the spec does not forbid (D21).
  const candidates: [string, Json][] = [
    ['string', { not: 'a string' }],
    ['integer', 'not a number'],
    ['array', 'not a list'],
    ['object', ['not', 'an', 'object']],
  ];
  for (const [type, value] of candidates) if (allowed.includes(type)) return value;
  return true;
}

/** The faulty value for a constraint, and the kind of violation it makes. */
function faultValue(
  c: Constraint,
  path: PathSegment[],
  base: { [key: string]: Json },
): { value: Json | undefined; kind: ViolationKind; what: string } {
  const node = nodeAt(messageSchema(c.message), path) ?? {};
  const limit = c.limit;
  switch (c.keyword) {
    case 'required':
      return { value: undefined, kind: 'missing', what: 'removed (required)' };
    case 'minLength':
      return { value: '', kind: 'empty', what: 'made empty (required)' };
    case 'minItems':
      return { value: [], kind: 'empty', what: 'made an empty list (required)' };
    case 'maxLength':
      return {
        value: stringOfLength(node, (limit as number) + 1),
        kind: 'too-long',
        what: `made ${(limit as number) + 1} characters long (limit ${limit})`,
      };
    case 'maxItems': {
      const current = readAt(base, path);
      const items = Array.isArray(current) && current.length > 0 ? current : [];
      const count = (limit as number) + 1;
      const filled = Array.from({ length: count }, (_, i) =>
        structuredClone(items[i % Math.max(items.length, 1)] ?? null),
      );
      return { value: filled, kind: 'too-many', what: `given ${count} items (limit ${limit})` };
    }
    case 'maximum':
      return {
        value: (limit as number) + 1,
        kind: 'too-large',
        what: `set to ${(limit as number) + 1} (maximum ${limit})`,
      };
    case 'minimum':
      return {
        value: (limit as number) - 1,
        kind: 'too-small',
        what: `set to ${(limit as number) - 1} (minimum ${limit})`,
      };
    case 'type': {
      const value = wrongTypeValue(limit as string[]);
      return {
        value,
        kind: 'type',
        what: `given ${JSON.stringify(value)} (must be ${(limit as string[]).join(' or ')})`,
      };
    }
    case 'pattern':
      return { value: '1-360-ABC', kind: 'format', what: `given "1-360-ABC" (must match ${limit})` };
    case 'format':
      return { value: 'not a url', kind: 'format', what: 'given "not a url" (must be an absolute URL)' };
  }
}

function readAt(root: Json, path: readonly PathSegment[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[seg];
  }
  return cur;
}

/**
 * A concrete path for a schema path in this message: each `[]` becomes an index of an item that is
 * there (picked by `choice`), each `{}` an existing map key or a new one.
 */
function concretize(base: Json, path: readonly PathSegment[], choice: number): PathSegment[] {
  const out: PathSegment[] = [];
  let cur: Json | undefined = base;
  for (const seg of path) {
    if (seg === '[]') {
      const n: number = Array.isArray(cur) ? cur.length : 0;
      const index: number = n > 0 ? choice % n : 0;
      out.push(index);
      cur = Array.isArray(cur) ? cur[index] : undefined;
    } else if (seg === '{}') {
      const keys = cur && typeof cur === 'object' && !Array.isArray(cur) ? Object.keys(cur) : [];
      const key = keys.length > 0 ? (keys[choice % keys.length] as string) : 'v1';
      out.push(key);
      cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[key] : undefined;
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[seg as string] : undefined;
    }
  }
  return out;
}

/** Applies one fault to a valid message. */
export function applyFault(base: { [key: string]: Json }, c: Constraint, choice = 0): FaultyMessage {
  const path = concretize(base, c.path, choice);
  const { value, kind, what } = faultValue(c, path, base);
  const message = withValueAt(c.message, base, path, value);
  return {
    message,
    fault: {
      constraint: c,
      path,
      kind,
      level: c.level,
      description: `${formatPath(path)} ${what}`,
      expectedCode: resultCodeFor([{ kind }]),
    },
  };
}

/** Messages with exactly one fault: a constraint, a valid base from `valid`, a place in it. */
export function faultyMessageArbitrary(
  type: MessageType,
  valid: fc.Arbitrary<Json>,
  options: { levels?: readonly Level[]; constraints?: readonly Constraint[] } = {},
): fc.Arbitrary<FaultyMessage> {
  const pool = options.constraints ?? faultableConstraints(type, options.levels);
  return fc
    .tuple(fc.constantFrom(...pool), valid, fc.nat({ max: 1000 }))
    .map(([c, base, choice]) => applyFault(base as { [key: string]: Json }, c, choice));
}
