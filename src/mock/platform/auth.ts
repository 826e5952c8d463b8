// Credentials (§5.1 100001) and account state (100006), checked in that order (D10). Secrets are
// compared as SHA-256 digests with timingSafeEqual (equal lengths whatever was sent), and every
// configured account is compared, so the time taken says nothing about which part was wrong.
import { hash, timingSafeEqual } from 'node:crypto';
import { RESULT_CODES } from '../../validate/result-code.js';
import type { AccountConfig } from './config.js';
import type { Rejection } from './hooks.js';

// One-shot hash(): the same digest as createHash().update().digest(), without a Hash object per call.
const digest = (text: string) => hash('sha256', text, 'buffer');

export function createAuthenticator(
  accounts: readonly AccountConfig[],
): (account: string, password: string) => Rejection | undefined {
  const known = accounts.map((a) => ({
    account: digest(a.account),
    password: digest(a.password),
    disabled: a.disabled === true,
  }));
  return (account, password) => {
    const accountDigest = digest(account);
    const passwordDigest = digest(password);
    let match: (typeof known)[number] | undefined;
    for (const entry of known) {
      const sameAccount = timingSafeEqual(entry.account, accountDigest);
      const samePassword = timingSafeEqual(entry.password, passwordDigest);
      if (sameAccount && samePassword && !match) match = entry;
    }
    if (!match) return { code: RESULT_CODES.authFailed, desc: 'access authentication failed' };
    if (match.disabled)
      return { code: RESULT_CODES.accountAbnormal, desc: 'account abnormal: the account is disabled' };
    return undefined;
  };
}
