// The signed hand-over (docs/signing.md): `attestation.json` beside the reports, an in-toto
// Statement v1 with the test-result v0.1 predicate, whose subjects are the report files written,
// in a DSSE envelope signed with Ed25519 over DSSE's pre-authentication encoding (PAE). And the
// checks of one: the envelope's signature, then each subject's digest. Pure: write.ts writes it, the
// CLI reads the files it checks. The cryptography is node:crypto's (crypto.sign / crypto.verify).
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { isFailure, isGating } from '../../core/terms.js';
import type { SoakReport } from '../../soak/types.js';
import { specLine } from '../../spec/document.js';
import type { RunReport } from '../types.js';

export const ATTESTATION_FILE = 'attestation.json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
export const DSSE_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** A report file the attestation covers: its name in the report folder and the SHA-256 of its bytes. */
export interface Subject {
  name: string;
  digest: { sha256: string };
}

/** An in-toto ResourceDescriptor (the fields this kit fills). */
export interface ResourceDescriptor {
  name: string;
  uri?: string;
  digest?: Record<string, string>;
  annotations?: Record<string, unknown>;
}

/** The test-result v0.1 predicate: the spec spells the result in capitals. */
export interface TestResultPredicate {
  result: 'PASSED' | 'WARNED' | 'FAILED';
  configuration: ResourceDescriptor[];
  passedTests: string[];
  warnedTests: string[];
  failedTests: string[];
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof TEST_RESULT_PREDICATE;
  predicate: TestResultPredicate;
}

export interface Envelope {
  payloadType: string;
  /** The statement's JSON, base64. */
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/** SHA-256 of bytes (a string as UTF-8), lower-case hex: a subject's digest. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `AB:CD:…` (Node's fingerprint256) as a digest value: lower-case hex, no colons. */
function hexOfFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

/** DSSE's pre-authentication encoding: `DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`, lengths in bytes, ASCII decimal. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${body.length} `, 'ascii'),
    body,
  ]);
}

/** The key id a signature names: SHA-256 (hex) of the public key's DER (SubjectPublicKeyInfo). */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256Hex(pub.export({ type: 'spki', format: 'der' }));
}

/** Passed, warned (a failure that did not fail the gate: a SHOULD case not strict, an INFO case) and failed case ids. */
function testsOf(
  report: RunReport,
): Pick<TestResultPredicate, 'passedTests' | 'warnedTests' | 'failedTests'> {
  const failures = report.cases.filter(isFailure);
  return {
    passedTests: report.cases.filter((c) => c.verdict === 'pass').map((c) => c.id),
    warnedTests: failures.filter((c) => !isGating(c, report.strict)).map((c) => c.id),
    failedTests: failures.filter((c) => isGating(c, report.strict)).map((c) => c.id),
  };
}

/** What the run ran with: the profile (without its secrets), the kit's package, and each target with its TLS leaf certificate. */
function configurationOf(report: RunReport): ResourceDescriptor[] {
  const p = report.provenance;
  const out: ResourceDescriptor[] = [];
  if (p) {
    out.push(
      {
        name: 'profile',
        digest: { sha256: p.profileSha256 },
        annotations: { secrets: 'replaced by *** before hashing', seed: report.seed, strict: report.strict },
      },
      {
        name: `${p.kit.name}@${p.kit.version}`,
        uri: `pkg:npm/${p.kit.name}@${p.kit.version}`,
        ...(p.kit.packageJsonSha256 ? { digest: { sha256: p.kit.packageJsonSha256 } } : {}),
        annotations: {
          ...(p.kit.packageJsonSha256 ? { digestOf: 'package.json' } : {}),
          ...(p.kit.commit ? { gitCommit: p.kit.commit } : {}),
          spec: specLine(p.spec),
          node: p.node,
        },
      },
    );
  }
  for (const key of ['platform', 'uplinkUrl', 'reportUrl'] as const) {
    const url = report.targets[key];
    if (!url) continue;
    const fingerprint = p?.certificates[key];
    out.push({
      name: key,
      uri: url,
      ...(fingerprint
        ? {
            digest: { sha256: hexOfFingerprint(fingerprint) },
            annotations: { digestOf: 'TLS leaf certificate (DER)' },
          }
        : {}),
    });
  }
  return out;
}

/** The statement over the written report files. */
export function testResultStatement(report: RunReport, subject: Subject[]): Statement {
  const tests = testsOf(report);
  const result = !report.gate.passed ? 'FAILED' : tests.warnedTests.length > 0 ? 'WARNED' : 'PASSED';
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: TEST_RESULT_PREDICATE,
    predicate: { result, configuration: configurationOf(report), ...tests },
  };
}

/**
 * A soak's tests, as its JUnit states them: each gate (`threshold max-lost`), passed or failed; each
 * rule with findings, failed when MUST (the must-findings gate fails with it), warned otherwise;
 * and, when it was stopped early, `soak ran to its end`, failed.
 */
function soakTestsOf(
  report: SoakReport,
): Pick<TestResultPredicate, 'passedTests' | 'warnedTests' | 'failedTests'> {
  const gate = (passed: boolean) =>
    report.thresholds.filter((t) => t.passed === passed).map((t) => `threshold ${t.name}`);
  return {
    passedTests: gate(true),
    warnedTests: report.findings.filter((f) => f.level !== 'MUST').map((f) => f.rule.id),
    failedTests: [
      ...gate(false),
      ...report.findings.filter((f) => f.level === 'MUST').map((f) => f.rule.id),
      ...(report.interrupted ? ['soak ran to its end'] : []),
    ],
  };
}

/** What a soak ran with: the kit, what was asked, and each target. A soak report has no profile digest. */
function soakConfigurationOf(report: SoakReport): ResourceDescriptor[] {
  const { name, version } = report.tool;
  return [
    {
      name: `${name}@${version}`,
      uri: `pkg:npm/${name}@${version}`,
      annotations: {
        side: report.side,
        asked: report.asked,
        ...(report.shard ? { shard: report.shard } : {}),
        ...(report.merged ? { merged: report.merged } : {}),
        embedded: report.embedded,
      },
    },
    ...Object.entries(report.targets).map(([key, url]) => ({ name: key, uri: url })),
  ];
}

/** The statement over a soak's written report files: PASSED when every gate held, WARNED with findings of SHOULD or INFO rules. */
export function soakStatement(report: SoakReport, subject: Subject[]): Statement {
  const tests = soakTestsOf(report);
  const result = !report.passed ? 'FAILED' : tests.warnedTests.length > 0 ? 'WARNED' : 'PASSED';
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: TEST_RESULT_PREDICATE,
    predicate: { result, configuration: soakConfigurationOf(report), ...tests },
  };
}

/** The statement in a DSSE envelope, signed with an Ed25519 private key. */
export function signStatement(statement: Statement, key: KeyObject): Envelope {
  const body = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = sign(null, pae(DSSE_PAYLOAD_TYPE, body), key);
  return {
    payloadType: DSSE_PAYLOAD_TYPE,
    payload: body.toString('base64'),
    signatures: [{ keyid: keyIdOf(key), sig: sig.toString('base64') }],
  };
}

/** attestation.json's text for a statement (testResultStatement, soakStatement). */
export function renderAttestation(statement: Statement, key: KeyObject): string {
  return `${JSON.stringify(signStatement(statement, key), null, 2)}\n`;
}

/** Why an attestation does not hold, as verify-report's exit codes tell them apart. */
export type AttestationProblem =
  | { kind: 'signature'; message: string }
  | { kind: 'missing'; file: string; message: string }
  | { kind: 'changed'; file: string; message: string };

function isEnvelope(value: unknown): value is Envelope {
  const e = value as Envelope;
  return (
    typeof e?.payloadType === 'string' &&
    typeof e.payload === 'string' &&
    Array.isArray(e.signatures) &&
    e.signatures.every((s) => typeof s?.sig === 'string')
  );
}

function isStatement(value: unknown): value is Statement {
  const s = value as Statement;
  return (
    s?._type === STATEMENT_TYPE &&
    s.predicateType === TEST_RESULT_PREDICATE &&
    Array.isArray(s.subject) &&
    s.subject.every((x) => typeof x?.name === 'string' && typeof x.digest?.sha256 === 'string')
  );
}

/**
 * The statement of attestation.json's text when one of its signatures verifies with `key` over the
 * PAE of its payload (standard or URL-safe base64, as DSSE allows); a problem otherwise.
 */
export function openEnvelope(text: string, key: KeyObject): Statement | AttestationProblem {
  const bad = (why: string): AttestationProblem => ({
    kind: 'signature',
    message: `${ATTESTATION_FILE} ${why}`,
  });
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return bad('is not JSON');
  }
  if (!isEnvelope(envelope)) return bad('is not a DSSE envelope (payloadType, payload, signatures)');
  const body = Buffer.from(envelope.payload, 'base64');
  const signed = pae(envelope.payloadType, body);
  if (!envelope.signatures.some((s) => verify(null, signed, key, Buffer.from(s.sig, 'base64'))))
    return bad(`does not verify: no signature verifies with the key given (key id ${keyIdOf(key)})`);
  if (envelope.payloadType !== DSSE_PAYLOAD_TYPE)
    return bad(`has payloadType ${envelope.payloadType}, not ${DSSE_PAYLOAD_TYPE}`);
  let statement: unknown;
  try {
    statement = JSON.parse(body.toString('utf8'));
  } catch {
    return bad('holds a payload that is not JSON');
  }
  if (!isStatement(statement))
    return bad(`holds no in-toto Statement v1 of the ${TEST_RESULT_PREDICATE} predicate`);
  return statement;
}

/** A subject's name is a file of the report folder itself: no path, no `..`. */
const PLAIN_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

/**
 * Each subject against the folder's file of its name (`read` gives its bytes, or undefined when it
 * is missing). Files the statement does not name are not covered by it.
 */
export function checkSubjects(
  statement: Statement,
  read: (name: string) => Uint8Array | undefined,
): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  for (const s of statement.subject) {
    if (!PLAIN_NAME.test(s.name)) {
      problems.push({
        kind: 'changed',
        file: s.name,
        message: `${s.name} is not a file of the report folder`,
      });
      continue;
    }
    const bytes = read(s.name);
    if (bytes === undefined)
      problems.push({ kind: 'missing', file: s.name, message: `${s.name} is missing` });
    else if (sha256Hex(bytes) !== s.digest.sha256.toLowerCase())
      problems.push({
        kind: 'changed',
        file: s.name,
        message: `${s.name} was changed after signing (sha256 ${sha256Hex(bytes)}, signed ${s.digest.sha256})`,
      });
  }
  return problems;
}
