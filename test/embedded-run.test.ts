// The README's main command: `npm start` runs every suite against the kit's own mocks and passes.
// Run here as a user runs it (the built CLI, a child process), with its reports written.
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/report/types.js';
import { unpackedHtml } from './helpers/html.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-embedded-'));
// A fresh seed each run (or EMBEDDED_SEED to repeat one), printed with the rerun line on failure;
// the reports are kept on failure.
const SEED = Number(process.env.EMBEDDED_SEED ?? randomInt(0, 2 ** 31 - 1));
let passed = false;

afterAll(() => {
  if (passed) rmSync(dir, { recursive: true, force: true });
  else console.error(`embedded run failed: seed ${SEED}; reports kept in ${dir}`);
});

describe('the embedded default run', () => {
  it('passes against the mock platform and mock customer endpoint, on both sides', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [cli, 'run', '--report-dir', dir, '--no-color', '--strict', '--seed', String(SEED)],
          { cwd: root, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 },
          (err, out, errOut) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: out, stderr: errOut }),
        );
      },
    );
    // What a failure must say: the seed, the rerun line of the whole run and of each failed case.
    const why = [
      `seed ${SEED}; rerun: EMBEDDED_SEED=${SEED} npx vitest run test/embedded-run.test.ts`,
      `  or: node dist/src/cli/main.js run --no-color --strict --seed ${SEED}`,
      ...stdout.split('\n').filter((l) => /^(?:\[ *[0-9]+\/[0-9]+\] )?(FAIL|ERROR)\s|^\s+rerun\s/.test(l)),
    ].join('\n');
    expect(stderr, why).toBe('');
    expect(code, why).toBe(0);
    expect(stdout).toContain('gate: passed');

    for (const file of ['junit.xml', 'report.json', 'report.html'])
      expect(existsSync(join(dir, file))).toBe(true);
    // A report a vendor can mail: the details of the cases that passed are packed in the page.
    expect(statSync(join(dir, 'report.html')).size).toBeLessThanOrEqual(400 * 1024);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
    expect(report.embedded).toBe(true);
    expect(new Set(report.cases.map((c) => c.side))).toEqual(new Set(['platform', 'customer']));
    expect(report.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'error')).toEqual([]);
    // The run without arguments exercises every MUST case: the mock's profile has a value at every limit.
    expect(report.cases.filter((c) => c.level === 'MUST' && c.verdict === 'skip').map((c) => c.id)).toEqual(
      [],
    );
    expect(report.budget?.spent).toBeGreaterThan(0);
    // §1.1: every interface is HTTPS, the kit's callback receiver included (reports and uplinks
    // reached it over https, at the https statusCallback the kit sent).
    expect(Object.values(report.targets).every((url) => url.startsWith('https://'))).toBe(true);
    const received = report.cases.flatMap((c) => c.exchanges).filter((e) => e.direction === 'received');
    expect(received.length).toBeGreaterThan(0);
    for (const e of received) expect(e.request.url).toMatch(/^https:\/\//);
    expect(report.cases.find((c) => c.id === 'platform.reports.arrive')?.verdict).toBe('pass');
    expect(report.cases.find((c) => c.id === 'platform.uplink.push')?.verdict).toBe('pass');
    for (const file of ['junit.xml', 'report.json', 'report.html']) {
      expect(unpackedHtml(readFileSync(join(dir, file), 'utf8'))).not.toContain('s3cret');
    }
    expect(stdout).not.toContain('s3cret');
    expect(stdout).toContain(`· seed ${SEED} ·`);
    passed = true;
  }, 300_000);
});
