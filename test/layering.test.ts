// What the suites may import: the spec (clauses, coverage keys), schemas, the client, the
// receiver; never the reports, which are made from the cases' results and not the other way.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('suites/', () => {
  it('import nothing from src/report/ (coverage keys live beside the clause index, src/spec/)', () => {
    const found = files(join(root, 'src', 'suites')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']*\/report\/[^']*)'/g)].map(
        (m) => `${relative(root, file)} imports ${m[1]}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('write every case with its side constructor (platformCase, customerCase), never a side: by hand', () => {
    const found = files(join(root, 'src', 'suites')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^.*\bside: '(platform|customer)'.*$/gm)].map(
        (m) => `${relative(root, file)}: ${m[0].trim()}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
