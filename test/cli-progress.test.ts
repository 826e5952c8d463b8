// A run against a slow target keeps CI informed and bounded: each case's line is printed as it
// finishes (read here from the child's stdout as it comes), a short --deadline ends the run in
// time with the cases left reported as not run (exit 4), and SIGTERM mid-run writes the reports,
// marked interrupted (exit 143). The target is a customer endpoint that answers every push after
// 2 s, run with --timeout-ms 3000.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/report/types.js';
import { sharedCertificate } from './mutants/platform/certificate.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-progress-'));
const ANSWER_AFTER_MS = 2_000;

let slow: Server;
let profile: string;

beforeAll(async () => {
  // HTTPS, as §1.1 wants (an http:// endpoint fails customer.transport.https, a MUST case).
  slow = createServer(sharedCertificate(), (req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end('{"resultCode":"0"}');
      }, ANSWER_AFTER_MS),
    );
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  profile = join(dir, 'slow.json');
  writeFileSync(
    profile,
    JSON.stringify({
      customer: { uplinkUrl: `${url}/uplink`, reportUrl: `${url}/report` },
      timeoutMs: 3000,
      tls: { insecure: true },
    }),
  );
});

afterAll(async () => {
  slow.closeAllConnections();
  await new Promise<void>((resolve) => slow.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Line {
  at: number;
  text: string;
}

/** Runs the CLI, timing each stdout line as it arrives; `onLine` may act on the child (a signal). */
function runTimed(
  args: string[],
  onLine: (line: Line, kill: (s: NodeJS.Signals) => void) => void = () => {},
) {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...args], { cwd: root });
  const lines: Line[] = [];
  let stderr = '';
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const text of parts) {
      const line = { at: Date.now() - started, text };
      lines.push(line);
      onLine(line, (s) => child.kill(s));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; lines: Line[]; stderr: string; ms: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, lines, stderr, ms: Date.now() - started })),
  );
}

const caseLine = /^\[ *[0-9]+\/[0-9]+\] (PASS|FAIL|ERROR|SKIP|INFO) /;

function report(name: string): RunReport {
  return JSON.parse(readFileSync(join(dir, name, 'report.json'), 'utf8')) as RunReport;
}

describe('a run against a slow customer endpoint', () => {
  it('prints each case line as the case finishes, with a progress count', async () => {
    const r = await runTimed([
      'customer',
      '--profile',
      profile,
      '--only',
      'customer.report.status.*,customer.uplink.limit.*',
      '--concurrency',
      '4',
      '--no-color',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cases = r.lines.filter((l) => caseLine.test(l.text));
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases[0]?.text).toMatch(new RegExp(`^\\[ *1/${cases.length}\\] PASS `));
    expect(cases.at(-1)?.text).toMatch(new RegExp(`^\\[${cases.length}/${cases.length}\\] PASS `));
    // 4 at a time, each 2 s: the first line comes a batch (or more) before the end.
    const first = cases[0] as Line;
    expect(r.ms - first.at).toBeGreaterThan(2 * ANSWER_AFTER_MS);
    // The summary still ends the run.
    expect(r.lines.map((l) => l.text)).toContain('gate: passed');
  }, 120_000);

  it('ends at a short --deadline with the cases left not run, in every report, and exit 4', async () => {
    const out = join(dir, 'deadline');
    const r = await runTimed([
      'customer',
      '--profile',
      profile,
      '--deadline',
      '6s',
      '--no-color',
      '--report-dir',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4);
    // The deadline, the in-flight pushes' 3 s timeout at most, and the process's start and end.
    expect(r.ms).toBeLessThan(6_000 + 3_000 + 5_000);
    const text = r.lines.map((l) => l.text).join('\n');
    expect(text).toContain("not run: the run's deadline (6 s, as given) passed");
    expect(text).toMatch(
      /gate: FAILED — [0-9]+ cases not run: the run's deadline \(6 s, as given\) passed \(exit 4\)/,
    );
    const json = report('deadline');
    expect(json.interrupted?.reason).toBe('deadline');
    expect(json.gate).toMatchObject({ passed: false, exitCode: 4 });
    const notRun = json.cases.filter((c) => c.notRun !== undefined);
    expect(notRun.length).toBe(json.interrupted?.notRun);
    expect(notRun.length).toBeGreaterThan(50);
    expect(notRun.every((c) => c.verdict === 'skip' && c.message.startsWith('not run'))).toBe(true);
    // Every case is in the report, in declared order, run or not.
    expect(json.cases).toHaveLength(r.lines.filter((l) => caseLine.test(l.text)).length);
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain(`<skipped message="not run: the run's deadline`);
    expect(junit).toContain('name="interrupted"');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<dt>Interrupted</dt>');
  }, 120_000);

  it('writes the reports, marked interrupted, when SIGTERM stops it mid-run, and exits 143', async () => {
    const out = join(dir, 'sigterm');
    let sent = false;
    const r = await runTimed(
      ['customer', '--profile', profile, '--no-color', '--report-dir', out],
      (line, kill) => {
        if (!sent && caseLine.test(line.text)) {
          sent = true;
          kill('SIGTERM');
        }
      },
    );
    expect(sent).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(143);
    const text = r.lines.map((l) => l.text).join('\n');
    expect(text).toContain('INTERRUPTED: interrupted by SIGTERM');
    const json = report('sigterm');
    expect(json.interrupted).toMatchObject({ reason: 'SIGTERM', message: 'interrupted by SIGTERM' });
    expect(json.gate.exitCode).toBe(143);
    expect(json.cases.some((c) => c.verdict === 'pass')).toBe(true);
    expect(json.cases.filter((c) => c.notRun !== undefined).length).toBeGreaterThan(50);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('interrupted by SIGTERM');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('interrupted by SIGTERM');
  }, 120_000);
});
