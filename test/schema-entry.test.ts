// `iot-sms-conformance/schema` is for applications without Node (a web console, an edge function):
// a consumer of it type-checks without Node's types and bundles for the browser, and the bundle
// judges requests with nothing of Node around it. The package root, which does need Node, fails
// both, so the test bites if the entry ever pulls it in. It works on the built dist/ (`npm test`
// builds first), copied into a project outside the repo as an install would lay it out, so the
// package's `exports` map resolves the entry; test/package-import.test.ts covers the packed tarball.
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build, type Message } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ran, root, runNode } from './helpers/cli.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'schema-entry');
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** The runtime dependencies the entry's code imports (the standalone validators' helpers). */
const ENTRY_DEPENDENCIES = ['ajv', 'ajv-formats'];

/** What of the kit the entry may reach: itself, core and foundation (`.dependency-cruiser.cjs`). */
const ALLOWED =
  /^(src\/(schema-entry[.](js|d[.]ts)$|core\/|version[.]|schema\/|validate\/)|generated\/|schemas\/)/;

let temp = '';
let project = '';
let kit = '';
const bundles = new Map<string, Promise<Bundled>>();

/** The kit's files among `paths` that are neither the entry nor core nor foundation. */
function beyondFoundation(paths: readonly string[]): string[] {
  const dist = join(kit, 'dist');
  return paths
    .map((p) => relative(dist, p))
    .filter((p) => !p.startsWith('..'))
    .filter((p) => !ALLOWED.test(p));
}

/** tsc on a consumer's config, listing the files of the program. */
function typeCheck(config: string): Promise<Ran> {
  return runNode([TSC, '-p', join(project, config), '--pretty', 'false', '--listFiles']);
}

interface Bundled {
  /** esbuild's errors, each as `file: text`. */
  errors: string[];
  text: string;
  inputs: string[];
}

/** A consumer bundled as for a browser, once: everything in it, nothing external. */
function bundle(file: string): Promise<Bundled> {
  let pending = bundles.get(file);
  if (!pending) {
    pending = bundleOnce(file);
    bundles.set(file, pending);
  }
  return pending;
}

async function bundleOnce(file: string): Promise<Bundled> {
  try {
    const result = await build({
      absWorkingDir: project,
      entryPoints: [file],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const text = result.outputFiles.map((f) => f.text).join('');
    return {
      errors: result.errors.map(said),
      text,
      inputs: Object.keys(result.metafile.inputs).map((p) => join(project, p)),
    };
  } catch (failure) {
    const { errors } = failure as { errors?: Message[] };
    if (!errors) throw failure;
    return { errors: errors.map(said), text: '', inputs: [] };
  }
}

const said = (m: Message): string => `${m.location?.file ?? '?'}: ${m.text}`;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'iot-sms-schema-entry-'));
  project = join(temp, 'consumer');
  await cp(FIXTURE, project, { recursive: true });
  // The kit as installed: its package.json and built code copied, not linked, so that nothing it
  // imports resolves to the repo's node_modules/@types/node (TypeScript's "types": [] stops only
  // the automatic inclusion; an `import 'node:http'` would still find them up the tree).
  kit = join(project, 'node_modules', 'iot-sms-conformance');
  for (const part of ['package.json', 'dist/src', 'dist/generated', 'dist/schemas'])
    await cp(join(root, part), join(kit, part), { recursive: true });
  // The entry's own dependencies, linked: the test checks that no @types file enters the program.
  // The kit's others (fast-check, undici, whose types reference Node's) are left out.
  for (const name of ENTRY_DEPENDENCIES)
    await symlink(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
}, 60_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('iot-sms-conformance/schema without Node', () => {
  it('type-checks without @types/node (types [], lib ES2022 + DOM, skipLibCheck off)', async () => {
    const { code, stdout, stderr } = await typeCheck('tsconfig.json');
    expect(stdout.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(code, stderr).toBe(0);
    const files = stdout.split('\n').filter((l) => l.endsWith('.ts'));
    expect(files).toContainEqual(expect.stringMatching(/dist\/src\/schema-entry[.]d[.]ts$/));
    // No declaration file of the entry's closure brings Node's types in by a reference of its own.
    expect(files.filter((f) => f.includes('/@types/'))).toEqual([]);
    expect(beyondFoundation(files)).toEqual([]);
  });

  it('bundles for the browser with no error and no node: import, from core and foundation alone', async () => {
    const { errors, text, inputs } = await bundle('consumer.ts');
    expect(errors).toEqual([]);
    expect(text).not.toMatch(/["']node:/);
    expect(inputs).toContainEqual(expect.stringMatching(/dist\/src\/schema-entry[.]js$/));
    expect(beyondFoundation(inputs)).toEqual([]);
  });

  it('judges requests in a bare context (no require, no process): valid, and §5.4 faults with 100002 and 100003', async () => {
    const { errors, text } = await bundle('consumer.ts');
    expect(errors).toEqual([]);
    const context: { verdicts?: string } = createContext({});
    expect(runInContext('[typeof require, typeof process, typeof Buffer].join()', context)).toBe(
      'undefined,undefined,undefined',
    );
    runInContext(text, context);
    expect(JSON.parse(context.verdicts ?? 'null')).toEqual({
      request: { valid: true, clauses: [], code: '0' },
      templateId: 'sms1011',
      unsigned: { valid: false, clauses: ['§5.4 MtSmsMessage.signature'], code: '100002' },
      crowded: { valid: false, clauses: ['§5.4 MtSmsMessage.mobiles'], code: '100003' },
    });
  });
});

describe('the package root, for contrast: the test bites', () => {
  it('does not type-check without @types/node', async () => {
    const { code, stdout } = await typeCheck('tsconfig.root.json');
    expect(code).not.toBe(0);
    expect(stdout).toMatch(/error TS\d+: .*(Buffer|'node:)/);
  });

  it('does not bundle for the browser: Node built-ins', async () => {
    const { errors } = await bundle('root-consumer.ts');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual(expect.stringMatching(/: Could not resolve "node:/));
  });
});
