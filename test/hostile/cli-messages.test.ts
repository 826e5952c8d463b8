// Exit codes and messages of the built CLI (issue 9 item 5): one line on stderr, the right exit
// code, never Node's multi-line parser text, an ENOENT "internal error" or an EPIPE stack trace.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProfile } from '../helpers/profiles.js';
import { CLI, tempDir } from './run-cli.js';
import { type Hostile, startHostile } from './servers.js';

const dir = tempDir();
let refused: Hostile | undefined;

afterAll(async () => {
  await refused?.close();
});

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectOneLine(r: { code: number; stderr: string }, code: number, text: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

async function profileFile(): Promise<string> {
  refused ??= await startHostile('refused');
  return writeProfile(dir, 'p.json', {
    platform: {
      url: refused.url,
      account: 'acme',
      password: 'pw',
      signature: 's',
      templates: [{ id: 't' }],
      mobiles: ['8613600000000'],
      maxAcceptedMessages: 1,
    },
  });
}

describe('usage errors: one line, exit 2', () => {
  it('--ca naming a missing file', async () => {
    const r = await run(['platform', '--profile', await profileFile(), '--ca', '/missing.pem']);
    expectOneLine(r, 2, /cannot read the CA file \/missing\.pem \(--ca or the profile's tls\.ca\): ENOENT$/m);
  });

  it.each([
    [['run', '--runs', '-5'], /--runs takes a whole number ≥ 1$/m],
    [
      ['run', '--only', '-x'],
      /--only needs a value; a value that starts with a dash is written --only=VALUE/,
    ],
    [['run', '--runs=-5'], /--runs takes a whole number ≥ 1/],
    [['run', '--runs'], /--runs needs a value \(see --help\)/],
    [['platform', '--nope'], /unknown option --nope \(see --help\)/],
    [['validate', '--nope', 'x.json'], /unknown option --nope \(see --help\)/],
    [['run', '--max-body-bytes', '10'], /--max-body-bytes takes a whole number ≥ 1024/],
    [['run', '--max-auth-failures', 'x'], /--max-auth-failures takes a whole number ≥ 0/],
  ])('%j', async (args, text) => {
    expectOneLine(await run(args as string[]), 2, text);
  });
});

describe('validate', () => {
  it('accepts a JSON file that starts with a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"resultCode":"0"}');
    const r = await run(['validate', file, '--as', 'NotifyResponse']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: valid NotifyResponse/);
  });

  it('reads a profile that starts with a byte order mark', async () => {
    const file = await profileFile();
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    const r = await run(['platform', '--profile', file]);
    // The profile is read; the target of this profile refuses connections (exit 3, not 2).
    expectOneLine(r, 3, /connection refused/);
  });
});

describe('output to a closed pipe', () => {
  it('`platform --list | head` ends without an EPIPE stack trace', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'platform', '--list'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The reader goes away before the CLI writes: every write meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('--help', () => {
  it('lists every cause of exit code 3, as the README does', async () => {
    const r = await run(['platform', '--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const cause of [
      'refused the connection',
      'could not be resolved',
      'no answer within the timeout',
      'answered an HTML page',
      'spoke plain HTTP',
      'TLS failed',
    ])
      expect(help).toContain(cause);
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    for (const cause of ['refused the connection', 'answered an HTML page', 'spoke plain HTTP', 'TLS failed'])
      expect(readme).toContain(cause);
  });

  it('names the body cap and the lockout options', async () => {
    const r = await run(['run', '--help']);
    expect(r.stdout).toContain('--max-body-bytes N');
    expect(r.stdout).toContain('--max-auth-failures N');
    expect(r.stdout).toContain('--no-property-auth-faults');
  });
});

describe('npm start', () => {
  it('writes its reports to a folder it names', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toMatch(/ run --report-dir reports$/);
  });
});

describe('docs/profile.md', () => {
  it('says which fields are required, maxAcceptedMessages among them, and documents the new fields', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'profile.md'), 'utf8');
    expect(doc).toMatch(/Required: in `platform`.*`maxAcceptedMessages`/s);
    expect(doc).toMatch(/\| `platform\.maxAcceptedMessages` \| \*\*required\.\*\*/);
    for (const field of ['maxBodyBytes', 'platform.maxAuthFailures', 'platform.propertyAuthFaults'])
      expect(doc).toContain(`| \`${field}\` |`);
  });
});
