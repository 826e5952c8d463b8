// The proxy command of the built CLI (dist/): serves HTTPS in front of the self-signed mock platform,
// prints a live line per exchange, and on SIGTERM writes the report family and exits with the gate
// (--fail-on-violation), the exit code its gate line and report.json show. Bad flags are one line
// on stderr, exit 2.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type MockCustomer,
  type MockPlatform,
  type PlatformHooks,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import type { RunReport } from '../src/report/types.js';
import { unpackedHtml } from './helpers/html.js';
import { call, insecureAgent } from './helpers/mock-http.js';
import { validSend } from './helpers/proxy-chain.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const children: ChildProcess[] = [];
const mocks: (MockPlatform | MockCustomer)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const m of mocks.splice(0)) await m.close({ graceMs: 100 });
});

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += c;
  });
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  const finished = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output: () => stdout, finished };
}

async function waitFor(output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(output())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function chain(extra: string[], hooks?: PlatformHooks) {
  // The proxy's --https certificate is self-signed: the mock verifies push certificates by default.
  const platform = await startMockPlatform({
    config: { delivery: { delayMs: 20 }, pushTls: { insecure: true } },
    ...(hooks ? { hooks } : {}),
  });
  const customer = await startMockCustomer();
  mocks.push(platform, customer);
  const dir = mkdtempSync(join(tmpdir(), 'proxy-cli-'));
  const proxy = run([
    'proxy',
    '--target',
    platform.baseUrl,
    '--insecure',
    '--https',
    '--uplink-forward',
    customer.uplinkUrl,
    '--report-dir',
    dir,
    ...extra,
  ]);
  const [, sendUrl] = await waitFor(proxy.output, /send to (https:\/\/\S+)\n/);
  return { platform, customer, dir, proxy, sendUrl: sendUrl as string };
}

describe('proxy command', () => {
  it('judges live traffic, writes the report family on SIGTERM, and exits 1 on a MUST violation', async () => {
    const c = await chain(['--fail-on-violation']);
    const agent = insecureAgent();
    const ok = await call(c.sendUrl, validSend({ statusCallback: c.customer.reportUrl }), {
      dispatcher: agent,
    });
    expect((ok.json as { resultCode: string }).resultCode).toBe('0');
    const message = (validSend().requestLists as object[])[0];
    await call(c.sendUrl, validSend({ requestLists: Array.from({ length: 21 }, () => message) }), {
      dispatcher: agent,
    });
    await c.customer.waitFor((x) => x.received({ type: 'report' }).length === 2, 10_000);
    await waitFor(c.proxy.output, /(proxy #\d+ report .*\n[\s\S]*){2}/);
    c.proxy.child.kill('SIGTERM');
    const done = await c.proxy.finished;
    await agent.close();
    expect(done.code).toBe(1);
    expect(done.stdout).toMatch(/proxy #1 send 200 resultCode "0" \d+ ms ok/);
    expect(done.stdout).toMatch(
      /proxy #\d+ send 200 resultCode "100003" .*✗ MUST §2 SendTemplateMessageRequest\.requestLists/,
    );
    for (const file of ['report.json', 'report.html', 'junit.xml'])
      expect(existsSync(join(c.dir, file))).toBe(true);
    const report = JSON.parse(readFileSync(join(c.dir, 'report.json'), 'utf8')) as RunReport;
    const failed = report.cases.filter((x) => x.verdict === 'fail');
    expect(failed.map((x) => x.clause)).toEqual(['§2 SendTemplateMessageRequest.requestLists']);
    expect(failed[0]?.exchanges[0]?.request.body).toContain('"password":"***"');
    for (const text of [
      done.stdout,
      done.stderr,
      ...['report.json', 'report.html', 'junit.xml'].map((f) =>
        unpackedHtml(readFileSync(join(c.dir, f), 'utf8')),
      ),
    ])
      expect(text).not.toContain('s3cret');
  });

  it('exits 0 on SIGTERM when the traffic conforms', async () => {
    const c = await chain(['--fail-on-violation', '--strict']);
    const agent = insecureAgent();
    await call(c.sendUrl, validSend(), { dispatcher: agent });
    await waitFor(c.proxy.output, /proxy #1 send .* ok\n/);
    c.proxy.child.kill('SIGTERM');
    const done = await c.proxy.finished;
    await agent.close();
    expect(done.code).toBe(0);
  });

  // A platform that answers each recipient with a numeric resultCode breaks a MUST rule (§5.5).
  const numericResultCodes: PlatformHooks = {
    buildResponse: (next) => (req, rs) => {
      const answer = next(req, rs);
      return {
        ...answer,
        resultLists: answer.resultLists?.map((x) => ({ ...x, resultCode: 0 as unknown as string })) ?? null,
      };
    },
  };

  it.each([
    {
      name: 'with --fail-on-violation, SIGTERM: exit 1',
      flags: ['--fail-on-violation'],
      signal: 'SIGTERM',
      exit: 1,
    },
    { name: 'without --fail-on-violation, SIGINT: exit 0', flags: [], signal: 'SIGINT', exit: 0 },
  ] as const)(
    'a MUST rule broken, $name: the gate line, report.json and the process say the same exit code',
    async ({ flags, signal, exit }) => {
      const c = await chain([...flags], numericResultCodes);
      const agent = insecureAgent();
      await call(c.sendUrl, validSend(), { dispatcher: agent });
      await waitFor(c.proxy.output, /proxy #1 send .*✗ MUST §5\.5 MtSmsMessageRsp\.resultCode/);
      c.proxy.child.kill(signal);
      const done = await c.proxy.finished;
      await agent.close();
      const gate = /^gate: FAILED — \d+ MUST failures? \(exit (\d+)\)$/m.exec(done.stdout);
      expect(gate, done.stdout).not.toBeNull();
      expect(done.code).toBe(Number(gate?.[1]));
      expect(done.code).toBe(exit);
      const report = JSON.parse(readFileSync(join(c.dir, 'report.json'), 'utf8')) as RunReport;
      expect(report.gate).toMatchObject({ passed: false, outcome: 'failed', exitCode: done.code });
      // Without --fail-on-violation the proxy says that it exits 0 all the same.
      expect(done.stdout.includes('the proxy exits 0 all the same')).toBe(flags.length === 0);
    },
  );

  it('bad flags: one line on stderr, exit 2; --help prints the usage', async () => {
    for (const args of [
      ['proxy'],
      ['proxy', '--target', 'nope'],
      ['proxy', '--target', 'http://x', '--listen', 'nope'],
    ]) {
      const done = await run(args).finished;
      expect(done.code).toBe(2);
      expect(done.stderr.split('\n')[0]).toMatch(/^iot-sms-conformance proxy: /);
      expect(done.stderr).not.toMatch(/\n\s+at /);
    }
    const help = await run(['proxy', '--help']).finished;
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: iot-sms-conformance proxy --target URL/);
    const top = await run(['--help']).finished;
    expect(top.stdout).toMatch(/proxy --target URL/);
  });
});
