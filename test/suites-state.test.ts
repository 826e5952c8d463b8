// No mutable module-level state in src/suites/: what a run counts or shares (ids drawn, requests
// several cases judge) lives in the run's context, so two runs in one process (tests, a library
// user, cases running side by side) never share it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function found(pattern: RegExp): string[] {
  return files(join(root, 'src', 'suites')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => `${relative(root, file)}: ${m[0].trim()}`),
  );
}

describe('src/suites/', () => {
  it('declares no module-level `let` or `var` (run state goes in the run context)', () => {
    expect(found(/^(?:export )?(?:let|var) [A-Za-z_$][\w$]*/gm)).toEqual([]);
  });

  it('keeps no module-level Map, WeakMap or empty Set (a memo keyed by run is run state too)', () => {
    // A Set made from a constant list is a lookup table, not state.
    expect(
      found(/^(?:export )?const [A-Za-z_$][\w$]*(?:: [^=]+)? = new (?:(?:Weak)?Map\b|WeakSet\b|Set\(\))/gm),
    ).toEqual([]);
  });
});
