// The verdicts of the embedded default with a fixed seed are a committed snapshot: every case id,
// its level and its verdict, in report order. A restructuring of the engine, the rules or the
// suites must leave them as they are; a change of a verdict or a level is a deliberate edit of
// test/fixtures/verdicts-seed1.txt, made with the command below and said in the commit message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/report/types.js';
import { runCli } from './helpers/cli.js';

const SNAPSHOT = join(import.meta.dirname, 'fixtures', 'verdicts-seed1.txt');
const UPDATE = 'UPDATE_VERDICTS=1 npx vitest run test/verdict-snapshot.test.ts';
const dir = mkdtempSync(join(tmpdir(), 'iot-sms-verdicts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('iot-sms-conformance run --seed 1', () => {
  it('gives the committed verdicts (test/fixtures/verdicts-seed1.txt)', async () => {
    const ran = await runCli(
      ['run', '--seed', '1', '--report-dir', dir, '--no-color'],
      {},
      { timeoutMs: 280_000 },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
    const lines = report.cases.map((c) => `${c.id} ${c.level} ${c.verdict}`);
    if (process.env.UPDATE_VERDICTS === '1') writeFileSync(SNAPSHOT, `${lines.join('\n')}\n`);
    const committed = readFileSync(SNAPSHOT, 'utf8').split('\n').filter(Boolean);
    expect(
      lines,
      `a verdict, a level or a case changed. If that is deliberate, update the snapshot with \`${UPDATE}\` and say why in the commit message.`,
    ).toEqual(committed);
  }, 300_000);
});
