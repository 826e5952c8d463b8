// No mutable module-level state in suites/: what a run counts lives in the run's context, so two
// runs in one process (tests, a library user) never share it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * Process-wide counters that only make ids unique (never run state): moving them into the
 * contexts means changing every case that draws an id; until then they are named here.
 */
const KNOWN: readonly string[] = [
  'src/suites/customer/messages.ts: let uniqueCounter',
  'src/suites/platform/values.ts: let serial',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('suites/', () => {
  it('declares no module-level `let` or `var` (run state goes in the run context)', () => {
    const found = files(join(root, 'src', 'suites')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:export )?(let|var) ([A-Za-z_$][\w$]*)/gm)].map(
        (m) => `${relative(root, file)}: ${m[1]} ${m[2]}`,
      ),
    );
    expect(found.filter((f) => !KNOWN.includes(f))).toEqual([]);
  });
});
