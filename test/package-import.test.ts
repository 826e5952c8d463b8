// What a user does with the published package: pack the built dist/, install the tarball into a
// fresh project outside the repo, type-check consumers under each module resolution, run them.
// `npm test` builds before vitest runs, so dist/ is current here.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/consumer', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The repo's own `npm test` leaves its lifecycle variables in the environment; the child npm
// must see only the consumer project.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !key.startsWith('npm_package_') &&
      !key.startsWith('npm_lifecycle_') &&
      key !== 'npm_config_local_prefix',
  ),
);

function run(file: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      { cwd, env: childEnv, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Runs and fails with everything it printed, so a broken consumer shows tsc's or node's words. */
async function ok(file: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(file, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

let temp = '';
let project = '';
let packed: string[] = [];
const tscRuns = new Map<string, Promise<string>>();

/** tsc on one of the consumer's configs, once (the nodenext one also emits what the run tests execute). */
function typeCheck(config: 'node16' | 'nodenext' | 'bundler'): Promise<string> {
  let pending = tscRuns.get(config);
  if (!pending) {
    pending = ok(process.execPath, [TSC, '-p', `tsconfig.${config}.json`, '--pretty', 'false'], project);
    tscRuns.set(config, pending);
  }
  return pending;
}

/** Runs a consumer script with node and parses the one JSON line it prints. */
async function consume(script: string): Promise<Record<string, unknown>> {
  if (script.startsWith('out/')) await typeCheck('nodenext');
  const stdout = await ok(process.execPath, [script], project);
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist', 'src', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before this test (npm test does)');
  }
  temp = await mkdtemp(join(tmpdir(), 'iot-sms-consumer-'));
  // --ignore-scripts: `prepack` would rebuild dist/, which npm test has just built.
  const pack = await ok(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], REPO);
  const [info] = JSON.parse(pack) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package: ${pack}`);
  packed = info.files.map((f) => f.path);
  const tarball = join(temp, info.filename);

  project = join(temp, 'consumer');
  await cp(FIXTURE, project, { recursive: true });
  const install = ['install', '--no-audit', '--no-fund', tarball];
  const offline = await run(NPM, [...install, '--offline'], project);
  if (offline.code !== 0) {
    // The npm cache lacks a runtime dependency (ajv, ajv-formats, fast-check, undici): fetch it.
    // CI can reach the registry; a machine without network and without a warm cache cannot.
    console.warn(`npm install --offline failed, retrying with --prefer-offline:\n${offline.stderr}`);
    await ok(NPM, [...install, '--prefer-offline'], project);
  }
  // tsc runs from the repo; the consumer borrows the repo's Node types rather than downloading them.
  await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
  await symlink(
    join(REPO, 'node_modules', '@types', 'node'),
    join(project, 'node_modules', '@types', 'node'),
    'dir',
  );
  // The optional peers, as a team that uses the vitest and pactum entry points has them.
  for (const peer of ['vitest', 'pactum'])
    await symlink(join(REPO, 'node_modules', peer), join(project, 'node_modules', peer), 'dir');
}, 120_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the built code, its types and the raw schemas, and nothing of the sources or tests', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'LICENSE',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/generated/types.d.ts',
        'dist/schemas/MtSmsMessage.json',
        'schemas/MtSmsMessage.json',
        'openapi.json',
      ]),
    );
    expect(packed.filter((p) => /^(src|test|bench|scripts|generated)\//.test(p))).toEqual([]);
  });
});

describe('a consumer project that installed the tarball', () => {
  it('installed it without running a build: the package runs no script on install (it builds on pack)', async () => {
    const installed = JSON.parse(
      await readFile(join(project, 'node_modules', 'iot-sms-conformance', 'package.json'), 'utf8'),
    ) as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(installed.scripts?.[hook], hook).toBeUndefined();
    expect(installed.scripts?.prepack).toBe('npm run build');
  });

  // node16 predates import attributes (TS2823), so esm-json.ts is left to nodenext and bundler.
  it.each(['node16', 'nodenext', 'bundler'] as const)(
    'type-checks strictly under moduleResolution %s, skipLibCheck off',
    async (config) => {
      expect(await typeCheck(config)).toBe('');
    },
  );

  it('runs as ESM: valid request true, a §5.4 violation, result codes 100002 and 100003', async () => {
    const out = await consume('out/esm.js');
    expect(out).toMatchObject({
      valid: true,
      firstTemplate: 'sms1011',
      missingValid: false,
      missingCode: '100002',
      tooManyCode: '100003',
      schemaId: 'https://iot-sms-conformance.dev/schemas/MtSmsMessage.json',
      schemaRequired: ['mobiles', 'templateId', 'signature'],
    });
    expect(out.missingMessages).toEqual([expect.stringContaining('§5.4 MtSmsMessage.signature')]);
    expect(out.tooManyMessages).toEqual([expect.stringContaining('§5.4 MtSmsMessage.mobiles')]);
  });

  it('loads a raw schema as a JSON module (import … with { type: "json" })', async () => {
    expect(await consume('out/esm-json.js')).toEqual({
      schemaId: 'https://iot-sms-conformance.dev/schemas/MtSmsMessage.json',
      required: ['mobiles', 'templateId', 'signature'],
      mobilesMax: 100,
    });
  });

  it('runs as CommonJS: require() of the ESM-only package (Node >= 20.19), a schema and openapi.json', async () => {
    const out = await consume('cjs.cjs');
    expect(out).toMatchObject({
      valid: true,
      missingCode: '100002',
      schemaId: 'https://iot-sms-conformance.dev/schemas/MtSmsMessage.json',
      openapi: '3.1.0',
    });
    expect(out.missingMessages).toEqual([expect.stringContaining('§5.4 MtSmsMessage.signature')]);
  });

  it('runs the typed CommonJS consumer (.cts under module nodenext) as emitted', async () => {
    const out = await consume('out/cts.cjs');
    expect(out).toMatchObject({ valid: true, emptyCode: '100002' });
    expect(out.emptyMessages).toEqual([expect.stringContaining('§2 SendTemplateMessageRequest.password')]);
  });
});

interface VitestJson {
  testResults: {
    name: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

describe('the engine in a consumer project', () => {
  it('import { runConformance } from the root runs the embedded default in-process, one event per case as it finishes', async () => {
    const out = await consume('engine.mjs');
    expect(out).toMatchObject({
      failedMust: 0,
      mustFailures: 0,
      passed: true,
      embedded: true,
      sameIds: true,
      sides: ['customer', 'platform'],
    });
    expect(out.cases).toBeGreaterThan(200);
    expect(out.started).toBe(out.cases);
    expect(out.finished).toBe(out.cases);
    expect(out.distinct).toBe(out.cases);
  }, 120_000);
});

describe('the front ends in a consumer project', () => {
  it('importing the package root or running the CLI never loads vitest or pactum', async () => {
    const hook = ['--import', './no-peers.mjs'];
    expect(JSON.parse(await ok(process.execPath, [...hook, 'root-only.mjs'], project))).toMatchObject({
      exports: expect.any(Number),
    });
    const cli = join(project, 'node_modules', 'iot-sms-conformance', 'dist', 'src', 'cli', 'main.js');
    expect(await ok(process.execPath, [...hook, cli, '--help'], project)).toContain('Usage');
    // The hook bites: the vitest entry point does load vitest.
    const entry = await run(process.execPath, [...hook, 'vitest-entry.mjs'], project);
    expect(entry.code).not.toBe(0);
    expect(entry.stderr).toContain('loaded optional peer vitest');
  });

  it('runs vitest on the suite function (mocks pass, a mutant fails its case) and a pactum spec', async () => {
    const json = join(temp, 'vitest.json');
    const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await run(
      process.execPath,
      [vitest, 'run', '--config', 'vitest/vitest.config.mjs', '--reporter=json', `--outputFile=${json}`],
      project,
    );
    const report = JSON.parse(await readFile(json, 'utf8')) as VitestJson;
    const byFile = (name: string) =>
      report.testResults.find((f) => f.name.endsWith(name))?.assertionResults ?? [];
    const failed = (name: string) => byFile(name).filter((t) => t.status === 'failed');
    expect(result.code, result.stderr).toBe(1);
    expect(byFile('embedded.spec.ts').length).toBeGreaterThan(10);
    expect(failed('embedded.spec.ts')).toEqual([]);
    expect(failed('mutant.spec.ts').map((t) => t.title)).toEqual([
      expect.stringMatching(/^MUST platform\.auth\.wrong-password: /),
    ]);
    expect(byFile('pactum.spec.ts').map((t) => t.status)).toEqual(['passed', 'passed']);
  }, 300_000);
});
