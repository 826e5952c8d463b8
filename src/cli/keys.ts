// The keys of a signed hand-over (docs/signing.md): the Ed25519 private key `--sign-key` signs the
// reports with, and the public key `verify-report --key` checks them with, each read from a PEM
// file. Nothing here prints a key or any part of one: a bad key file is said by its path alone.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { keyIdOf } from '../report/render/attestation.js';
import type { WrittenReports } from '../report/render/write.js';
import { UserError } from './exit-codes.js';

/** How to make a key pair, as a message that refuses a key says it. */
export const KEYGEN_HINT =
  'openssl genpkey -algorithm ed25519 -out key.pem; openssl pkey -in key.pem -pubout -out pub.pem';

function readKeyFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function requireEd25519(flag: string, path: string, key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new UserError(
      `${flag} ${path} holds an ${key.asymmetricKeyType ?? 'unknown'} key; reports are signed with Ed25519 (${KEYGEN_HINT})`,
    );
  return key;
}

/**
 * The private key `--sign-key` names. A file that group or others may read or write gets one
 * warning line (`warn`), not an error: the run goes on.
 */
export function readSigningKey(path: string, warn: (line: string) => void): KeyObject {
  const text = readKeyFile('--sign-key', path);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE'
        ? 'is encrypted; give the key without a passphrase'
        : 'holds no private key in PEM';
    throw new UserError(`--sign-key ${path} ${why} (${KEYGEN_HINT})`);
  }
  requireEd25519('--sign-key', path, key);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    warn(
      `warning: --sign-key ${path} is open to group or others (mode ${mode.toString(8).padStart(4, '0')}); chmod 600 ${path}`,
    );
  return key;
}

/** The public key `--key` names; a private key is refused (only the public one is handed over). */
export function readVerifyKey(path: string): KeyObject {
  const text = readKeyFile('--key', path);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw new UserError(
      `--key ${path} holds a private key; give the public one (openssl pkey -in key.pem -pubout -out pub.pem)`,
    );
  try {
    return requireEd25519('--key', path, createPublicKey(text));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`--key ${path} holds no public key in PEM (${KEYGEN_HINT})`);
  }
}

/** One line on stderr, as the CLI says a warning: `iot-sms-conformance run: warning: …`. */
export function warnLine(command: string): (line: string) => void {
  return (line) => process.stderr.write(`iot-sms-conformance ${command}: ${line}\n`);
}

/** The files written, as the last lines of a run or a merge say them; with the key id when signed. */
export function writtenLine(written: WrittenReports, signingKey: KeyObject | undefined): string {
  return `reports: ${written.junit}, ${written.json}, ${written.html}${signedLine(written, signingKey)}`;
}

/** The line that follows the files written when they were signed (with its newline), else nothing. */
export function signedLine(written: { attestation?: string }, signingKey: KeyObject | undefined): string {
  if (!written.attestation || !signingKey) return '';
  return `\nsigned: ${written.attestation} (Ed25519, key id ${keyIdOf(signingKey)})`;
}
