// Running the built CLI in a child process against a hostile target, with its heap capped so an
// unbounded read shows as a crash, and everything it wrote (stdout, stderr, reports) collected.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackedHtml } from '../helpers/html.js';

const root = join(import.meta.dirname, '..', '..');
export const CLI = join(root, 'dist', 'src', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Every report file written, by name. */
  reports: Record<string, string>;
  reportDir: string;
}

/** The heap a run may use: far below what reading a 50 MB answer whole took (4.9 GB). */
export const HEAP_MB = 256;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'iot-sms-hostile-'));
}

export function runCli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}) {
  const reportDir = mkdtempSync(join(tmpdir(), 'iot-sms-hostile-reports-'));
  const started = performance.now();
  return new Promise<CliRun>((resolve) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, CLI, ...args, '--report-dir', reportDir],
      {
        cwd: root,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const reports: Record<string, string> = {};
      if (existsSync(reportDir))
        // report.html as its reader sees it with every case open (its packed details unpacked).
        for (const f of readdirSync(reportDir))
          reports[f] = unpackedHtml(readFileSync(join(reportDir, f), 'utf8'));
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, reports, reportDir });
    });
  });
}
