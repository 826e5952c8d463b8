// `iot-sms-conformance verify-report DIR --key PUBLIC.pem`: checks a signed report folder
// (docs/signing.md). First the signature of DIR/attestation.json with the public key, then each file
// it names against its SHA-256; then it says what the signed report says: the verdict, the targets
// and the times. Each way it can fail has its exit code (src/cli/exit-codes.ts) and names the file.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ATTESTATION_FILE,
  checkSubjects,
  keyIdOf,
  openEnvelope,
  type Statement,
} from '../report/render/attestation.js';
import { formatTime } from '../report/render/common.js';
import { CERTIFICATE_LABEL } from '../report/render/provenance.js';
import type { RunReport } from '../report/types.js';
import { EXIT, UserError } from './exit-codes.js';
import { readVerifyKey } from './keys.js';

export const VERIFY_USAGE = `Usage: iot-sms-conformance verify-report DIR --key PUBLIC.pem

Checks a report folder signed with --sign-key (docs/signing.md): the signature of
DIR/attestation.json with the signer's Ed25519 public key, then every file it names (junit.xml,
report.json, report.html, ca.pem) against its SHA-256. Then prints the verdict, the targets and the
times the signed report states.
  --key FILE   the signer's public key (PEM; openssl pkey -in key.pem -pubout -out pub.pem)
Exit codes: 0 the signature and every file hold; 2 usage (no DIR, an unreadable key, a private key
given as --key); 5 the signature does not verify (another key, an altered attestation.json);
6 a file was changed after signing; 7 a file is missing (attestation.json, or one it names): when
files are both missing and changed, 7.`;

/** A file's bytes, or undefined when there is no such file. */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${file}: ${code ?? (err as Error).message}`);
  }
}

function folderOf(positionals: string[]): string {
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('verify-report takes one report folder (see --help)');
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // said below
  }
  if (!isFolder) throw new UserError(`${dir} is not a folder`);
  return dir;
}

/** What the signed report.json states: the targets (with their certificates) and the times. */
function reportLines(statement: Statement, dir: string): string[] {
  if (!statement.subject.some((s) => s.name === 'report.json'))
    return ['report    report.json is not among the signed files'];
  let report: RunReport;
  try {
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
  } catch {
    return ['report    report.json is signed but is no report of iot-sms-conformance'];
  }
  const lines: string[] = [];
  const certificates = report.provenance?.certificates ?? {};
  for (const key of ['platform', 'uplinkUrl', 'reportUrl'] as const) {
    const url = report.targets?.[key];
    if (!url) continue;
    const fingerprint = certificates[key];
    lines.push(
      `${lines.length === 0 ? 'target    ' : '          '}${key} ${url}${fingerprint ? ` (${CERTIFICATE_LABEL} ${fingerprint})` : ''}`,
    );
  }
  lines.push(`times     ${formatTime(report.startedAt)} → ${formatTime(report.finishedAt)}`);
  return lines;
}

export async function runVerifyReport(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { key: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    out(VERIFY_USAGE);
    return EXIT.ok;
  }
  const dir = folderOf(positionals);
  if (!values.key)
    throw new UserError("verify-report needs --key PUBLIC.pem, the signer's public key (see --help)");
  const key = readVerifyKey(values.key);
  const envelope = readIfThere(join(dir, ATTESTATION_FILE));
  if (envelope === undefined)
    throw new UserError(
      `${ATTESTATION_FILE} is missing in ${dir}: the reports were not signed`,
      EXIT.missing,
    );
  const statement = openEnvelope(envelope.toString('utf8'), key);
  if ('kind' in statement) throw new UserError(statement.message, EXIT.badSignature);
  const problems = checkSubjects(statement, (name) => readIfThere(join(dir, name)));
  if (problems.length > 0)
    throw new UserError(
      problems.map((p) => p.message).join('; '),
      problems.some((p) => p.kind === 'missing') ? EXIT.missing : EXIT.changed,
    );
  const count = (tests: string[] | undefined) => tests?.length ?? 0;
  const p = statement.predicate;
  out(`verified  ${join(dir, ATTESTATION_FILE)}: signed with key id ${keyIdOf(key)}`);
  out(`files     ${statement.subject.map((s) => s.name).join(', ')}: unchanged since signing`);
  out(
    `verdict   ${p.result} (${count(p.passedTests)} passed, ${count(p.warnedTests)} warned, ${count(p.failedTests)} failed)`,
  );
  for (const line of reportLines(statement, dir)) out(line);
  return EXIT.ok;
}
