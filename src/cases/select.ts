// Choosing cases by id: `--only` takes comma-separated patterns, each a prefix (whole segments:
// an id, or the family before a dot) or a glob with `*`.
import type { CaseMeta } from './types.js';

function matcher(pattern: string): (id: string) => boolean {
  if (!pattern.includes('*'))
    // A prefix ends at a dot: `platform.limits` is that family, and a case's whole id (a rerun
    // line's --only) is that case and the cases under it, never `….valid-multibyte` for `….valid`.
    return (id) => id === pattern || id.startsWith(`${pattern}.`);
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
  const matchers = only
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(matcher);
  return cases.filter((c) => matchers.some((m) => m(c.id)));
}

/** Duplicate ids, which must never exist: ids are permanent names. */
export function duplicateIds(cases: readonly CaseMeta[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const c of cases) (seen.has(c.id) ? dups : seen).add(c.id);
  return [...dups];
}
