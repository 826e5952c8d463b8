// The `validate` command as a user runs it: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('iot-sms-conformance validate', () => {
  it("accepts the spec's request example and names its type (exit 0)", () => {
    const r = run(['validate', 'examples/SendTemplateMessageRequest.with-variables.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid SendTemplateMessageRequest');
  });

  it('prints each violation with path, limit and clause (exit 1)', () => {
    const body = JSON.stringify({
      account: 'a'.repeat(31),
      password: 'p',
      requestLists: [{ mobiles: ['1'.repeat(21)], templateId: 't' }],
    });
    const r = run(['validate', '-'], body);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'account has 31 characters; at most 30 allowed (MUST, §2 SendTemplateMessageRequest.account)',
    );
    expect(r.stdout).toContain('requestLists[0].mobiles[0] has 21 characters; at most 20 allowed');
    expect(r.stdout).toContain(
      'requestLists[0].signature is missing; it is required (MUST, §5.4 MtSmsMessage.signature)',
    );
    expect(r.stdout).toContain('invalid SendTemplateMessageRequest: 3 violations');
  });

  it('reports SHOULD readings as notes, and fails on them with --strict', () => {
    const report = JSON.stringify({ mobile: '136-0000', messageId: '1', status: 'DELIVRD' });
    const plain = run(['validate', '-'], report);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      'note : mobile is "136-0000", not a number of digits, with at most one leading +',
    );
    expect(plain.stdout).toContain('decision D12');
    const strict = run(['validate', '--strict', '-'], report);
    expect(strict.code).toBe(1);
  });

  it('--as overrides detection', () => {
    const r = run(['validate', '--as', 'SendTemplateMessageResponse', '-'], '{"resultCode":"0"}');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid SendTemplateMessageResponse');
  });

  it.each([
    ['not JSON', ['validate', '-'], '{"account":', 'is not JSON'],
    [
      'an unreadable file',
      ['validate', 'no/such/file.json'],
      undefined,
      'cannot read no/such/file.json: ENOENT',
    ],
    ['an unknown type', ['validate', '--as', 'Nope', '-'], '{}', 'unknown type Nope'],
    ['a document that is no message', ['validate', '-'], '{"foo":1}', 'is not any message of the API'],
    ['no file', ['validate'], undefined, 'validate takes one file'],
    ['an unknown flag', ['validate', '--nope', 'x.json'], undefined, 'unknown option --nope'],
  ])('%s: one line on stderr, exit 2, no stack trace', (_name, args, input, expected) => {
    const r = run(args, input);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
