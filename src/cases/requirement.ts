// The requirement a case checks, as data: its own `requirement`, or the words of the clause it
// cites. --list, every report and a failure's explanation show the same text.
import { clause } from '../spec/clauses.js';
import type { CaseMeta } from './types.js';

export function requirementOf(c: Pick<CaseMeta, 'clause' | 'requirement'>): string {
  if (c.requirement) return c.requirement;
  const cl = clause(c.clause);
  return cl ? `${cl.id}: ${cl.text}` : c.clause;
}
