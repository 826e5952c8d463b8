// Credentials (§5.1 100001) and account state (100006), checked in that order (D10). Secrets are
// compared as SHA-256 digests with timingSafeEqual (equal lengths whatever was sent), and every
// configured account is compared, so the time taken says nothing about which part was wrong.
import { createHash, hash, timingSafeEqual } from 'node:crypto';
import { RESULT_CODES } from '../../validate/result-code.js';
import type { AccountConfig } from './config.js';
import type { Rejection } from './hooks.js';

/**
 * One digest of the account and password together: JSON of the pair is unambiguous (no two pairs
 * give the same text), so the digests are equal exactly when both parts are. One hash and one
 * comparison per configured account, instead of two of each; hash() is the one-shot API.
 */
function digest(account: string, password: string): Buffer {
  // A step that let a request through unvalidated may pass a non-string: refused as hashing one
  // always was (ERR_INVALID_ARG_TYPE), not turned into "null" by JSON.
  for (const part of [account, password])
    if (typeof part !== 'string') createHash('sha256').update(part as never, 'utf8');
  return hash('sha256', JSON.stringify([account, password]), 'buffer');
}

export function createAuthenticator(
  accounts: readonly AccountConfig[],
): (account: string, password: string) => Rejection | undefined {
  const known = accounts.map((a) => ({
    credentials: digest(a.account, a.password),
    disabled: a.disabled === true,
  }));
  return (account, password) => {
    const given = digest(account, password);
    let match: (typeof known)[number] | undefined;
    for (const entry of known) if (timingSafeEqual(entry.credentials, given) && !match) match = entry;
    if (!match) return { code: RESULT_CODES.authFailed, desc: 'access authentication failed' };
    if (match.disabled)
      return { code: RESULT_CODES.accountAbnormal, desc: 'account abnormal: the account is disabled' };
    return undefined;
  };
}
