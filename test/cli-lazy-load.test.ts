// Each command loads only its own modules (src/cli/main.ts imports them on demand): the mocks, the
// proxy and validate start without fast-check or the conformance run behind `run` (and all but the
// proxy without the suites); none loads ajv's compiler (the validators are generated code).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from './helpers/cli.js';

const HOOK = join(root, 'test', 'fixtures', 'cli', 'log-loads.mjs');
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-loads-'));

/** The module URLs `args` loads, through `--help` (which loads the command's module, then exits). */
async function loadsOf(args: string[]): Promise<string[]> {
  const log = join(dir, `${args.join('-')}.log`);
  const r = await runCli([...args, '--help'], { LOG_LOADS: log }, { nodeArgs: ['--import', HOOK] });
  expect(r.code).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const FAST_CHECK = /\/node_modules\/fast-check\//;
const SUITES = /\/dist\/src\/suites\//;
const CONFORMANCE = /\/dist\/src\/cli\/conformance\.js$/;
/** ajv's compiler: the kit runs the validators generated from the schemas and never compiles one. */
const AJV_COMPILER = /\/node_modules\/ajv\/dist\/(2020|ajv|core)\.js$/;

describe('the CLI loads a command on demand', () => {
  it("run loads the conformance run, its suites and fast-check (what the other commands must not), not ajv's compiler", async () => {
    const urls = await loadsOf(['run']);
    for (const p of [FAST_CHECK, SUITES, CONFORMANCE])
      expect(
        urls.some((u) => p.test(u)),
        String(p),
      ).toBe(true);
    expect(urls.filter((u) => AJV_COMPILER.test(u))).toEqual([]);
  });

  // The proxy judges live traffic with the suites' checks (one engine): it loads those, not the rest.
  it.each([
    ['mock-platform', [FAST_CHECK, SUITES, CONFORMANCE, AJV_COMPILER]],
    ['mock-customer', [FAST_CHECK, SUITES, CONFORMANCE, AJV_COMPILER]],
    ['validate', [FAST_CHECK, SUITES, CONFORMANCE, AJV_COMPILER]],
    ['proxy', [FAST_CHECK, CONFORMANCE, AJV_COMPILER]],
  ])('%s loads none of what only run needs', async (command, unwanted) => {
    const urls = await loadsOf([command]);
    expect(urls.some((u) => u.includes('/dist/src/'))).toBe(true);
    expect(urls.filter((u) => unwanted.some((p) => p.test(u)))).toEqual([]);
  });
});
