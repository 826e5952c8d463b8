// The coverage keys a case lists in `covers`: a limit of a schema, a §5.1 result code, the limits
// and field clauses of a whole message. They name requirements of the spec, as the clause index
// does; the coverage matrix (src/report/coverage.ts) is made from them.
import { type Constraint, constraintsOf, limitsOf } from '../schema/constraints.js';
import type { MessageType } from '../schema/message-types.js';

/** The coverage key of a limit: what a case lists in `covers` when it tests that limit. */
export function limitKey(c: Pick<Constraint, 'message' | 'path' | 'keyword' | 'limit'>): string {
  return `limit:${c.message} ${c.path.join('.')} ${c.keyword} ${String(c.limit)}`;
}

/** The coverage key of a §5.1 result code. */
export function codeKey(code: string): string {
  return `code:${code}`;
}

/**
 * What a case that validates a whole message against its schema covers: every limit of the
 * schema and every field clause in it.
 */
export function schemaCoverKeys(message: MessageType): string[] {
  return [...limitsOf(message).map(limitKey), ...new Set(constraintsOf(message).map((c) => c.clause))];
}
