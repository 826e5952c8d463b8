// Choosing cases by id: `--only` takes comma-separated patterns, each a prefix or a glob with `*`.
import type { CaseMeta } from './types.js';

function matcher(pattern: string): (id: string) => boolean {
  if (!pattern.includes('*'))
    return (id) => id === pattern || id.startsWith(`${pattern}.`) || id.startsWith(pattern);
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (id) => re.test(id);
}

export function selectCases<C extends CaseMeta>(cases: readonly C[], only: string | undefined): C[] {
  if (!only) return [...cases];
  const ids = new Set(cases.map((c) => c.id));
  // A pattern that is a case's whole id names that case alone (a rerun line's --only), even when
  // another id starts with it (`….property.valid` and `….property.valid-multibyte`).
  const matchers = only
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (ids.has(p) ? (id: string) => id === p : matcher(p)));
  return cases.filter((c) => matchers.some((m) => m(c.id)));
}

/** Duplicate ids, which must never exist: ids are permanent names. */
export function duplicateIds(cases: readonly CaseMeta[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const c of cases) (seen.has(c.id) ? dups : seen).add(c.id);
  return [...dups];
}
