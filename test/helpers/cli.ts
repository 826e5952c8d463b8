// The built CLI in a child process, as a user runs it (`npm run build` first; `npm test` does).
// The child inherits the environment, so NODE_V8_COVERAGE (`npm run coverage`) reaches it too.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const root = join(import.meta.dirname, '..', '..');
export const cli = join(root, 'dist', 'src', 'cli', 'main.js');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function settle(resolve: (r: Ran) => void) {
  return (err: Error | null, stdout: string, stderr: string) =>
    resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
}

export interface CliOptions {
  /** Node's own flags, before the CLI (e.g. `--import` of a test fixture). */
  nodeArgs?: string[];
  timeoutMs?: number;
}

export function runCli(
  args: string[],
  env: Record<string, string> = {},
  { nodeArgs = [], timeoutMs = 120_000 }: CliOptions = {},
): Promise<Ran> {
  return runNode([...nodeArgs, cli, ...args], env, timeoutMs);
}

/** Node on these arguments (a script and its own), from the repo, with `env` added. */
export function runNode(args: string[], env: Record<string, string> = {}, timeoutMs = 280_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      settle(resolve),
    );
  });
}

/** A command line as printed, run by the system shell (its quoting is part of what is tested). */
export function runShell(
  command: string,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      settle(resolve),
    );
  });
}

/** One line on stderr that says `text`, no stack trace, no secret. */
export function expectOneLine(stderr: string, text: string | RegExp, secret = 's3cret') {
  if (typeof text === 'string') expect(stderr).toContain(text);
  else expect(stderr).toMatch(text);
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain(secret);
}

/** The console's detail lines of one case: label → values (a label may repeat, e.g. curl). */
export function detailsOf(stdout: string, id: string): Map<string, string[]> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => caseLine(id).test(l));
  if (start < 0) throw new Error(`no line for ${id} in:\n${stdout}`);
  const details = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (!/^\s{6,}/.test(line)) break;
    const m = /^\s+(requirement|expected|actual|transport|property|counterexample|rerun|curl)\s+(.*)$/.exec(
      line,
    );
    if (m?.[1] && m[2] !== undefined) details.set(m[1], [...(details.get(m[1]) ?? []), m[2]]);
  }
  return details;
}

/** A case's line as it finishes: `[n/total] VERDICT LEVEL id …` (the progress count is optional). */
function caseLine(id: string, flags = ''): RegExp {
  return new RegExp(`^(?:\\[ *[0-9]+/[0-9]+\\] )?(\\S+)\\s+\\S+\\s+${id.replace(/\./g, '\\.')}\\s`, flags);
}

/** The verdict word the console printed for a case. */
export function verdictOf(stdout: string, id: string): string | undefined {
  return caseLine(id, 'm').exec(stdout)?.[1];
}
