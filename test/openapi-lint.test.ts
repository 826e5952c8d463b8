// openapi.json passes Redocly's and Spectral's recommended rule sets (redocly.yaml, .spectral.yaml)
// with 0 errors, and the rules that still warn are exactly those docs/openapi.md explains: a new
// warning, or an explained one that is gone, fails here. Both CLIs run offline from node_modules.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const OPENAPI = join(ROOT, 'openapi.json');
const TIMEOUT = 120_000;

type Tool = 'Redocly' | 'Spectral';
type Problem = { rule: string; error: boolean; where: string; message: string };

/** Runs a CLI of node_modules/.bin; a non-zero exit (findings) is a result, not a failure. */
function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    // No usage data, no update or deprecation notices: the lint must not touch the network.
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_COLOR: '1',
  };
  return new Promise((resolve, reject) => {
    execFile(
      join(ROOT, 'node_modules', '.bin', bin),
      args,
      { cwd: ROOT, env, timeout: TIMEOUT, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`${bin} did not run: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function parsed(tool: Tool, stdout: string, stderr: string): unknown {
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    throw new Error(`${tool} printed no JSON report:\n${stdout}\n${stderr}`);
  }
}

type RedoclyReport = {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
};

async function redocly(file: string): Promise<{ problems: Problem[]; ignored: number }> {
  const { stdout, stderr } = await run('redocly', [
    'lint',
    file,
    '--config',
    join(ROOT, 'redocly.yaml'),
    '--format=json',
    '--max-problems=1000',
  ]);
  const report = parsed('Redocly', stdout, stderr) as RedoclyReport;
  const problems = report.problems.map((p) => ({
    rule: p.ruleId,
    error: p.severity === 'error',
    where: p.location[0]?.pointer ?? '',
    message: p.message,
  }));
  expect(problems.filter((p) => p.error).length).toBe(report.totals.errors);
  return { problems, ignored: report.totals.ignored };
}

type SpectralReport = { code: string; severity: number; message: string; path: (string | number)[] }[];

async function spectral(file: string): Promise<{ problems: Problem[] }> {
  const { stdout, stderr } = await run('spectral', [
    'lint',
    file,
    '--ruleset',
    join(ROOT, '.spectral.yaml'),
    '--format',
    'json',
  ]);
  const report = parsed('Spectral', stdout, stderr) as SpectralReport;
  // Spectral's severities: 0 error, 1 warning, 2 info, 3 hint.
  const problems = report.map((p) => ({
    rule: p.code,
    error: p.severity === 0,
    where: p.path.join('/'),
    message: p.message,
  }));
  return { problems };
}

/** The rules of docs/openapi.md's "Warnings that stay" table, by tool. */
function explained(): Record<Tool, string[]> {
  const markdown = readFileSync(join(ROOT, 'docs', 'openapi.md'), 'utf8');
  const section = markdown.split(/^## Warnings that stay$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) throw new Error('docs/openapi.md has no "## Warnings that stay" section');
  const out: Record<Tool, string[]> = { Redocly: [], Spectral: [] };
  for (const m of section.matchAll(/^\| (Redocly|Spectral) \| `([^`]+)` \|/gm))
    out[m[1] as Tool].push(m[2] as string);
  return out;
}

const errors = (problems: Problem[]) =>
  problems.filter((p) => p.error).map((p) => `${p.rule} at ${p.where}: ${p.message}`);
const warningRules = (problems: Problem[]) =>
  [...new Set(problems.filter((p) => !p.error).map((p) => p.rule))].sort();

describe('openapi.json lints clean', () => {
  it(
    'Redocly (recommended): 0 errors, nothing ignored, and only the warnings docs/openapi.md explains',
    async () => {
      const { problems, ignored } = await redocly(OPENAPI);
      expect(errors(problems)).toEqual([]);
      expect(ignored).toBe(0);
      expect(warningRules(problems)).toEqual([...explained().Redocly].sort());
    },
    TIMEOUT,
  );

  it(
    'Spectral (spectral:oas recommended): 0 errors, and only the warnings docs/openapi.md explains',
    async () => {
      const { problems } = await spectral(OPENAPI);
      expect(errors(problems)).toEqual([]);
      expect(warningRules(problems)).toEqual([...explained().Spectral].sort());
    },
    TIMEOUT,
  );
});

// Guards the two above against a config that turns the rules off or a report this file misreads.
describe('the lint is not a yes-man', () => {
  let dir = '';
  let broken = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    broken = join(dir, 'openapi.json');
    const doc = JSON.parse(readFileSync(OPENAPI, 'utf8')) as { paths: Record<string, unknown> };
    // The send operation under a second path: its operationId is no longer unique.
    const [path, item] = Object.entries(doc.paths)[0] ?? [];
    if (path === undefined) throw new Error('openapi.json has no path');
    doc.paths[`${path}Copy`] = item;
    await writeFile(broken, JSON.stringify(doc, null, 2));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'both report a duplicate operationId as an error',
    async () => {
      const [fromRedocly, fromSpectral] = await Promise.all([redocly(broken), spectral(broken)]);
      expect(fromRedocly.problems.filter((p) => p.error).map((p) => p.rule)).toContain(
        'operation-operationId-unique',
      );
      expect(fromSpectral.problems.filter((p) => p.error).map((p) => p.rule)).toContain(
        'operation-operationId-unique',
      );
    },
    TIMEOUT,
  );
});
