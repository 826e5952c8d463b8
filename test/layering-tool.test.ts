// The layering check (`npm run depcheck`: dependency-cruiser with .dependency-cruiser.cjs) can fail:
// in a temporary tree shaped like the repository, each planted import is reported under the rule
// meant to catch it, and nothing else is; a tree whose imports all go down reports nothing. And the
// graph of the real tree in docs/architecture.md is the one `npm run architecture` draws today.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCHITECTURE_DOC, renderArchitectureGraph, withGraph } from '../scripts/render-architecture.js';

const root = join(import.meta.dirname, '..');
const config = join(root, '.dependency-cruiser.cjs');
const installed = join(root, 'node_modules', 'dependency-cruiser');
const { bin } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const depcruise = join(installed, bin.depcruise ?? 'missing: the depcruise command');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A temporary tree with these files (path → text) and the repository's tsconfig.json. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layering-'));
  dirs.push(dir);
  copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Cruise {
  code: number;
  stdout: string;
}

/** Runs dependency-cruiser's command line in `dir` with the project's configuration. */
async function run(dir: string, args: string[]): Promise<Cruise> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [depcruise, ...args, '--config', config], {
      cwd: dir,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Every violation as `rule: from → to`, sorted. */
async function violations(dir: string): Promise<string[]> {
  const { stdout } = await run(dir, ['src', 'test', '--output-type', 'json']);
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

/** Every layer, each importing the one below it (and mock, cli, vitest where they may be). */
const CLEAN: Record<string, string> = {
  'src/version.ts': "export const VERSION = '0';\n",
  'src/core/terms.ts': "import { VERSION } from '../version.js';\nexport const TERM = VERSION;\n",
  'src/schema/s.ts': "import { TERM } from '../core/terms.js';\nexport const S = TERM;\n",
  'generated/types.ts': 'export interface Message { a: string }\n',
  'src/validate/v.ts':
    "import type { Message } from '../../generated/types.js';\nimport { S } from '../schema/s.js';\nexport const V: Message = { a: S };\n",
  'src/rules/r.ts': "import { V } from '../validate/v.js';\nexport const R = V;\n",
  'src/cases/c.ts': "import { R } from '../rules/r.js';\nexport const C = R;\n",
  'src/suites/platform/p.ts': "import { C } from '../../cases/c.js';\nexport const P = C;\n",
  'src/engine/e.ts': "import { P } from '../suites/platform/p.js';\nexport const E = P;\n",
  'src/report/types.ts': "import { E } from '../engine/e.js';\nexport const T = E;\n",
  'src/report/render/html.ts': "import { T } from '../types.js';\nexport const H = T;\n",
  'src/mock/platform/server.ts':
    "import { TERM } from '../../core/terms.js';\nimport { V } from '../../validate/v.js';\nexport const M = [TERM, V];\n",
  'src/cli/main.ts':
    "import { M } from '../mock/platform/server.js';\nimport { H } from '../report/render/html.js';\nexport const CLI = [M, H];\n",
  'src/vitest/index.ts':
    "import { expect } from 'vitest';\nimport { M } from '../mock/platform/server.js';\nexport const X = [expect, M];\n",
  'src/index.ts': "export { M } from './mock/platform/server.js';\nexport { C } from './cases/c.js';\n",
  // Tests are outside the rules: they may import anything.
  'test/any.test.ts':
    "import { CLI } from '../src/cli/main.js';\nimport { M } from '../src/mock/platform/server.js';\nimport 'vitest';\nexport const Y = [CLI, M];\n",
};

/** Each planted import, with the rule that must report it. */
const PLANTED: Record<string, { text: string; reported: string[] }> = {
  'src/core/a.ts': {
    text: "import { B } from '../cli/b.js';\nexport const A = B;\n",
    reported: ['cli-only-from-cli: src/core/a.ts → src/cli/b.ts'],
  },
  'src/cli/b.ts': { text: 'export const B = 1;\n', reported: [] },
  'src/engine/x.ts': {
    text: "import { Y } from '../mock/y.js';\nexport const X = Y;\n",
    reported: ['mock-only-from-front-ends: src/engine/x.ts → src/mock/y.ts'],
  },
  'src/mock/y.ts': {
    text: "import { C } from '../cases/c.js';\nexport const Y = C;\n",
    reported: ['mock-imports-only-core-and-foundation: src/mock/y.ts → src/cases/c.ts'],
  },
  'src/suites/s.ts': {
    text: "import { X } from '../engine/x.js';\nexport const S = X;\n",
    reported: ['suites-imports-no-layer-above: src/suites/s.ts → src/engine/x.ts'],
  },
  // A type-only import counts.
  'src/schema/f.ts': {
    text: "import type { Rule } from '../rules/r.js';\nexport const F: Rule[] = [];\n",
    reported: ['foundation-imports-no-layer-above: src/schema/f.ts → src/rules/r.ts'],
  },
  'src/rules/r.ts': { text: 'export interface Rule { clause: string }\n', reported: [] },
  // src/report/*.ts is the engine's, src/report/render/ the outputs'.
  'src/report/summary.ts': {
    text: "import { O } from './render/o.js';\nexport const T = O;\n",
    reported: ['engine-imports-no-layer-above: src/report/summary.ts → src/report/render/o.ts'],
  },
  'src/report/render/o.ts': {
    text: "import type { Spec } from 'pactum';\nimport { P } from '../../proxy/p.js';\nexport const O: Spec | typeof P = P;\n",
    reported: [
      'no-pactum-in-src: src/report/render/o.ts → pactum',
      'outputs-imports-no-layer-above: src/report/render/o.ts → src/proxy/p.ts',
    ],
  },
  'src/proxy/p.ts': { text: 'export const P = 1;\n', reported: [] },
  'src/cases/c.ts': {
    text: "import { expect } from 'vitest';\nexport const C = expect;\n",
    reported: ['vitest-only-in-src-vitest: src/cases/c.ts → vitest'],
  },
  // A cycle: reported once, at the import it starts from.
  'src/client/p.ts': {
    text: "import { Q } from './q.js';\nexport const P = () => Q;\n",
    reported: ['no-circular: src/client/p.ts → src/client/q.ts'],
  },
  'src/client/q.ts': {
    text: "import { P } from './p.js';\nexport const Q = () => P;\n",
    reported: [],
  },
  // Tests are outside the rules.
  'test/any.test.ts': {
    text: "import { B } from '../src/cli/b.js';\nimport { Y } from '../src/mock/y.js';\nexport const T = [B, Y];\n",
    reported: [],
  },
};

const PLANTED_FILES = Object.fromEntries(Object.entries(PLANTED).map(([path, p]) => [path, p.text]));

describe('the layering check (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('reports each planted import under the rule meant to catch it, and nothing else', async () => {
    const dir = tree(PLANTED_FILES);
    const expected = Object.values(PLANTED)
      .flatMap((p) => p.reported)
      .sort();
    expect(await violations(dir)).toEqual(expected);
  });

  it('fails `npm run depcheck` (depcruise src --config ...) on such a tree', async () => {
    const dir = tree(PLANTED_FILES);
    const { code, stdout } = await run(dir, ['src']);
    expect(code).not.toBe(0);
    expect(stdout).toContain('error cli-only-from-cli: src/core/a.ts → src/cli/b.ts');
  });

  it('reports nothing on a tree whose imports all go down a layer (mock and cli where allowed)', async () => {
    const dir = tree(CLEAN);
    expect(await violations(dir)).toEqual([]);
    const { code, stdout } = await run(dir, ['src']);
    expect(stdout).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});

describe('docs/architecture.md', () => {
  it('holds the graph of the current tree: if not, run `npm run architecture` and commit the result', async () => {
    const committed = readFileSync(ARCHITECTURE_DOC, 'utf8');
    const fresh = withGraph(committed, await renderArchitectureGraph());
    expect(committed, 'docs/architecture.md is stale: run `npm run architecture`').toBe(fresh);
  });

  it('determinism only: drawing the graph twice gives the same text (freshness is the test above)', async () => {
    expect(await renderArchitectureGraph()).toBe(await renderArchitectureGraph());
  });
});
