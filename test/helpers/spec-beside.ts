// The spec folder beside the repository (`../shared/spec/`): there in the workplace, absent in a
// user's clone. Tests that cross-check the repository against it run where it is, and otherwise say
// once, in the test output, that they were not run and why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_FOLDER = join(import.meta.dirname, '..', '..', '..', 'shared', 'spec');

const told = new Set<string>();

/** A file of the spec folder, or undefined (said once per file) when the folder is not beside the repository. */
export function specFile(name: string, check: string): string | undefined {
  const file = join(SPEC_FOLDER, name);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (!told.has(name)) {
    told.add(name);
    console.warn(
      `not run: ${check}: the spec folder is not beside the repository (${SPEC_FOLDER}/${name}); a clone of the repository alone has its copies in docs/ and test/fixtures/`,
    );
  }
  return undefined;
}
